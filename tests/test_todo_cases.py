"""Partner to-do wording as data: tests/fixtures/todo/cases.yml, one case per rule kind/shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from msglint.model import (
    Code,
    Evidence,
    Finding,
    Location,
    Record,
    RecordField,
    Role,
    Severity,
    Spec,
)
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
    field = None
    if f.get("field"):
        name, _, key = f["field"].partition(":")
        field = RecordField(name, key or None)
    reference = None
    if f.get("reference_source"):
        reference = Evidence(f["reference_source"], Location(path="site/p.html", line=30))
    finding = Finding(
        rule=rule.id,
        severity=Severity.ERROR,
        message="m",
        source="catalog",
        role=Role.PARTNER,
        location=Location(
            path="catalog.csv",
            line=3,
            selector=f.get("selector"),
            segment=f.get("segment"),
            cell=f.get("cell"),
        ),
        actual=f.get("actual"),
        expected=f.get("expected"),
        product=f.get("product"),
        field=field,
        code=Code(f["code"]) if f.get("code") else None,
        reference=reference,
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
