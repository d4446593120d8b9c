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
from typing import Any

from msglint.extract.locate import Locator
from msglint.extract.plans.card_prices import (
    _DATA_PRICE,
    _HAS_DIGIT,
    Card,
    read_card_prices,
    text_of,
)
from msglint.values.plans.prices import is_custom, read_price

_SKIP = frozenset({"script", "style", "template", "noscript", "svg", "head", "table", "select"})
_CHROME = frozenset({"nav", "footer", "header"})
_NAME_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NAME_CLASS = re.compile(r"(?:^|[-_])(?:name|title|tier|plan-?name|heading)(?:$|[-_])", re.I)
#: Bootstrap's heading classes (`<span class="h6">Starter</span>` looks like an `<h6>`).
_HEADING_CLASS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Longest text an anchor may have: a price block, not a paragraph.
MAX_ANCHOR = 80
#: How many levels above an anchor a card is looked for.
MAX_CLIMB = 8
#: Most cards read from one page.
MAX_CARDS = 60


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


def _name_candidates(node: Any, anchors: set[int]) -> tuple[list[Any], int]:
    """The elements of `node` that may name its plan, in document order, and how many of
    them come before its first price."""
    found = []
    before = -1
    inside: set[int] = set()  # an anchor's own elements ("/ per month" in a price's span)
    for child in node.traverse(include_text=False):
        if child.mem_id in inside:
            continue
        if child.mem_id in anchors:
            inside.update(n.mem_id for n in child.traverse(include_text=False))
            if before < 0:
                before = len(found)
            continue
        if child.tag in _SKIP:
            continue
        classes = child.attributes.get("class") or ""
        is_name = (
            child.tag in _NAME_TAGS
            or bool(_NAME_CLASS.search(classes))
            or not _HEADING_CLASS.isdisjoint(classes.split())
        )
        if not is_name:
            continue
        text = text_of(child)
        if not text or len(text) > 40 or len(text.split()) > 5 or _is_price_text(text):
            continue
        found.append(child)
    return found, before if before >= 0 else len(found)


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
        read_card_prices(card, ev, currency)
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
        names, before = _name_candidates(current, anchor_ids)
        if names:
            # A plan's name comes before its price; a heading after it is a section of the
            # card ("Features" above the list), not its name.
            pool = names[:before] or names
            heading = next((n for n in pool if n.tag in _NAME_TAGS), pool[0])
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
