"""The plan reader on the pricing-page fixtures, against their answer key (expected.yml).

The fixtures reproduce the structures public pricing pages use (see fixtures/plans/README.md);
the key says what each page states. Fields the reader is known to miss are listed per plan
(`known_misses`) and skipped here; benchmarks/plans.py counts them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from msglint.extract.plans import read_plans, read_price_list
from msglint.model import Plan, PlanPrice, Role
from msglint.parse.html import parse_html
from msglint.values.plans import plan_key

HERE = Path(__file__).parent / "fixtures" / "plans"
KEY = yaml.safe_load((HERE / "expected.yml").read_text(encoding="utf-8"))


def price_str(p: PlanPrice) -> str:
    if p.amount is None:
        return "custom"
    total = p.cycle_total.normalize() if p.cycle_total is not None else None
    per = f"/{p.per:f}" if p.per != 1 else ""
    text = f"{p.cycle}:{total:f}:{p.basis}{per}:{p.currency}"
    return text + (":sale" if p.kind == "sale" else "")


def summary(plan: Plan) -> dict:
    return {
        "prices": sorted({price_str(p) for p in plan.prices}),
        "limits": {k: v.text for k, v in plan.limits.items()},
        "features": [f.key if f.included else "-" + f.key for f in plan.features],
        "trial": int(plan.trial.value) if plan.trial else None,
        "sla": str(plan.sla.value) if plan.sla else None,
        "discount": str(plan.discount.percent) if plan.discount else None,
    }


def read(name: str):
    doc = parse_html(
        (HERE / name).read_text(encoding="utf-8"), source="s", role=Role.REFERENCE, path=name
    )
    return read_plans(doc)


@pytest.mark.parametrize("name", sorted(KEY))
def test_page_reads_as_its_key(name: str) -> None:
    want = KEY[name]
    got = read(name)
    assert [str(p.code) for p in got.problems] == want["problems"]
    assert [plan_key(p.name) for p in got.plans] == [plan_key(p["name"]) for p in want["plans"]]
    for plan, expected in zip(got.plans, want["plans"], strict=True):
        have = summary(plan)
        for field in ("prices", "limits", "features", "trial", "sla", "discount"):
            if field in expected.get("known_misses", []):
                continue
            assert have[field] == expected.get(
                field,
                {} if field == "limits" else None if field not in ("prices", "features") else [],
            ), (name, plan.name, field)


def test_every_fact_has_evidence() -> None:
    for name in KEY:
        for plan in read(name).plans:
            assert plan.location().path == name
            for price in plan.prices:
                assert price.where is not None and price.where.line, (name, plan.name, price)
            for spec in plan.limits.values():
                assert spec.where is not None and spec.where.line, (name, plan.name, spec)


def test_price_list_long_and_wide() -> None:
    long = read_price_list(
        "plan;period;price;currency\nPro;monthly;10,00;EUR\nPro;yearly;96,00;EUR\n"
        "Team;monthly;oops;EUR\n",
        source="p",
        role=Role.PARTNER,
        path="list.csv",
    )
    assert [p.name for p in long.plans] == ["Pro"]
    assert sorted(price_str(p) for p in long.plans[0].prices) == [
        "month:10:flat:EUR",
        "year:96:flat:EUR",
    ]
    assert [(str(p.code), p.where.line) for p in long.problems] == [("row", 4)]
    wide = read_price_list(
        "Plan,Monthly price,Annual price\nPro,$10,$96\n",
        source="p",
        role=Role.PARTNER,
        path="wide.csv",
    )
    assert sorted(price_str(p) for p in wide.plans[0].prices) == [
        "month:10:flat:USD",
        "year:96:flat:USD",
    ]
    broken = read_price_list("{not json", source="p", role=Role.PARTNER, path="x.json")
    assert broken.plans == [] and str(broken.problems[0].code) == "malformed"


def test_selectors_override() -> None:
    from msglint.extract.plans import PlanSelectors

    html = (
        "<div class=offer><b class=t>Alpha</b><i class=p>$5/mo</i><em class=f>SSO</em></div>"
        "<div class=offer><b class=t>Beta</b><i class=p>$9/mo</i><em class=f>SSO</em></div>"
    )
    doc = parse_html(f"<html><body>{html}</body></html>", source="s", role=Role.PARTNER, path="x")
    sel = PlanSelectors(plan=".offer", plan_name=".t", plan_price=".p", plan_features=".f")
    plans = read_plans(doc, selectors=sel).plans
    assert [
        (p.name, [price_str(x) for x in p.prices], [f.key for f in p.features]) for p in plans
    ] == [
        ("Alpha", ["month:5:flat:USD"], ["sso"]),
        ("Beta", ["month:9:flat:USD"], ["sso"]),
    ]


def test_hostile_page_is_bounded() -> None:
    cards = "".join(
        f"<div class=c><h3>P{i}</h3><p>${i}/mo</p><ul><li>x</li></ul></div>" for i in range(2000)
    )
    doc = parse_html(
        f"<html><body><div>{cards}</div></body></html>", source="s", role=Role.PARTNER, path="x"
    )
    plans = read_plans(doc).plans
    assert 0 < len(plans) <= 60
