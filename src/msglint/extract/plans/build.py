"""One page's plan readers -> one Plan per plan name, and what could not be read.

Cards give a plan's prices and feature list, a comparison table adds its rows (features,
limits, prices a card lacks), JSON-LD fills what the visible page does not state and is
checked against it. Trials, SLAs and stated discounts are read in each card first, then
in the page's prose for every plan on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from msglint.extract import Problem, ProblemCode
from msglint.extract.locate import Locator
from msglint.extract.plans.card_prices import text_of, toggle_side
from msglint.extract.plans.cards import Card, find_cards, page_looks_priced
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


@dataclass(frozen=True)
class PlanSelectors:
    """A source's own CSS selectors for its plans (the override for unusual markup)."""

    plan: str
    plan_name: str | None = None
    plan_price: str | None = None
    plan_features: str | None = None


@dataclass
class PlanExtraction:
    """The plans read from one page or price list, and what could not be read."""

    plans: list[Plan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, where: Location, code: ProblemCode, reason: str) -> None:
        self.problems.append(Problem(where, code, reason))


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
    _page_claims(doc, found, {c.node.mem_id for c in cards})
    for tier, plan in enumerate(found):
        plan.tier = tier
    if not found:
        _no_plans(doc, root, ev, currency, out)
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
            plan.discount = _located_discount(found, ev.text(found.text) or plan.at)


def _located_discount(found: Any, where: Location | None) -> Any:
    from msglint.model import Discount

    return Discount(found.percent, found.text, found.up_to, where)


def _inside(node: Any, ids: set[int]) -> bool:
    depth = 0
    while node is not None and depth < 40:
        if node.mem_id in ids:
            return True
        node = node.parent
        depth += 1
    return False


def _page_claims(doc: Document, plans: list[Plan], card_ids: set[int]) -> None:
    """Trial, SLA and discount stated once for every plan on the page (outside the cards)."""
    if not plans:
        return
    from msglint.model import match_location
    from msglint.values.claims import find_claims, has_claim_words

    trial: Claim | None = None
    sla: Claim | None = None
    discount = None
    for seg in doc.segments:
        if seg.kind in ("title", "meta-description") or _inside(seg.node, card_ids):
            continue
        if has_claim_words(seg.text):
            for claim in find_claims(seg.text):
                loc = match_location(doc, seg, claim.start, claim.end)
                if claim.kind == "trial" and trial is None:
                    trial = claim.located(loc)
                elif claim.kind == "sla" and sla is None:
                    sla = claim.located(loc)
        if trial is None:
            trial = _other_language_trial(doc, seg)
        if discount is None:
            found = read_discount(seg.text)
            if found is not None:
                start = seg.text.find(found.text)
                discount = _located_discount(
                    found, match_location(doc, seg, start, start + len(found.text))
                )
    paid_only = trial is not None and bool(_PAID.search(trial.sentence))
    for plan in plans:
        if plan.trial is None and trial is not None and not (paid_only and _free(plan)):
            plan.trial = trial
        if plan.sla is None and sla is not None:
            plan.sla = sla
        if plan.discount is None and discount is not None:
            cycles = {p.cycle for p in plan.prices if p.amount}
            if {"month", "year"} <= cycles:
                plan.discount = discount


def _other_language_trial(doc: Document, seg: Any) -> Claim | None:
    from decimal import Decimal

    from msglint.model import match_location
    from msglint.values.plans.features import read_trial

    found = read_trial(seg.text)
    if found is None:
        return None
    days, start, end = found
    return Claim(
        "trial",
        Decimal(days),
        "days",
        seg.text[start:end],
        seg.text,
        start,
        end,
        match_location(doc, seg, start, end),
    )


_PAID = re.compile(r"\b(?:paid|bezahlten|kostenpflichtigen|payantes?|de pago)\b", re.I)


def _free(plan: Plan) -> bool:
    """A plan whose every stated price is zero."""
    amounts = [p.amount for p in plan.prices]
    return bool(amounts) and all(a is not None and a == 0 for a in amounts)


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


def _no_plans(
    doc: Document, root: Any, ev: Locator, currency: str | None, out: PlanExtraction
) -> None:
    """A page that shows recurring prices but no plans the readers can tell apart."""
    from msglint.model import match_location
    from msglint.values.prices import find_prices

    shown = []
    for seg in doc.segments:
        if seg.kind in ("title", "meta-description"):
            continue
        for start, end, price in find_prices(seg.text, currency=currency):
            if price.period in ("month", "year"):
                shown.append((seg, start, end, price))
    if len(shown) < 2:
        return
    seg, start, end, price = shown[0]
    out.problem(
        match_location(doc, seg, start, end),
        ProblemCode.NO_DATA,
        f"the page shows {len(shown)} recurring prices (first {price.display()}) but no "
        "plans could be told apart (no plan cards with names, no comparison table, no "
        "schema.org offers); give the source plan selectors",
    )


__all__ = ["PlanExtraction", "PlanFeature", "PlanSelectors", "Spec", "read_plans"]
