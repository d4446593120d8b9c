"""The GitHub Action's run step, executed with bash as the runner would (inputs as env)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def _step(name: str) -> dict:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    return next(s for s in action["runs"]["steps"] if s.get("name") == name)


@pytest.mark.skipif(shutil.which("msglint") is None, reason="needs the msglint command")
def test_run_step_writes_sarif_and_annotations(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("It is TBD.\n")
    step = _step("Run msglint")
    output = tmp_path / "github_output"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "GITHUB_OUTPUT": str(output),
        "INPUT_PATHS": "docs/a.md",
        "INPUT_CONFIG": "",
        "INPUT_FAIL_ON": "error",
        "INPUT_CHANGED_SINCE": "",
        "INPUT_BASELINE": "",
        "INPUT_ANNOTATIONS": "true",
        "INPUT_SARIF": "out.sarif",
    }
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert output.read_text() == "exit-code=1\n"
    sarif = json.loads((tmp_path / "out.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["ruleId"] == "msglint.placeholder-text"
    assert "::error file=docs/a.md,line=1,col=7" in done.stdout
    upload = _step("Upload SARIF")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
