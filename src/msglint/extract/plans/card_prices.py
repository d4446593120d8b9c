"""The prices of one plan card: toggle sides, data- attributes, struck list prices, billing.

A card's price block is read anchor by anchor (see `cards`): each anchor is tied to one
side of a monthly/annual toggle by the words in its own and its ancestors' class, id,
`x-show`, `v-if` and `data-` attributes; a side's price is read with that side's texts only
(the block holds both sides' notes); amounts held in `data-monthly` / `data-annual`
attributes take the visible text's currency, period and basis, an annual amount below the
monthly one being per month billed yearly and one several times larger the yearly total;
a struck-through price is the list price of the one next to it; and two monthly amounts in
one card, one "billed annually", make the other billed monthly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from msglint.extract.locate import Locator
from msglint.model import FLAT_BASIS, PlanPrice
from msglint.values.plans import words
from msglint.values.plans.prices import read_price

_STRUCK_CLASS = re.compile(
    r"line-through|strike|\bwas\b|\bold\b|original|compare|regular|before", re.I
)
_HAS_DIGIT = re.compile(r"\d")
_DATA_PRICE = re.compile(
    r"^data-(?:price-?)?(monthly|month|annual|annually|yearly|year)(?:-?price)?(?:-(?:usd|eur|gbp))?$",
    re.I,
)
_TOGGLE_ATTRS = (
    "class",
    "id",
    "x-show",
    "v-show",
    "v-if",
    ":class",
    "data-period",
    "data-billing",
    "data-cycle",
    "data-plan-period",
    "data-interval",
)
#: How many levels above an element a toggle word is looked for.
MAX_CLIMB = 8


@dataclass
class Card:
    """One plan card: its element, name element, and the prices read from it."""

    node: Any
    name_node: Any
    name: str
    prices: list[PlanPrice] = field(default_factory=list)
    anchors: list[Any] = field(default_factory=list)
    toggled: set[str] = field(default_factory=set)
    toggle_missing: bool = False


def text_of(node: Any) -> str:
    return " ".join((node.text(deep=True, separator=" ") or "").split())


def _tokens(node: Any) -> set[str]:
    out: set[str] = set()
    attrs = node.attributes
    for name in _TOGGLE_ATTRS:
        value = attrs.get(name)
        if value:
            out.update(t for t in re.split(r"[^a-zA-Zäéè]+", value.lower()) if t)
    return out


def toggle_side(node: Any, stop: Any) -> str | None:
    """ "month" or "year" when `node` or an ancestor below `stop` belongs to one side of
    a monthly/annual toggle (class, id, x-show, v-if or data- words)."""
    sides = words.toggle_words()
    current, depth = node, 0
    while current is not None and depth < MAX_CLIMB + 2:
        tokens = _tokens(current)
        month = bool(tokens & sides["month"])
        year = bool(tokens & sides["year"])
        if month != year:
            return "month" if month else "year"
        if stop is not None and current.mem_id == stop.mem_id:
            break
        current = current.parent
        depth += 1
    return None


def _struck(node: Any, stop: Any) -> bool:
    current, depth = node, 0
    while current is not None and depth < 4 and current.mem_id != stop.mem_id:
        if current.tag in ("del", "s", "strike"):
            return True
        cls = current.attributes.get("class") or ""
        if _STRUCK_CLASS.search(cls):
            return True
        current = current.parent
        depth += 1
    return False


def _side_texts(card: Card, side: str | None) -> str:
    """The card's short texts that belong to `side` of the toggle or to neither."""
    parts = []
    for node in card.node.traverse(include_text=False):
        own = (node.text(deep=False) or "").strip()
        if not own or len(own) > 120:
            continue
        got = toggle_side(node, card.node)
        if got is None or side is None or got == side:
            parts.append(own)
    return " ".join(parts)


def read_card_prices(card: Card, ev: Locator, currency: str | None) -> None:
    """Read the card's prices into `card.prices` (and the toggle sides it shows)."""
    sides_seen: set[str] = set()
    for anchor in card.anchors:
        side = toggle_side(anchor, card.node)
        if side:
            sides_seen.add(side)
    card.toggled = sides_seen
    side_texts: dict[str, str] = {}
    name_id = card.name_node.mem_id
    for anchor in card.anchors:
        if anchor.mem_id == name_id or _is_inside(anchor, card.name_node):
            continue
        data = _data_prices(anchor)
        if data:
            card.prices.extend(_from_data(anchor, data, card, ev, currency))
            card.toggled |= {s for s, _ in data}
            continue
        side = toggle_side(anchor, card.node)
        if side:
            # the price block holds both sides of the toggle: read this side's texts only
            if side not in side_texts:
                side_texts[side] = _side_texts(card, side)
            context = side_texts[side]
        else:
            context = _block_text(anchor, card) + " " + _billing_notes(card)
        struck = _struck(anchor, card.node)
        price = read_price(
            text_of(anchor), currency=currency, context=context, where=ev.element(anchor)
        )
        if price is None:
            continue
        if price.amount is None and any(p.amount is not None for p in card.prices):
            continue
        if price.amount is None:
            if not any(p.amount is None for p in card.prices):
                card.prices.append(_with(price, period=None, billed=None))
            continue
        if side == "year" and price.period == "month" and price.billed is None:
            price = _with(price, billed="year")
        if side == "month" and price.billed is None and price.period in (None, "month"):
            price = _with(price, billed="month", period=price.period or "month")
        if struck:
            price = _with(price, kind="struck")
        if price not in card.prices:
            card.prices.append(price)
    _settle_struck(card)
    _settle_billing(card)
    _drop_add_ons(card)


#: An amount for another unit than a period or a seat, right after it ("Extra invoices at
#: Rs 50/invoice", "$0.10 per SMS"): `read_price` found neither a period nor a basis there.
_PER_OTHER = re.compile(r"\d\s*(?:/|\bper\b)\s*[^\W\d_]{2,}", re.IGNORECASE)


def _drop_add_ons(card: Card) -> None:
    """Add-on and overage prices are not the plan's price: in a card whose price states a
    billing period, an amount per some other unit is dropped. Compared as the plan's price
    it paired with the partner's monthly price ("Essential differs: INR 500.00/month
    (brand: INR 50.00)") on a partner page that left the overage line out. A card with no
    period read keeps its prices (a period in a language the tables lack reads the same)."""
    if not any(p.cycle for p in card.prices if p.amount is not None):
        return
    card.prices = [
        p
        for p in card.prices
        if p.amount is None
        or p.cycle is not None
        or p.basis != FLAT_BASIS
        or _PER_OTHER.search(p.text) is None
    ]


def _settle_billing(card: Card) -> None:
    """Two monthly amounts in one card, one "billed annually": the other is billed monthly."""
    yearly = any(p.billed == "year" and p.period == "month" for p in card.prices)
    if not yearly:
        return
    card.prices = [
        _with(p, billed="month")
        if p.billed is None and p.period == "month" and p.amount is not None
        else p
        for p in card.prices
    ]


def _billing_notes(card: Card) -> str:
    """Short notes in a card that say how its price is billed ("facturé annuellement"):
    an element whose own text is little more than the billing phrase; a sentence that
    mentions billing ("save 20 % when billed annually") is not one."""
    from msglint.values.plans import billed_in

    notes = []
    for node in card.node.traverse(include_text=False):
        own = " ".join((node.text(deep=False) or "").split())
        if (
            own
            and len(own) <= 40
            and not _HAS_DIGIT.search(own)
            and billed_in(own)
            and not re.search(r"\bsave|\bor\b|\bif\b|\bwhen\b|%", own, re.I)
        ):
            notes.append(own)
    kinds = {billed_in(n) for n in notes}
    return notes[0] if len(kinds) == 1 else ""


def _is_inside(node: Any, container: Any) -> bool:
    current, depth = node.parent, 0
    while current is not None and depth < 30:
        if current.mem_id == container.mem_id:
            return True
        current = current.parent
        depth += 1
    return False


def _block_text(anchor: Any, card: Card) -> str:
    """The short text around an anchor: its parent's, if the parent is a price block."""
    parent = anchor.parent
    if parent is None or parent.mem_id == card.node.mem_id:
        return ""
    text = text_of(parent)
    return text if len(text) <= 160 else ""


def _with(price: PlanPrice, **changes: Any) -> PlanPrice:
    values = {
        "amount": price.amount,
        "currency": price.currency,
        "period": price.period,
        "billed": price.billed,
        "basis": price.basis,
        "per": price.per,
        "kind": price.kind,
        "text": price.text,
        "where": price.where,
    }
    values.update(changes)
    return PlanPrice(**values)


def _settle_struck(card: Card) -> None:
    """A struck-through price is the list price of the price shown next to it (sale)."""
    struck = [p for p in card.prices if p.kind == "struck"]
    if not struck:
        return
    out = []
    for price in card.prices:
        if price.kind == "struck":
            out.append(_with(price, kind="list"))
        elif any(s.cycle == price.cycle or s.cycle is None for s in struck):
            out.append(_with(price, kind="sale"))
        else:
            out.append(price)
    card.prices = out


def _data_prices(node: Any) -> list[tuple[str, str]]:
    out = []
    for key, value in node.attributes.items():
        m = _DATA_PRICE.match(key)
        if m and value is not None and value.strip():
            side = "month" if m.group(1).lower() in ("monthly", "month") else "year"
            out.append((side, value.strip()))
    return out


def _from_data(
    anchor: Any, data: list[tuple[str, str]], card: Card, ev: Locator, currency: str | None
) -> list[PlanPrice]:
    """Toggle prices held in data- attributes. The visible text gives currency and period;
    an annual amount below the monthly one is per month billed yearly, one several times
    larger is the yearly total."""
    where = ev.element(anchor)
    shown = read_price(
        text_of(anchor.parent or anchor), currency=currency, context=_block_text(anchor, card)
    )
    cur = (shown.currency if shown else None) or currency
    period = shown.period if shown else None
    basis = shown.basis if shown else "flat"
    per = shown.per if shown else Decimal(1)
    amounts: dict[str, Decimal] = {}
    for side, raw in data:
        digits = re.sub(r"[^\d.,]", "", raw)
        if not digits:
            continue
        price = read_price(raw, currency=cur)
        if price is not None and price.amount is not None:
            amounts[side] = price.amount
            cur = cur or price.currency
        else:
            try:
                amounts[side] = Decimal(digits.replace(",", "."))
            except InvalidOperation:
                continue
    out = []
    month, year = amounts.get("month"), amounts.get("year")
    if month is not None:
        out.append(
            PlanPrice(
                month, cur, period or "month", "month", basis, per, "list", f"data: {month}", where
            )
        )
    if year is not None:
        if month is not None and month > 0 and year > month * 3:
            year_period = "year"
        else:
            year_period = period or "month"
        out.append(
            PlanPrice(year, cur, year_period, "year", basis, per, "list", f"data: {year}", where)
        )
    return out
