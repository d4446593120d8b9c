"""Rule test cases as data, like sqlfluff's: one YAML file per rule kind, one runner.

Each file under fixtures/rule_cases/ has a `rule:` block (a rule definition) and named
cases. A case gives `pass_text` (no findings expected) or `fail_text` with the exact
`findings` (line, column, match and, where given, suggestion); `format` (markdown, html,
text; default markdown), `path` and a per-case `rule:` override merged over the top one.
A `rule:` block of `{shipped: <rule id>}` tests a rule of the packs msglint ships, as
written there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import make_doc, rule_cases
from msglint.checks import KINDS
from msglint.packs import RuleFile, shipped_packs

CASES_DIR = Path(__file__).parent / "fixtures" / "rule_cases"


def shipped_rule(rule_id: str) -> dict[str, Any]:
    """The definition of a shipped rule, as its pack file writes it."""
    for path in shipped_packs().values():
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []:
            if rule.get("id") == rule_id:
                return rule
    raise LookupError(f"no shipped rule {rule_id}")


def resolved(rule: dict[str, Any]) -> dict[str, Any]:
    return shipped_rule(rule["shipped"]) if "shipped" in rule else rule


def build_rule(base: dict[str, Any], override: dict[str, Any] | None):
    definition = {**resolved(base), **(override or {})}
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
    covered = {
        resolved(yaml.safe_load(p.read_text())["rule"])["kind"] for p in CASES_DIR.glob("*.yml")
    }
    assert covered == {k for k, cls in KINDS.items() if cls.family == "text"}
