"""One page's plan readers -> one Plan per plan name, and what could not be read.

Cards give a plan's prices and feature list, a comparison table adds its rows (features,
limits, prices a card lacks), JSON-LD fills what the visible page does not state and is
checked against it. Trials, SLAs and stated discounts are read in each card first, then
in the page's prose for every plan on it.
"""

from __future__ import annotations

import re
from typing import Any

from msglint.extract import ProblemCode
from msglint.extract.locate import Locator
from msglint.extract.plans.card_prices import text_of, toggle_side
from msglint.extract.plans.cards import Card, find_cards, page_looks_priced
from msglint.extract.plans.pageclaims import located_discount, no_plans, page_claims
from msglint.extract.plans.result import PlanExtraction, PlanSelectors
from msglint.extract.plans.schema import schema_plans
from msglint.extract.plans.table import read_tables
from msglint.model import Claim, Document, Location, Plan, PlanFeature, PlanPrice, Spec
from msglint.values.plans import plan_key, read_discount, read_feature, read_limit, read_price
from msglint.values.plans.features import read_sla

_LEAD_IN = re.compile(
    r"^(?:everything|all features?|all of|alles|tout|todo)\b.*(?:plus|and|:|,)?\s*:?$|:$",
    re.IGNORECASE,
)
#: Most features read from one card.
MAX_FEATURES = 80


def read_plans(
    doc: Document,
    *,
    currency: str | None = None,
    product: str | None = None,
    selectors: PlanSelectors | None = None,
) -> PlanExtraction:
    """Every plan an HTML page states, each field with its evidence."""
    out = PlanExtraction()
    tree = doc.tree
    if tree is None or tree.body is None:
        return out
    root = tree.body
    ev = Locator(doc)
    plans: dict[str, Plan] = {}
    if selectors is not None:
        cards = _selected_cards(root, selectors, ev, currency)
        tables = []
    else:
        cards = find_cards(root, ev, currency)
        tables = read_tables(root, ev, currency)
        if cards and not page_looks_priced(cards) and not tables:
            cards = []
    for card in cards:
        plan = _plan(doc, plans, card.name, product, ev.element(card.name_node), "cards")
        plan.at = plan.at or ev.element(card.node)
        plan.prices.extend(card.prices)
        _card_features(plan, card, ev, selectors)
        _card_claims(plan, card, ev)
        if card.toggle_missing:
            cycles = {p.cycle for p in card.prices if p.amount}
            shown = "monthly" if cycles == {"month"} else "annual"
            out.problem(
                plan.location(),
                ProblemCode.VALUE,
                f"plan '{card.name}' shows only its {shown} price; the other plans on the "
                "page show a monthly and an annual price (the toggle's second price set "
                "is missing)",
            )
    for columns in tables:
        for col in columns:
            plan = _plan(doc, plans, col.name, product, ev.element(col.node), "table")
            known = {(p.cycle, p.basis) for p in plan.prices}
            for price in col.prices:
                if (price.cycle, price.basis) not in known:
                    plan.prices.append(price)
                    known.add((price.cycle, price.basis))
            have = {f.key for f in plan.features}
            plan.features.extend(f for f in col.features if f.key not in have)
            for key, spec in col.limits.items():
                plan.limits.setdefault(key, spec)
            for claim in col.claims:
                if claim.kind == "sla" and plan.sla is None:
                    plan.sla = claim
                elif claim.kind == "trial" and plan.trial is None:
                    plan.trial = claim
    _schema(doc, ev, plans, product, out)
    found = [p for p in plans.values() if p.prices or p.features or p.limits]
    page_claims(doc, found, {c.node.mem_id for c in cards})
    for tier, plan in enumerate(found):
        plan.tier = tier
    if not found:
        no_plans(doc, root, ev, currency, out)
    out.plans = found
    return out


def _plan(
    doc: Document,
    plans: dict[str, Plan],
    name: str,
    product: str | None,
    where: Location,
    origin: str,
) -> Plan:
    key = plan_key(name, product)
    plan = plans.get(key)
    if plan is None:
        plan = Plan(
            source=doc.source,
            role=doc.role,
            path=doc.path,
            url=doc.url,
            name=name,
            product=product,
            origin=origin,
        )
        plan.where["name"] = where
        plans[key] = plan
    return plan


def _selected_cards(root: Any, sel: PlanSelectors, ev: Locator, currency: str | None) -> list[Card]:
    cards = []
    for node in root.css(sel.plan):
        name_node = node.css_first(sel.plan_name) if sel.plan_name else None
        if name_node is None:
            continue
        card = Card(node=node, name_node=name_node, name=text_of(name_node))
        for price_node in node.css(sel.plan_price) if sel.plan_price else []:
            side = toggle_side(price_node, node)
            context = text_of(price_node.parent) if price_node.parent is not None else ""
            price = read_price(
                text_of(price_node),
                currency=currency,
                context=context[:160],
                where=ev.element(price_node),
            )
            if price is None:
                continue
            if side and price.billed is None:
                price = PlanPrice(
                    price.amount,
                    price.currency,
                    price.period or side,
                    side,
                    price.basis,
                    price.per,
                    price.kind,
                    price.text,
                    price.where,
                )
            card.prices.append(price)
        cards.append(card)
    return cards


def _feature_nodes(card: Card, selectors: PlanSelectors | None) -> list[Any]:
    if selectors is not None and selectors.plan_features:
        nodes = []
        for node in card.node.css(selectors.plan_features):
            items = node.css("li")
            nodes.extend(items or [node])
        return nodes
    anchor_ids = {a.mem_id for a in card.anchors}
    out = []
    for li in card.node.css('li, [role="listitem"]'):
        if li.mem_id in anchor_ids or len(li.css("li")) > 1:
            continue
        out.append(li)
    return out


def _card_features(plan: Plan, card: Card, ev: Locator, selectors: PlanSelectors | None) -> None:
    have = {f.key for f in plan.features}
    for node in _feature_nodes(card, selectors)[:MAX_FEATURES]:
        text = text_of(node)
        if not text or _LEAD_IN.search(text):
            continue
        where = ev.element(node)
        if _states_claim(text):
            continue  # "99.9% uptime SLA", "14-day free trial": the plan's sla / trial
        sla = read_sla(text)
        if sla is not None:  # "Disponibilité garantie de 99,9 %"
            if plan.sla is None:
                plan.sla = Claim("sla", sla[0], "percent", text[sla[1] : sla[2]], text, where=where)
            continue
        included = not _crossed(node)
        limit = read_limit(text, where) if included else None
        if limit is not None:
            plan.limits.setdefault(limit[0], limit[1])
            continue
        feature = read_feature(text, where, included=included, listing="card")
        if feature is not None and feature.key not in have:
            plan.features.append(feature)
            have.add(feature.key)


def _states_claim(text: str) -> bool:
    from msglint.values.claims import find_claims, has_claim_words

    return has_claim_words(text) and any(c.kind in ("trial", "sla") for c in find_claims(text))


def _crossed(node: Any) -> bool:
    """A feature line the card marks as not included (a cross icon, a struck or muted line)."""
    cls = " ".join(
        (n.attributes.get("class") or "") + " " + (n.attributes.get("aria-label") or "")
        for n in [node, *node.css("svg, i, span, img")]
    ).casefold()
    return (
        bool(
            re.search(
                r"(?:^|[\s-])(?:cross|xmark|x-mark|times|not-included|excluded|unavailable|disabled|line-through)(?:$|[\s-])",
                cls,
            )
        )
        or node.css_first("del, s") is not None
    )


def _card_claims(plan: Plan, card: Card, ev: Locator) -> None:
    from msglint.values.claims import find_claims, has_claim_words

    text = text_of(card.node)
    for claim in find_claims(text) if has_claim_words(text) else ():
        if claim.kind == "trial" and plan.trial is None:
            plan.trial = claim.located(ev.text(claim.text) or plan.at)
        elif claim.kind == "sla" and plan.sla is None:
            plan.sla = claim.located(ev.text(claim.text) or plan.at)
    if plan.discount is None:
        found = read_discount(text)
        if found is not None:
            plan.discount = located_discount(found, ev.text(found.text) or plan.at)


def _schema(
    doc: Document, ev: Locator, plans: dict[str, Plan], product: str | None, out: PlanExtraction
) -> None:
    from msglint.extract import Extraction
    from msglint.extract.structured import jsonld_items

    scratch = Extraction()
    items = jsonld_items(doc, ev, scratch)
    out.problems.extend(scratch.problems)
    visible = bool(plans)
    for item_product, name, prices, where, _offer in schema_plans(items, ev):
        key = plan_key(name, product or item_product)
        plan = plans.get(key)
        if plan is None:
            if visible and key not in plans:
                # a plan only JSON-LD names: kept, the page may list it in prose only
                pass
            plan = _plan(doc, plans, name, product or item_product, where, "json-ld")
            plan.at = where
        if plan.product is None:
            plan.product = product or item_product
        for price in prices:
            same = [
                p
                for p in plan.prices
                if p.cycle_total is not None and _same_cycle(p, price) and p.basis == price.basis
            ]
            if not same:
                if plan.origin != "json-ld" and price.cycle is None and plan.prices:
                    continue
                plan.prices.append(price)
                continue
            totals = {p.cycle_total for p in same}
            if price.cycle_total not in totals and not any(p.amount == price.amount for p in same):
                shown = same[0]
                out.problem(
                    price.where or where,
                    ProblemCode.VALUE,
                    f"JSON-LD gives plan '{plan.name}' the price {price.display()}, the page "
                    f"shows {shown.display()}",
                )


def _same_cycle(a: PlanPrice, b: PlanPrice) -> bool:
    return a.cycle == b.cycle or (b.cycle is None and a.cycle is not None)


__all__ = ["PlanExtraction", "PlanFeature", "PlanSelectors", "Spec", "read_plans"]
