"""The `plan` rule kind, case by case as data, on plans read from real-shaped markup.

Each file under fixtures/plan_cases/ has a `rule:` block and named cases. A case gives a
`reference` and a `partner` source, each one of: `file` (a page under fixtures/plans/),
`html` (a page inline), `csv` or `json` (a price list inline), optionally with `edit`
(a list of [old, new] replacements applied to the file's text, so a partner page is the
brand page with one planted change). `findings` is the exact list of (`field`, `actual`,
`expected` prefix) the rule must report, in order (`field` is the finding's kind, as
`kind_of` tells it); empty for a pass. The brand's own findings (a stated discount its
prices do not give) are reported too, with `source: brand`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import rule_cases
from msglint.checks.plan import PlanRule, kind_of
from msglint.extract.plans import read_plans, read_price_list
from msglint.model import Plan, Role
from msglint.parse.html import parse_html

CASES_DIR = Path(__file__).parent / "fixtures" / "plan_cases"
PAGES_DIR = Path(__file__).parent / "fixtures" / "plans"


def read_side(spec: dict[str, Any], name: str, role: Role) -> list[Plan]:
    if "csv" in spec or "json" in spec:
        text = spec.get("csv") or spec.get("json")
        suffix = "csv" if "csv" in spec else "json"
        return read_price_list(text, source=name, role=role, path=f"{name}.{suffix}").plans
    if "file" in spec:
        text = (PAGES_DIR / spec["file"]).read_text(encoding="utf-8")
        path = spec["file"]
    else:
        text, path = spec["html"], f"{name}.html"
    for old, new in spec.get("edit", []):
        assert old in text, f"edit target {old!r} not in the page"
        text = text.replace(old, new)
    doc = parse_html(text, source=name, role=role, path=path)
    return read_plans(doc, product=spec.get("product")).plans


def run(rule_spec: dict[str, Any], case: dict[str, Any]) -> list[Any]:
    rule = PlanRule.model_validate({**rule_spec, **case.get("rule", {})})
    rule.prepare()
    reference = read_side(case["reference"], "brand", Role.REFERENCE)
    partner = read_side(case["partner"], "partner", Role.PARTNER)
    assert reference, "the reference side read no plans"
    found = list(rule.check_own(reference))
    found += list(rule.compare_plans(reference, partner))
    found += list(rule.check_own(partner))
    return found


@pytest.mark.parametrize(("rule", "case"), rule_cases(CASES_DIR))
def test_plan_case(rule: dict[str, Any], case: dict[str, Any]) -> None:
    findings = run(rule, case)
    got = [(kind_of(f), f.actual_text, f.expected_text, f.source) for f in findings]
    for f in findings:  # typed like every consistency finding
        assert f.code is not None and f.field is not None and f.reference is not None
    want = case.get("findings", [])
    assert len(got) == len(want), [f.message for f in findings]
    for (field, actual, expected, source), w in zip(got, want, strict=True):
        assert field == w["field"], (got, w)
        if "actual" in w:
            assert actual == w["actual"], (got, w)
        if "expected" in w:
            if w["expected"] is None:
                assert expected is None, (got, w)
            else:
                assert (expected or "").startswith(str(w["expected"])), (got, w)
        assert source == w.get("source", "partner"), (got, w)


def test_plan_rule_documents_itself() -> None:
    doc = PlanRule.explain()
    for heading in (
        "**What it checks**",
        "**Why it matters**",
        "**Example (flagged)**",
        "**Example (fine)**",
        "**Options**",
    ):
        assert heading in doc


def _plan(source: str, role: Role, *prices: tuple[str, str | None]) -> Plan:
    from decimal import Decimal

    from msglint.model import PlanPrice

    return Plan(
        source=source,
        role=role,
        path=f"{source}.html",
        name="Essential",
        prices=[
            PlanPrice(amount=Decimal(a), currency="INR", period=period, text=f"Rs {a}")
            for a, period in prices
        ],
    )


def test_a_price_without_a_cycle_pairs_only_when_it_is_the_brands_one_price() -> None:
    """The brand's cycle-less price pairs with the partner's one price only when the brand
    has no other: beside a monthly price it is something else (an add-on), and the
    partner's monthly price is already paired with the brand's."""
    rule = PlanRule.model_validate({"id": "t.plan", "kind": "plan"})
    rule.prepare()
    partner = [_plan("partner", Role.PARTNER, ("500", "month"))]
    both = [_plan("brand", Role.REFERENCE, ("500", "month"), ("50", None))]
    assert [f.message for f in rule.compare_plans(both, partner)] == []
    alone = [_plan("brand", Role.REFERENCE, ("450", None))]
    assert [f.actual_text for f in rule.compare_plans(alone, partner)] == ["INR 500.00/month"]
