"""Partner to-do wording as data: tests/fixtures/todo/cases.yml, one case per rule kind/shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from msglint.model import Finding, Location, Record, Role, Severity, Spec
from msglint.packs import RuleFile
from msglint.report.todo import todo

CASES = Path(__file__).parent / "fixtures" / "todo" / "cases.yml"


def _cases() -> list[Any]:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [pytest.param(case, id=name) for name, case in data.items()]


@pytest.mark.parametrize("case", _cases())
def test_todo_wording(case: dict[str, Any]) -> None:
    rule = RuleFile.model_validate({"rules": [case["rule"]]}).rules[0]
    rule.prepare()
    f = case["finding"]
    reference_source = case["finding"].get("reference_source")
    expected = f.get("expected")
    if reference_source and expected:
        expected = f"{expected} ({reference_source}: site/p.html:30)"
    finding = Finding(
        rule=rule.id,
        severity=Severity.ERROR,
        message="m",
        source="catalog",
        role=Role.PARTNER,
        location=Location(
            path="catalog.csv", line=3, selector=f.get("selector"), segment=f.get("segment")
        ),
        actual=f.get("actual"),
        expected=expected,
        product=f.get("product"),
        field=f.get("field"),
        reference_source=reference_source,
    )
    references = {}
    if "reference_specs" in case:
        ref = Record(source="acme", role=Role.REFERENCE, path="p.html", name=f["product"])
        for key, label in case["reference_specs"].items():
            ref.specs[key] = Spec(key=key, label=label, text="")
        references[f["product"]] = ref
    item = todo(finding, rule, None, references)
    for name, want in case["todo"].items():
        assert getattr(item, name) == want, name
