"""The pre-commit hooks, run for real with `pre-commit try-repo` on a sample repository.

try-repo installs this checkout into a fresh virtualenv (dependencies from PyPI, about a
minute here), so the test builds it once: one try-repo run of both hooks (`msglint` reports,
then `msglint-fix` rewrites), and the fixed page is then checked again by this process's
msglint. Marked `integration` so a quick local run can skip it with `-m "not integration"`.
CI runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONFIG = """\
sources:
  - name: docs
    role: docs
    paths: ["docs/"]
packs: [general, rules/]
"""
RULES = """\
rules:
  - {id: t.sign-in, kind: terminology, level: error, swap: {log in: sign in}}
"""


def _run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.integration
def test_hooks_with_pre_commit_try_repo(tmp_path: Path, run_cli) -> None:
    sample = tmp_path / "site"
    (sample / "docs").mkdir(parents=True)
    (sample / "rules").mkdir()
    (sample / "msglint.yaml").write_text(CONFIG)
    (sample / "rules" / "t.yaml").write_text(RULES)
    page = sample / "docs" / "help.md"
    page.write_text("# Help\n\nPlease log in to see your orders.\n")
    (sample / "notes.py").write_text("x = 'log in'\n")  # not a content file: not passed
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    env.pop("PYTHONPATH", None)  # the hook must use its own installed msglint
    subprocess.run(["git", "init", "-q"], cwd=sample, check=True)
    subprocess.run(["git", "add", "."], cwd=sample, check=True, env=env)

    both = _run(sample, env, "try-repo", str(REPO), "--all-files")
    out = both.stdout + both.stderr
    assert both.returncode == 1, out
    assert "t.sign-in" in both.stdout and "docs/help.md" in both.stdout, out
    assert "notes.py" not in both.stdout
    assert "files were modified by this hook" in both.stdout, out
    assert page.read_text() == "# Help\n\nPlease sign in to see your orders.\n"

    again = run_cli(["check", "docs/help.md"], sample)
    assert again.exit_code == 0, again.stdout
