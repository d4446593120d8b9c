"""`msglint report RUN.json`: a saved JSON report rendered again, in any registered format."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from conftest import EXAMPLE
from msglint import history
from msglint.model import Price
from msglint.model.serial import finding_dict, finding_from_dict
from msglint.report.json import as_dict, load

SAVED = EXAMPLE / "expected-findings.json"


def test_saved_report_renders_as_console_text(run_cli, tmp_path: Path) -> None:
    result = run_cli(["report", str(SAVED), "-f", "console"], tmp_path)
    assert result.exit_code == 0, result.output
    assert "24 finding(s)" in result.stdout
    assert "msglint.price-mismatch" in result.stdout


def test_saved_report_round_trips_as_json(run_cli, tmp_path: Path) -> None:
    result = run_cli(["report", str(SAVED), "-f", "json"], tmp_path)
    assert json.loads(result.stdout) == json.loads(SAVED.read_text(encoding="utf-8"))


def test_findings_rebuild_exactly(tmp_path: Path) -> None:
    for f in json.loads(SAVED.read_text(encoding="utf-8"))["findings"]:
        assert finding_dict(finding_from_dict(f)) == f


def test_a_saved_report_loads_back_into_the_same_result() -> None:
    data = json.loads(SAVED.read_text(encoding="utf-8"))
    result = load(data)
    assert as_dict(result, data["summary"]["fail_on"]) == data
    price = next(f for f in result.findings if f.rule == "msglint.price-mismatch")
    assert isinstance(price.actual.typed, Price) and price.actual.typed.amount == Decimal("279")
    assert price.reference is not None and price.reference.source == "acme"
    assert result.groups[0].matches and result.unmatched.partner["northwind-catalog"]


def test_unknown_or_malformed_reports_are_usage_errors(run_cli, tmp_path: Path) -> None:
    data = json.loads(SAVED.read_text(encoding="utf-8"))
    (tmp_path / "old.json").write_text(json.dumps({**data, "schema_version": 1}))
    data["findings"][0]["severity"] = "fatal"
    (tmp_path / "bad.json").write_text(json.dumps(data))
    old = run_cli(["report", "old.json"], tmp_path)
    assert old.exit_code == 2 and "schema_version 1 is not supported" in old.stderr
    bad = run_cli(["report", "bad.json"], tmp_path)
    assert bad.exit_code == 2 and "the report is malformed" in bad.stderr


def test_html_from_saved_report_draws_score_trends(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    t0 = history.parse_iso("2025-03-01T10:00:00Z")
    for day, score in enumerate([50.0, 62.5, 75.0]):
        history.record(
            db,
            [],
            config_digest="d",
            config_path=None,
            partial=False,
            scores={"shopright": score},
            slas={},
            now=t0 + timedelta(days=day),
        )
    out = tmp_path / "r.html"
    result = run_cli(["report", str(SAVED), "--history", str(db), "-o", str(out)], tmp_path)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    card = html.split('data-source="shopright">')[1].split("</article>")[0]
    assert "<polyline" in card and "3 run(s)" in card
    assert "2025-03-03 10:00: 75" in card


def test_bad_saved_reports_are_clear_errors(run_cli, tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"findings": [', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"a": 1}', encoding="utf-8")
    cases = {
        "missing.json": "no such file",
        "broken.json": "broken.json:1:15: not valid JSON",
        "other.json": "not a msglint JSON report",
    }
    for name, message in cases.items():
        result = run_cli(["report", name], tmp_path)
        assert result.exit_code == 2
        assert message in result.stderr, result.stderr
    result = run_cli(["report", str(SAVED), "-f", "pdf"], tmp_path)
    assert result.exit_code == 2 and "unknown format 'pdf'" in result.stderr
