"""Vale rule types against fixtures written from Vale's documented behaviour.

Each file under fixtures/vale_cases/ has a `rule:` block (a Vale rule, as in a style's YAML
file) and named cases: `text` (Markdown unless `format` says otherwise) and the exact
`findings` expected (line, column, match and, where given, message, expected (the fix) and
severity). A case's `rule:` is merged over the top one; a key set to null is removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import make_doc, rule_cases
from msglint.vale.rules import TYPES
from msglint.vale.styles import Loaded, add_rule

CASES_DIR = Path(__file__).parent / "fixtures" / "vale_cases"


def build(base: dict[str, Any], override: dict[str, Any] | None) -> Any:
    definition = {k: v for k, v in {**base, **(override or {})}.items() if v is not None}
    loaded = Loaded()
    add_rule("Test.Rule", definition, "fixture", loaded, [], {})
    assert not loaded.unsupported, loaded.unsupported
    return loaded.rules[0]


@pytest.mark.parametrize(("base", "case"), rule_cases(CASES_DIR))
def test_vale_case(base: dict[str, Any], case: dict[str, Any]) -> None:
    rule = build(base, case.get("rule"))
    doc = make_doc(case["text"], case.get("format", "markdown"))
    found = list(rule.check(doc)) if rule.applies_to(doc) else []
    got = [
        {
            "line": f.location.line,
            "column": f.location.column,
            "match": f.actual_text,
            "message": f.message,
            "expected": f.expected_text,
            "severity": f.severity.value,
        }
        for f in found
    ]
    expected = case.get("findings") or []
    assert len(got) == len(expected), f"expected {expected}, got {got}"
    assert [{k: g[k] for k in e} for g, e in zip(got, expected, strict=True)] == expected
    for f in found:
        assert f.rule == "Test.Rule"


def test_every_type_has_a_fixture_file() -> None:
    covered = {yaml.safe_load(p.read_text())["rule"]["extends"] for p in CASES_DIR.glob("*.yml")}
    assert covered | {"readability"} == set(TYPES)
