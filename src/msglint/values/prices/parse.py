"""One price as written -> `Price`: the locale forms, "Free", periods, JSON-LD numbers, and
the price the customer pays when the text shows several amounts.

What is written here by hand covers what price-parser does not do, each for a stated
reason: price-parser returns the currency as the raw symbol (mapped to ISO 4217 by
`currency`); it reads currency symbols anywhere, even inside words ("р" in "товара"), so a
letter symbol found only inside a word is ignored here; and it reads the first number, so
texts with words or several numbers go through the running-text scan first (`scan`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache

from msglint.model import Price
from msglint.text.tables import load
from msglint.values.prices.currency import (
    _fallback_hint,
    _price_text_marks,
    currency_code,
)
from msglint.values.prices.numbers import (
    _APOSTROPHES,
    _DIGIT,
    _LETTER,
    _PRICE_NUMBER,
    _price_parser,
    _simple_number,
    _three_decimals,
)
from msglint.values.prices.period import billing_period
from msglint.values.prices.scan import _LIST, _SALE, _priced

#: Longest text `parse_price` reads; a price as written is a few dozen characters.
MAX_PRICE_TEXT = 300
#: Largest amount read as a price (a quadrillion); above it a number is a mistake or an
#: attack ("1e308"), never a price to compare.
MAX_AMOUNT = Decimal(10) ** 15

# A minus sign on an amount: "-100", "-$100.00", "$-100", "USD -5", "(−20 €)". A dash after a
# digit ("100-200") is a range, an en dash is left alone ("Widget – $99" separates), and a
# percentage is a discount ("-50%").
_NEGATIVE = re.compile(
    r"(?:(?:^|(?<=[\s(:=\[]))[-−](?:[^\w\s]{1,3}\s?)?|(?<=[^\w\s.,])[-−])(\d)(?![\d.,]*\s?%)"
)
# A number in exponent notation ("1e308", "2.5E+3"): price-parser reads its first digit.
_EXPONENT = re.compile(r"\d[eE][+-]?\d")


def price_trouble(text: object) -> str | None:
    """Why `text`, which holds digits, is not read as a price, in words; None when nothing
    is known against it. `parse_price` returns None for these texts instead of dropping the
    sign ("-100" is not USD 100.00) or reading the first digit ("1e308" is not USD 1.00);
    the extractors put this reason in their warning, so the value is reported as what it is.
    """
    if isinstance(text, bool) or not isinstance(text, str | int | float | Decimal):
        return None
    text = str(text).strip()[:MAX_PRICE_TEXT]
    negative = _NEGATIVE.search(text)
    first_digit = _DIGIT.search(text)
    if negative and first_digit and negative.start(1) == first_digit.start():
        return "a negative amount is not a price"
    try:
        amount: Decimal | None = Decimal(text.replace("_", "x"))
    except ArithmeticError:
        amount = None
    if amount is not None and (not amount.is_finite() or abs(amount) >= MAX_AMOUNT):
        return "an amount out of range"
    if _EXPONENT.search(text):
        return "a number in exponent notation"
    return None


@cache
def _free() -> re.Pattern[str]:
    """A text that says only "free" (in the languages of `free` in price_words.yaml)."""
    words = "|".join(map(re.escape, load("price_words.yaml")["free"]))
    return re.compile(rf"\W*(?:{words})\W*", re.IGNORECASE)


def parse_price(
    text: str,
    *,
    currency: str | None = None,
    kind: str = "list",
    decimal_separator: str | None = None,
) -> Price | None:
    """One price as written -> Price, or None when the text holds no amount.

    Reads the locale forms ("1.299,00 €", "€1,299.00", "CHF 1'299.–", "99,-", "199,00 USD"),
    "Free" (amount 0), periods ("$49/mo", "USD 199.00 per year") and numbers as JSON-LD
    gives them ("1299.00", "1299"). When the text shows several amounts, the price the
    customer pays is returned: a sale price next to a list price ("Was $120 Now $60" -> 60,
    kind "sale"), never a saving ("Save $20") or an order threshold; otherwise the first.

    `currency` is a hint for text without a currency or with an ambiguous symbol: an ISO
    code ("CAD" makes "$" Canadian), or, like price-parser's `currency_hint`, the text of a
    nearby element that may hold the currency. `decimal_separator` ("." or ",") is optional;
    pass "." for schema.org values, which always use a dot, so "12.500" reads 12.5 instead
    of price-parser's guess of 12500 for a three-decimal amount. Text longer than
    `MAX_PRICE_TEXT` is not one price and gives None. Results are cached: prices repeat
    across pages.
    """
    if isinstance(text, bool) or not isinstance(text, str | int | float | Decimal):
        return None
    if not isinstance(text, str):
        text = str(text)
        decimal_separator = decimal_separator or "."
    if not isinstance(currency, str):
        currency = None
    if not isinstance(kind, str):
        kind = _LIST
    if decimal_separator not in (None, ".", ",", "€"):
        decimal_separator = None
    try:
        return _parse_price(text, currency or None, kind, decimal_separator)
    except (ArithmeticError, ValueError):
        return None


@lru_cache(maxsize=8192)
def _parse_price(
    text: str, hint_text: str | None, kind: str, decimal_separator: str | None
) -> Price | None:
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_PRICE_TEXT:
        return None
    if hint_text is not None and len(hint_text) > MAX_PRICE_TEXT:
        hint_text = None
    hint = currency_code(hint_text) if hint_text else None
    simple = _simple_number(stripped, decimal_separator)
    if simple is not None and simple < MAX_AMOUNT:  # JSON-LD's "1e5" is 100000
        code = hint or (_raw_currency(stripped, hint_text, hint) if hint_text else None)
        return Price(amount=simple, currency=code, kind=kind, text=stripped)
    if price_trouble(stripped):
        return None
    if not _DIGIT.search(stripped):
        if _free().fullmatch(stripped):
            code = hint or _raw_currency(stripped, hint_text, hint)
            return Price(amount=Decimal(0), currency=code, kind=kind, text=stripped)
        return None
    normalized = stripped.translate(_APOSTROPHES)
    choice = _choose(normalized, decimal_separator)
    if choice is None:
        return None
    chosen, symbol, is_sale = choice
    parsed = _price_parser()(chosen, currency_hint=hint_text, decimal_separator=decimal_separator)
    if parsed.amount is None or not parsed.amount.is_finite() or parsed.amount >= MAX_AMOUNT:
        return None
    if not parsed.currency and not symbol:
        symbol = _mark_near_number(chosen)
    code = _resolve_currency(chosen, parsed.currency, hint_text, hint, symbol)
    amount = _three_decimals(parsed.amount_text or "", parsed.amount, code, decimal_separator)
    return Price(
        amount=amount,
        currency=code,
        period=billing_period(stripped),
        kind=_SALE if is_sale else kind,
        text=stripped,
    )


def _choose(text: str, decimal_separator: str | None) -> tuple[str, str, bool] | None:
    """(text to read, currency mark, is a sale price), or None for a saving or threshold only.

    price-parser reads the first number; that stands unless the words say otherwise or the
    first number carries no currency while a later one does ("3 issues for 14,85 EUR").
    Text without letters and with one number ("1.299,00 €") skips the scan.
    """
    if not _LETTER.search(text) and len(_PRICE_NUMBER.findall(text, 0, MAX_PRICE_TEXT)) < 2:
        return text, "", False
    items = _priced(text, _price_text_marks(), _PRICE_NUMBER, decimal_separator)
    if not items:
        return text, "", False
    payable = [i for i in items if i.role in (_LIST, _SALE)]
    if not payable:
        return None
    pick = next((i for i in payable if i.role == _SALE), payable[0])
    first_digit = _DIGIT.search(text)
    if first_digit and not pick.num_start <= first_digit.start() < pick.num_end:
        return text[pick.start : pick.currency_end], pick.symbol, pick.role == _SALE
    return text, pick.symbol, pick.role == _SALE


def _mark_near_number(text: str) -> str:
    """A currency mark price-parser does not know next to the first number ("1 ￡")."""
    m = _PRICE_NUMBER.search(text)
    if not m:
        return ""
    marks = _price_text_marks()
    return marks.before(text, m.start(), 0)[1] or marks.after(text, m.end())[1]


def _raw_currency(text: str, hint_text: str | None, hint: str | None) -> str | None:
    """The currency of a price price-parser reads no amount from ("Free")."""
    parsed = _price_parser()(text, currency_hint=hint_text)
    return _resolve_currency(text, parsed.currency, hint_text, hint, "")


def _resolve_currency(
    text: str, raw: str | None, hint_text: str | None, hint: str | None, symbol: str
) -> str | None:
    """ISO code for the currency of a price.

    price-parser's raw symbol first, unless it is a letter symbol seen only inside words,
    or the scan found a longer mark holding it ("E£" holds "£"); then the mark the scan found
    next to the amount (it knows symbols price-parser lacks: "1.198,- Kr"); then the hint.
    """
    if raw and not _starts_word(raw, text) and not (hint_text and _starts_word(raw, hint_text)):
        raw = None
    if raw and symbol and raw in symbol and len(symbol) > len(raw):
        raw = symbol
    for mark in (raw, symbol):
        if mark:
            return currency_code(mark, hint) or _fallback_hint(mark, hint)
    return hint


def _starts_word(symbol: str, text: str) -> bool:
    """True when a letter symbol occurs in `text` as a word or the start of one.

    price-parser finds symbols inside words: "р" in "товара", "руб" in "труба", "FR" in
    "FREE". A symbol may run on into a longer word only outside ASCII, where currency
    words inflect ("рублей", "złotych").
    """
    if not symbol[0].isalpha() and not symbol[-1].isalpha():
        return True
    glued_right_ok = not symbol.isascii()
    start = text.find(symbol)
    while start != -1:
        end = start + len(symbol)
        left = start == 0 or not (symbol[0].isalpha() and text[start - 1].isalpha())
        right = end == len(text) or not (symbol[-1].isalpha() and text[end].isalpha())
        if left and (right or glued_right_ok):
            return True
        start = text.find(symbol, start + 1)
    return False
