"""What a pricing page says once for all its plans, and what it says without plans.

A trial ("Every paid plan starts with a 14-day free trial"), an uptime SLA or a stated
discount ("Save 20 % with annual billing") written outside the plan cards applies to every
plan on the page (a trial for "paid plans" not to the free one); and a page with recurring
prices but no plans the readers can tell apart is a problem with the first price's place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from msglint.extract import ProblemCode
from msglint.model import Claim, Document, Location, Plan
from msglint.values.plans import read_discount

if TYPE_CHECKING:
    from msglint.extract.locate import Locator
    from msglint.extract.plans.result import PlanExtraction


def located_discount(found: Any, where: Location | None) -> Any:
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


def page_claims(doc: Document, plans: list[Plan], card_ids: set[int]) -> None:
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
                discount = located_discount(
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


def no_plans(
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
