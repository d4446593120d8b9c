"""End to end: `msglint check` on the AquaFlow example (PDF and DOCX documents) gives exactly
the expected report, and that report is the hand-written answer key (PLANTED.md).

After an intended change, regenerate with
`cd examples/aquaflow && msglint check -f json -o expected-findings.json` and review the
diff; the answer-key test keeps a regression from being accepted by regenerating alone.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

AQUAFLOW = REPO / "examples" / "aquaflow"
GENERATED = (
    "site/datasheets/aquaflow-x100-datasheet.pdf",
    "site/manuals/aquaflow-x100-manual.pdf",
    "partners/hydrotec/datasheets/x100-datasheet.pdf",
    "partners/hydrotec/manuals/hydrotec-x100-manual.docx",
)


def _report(run_cli) -> tuple[int, dict]:
    result = run_cli(["check", "--format", "json"], AQUAFLOW)
    return result.exit_code, json.loads(result.stdout)


def test_report_is_exactly_the_expected_one(run_cli) -> None:
    code, report = _report(run_cli)
    expected = json.loads((AQUAFLOW / "expected-findings.json").read_text(encoding="utf-8"))
    assert report == expected
    assert code == 1


def _answer_key() -> list[tuple[str, str, int | None, int, str, str]]:
    text = (AQUAFLOW / "PLANTED.md").read_text(encoding="utf-8")
    section = text.split("## PLANTED")[1].split("\n## ")[0]
    rows = []
    for row in re.finditer(
        r"^\| D\d+ \| (\S+) \| `([^`]+)` \| (\d+|-) \| (\d+) \| .*? \| `([\w.-]+)` \| (\w+) \|$",
        section,
        re.MULTILINE,
    ):
        source, path, page, line, rule, severity = row.groups()
        rows.append((source, path, None if page == "-" else int(page), int(line), rule, severity))
    return rows


def test_findings_are_the_planted_answer_key(run_cli) -> None:
    _, report = _report(run_cli)
    got = sorted(
        (
            (
                f["source"],
                f["location"]["path"],
                f["location"].get("page"),
                f["location"]["line"],
                f["rule"],
                f["severity"],
            )
            for f in report["findings"]
        ),
        key=str,
    )
    key = _answer_key()
    assert len(key) == 13
    assert got == sorted(key, key=str)


def test_pdf_findings_name_page_and_line_in_every_format(run_cli) -> None:
    console = run_cli(["check", "--format", "console"], AQUAFLOW).stdout
    assert "page 1, line 7" in console
    sarif = json.loads(run_cli(["check", "--format", "sarif"], AQUAFLOW).stdout)
    results = sarif["runs"][0]["results"]
    pdf = next(r for r in results if r["ruleId"] == "msglint.spec-mismatch")
    where = pdf["locations"][0]
    assert "region" not in where["physicalLocation"]  # a PDF's lines are not file lines
    assert where["logicalLocations"][0]["name"] == "page 1, line 7"
    github = run_cli(["check", "--format", "github"], AQUAFLOW).stdout
    line = next(x for x in github.splitlines() if "x100-datasheet.pdf" in x)
    assert ",line=" not in line and "page 1, line 7" in line


def test_document_findings_carry_both_passages(run_cli) -> None:
    _, report = _report(run_cli)
    torque = next(f for f in report["findings"] if "25 Nm" in (f["actual"] or {}).get("text", ""))
    assert torque["actual"]["text"] == "2. Tighten the flange bolts to 25 Nm in a cross pattern."
    assert torque["expected"]["text"] == "2. Tighten the flange bolts to 30 Nm in a cross pattern."
    assert torque["reference"]["location"]["page"] == 1
    assert (torque["code"], torque["field"]) == ("differs", {"name": "document", "key": "numbers"})
    assert "25 Nm where the brand's says 30 Nm" in torque["message"]


def test_generated_documents_are_reproducible(tmp_path: Path) -> None:
    """make_documents.py writes the committed PDF and DOCX files byte for byte."""
    if importlib.util.find_spec("fpdf") is None or importlib.util.find_spec("docx") is None:
        pytest.skip("fpdf2 and python-docx (the test extra) are not installed")
    copy = tmp_path / "aquaflow"
    copy.mkdir()
    (copy / "make_documents.py").write_bytes((AQUAFLOW / "make_documents.py").read_bytes())
    subprocess.run([sys.executable, "make_documents.py"], cwd=copy, check=True, capture_output=True)
    for rel in GENERATED:
        made = hashlib.sha256((copy / rel).read_bytes()).hexdigest()
        kept = hashlib.sha256((AQUAFLOW / rel).read_bytes()).hexdigest()
        assert made == kept, rel


def test_html_report_shows_both_passages_with_the_difference_marked(run_cli) -> None:
    from msglint.report.html import side_by_side

    html = run_cli(["check", "--format", "html"], AQUAFLOW).stdout
    assert '"sbs":{"exp":' in html
    sbs = side_by_side(
        "2. Tighten the flange bolts to 30 Nm in a cross pattern.",
        "2. Tighten the flange bolts to 25 Nm in a cross pattern.",
    )
    assert sbs is not None
    assert [run for run in sbs["exp"] if run[1]] == [["30", True]]
    assert [run for run in sbs["act"] if run[1]] == [["25", True]]
    assert side_by_side("USD 299.00", "USD 279.00") is None  # values alone need no marking
