"""Every price in running text, and what the words next to each amount make of it.

price-parser reads the first number of a text ("Save $20! Now $79.99" -> 20). This scan
finds every amount that carries a currency mark, joins ranges ("26 to 50 €"), and tells a
list price from a sale price, a saving and an order threshold by the cue words next to it
(`data/price_words.yaml`: `cues`, `saving_after`). `find_prices` returns the list and sale
prices of running text; `parse_price` runs the same scan when one price's text has words or
several numbers, and keeps the price the customer pays.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from itertools import pairwise

from msglint.model import Price
from msglint.text.tables import load
from msglint.values.prices.currency import _fallback_hint, _Marks, _running_marks, currency_code
from msglint.values.prices.numbers import _DIGIT, _NUMBER, _price_parser, _three_decimals
from msglint.values.prices.period import MAX_RUNNING_TEXT, _period_after

_MAGNITUDE_AFTER = re.compile(r"\s*(?:[kKmMbB]n?|million|billion|thousand|mio|mrd)\b")
_LIST, _SALE, _SAVING, _THRESHOLD = "list", "sale", "saving", "threshold"
#: How many words may stand between a cue and the amount ("save up to $20").
_CUE_REACH = {_SAVING: 3, _THRESHOLD: 1, _LIST: 1, _SALE: 1}
_WORD = re.compile(r"[^\W\d_]+")
_RANGE_JOIN_AFTER = re.compile(r"\s*(?:-|–|—|to|bis|à|a|até|do)\s*", re.IGNORECASE)
_CUE_WINDOW = 40
#: Longest number read as an amount (digits and separators): "$" and 11,800 nines took
#: price-parser 10 s (benchmarks/fuzz.py); no price is written with more than 40.
MAX_NUMBER = 40


@cache
def _cue_words() -> dict[str, str]:
    """Word -> the role it gives the amount right after it (list, sale, saving, threshold)."""
    return {
        w.lower(): role for role, words in load("price_words.yaml")["cues"].items() for w in words
    }


@cache
def _saving_after() -> re.Pattern[str]:
    words = load("price_words.yaml")["saving_after"]
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"\s*(?:{alternatives})\b", re.IGNORECASE)


class _Amount:
    """One number in running text and what the scan learned about it."""

    __slots__ = (
        "amount",
        "blocked",
        "currency_end",
        "end",
        "num_end",
        "num_start",
        "read_done",
        "role",
        "start",
        "symbol",
    )

    def __init__(self, num_start: int, num_end: int) -> None:
        self.num_start = num_start
        self.num_end = num_end
        self.start = num_start
        self.end = num_end
        self.currency_end = num_end
        self.symbol = ""
        self.role = _LIST
        self.blocked = False  # a percentage, a magnitude ("$5m") or glued to a word
        self.amount: Decimal | None = None
        self.read_done = False

    def read(self, text: str, decimal_separator: str | None) -> Decimal | None:
        """The amount, read once with price-parser from the number alone."""
        if not self.read_done:
            self.read_done = True
            if self.num_end - self.num_start > MAX_NUMBER:
                return None  # no price; and price-parser's separator regex is quadratic in it
            parsed = _price_parser()(
                text[self.num_start : self.num_end], decimal_separator=decimal_separator
            )
            self.amount = parsed.amount
        return self.amount


def _scan(text: str, marks: _Marks, number: re.Pattern[str]) -> list[_Amount]:
    """Every number in `text` with the currency mark attached to it, if any."""
    found: list[_Amount] = []
    consumed = 0
    for m in number.finditer(text):
        if m.start() < consumed:
            continue
        item = _Amount(m.start(), m.end())
        pos, symbol = marks.before(text, m.start(), consumed)
        if symbol:
            item.start, item.symbol = pos, symbol
        after, suffix = marks.after(text, m.end())
        if suffix and not (symbol and text[after : after + 1].isdigit()):
            item.end = item.currency_end = after
            item.symbol = item.symbol or suffix
        nxt = text[item.end : item.end + 1]
        item.blocked = (
            nxt == "%"
            or _signed(text, item.start)
            or (nxt.isalpha() and item.end == m.end())
            or (not symbol and m.start() > 0 and text[m.start() - 1].isalpha())
            or bool(item.symbol and _MAGNITUDE_AFTER.match(text, item.end))
        )
        if item.blocked:
            item.symbol = ""
        elif item.symbol:
            consumed = item.end
        found.append(item)
    return found


def _signed(text: str, start: int) -> bool:
    """A minus sign right before an amount ("-$100.00", "Rabatt -20 €"): a credit or a
    discount, never a price; a dash after a word or number ("A-100", "$5-$9") is not one."""
    return start > 0 and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " \t\n([:=")


def _join_ranges(items: list[_Amount], text: str, decimal_separator: str | None) -> None:
    """Give a bare number the currency of the range it opens or closes ("26 to 50 €")."""
    for left, right in pairwise(items):
        if bool(left.symbol) == bool(right.symbol) or left.blocked or right.blocked:
            continue
        between = text[left.end : right.start]
        if len(between) > 8 or not _RANGE_JOIN_AFTER.fullmatch(between):
            continue
        a = left.read(text, decimal_separator)
        b = right.read(text, decimal_separator)
        if a is None or b is None or a >= b:
            continue
        bare = left if not left.symbol else right
        bare.symbol = right.symbol or left.symbol


def _cue_before(window: str) -> str | None:
    """The role the nearest cue word in `window` gives the amount right after it."""
    words = _WORD.findall(window.lower())[-4:]
    for distance, word in enumerate(reversed(words)):
        role = _cue_words().get(word)
        if role is not None and distance <= _CUE_REACH[role]:
            return role
    return None


def _assign_roles(items: list[_Amount], text: str) -> None:
    """Mark each currency amount list, sale, saving or threshold by the words around it."""
    prev_end = 0
    after_was = False
    for item in items:
        window = text[max(prev_end, item.start - _CUE_WINDOW) : item.start]
        cue = _cue_before(window)
        role = _SAVING if _saving_after().match(text, item.end) else cue
        if role is None:
            role = _SALE if after_was else _LIST
        after_was = role == _LIST and cue is not None
        item.role = role
        prev_end = item.end
    if sum(1 for i in items if i.role in (_LIST, _SALE, _SAVING)) < 2:
        for item in items:
            if item.role == _SALE:
                item.role = _LIST


def _check_sales(items: list[_Amount], text: str, decimal_separator: str | None) -> None:
    """A sale price is above zero and below the list price shown with it, or it is not one
    ("Was: $124.95 Now: $0.00" is a placeholder, not a free product)."""
    if not any(i.role == _SALE for i in items):
        return
    for item in items:
        if item.role in (_LIST, _SALE):
            item.read(text, decimal_separator)
    top = max((i.amount for i in items if i.role == _LIST and i.amount is not None), default=None)
    for item in items:
        if item.role == _SALE and (
            item.amount is None or item.amount <= 0 or (top is not None and item.amount >= top)
        ):
            item.role = _LIST


def _priced(
    text: str, marks: _Marks, number: re.Pattern[str], decimal_separator: str | None
) -> list[_Amount]:
    """The amounts in `text` that carry a currency, each with its role.

    Amounts are read only where a decision needs them (ranges, sales); `find_prices` reads
    the rest.
    """
    items = _scan(text, marks, number)
    if not any(i.symbol for i in items):
        return []
    _join_ranges(items, text, decimal_separator)
    priced = [i for i in items if i.symbol]
    _assign_roles(priced, text)
    _check_sales(priced, text, decimal_separator)
    return priced


_CODE_AFTER = re.compile(r"[ \u00a0]{0,2}([A-Z]{3})\b")
_CODE_IN = re.compile(r"\b([A-Z]{3})\b")
_CODE_BEFORE = re.compile(r"\b([A-Z]{3})[ \u00a0]{0,2}$")


def _code_beside(
    text: str, start: int, end: int, symbol: str | None, num_start: int, num_end: int
) -> tuple[str, int, int] | None:
    """(ISO code, start, end) when an amount written with a currency sign has a currency
    code right after or before it ("$249.00 CAD", "CAD $249.00", as shops that sell in
    several dollars write): the code, not the sign's default, is the currency."""
    if not symbol or (len(symbol.strip()) == 3 and symbol.strip().isalpha()):
        return None  # the amount is written with a code already
    inside = _CODE_IN.search(text, num_end, end) or _CODE_IN.search(text, start, num_start)
    if inside is not None and (code := currency_code(inside.group(1))) is not None:
        return code, start, end  # the scan took the code into the amount's span
    after = _CODE_AFTER.match(text, end)
    if after is not None and (code := currency_code(after.group(1))) is not None:
        return code, start, after.end()
    before = _CODE_BEFORE.search(text, max(0, start - 6), start)
    if before is not None and (code := currency_code(before.group(1))) is not None:
        return code, before.start(), end
    return None


def find_prices(text: str, *, currency: str | None = None) -> list[tuple[int, int, Price]]:
    """Prices shown in running text, each with its (start, end) span in `text`.

    Only amounts that carry a currency symbol or code count; bare numbers are quantities,
    years or model numbers. "Was $99.99 Now $79.99" gives the list price 99.99 and the sale
    price 79.99 (kind "sale"); "$49.95 - $59.95" gives both ends; a saving ("Save $20",
    "$20 off") and an order threshold ("free shipping on orders over $49") are not prices.
    The span covers the currency, the amount and a period written right after it ("/mo").
    `currency` is an ISO code used for symbols several currencies share ("$", "kr").
    Text longer than `MAX_RUNNING_TEXT` is not one segment of a page and gives no prices.
    """
    if not isinstance(text, str) or len(text) > MAX_RUNNING_TEXT or not _DIGIT.search(text):
        return []
    hint = currency_code(currency) if isinstance(currency, str) and currency else None
    results = []
    for item in _priced(text, _running_marks(), _NUMBER, None):
        amount = item.read(text, None) if item.role in (_LIST, _SALE) else None
        if item.role not in (_LIST, _SALE) or amount is None:
            continue
        code = currency_code(item.symbol, hint) or _fallback_hint(item.symbol, hint)
        stated = _code_beside(text, item.start, item.end, item.symbol, item.num_start, item.num_end)
        if stated is not None:  # "$249.00 CAD": the ISO code says which dollar
            code = stated[0]
        amount = _three_decimals(text[item.num_start : item.num_end], amount, code, None)
        end, period = _period_after(text, stated[2] if stated else item.end)
        start = stated[1] if stated else item.start
        price = Price(
            amount=amount, currency=code, period=period, kind=item.role, text=text[start:end]
        )
        results.append((start, end, price))
    return results
