"""Every output format against one shared RunResult: tests/fixtures/report_snapshot/run.yml.

The result has findings of every family (text, consistency, coverage, msglint's own), groups,
unmatched records, typed values and evidence, history fields, unicode, and the hostile
strings a partner page can carry. Each format's output must equal its golden file in
tests/fixtures/report_snapshot/golden/ byte for byte. After an intended change, regenerate
them and review the diff:

    MSGLINT_REGENERATE=1 python -m pytest tests/test_report_snapshots.py
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from msglint.formats import OUTPUT_FORMATS
from msglint.model import Finding
from msglint.model.result import RunResult
from msglint.report import FORMATS, ReportOptions, render
from msglint.report.json import as_dict, load

HERE = Path(__file__).parent / "fixtures" / "report_snapshot"
GOLDEN = HERE / "golden"
SUFFIX = {
    "console": "txt",
    "json": "json",
    "html": "html",
    "sarif": "sarif.json",
    "junit": "xml",
    "github": "txt",
    "rdjson": "json",
    "rdjsonl": "jsonl",
    "markdown": "md",
    "gitlab": "json",
}
#: Fixed where a format would read the clock or the environment.
OPTIONS = ReportOptions(
    fail_on="warning",
    link_base="https://git.example/acme/site/blob/main",
    now=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
)


def snapshot_result() -> RunResult:
    """The shared result, findings in the order the filter stage leaves them."""
    data = yaml.safe_load((HERE / "run.yml").read_text(encoding="utf-8"))
    result = load(data)
    result.findings.sort(key=Finding.sort_key)
    return result


def golden(fmt: str) -> Path:
    return GOLDEN / f"{fmt}.{SUFFIX[fmt]}"


def test_every_format_is_registered_with_a_golden_file() -> None:
    assert tuple(FORMATS) == OUTPUT_FORMATS
    assert set(SUFFIX) == set(FORMATS)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_format_matches_its_golden_file(fmt: str) -> None:
    out = render(fmt, snapshot_result(), OPTIONS)
    data = out.encode("utf-8") if isinstance(out, str) else out
    path = golden(fmt)
    if os.environ.get("MSGLINT_REGENERATE"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.is_file(), f"no golden file for {fmt}: regenerate (see the module doc)"
    assert data == path.read_bytes(), f"{fmt} differs from {path}: review, then regenerate"


def test_the_json_report_loads_back_into_the_same_result() -> None:
    result = snapshot_result()
    data = as_dict(result, "warning")
    again = load(json.loads(json.dumps(data)))
    assert as_dict(again, "warning") == data
    assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in result.findings]


def test_every_format_renders_the_saved_report_as_the_live_one() -> None:
    """A saved JSON report, loaded back, renders byte for byte as the result it came from
    (the project folder aside, which a saved report does not keep)."""
    result = snapshot_result()
    saved = load(json.loads(render("json", result, OPTIONS)))
    for fmt in FORMATS:
        assert render(fmt, saved, OPTIONS) == render(fmt, result, OPTIONS), fmt


def test_the_snapshot_sarif_is_valid_against_the_official_schema() -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(json.loads(golden("sarif").read_text()))


def test_hostile_strings_stay_inert() -> None:
    """Spot checks on top of the golden files, so a regenerated golden cannot hide a hole."""
    result = snapshot_result()
    html = render("html", result, OPTIONS)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html.lower()
    markdown = render("markdown", result, OPTIONS)
    assert "@team" not in markdown and "<img" not in markdown
    github = render("github", result, OPTIONS)
    assert all(line.startswith(("::", "msglint: ")) for line in github.splitlines())
    junit = render("junit", result, OPTIONS)
    assert "\x0b" not in junit
