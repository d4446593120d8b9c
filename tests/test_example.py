"""End to end: `msglint check` on the shipped Acme example gives exactly the expected report.

`examples/acme/expected-findings.json` is the whole JSON report. After an intended change,
regenerate it (`cd examples/acme && msglint check --no-history -f json -o
expected-findings.json`) and review the diff; the second test keeps it honest against the
hand-written answer key (PLANTED.md), so a regression cannot be accepted by regenerating
alone.
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


def _answer_key(heading: str, prefix: str) -> list[tuple[str, str, int | None, str]]:
    """Rows `| <prefix>N | source | `path` | line | ... | `rule` ...| [severity |]` of a section."""
    text = (EXAMPLE / "PLANTED.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}")[1].split("\n## ")[0]
    rows = []
    for row in re.finditer(
        rf"^\| {prefix}\w+ \| (\S+) \| `([^`]+)` \| (\d+|-) \| .*? \| `([\w.-]+)`[^|]*\|"
        r"(?: \w+ \|)?$",
        section,
        re.MULTILINE,
    ):
        source, path, line, rule = row.groups()
        rows.append((source, path, None if line == "-" else int(line), rule))
    return rows


def test_expected_findings_match_the_planted_answer_key(run_cli) -> None:
    _, report = _report(run_cli)
    got = sorted(
        (
            (f["source"], f["location"]["path"], f["location"]["line"], f["rule"])
            for f in report["findings"]
        ),
        key=str,
    )
    language = _answer_key("LANGUAGE", "L")
    cross = _answer_key("CROSS-SOURCE", "C") + _answer_key("CROSS-SOURCE", "E")
    assert len(language) == 12
    assert len(cross) == 12
    assert got == sorted(language + cross, key=str)


def test_consistency_findings_name_both_sides(run_cli) -> None:
    _, report = _report(run_cli)
    price = next(f for f in report["findings"] if f["rule"] == "msglint.price-mismatch")
    assert price["actual"]["text"] == "USD 279.00"
    assert price["actual"]["price"] == {
        "amount": "279.00",
        "currency": "USD",
        "period": None,
        "kind": "list",
        "text": "279.00",
    }
    assert price["expected"]["text"] == "USD 299.00"
    assert price["code"] == "differs" and price["field"] == {"name": "price", "key": None}
    reference = price["reference"]
    assert reference["source"] == "acme"
    assert reference["location"]["path"] == "site/products/airrouter-ax5400-pro.html"
    assert reference["record"].startswith("acme:site/products/airrouter-ax5400-pro.html#")
    assert price["product"] == "Acme AirRouter AX5400 Pro"
    # Every reference product is a group; the retired catalog row is unmatched.
    assert len(report["groups"]) == 8
    records = report["records"]
    unmatched = report["unmatched"]["partner"]["northwind-catalog"]
    assert [records[source][i]["name"] for source, i, _ in unmatched] == ["Acme HomeHub 1"]


def test_console_output_groups_by_source_and_file(run_cli) -> None:
    result = run_cli(["check"], EXAMPLE)
    assert result.exit_code == 1
    out = result.stdout
    assert out.index("berlin-store") < out.index("partners/berlin-store/pricing.html")
    assert "acme.retired-names" in out
    assert "24 finding(s)" in out
    assert "msglint.price-mismatch" in out
