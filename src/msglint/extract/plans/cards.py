"""Plan cards side by side: a name, a price block (one or two toggle sets), a feature list.

Pricing pages are built from frameworks (Bootstrap `.card`, Tailwind grids, page builders),
so no class name can be trusted; the reader goes by structure instead:

1. price anchors: the smallest elements whose text is a price ("$15/mo", "9 €/Monat",
   "Free", "Custom"), or that carry toggle prices in `data-` attributes
   (`data-monthly`, `data-price-annual`, ...);
2. the card of an anchor is its lowest ancestor that also holds a name (a heading, or an
   element whose class says name/title/tier); cards nested in other cards are dropped;
3. in a card, each anchor is tied to one side of a monthly/annual toggle by the words in
   its own and its ancestors' class, id, `x-show`, `v-if` and `data-` attributes, so a
   toggle rendered as two hidden price sets gives two prices; struck-through prices
   (`del`, `s`, a `line-through`/`was`/`original` class) are list prices;
4. the card's list items are its features and limits (`features`).

Cards are plans only when the page looks like a pricing page (a price with a billing
period, a "billed ..." note, or a toggle): a shop's product grid is not a plan table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from msglint.extract.locate import Locator
from msglint.model import PlanPrice
from msglint.values.plans import words
from msglint.values.plans.prices import is_custom, read_price

_SKIP = frozenset({"script", "style", "template", "noscript", "svg", "head", "table", "select"})
_CHROME = frozenset({"nav", "footer", "header"})
_NAME_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NAME_CLASS = re.compile(r"(?:^|[-_])(?:name|title|tier|plan-?name|heading)(?:$|[-_])", re.I)
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
#: Longest text an anchor may have: a price block, not a paragraph.
MAX_ANCHOR = 80
#: How many levels above an anchor a card is looked for.
MAX_CLIMB = 8
#: Most cards read from one page.
MAX_CARDS = 60


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


def _in_chrome(node: Any) -> bool:
    current, depth = node.parent, 0
    while current is not None and depth < 30:
        if current.tag in _CHROME or current.tag in _SKIP:
            return True
        current = current.parent
        depth += 1
    return False


def _is_priceish(text: str) -> bool:
    if not text or len(text) > MAX_ANCHOR:
        return False
    if is_custom(text):
        return True
    if _HAS_DIGIT.search(text) is None:
        return text.strip(" .!*").casefold() in _free_words()
    return read_price(text) is not None


def _free_words() -> frozenset[str]:
    from msglint.text.tables import load

    return frozenset(load("price_words.yaml")["free"])


def price_anchors(root: Any) -> list[Any]:
    """The smallest elements whose whole text is a price, in document order."""
    anchors: list[Any] = []
    seen: set[int] = set()
    for node in root.traverse(include_text=False):
        tag = node.tag
        if tag in _SKIP or tag in _CHROME or tag in ("button", "a", "label", "option"):
            continue
        if any(_DATA_PRICE.match(k) for k in node.attributes):
            if node.mem_id not in seen and not _in_chrome(node):
                anchors.append(node)
                seen.add(node.mem_id)
            continue
        own = node.text(deep=False) or ""
        if not own.strip():
            continue
        current = node
        for _ in range(3):
            if current is None or current.mem_id in seen:
                break
            text = text_of(current)
            if len(text) > MAX_ANCHOR:
                break
            if _is_priceish(text):
                if not _in_chrome(current) and not _covers_anchor(current, seen):
                    anchors.append(current)
                    seen.add(current.mem_id)
                break
            current = current.parent
    return _innermost(anchors)


def _innermost(anchors: list[Any]) -> list[Any]:
    """Drop an anchor that holds another one (a price block around its amount element)."""
    ids = {a.mem_id for a in anchors}
    outer: set[int] = set()
    for anchor in anchors:
        current, depth = anchor.parent, 0
        while current is not None and depth < 4:
            if current.mem_id in ids:
                outer.add(current.mem_id)
            current = current.parent
            depth += 1
    return [a for a in anchors if a.mem_id not in outer]


def _covers_anchor(node: Any, seen: set[int]) -> bool:
    return any(child.mem_id in seen for child in node.traverse(include_text=False))


def _name_candidates(node: Any, anchors: set[int]) -> list[Any]:
    found = []
    for child in node.traverse(include_text=False):
        if child.mem_id in anchors or child.tag in _SKIP:
            continue
        is_name = child.tag in _NAME_TAGS or bool(
            _NAME_CLASS.search(child.attributes.get("class") or "")
        )
        if not is_name:
            continue
        text = text_of(child)
        if not text or len(text) > 40 or len(text.split()) > 5 or _is_price_text(text):
            continue
        found.append(child)
    return found


def _is_price_text(text: str) -> bool:
    return _HAS_DIGIT.search(text) is not None and read_price(text) is not None


def find_cards(root: Any, ev: Locator, currency: str | None) -> list[Card]:
    """The plan cards on a page, in document order."""
    anchors = price_anchors(root)
    if not anchors:
        return []
    strong = [a for a in anchors if not _is_free_word(a)]
    weak = [a for a in anchors if _is_free_word(a)]
    anchor_ids = {a.mem_id for a in strong}
    by_card: dict[int, Card] = {}
    order: list[int] = []
    for anchor in strong:
        _attach(anchor, anchor_ids, by_card, order)
    for anchor in weak:
        home = _enclosing(anchor, by_card)
        if home is not None:
            home.anchors.append(anchor)
        elif anchor.tag not in _NAME_TAGS:
            _attach(anchor, anchor_ids | {anchor.mem_id}, by_card, order)
    cards = [by_card[k] for k in order]
    cards = _drop_nested(cards)[:MAX_CARDS]
    for card in cards:
        _read_prices(card, ev, currency)
    _check_toggles(cards)
    return [c for c in cards if c.prices]


def _is_free_word(node: Any) -> bool:
    return (
        _HAS_DIGIT.search(text_of(node)) is None
        and not is_custom(text_of(node))
        and not any(_DATA_PRICE.match(k) for k in node.attributes)
    )


def _enclosing(node: Any, by_card: dict[int, Card]) -> Card | None:
    current, depth = node.parent, 0
    while current is not None and depth < MAX_CLIMB + 2:
        card = by_card.get(current.mem_id)
        if card is not None:
            return card
        current = current.parent
        depth += 1
    return None


def _attach(anchor: Any, anchor_ids: set[int], by_card: dict[int, Card], order: list[int]) -> None:
    """Give `anchor` to its card: its lowest ancestor that holds a plan name."""
    current = anchor.parent
    for _ in range(MAX_CLIMB):
        if current is None or current.tag in ("body", "main", "html"):
            return
        names = _name_candidates(current, anchor_ids)
        if names:
            heading = next((n for n in names if n.tag in _NAME_TAGS), names[0])
            key = current.mem_id
            if key not in by_card:
                by_card[key] = Card(node=current, name_node=heading, name=text_of(heading))
                order.append(key)
            by_card[key].anchors.append(anchor)
            return
        current = current.parent


def _drop_nested(cards: list[Card]) -> list[Card]:
    ids = {c.node.mem_id for c in cards}
    out = []
    for card in cards:
        inner = any(
            child.mem_id in ids and child.mem_id != card.node.mem_id
            for child in card.node.traverse(include_text=False)
        )
        if not inner:
            out.append(card)
    return out


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


def _read_prices(card: Card, ev: Locator, currency: str | None) -> None:
    sides_seen: set[str] = set()
    for anchor in card.anchors:
        side = toggle_side(anchor, card.node)
        if side:
            sides_seen.add(side)
    card.toggled = sides_seen
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
            context = _side_texts(card, side)
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


def _check_toggles(cards: list[Card]) -> None:
    """A card that shows one side of a toggle the other cards show both sides of."""
    both = [c for c in cards if {"month", "year"} <= {p.cycle for p in c.prices if p.amount}]
    if not both:
        return
    for card in cards:
        priced = [p for p in card.prices if p.amount is not None and p.amount > 0]
        cycles = {p.cycle for p in priced}
        if priced and len(cycles) == 1 and card.toggled:
            card.toggle_missing = True


def page_looks_priced(cards: list[Card]) -> bool:
    """Whether cards are plans: some price has a billing period or the page has a toggle."""
    for card in cards:
        if card.toggled:
            return True
        for price in card.prices:
            if price.period in ("month", "year") or price.billed:
                return True
    return False
