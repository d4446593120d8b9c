"""Baselines: accepted findings stay hidden across line shifts and re-wrapping; new ones show;
fixed ones are listed for pruning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import docs_project

RULES = """\
rules:
  - {id: t.sign-in, kind: terminology, level: error, swap: {log in: sign in}}
  - {id: t.wifi, kind: capitalization, level: error, names: [Wi-Fi]}
"""
PAGE = """\
# Help

To see your orders, log in to the store and open the list of purchases.

Connect over WiFi first.

Then log in again.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    docs_project(tmp_path, RULES, "help.md", PAGE)
    return tmp_path


def _findings(run_cli, project: Path, *args: str) -> tuple[int, list[dict], str]:
    result = run_cli(["check", "-f", "json", *args], project)
    return result.exit_code, json.loads(result.stdout)["findings"], result.stderr


def test_baseline_round_trip_across_line_shifts_and_whitespace(project: Path, run_cli) -> None:
    result = run_cli(["baseline"], project)
    assert result.exit_code == 0, result.output
    entries = json.loads((project / ".msglint-baseline.json").read_text())["findings"]
    assert len(entries) == 3
    # Lines move, a paragraph is re-wrapped with other whitespace: nothing new.
    shifted = PAGE.replace("# Help\n", "# Help\n\nA new intro.\n\nAnother one.\n").replace(
        "log in to the store and open", "log in  to the store\nand   open"
    )
    (project / "docs" / "help.md").write_text(shifted)
    code, findings, err = _findings(run_cli, project, "--baseline", ".msglint-baseline.json")
    assert (code, findings) == (0, [])
    assert "3 accepted finding(s) hidden" in err
    # A new finding shows; an edited paragraph keeps its accepted finding hidden.
    (project / "docs" / "help.md").write_text(
        shifted.replace("Then log in again.", "Then, later, log in again.") + "\nLog in now.\n"
    )
    code, findings, _ = _findings(run_cli, project, "--baseline", ".msglint-baseline.json")
    assert code == 1
    assert [(f["rule"], f["actual"]["text"]) for f in findings] == [("t.sign-in", "Log in")]


def test_fixed_findings_are_reported_and_pruned(project: Path, run_cli) -> None:
    run_cli(["baseline", "-o", "accepted.json"], project)
    (project / "docs" / "help.md").write_text(PAGE.replace("WiFi", "Wi-Fi"))
    code, findings, err = _findings(run_cli, project, "--baseline", "accepted.json")
    assert (code, findings) == (0, [])
    assert "1 baselined finding(s) no longer occur" in err
    assert "fixed: docs/help.md:5 t.wifi" in err
    assert run_cli(["baseline", "-o", "accepted.json", "--prune"], project).exit_code == 0
    entries = json.loads((project / "accepted.json").read_text())["findings"]
    assert sorted(e["rule"] for e in entries) == ["t.sign-in", "t.sign-in"]
    _, _, err = _findings(run_cli, project, "--baseline", "accepted.json")
    assert "no longer occur" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file missing.json not found; create it with 'msglint baseline'"),
        ('{"findings": [1]', "missing.json:1:17: not valid JSON"),
        ('{"findings": [{"rule": "x"}]}', "missing.json: not a msglint baseline"),
    ],
)
def test_bad_baseline_is_a_usage_error(project: Path, run_cli, content, message) -> None:
    if content is not None:
        (project / "missing.json").write_text(content)
    result = run_cli(["check", "--baseline", "missing.json"], project)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
