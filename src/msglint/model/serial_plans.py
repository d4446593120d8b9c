"""SaaS plans and their side-by-side groups as plain JSON data and back (the JSON report's
`plans`), in the shapes and with the error contract of `serial`: amounts stay decimal
strings, and every `*_from_dict` raises KeyError, TypeError or ValueError on anything it
did not write. As for records, where each value was read is left out (findings carry
their own evidence); a plan keeps where it was read (`location`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from msglint.model.common import Role
from msglint.model.plans import Discount, Plan, PlanFeature, PlanGroup, PlanPrice
from msglint.model.serial import (
    claim_dict,
    claim_from_dict,
    location_dict,
    location_from_dict,
    spec_dict,
    spec_from_dict,
)


def plan_price_dict(price: PlanPrice) -> dict[str, Any]:
    return {
        "amount": None if price.amount is None else str(price.amount),
        "currency": price.currency,
        "period": price.period,
        "billed": price.billed,
        "basis": price.basis,
        "per": str(price.per),
        "kind": price.kind,
        "text": price.text,
        "shown": price.display(),
    }


def plan_price_from_dict(data: dict[str, Any]) -> PlanPrice:
    amount = data.get("amount")
    return PlanPrice(
        amount=None if amount is None else Decimal(str(amount)),
        currency=data.get("currency"),
        period=data.get("period"),
        billed=data.get("billed"),
        basis=str(data.get("basis", "flat")),
        per=Decimal(str(data.get("per", "1"))),
        kind=str(data.get("kind", "list")),
        text=str(data.get("text", "")),
    )


def plan_dict(plan: Plan) -> dict[str, Any]:
    where = plan.at or plan.where.get("name")
    discount = plan.discount
    return {
        "source": plan.source,
        "role": plan.role.value,
        "path": plan.path,
        "url": plan.url,
        "name": plan.name,
        "product": plan.product,
        "label": plan.label,
        "tier": plan.tier,
        "origin": plan.origin,
        "prices": [plan_price_dict(p) for p in plan.prices],
        "features": [
            {"key": f.key, "text": f.text, "included": f.included, "listing": f.listing}
            for f in plan.features
        ],
        "limits": [spec_dict(s) for s in plan.limits.values()],
        "trial": None if plan.trial is None else claim_dict(plan.trial),
        "sla": None if plan.sla is None else claim_dict(plan.sla),
        "discount": None
        if discount is None
        else {"percent": str(discount.percent), "text": discount.text, "up_to": discount.up_to},
        "location": None if where is None else location_dict(where),
    }


def plan_from_dict(data: dict[str, Any]) -> Plan:
    plan = Plan(
        source=str(data["source"]),
        role=Role(data["role"]),
        path=str(data["path"]),
        name=str(data["name"]),
        url=data.get("url"),
        product=data.get("product"),
        tier=int(data.get("tier", 0)),
        origin=str(data.get("origin", "")),
        prices=[plan_price_from_dict(p) for p in data.get("prices") or []],
        features=[
            PlanFeature(
                key=str(f["key"]),
                text=str(f["text"]),
                included=bool(f.get("included", True)),
                listing=str(f.get("listing", "")),
            )
            for f in data.get("features") or []
        ],
    )
    for spec in data.get("limits") or []:
        parsed = spec_from_dict(spec)
        plan.limits[parsed.key] = parsed
    if data.get("trial"):
        plan.trial = claim_from_dict(data["trial"])
    if data.get("sla"):
        plan.sla = claim_from_dict(data["sla"])
    if data.get("discount"):
        d = data["discount"]
        plan.discount = Discount(Decimal(str(d["percent"])), str(d["text"]), bool(d["up_to"]))
    if data.get("location"):
        plan.at = location_from_dict(data["location"])
    return plan


def plan_group_dict(group: PlanGroup) -> dict[str, Any]:
    return {
        "reference": None if group.reference is None else plan_dict(group.reference),
        "partners": {
            source: {"plan": plan_dict(plan), "method": group.methods.get(source)}
            for source, plan in group.partners.items()
        },
        "same_features": group.same_features,
    }


def plan_group_from_dict(data: dict[str, Any]) -> PlanGroup:
    ref = data.get("reference")
    group = PlanGroup(reference=None if ref is None else plan_from_dict(ref))
    for source, entry in (data.get("partners") or {}).items():
        group.partners[str(source)] = plan_from_dict(entry["plan"])
        if entry.get("method"):
            group.methods[str(source)] = str(entry["method"])
    for source, same in (data.get("same_features") or {}).items():
        group.same_features[str(source)] = {str(k): str(v) for k, v in same.items()}
    return group
