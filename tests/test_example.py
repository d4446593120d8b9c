"""End to end: `msglint check` on the shipped Acme example gives exactly the expected report.

`examples/acme/expected-findings.json` is the whole JSON report. After an intended change,
regenerate it with `cd examples/acme && msglint check -f json -o expected-findings.json`
and review the diff; the second test keeps it honest against the hand-written answer key
(PLANTED.md), so a regression cannot be accepted by regenerating alone.
"""

from __future__ import annotations

import json
import re

from conftest import EXAMPLE


def _report(run_cli) -> tuple[int, dict]:
    result = run_cli(["check", "--format", "json"], EXAMPLE)
    return result.exit_code, json.loads(result.stdout)


def test_example_report_is_exactly_the_expected_one(run_cli) -> None:
    code, report = _report(run_cli)
    expected = json.loads((EXAMPLE / "expected-findings.json").read_text(encoding="utf-8"))
    assert report == expected
    assert code == 1  # the example has error-level findings


def test_expected_findings_match_the_planted_answer_key(run_cli) -> None:
    _, report = _report(run_cli)
    got = sorted(
        (f["source"], f["location"]["path"], f["location"]["line"], f["rule"])
        for f in report["findings"]
    )
    planted = []
    section = (EXAMPLE / "PLANTED.md").read_text(encoding="utf-8").split("## LANGUAGE")[1]
    section = section.split("\n## ")[0]
    for row in re.finditer(
        r"^\| L\d+ \| (\S+) \| `([^`]+)` \| (\d+) \| .*? \| `([\w.-]+)`", section, re.MULTILINE
    ):
        source, path, line, rule = row.groups()
        planted.append((source, path, int(line), rule))
    assert len(planted) == 12
    assert got == sorted(planted)


def test_console_output_groups_by_source_and_file(run_cli) -> None:
    result = run_cli(["check"], EXAMPLE)
    assert result.exit_code == 1
    out = result.stdout
    assert out.index("berlin-store") < out.index("partners/berlin-store/pricing.html")
    assert "acme.retired-names" in out
    assert "12 finding(s)" in out
