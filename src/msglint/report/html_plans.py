"""The HTML report's SaaS plans: each brand plan with every partner's, side by side.

One card per brand plan (then one per partner plan the brand does not offer), a column per
source: the brand's first, then each partner that states the plan, then the partners that
do not ("missing"). Rows: the plan's name, its price per billing cycle, each feature any
source lists, each limit, trial length, uptime SLA and stated discount. A partner's cell is
highlighted when a finding is about it (the same plan, field and source), and the finding's
message is shown under the value, so a partner manager sees what to change where. Built
from `RunResult.plan_groups` and the findings only (a saved report renders the same), as
plain data for `templates/plans.html.j2`; cards reuse the product cards' classes, so the
report's partner filter and "only with findings" switch apply to them as they are.
"""

from __future__ import annotations

from typing import Any

from msglint.model import Plan, PlanGroup, PlanPrice
from msglint.model.result import RunResult

_CYCLES = {"month": "Monthly price", "year": "Annual price", "one-time": "One-time price"}


def plan_cards(
    result: RunResult, by_product: dict[tuple[str, str], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """One card per plan group, as the template shows it."""
    partners = _partner_sources(result)
    return [_card(g, partners, by_product) for g in result.plan_groups]


def _partner_sources(result: RunResult) -> list[str]:
    seen: dict[str, None] = {}
    for g in result.plan_groups:
        for source in g.partners:
            seen.setdefault(source, None)
    return list(seen)


def _card(
    group: PlanGroup, partners: list[str], by_product: dict[tuple[str, str], list[dict[str, Any]]]
) -> dict[str, Any]:
    ref = group.reference
    anchor = ref or next(iter(group.partners.values()))
    label = anchor.label
    columns = []
    for source, plan in group.partners.items():
        found = by_product.get((source, label), [])
        columns.append(
            {
                "source": source,
                "plan": plan,
                "method": group.methods.get(source, ""),
                "findings": [f for f in found if f["field"] != "plan"],
                "where": _where(plan),
            }
        )
    missing = []
    if ref is not None:
        for source in partners:
            if source in group.partners:
                continue
            hits = [f for f in by_product.get((source, label), []) if f["field"] == "plan"]
            missing.append({"source": source, "findings": hits})
    plans = ([ref] if ref is not None else []) + [c["plan"] for c in columns]
    rows = [_row("Name", "name", ref, columns, lambda p: p.name)]
    for cycle in _cycles(plans):
        rows.append(
            _row(
                _CYCLES.get(cycle or "", "Price"),
                f"price:{cycle}" if cycle else "price",
                ref,
                columns,
                lambda p, c=cycle: _price(p, c),
            )
        )
    same = {id(c["plan"]): group.same_features.get(c["source"], {}) for c in columns}
    for key, text in _features(plans, same):
        rows.append(
            _row(
                text,
                f"feature:{key}",
                ref,
                columns,
                lambda p, k=key: _feature(p, k, same.get(id(p), {})),
                kind="feat",
            )
        )
    for key in _limit_keys(plans):
        rows.append(
            _row(
                f"Limit: {key}",
                f"limit:{key}",
                ref,
                columns,
                lambda p, k=key: p.limits[k].text if k in p.limits else None,
            )
        )
    rows.append(_row("Trial", "trial", ref, columns, lambda p: _claim(p.trial, "days")))
    rows.append(_row("Uptime SLA", "sla", ref, columns, lambda p: _claim(p.sla, "%")))
    rows.append(
        _row("Stated discount", "discount", ref, columns, lambda p: p.discount and p.discount.text)
    )
    rows = [
        r
        for r in rows
        if r["reference"] not in (None, "not listed")
        or any(c["value"] not in (None, "not listed") for c in r["cells"])
    ]
    shown = {r["field"] for r in rows}
    other = [f for c in columns for f in c["findings"] if f["field"] not in shown]
    flagged = any(c["findings"] for c in columns) or any(m["findings"] for m in missing)
    return {
        "label": label,
        "extra": ref is None,
        "reference": None if ref is None else {"source": ref.source, "where": _where(ref)},
        "columns": columns,
        "missing": missing,
        "rows": rows,
        "other": other,
        "sources": sorted({c["source"] for c in columns} | {m["source"] for m in missing}),
        "flagged": flagged or ref is None,
    }


def _row(
    title: str,
    field: str,
    ref: Plan | None,
    columns: list[dict[str, Any]],
    pick: Any,
    kind: str = "",
) -> dict[str, Any]:
    cells = []
    for c in columns:
        hits = [f for f in c["findings"] if f["field"] == field]
        cells.append({"value": pick(c["plan"]), "findings": hits, "flagged": bool(hits)})
    return {
        "title": title,
        "field": field,
        "kind": kind,
        "reference": None if ref is None else pick(ref),
        "cells": cells,
    }


def _where(plan: Plan) -> dict[str, Any]:
    at = plan.location()
    return {
        "path": at.path,
        "url": at.url,
        "line": at.line,
        "selector": at.anchor,
        "origin": plan.origin,
    }


def _effective(plan: Plan) -> dict[str | None, PlanPrice]:
    out: dict[str | None, PlanPrice] = {}
    for price in plan.prices:
        have = out.get(price.cycle)
        if have is None or (price.kind == "sale" and have.kind != "sale"):
            out[price.cycle] = price
    return out


def _cycles(plans: list[Plan]) -> list[str | None]:
    order = {"month": 0, "year": 1, "one-time": 2, None: 3}
    found = {c for p in plans for c in _effective(p)}
    return sorted(found, key=lambda c: order.get(c, 4))


def _price(plan: Plan, cycle: str | None) -> str | None:
    price = _effective(plan).get(cycle)
    if price is None:
        return None
    shown = price.display()
    if price.billed == "year" and price.period == "month" and price.cycle_total is not None:
        head = f"{price.currency} " if price.currency else ""
        shown += f" (= {head}{price.cycle_total:,.2f}/year)"
    return shown


def _features(plans: list[Plan], same: dict[int, dict[str, str]]) -> list[tuple[str, str]]:
    """(row key, row title) per feature: the brand's first; a partner's feature worded
    differently from a brand feature it is shares that feature's row."""
    seen: dict[str, str] = {}
    for plan in plans:
        mapped = same.get(id(plan), {})
        for f in plan.features:
            seen.setdefault(mapped.get(f.key, f.key), f.text)
    return list(seen.items())


def _feature(plan: Plan, key: str, mapped: dict[str, str]) -> str | None:
    for f in plan.features:
        if mapped.get(f.key, f.key) == key:
            return "✓ " + f.text if f.included else "✗ not included"
    return "not listed"


def _limit_keys(plans: list[Plan]) -> list[str]:
    seen: dict[str, None] = {}
    for plan in plans:
        for key in plan.limits:
            seen.setdefault(key, None)
    return list(seen)


def _claim(claim: Any, unit: str) -> str | None:
    return None if claim is None else f"{claim.value} {unit}"
