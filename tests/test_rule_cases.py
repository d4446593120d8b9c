"""Rule test cases as data, like sqlfluff's: one YAML file per rule kind, one runner.

Each file under fixtures/rule_cases/ has a `rule:` block (a rule definition) and named
cases. A case gives `pass_text` (no findings expected) or `fail_text` with the exact
`findings` (line, column, match and, where given, suggestion); `format` (markdown, html,
text; default markdown), `path` and a per-case `rule:` override merged over the top one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import make_doc, rule_cases
from msglint.checks import KINDS
from msglint.packs import RuleFile

CASES_DIR = Path(__file__).parent / "fixtures" / "rule_cases"


def build_rule(base: dict[str, Any], override: dict[str, Any] | None):
    definition = {**base, **(override or {})}
    rule = RuleFile.model_validate({"rules": [definition]}).rules[0]
    rule.prepare()
    return rule


@pytest.mark.parametrize(("base", "case"), rule_cases(CASES_DIR))
def test_rule_case(base: dict[str, Any], case: dict[str, Any]) -> None:
    rule = build_rule(base, case.get("rule"))
    fmt = case.get("format", "markdown")
    default_path = {"markdown": "doc.md", "html": "page.html", "text": "doc.txt"}[fmt]
    text = case.get("pass_text", case.get("fail_text"))
    assert text is not None, "a case needs pass_text or fail_text"
    doc = make_doc(text, fmt, path=case.get("path", default_path))
    found = list(rule.check(doc)) if rule.applies_to(doc) else []
    got = [
        {
            "line": f.location.line,
            "column": f.location.column,
            "match": f.actual_text,
            "suggestion": f.expected_text,
        }
        for f in found
    ]
    if "pass_text" in case:
        assert got == [], f"expected no findings, got {got}"
        return
    expected = case["findings"]
    assert len(got) == len(expected), f"expected {expected}, got {got}"
    # Compare only the fields each expected finding names (suggestion is optional).
    assert [{k: g[k] for k in e} for g, e in zip(got, expected, strict=True)] == expected


def test_every_kind_has_a_fixture_file() -> None:
    covered = {yaml.safe_load(p.read_text())["rule"]["kind"] for p in CASES_DIR.glob("*.yml")}
    assert covered == {k for k, cls in KINDS.items() if cls.family == "text"}
