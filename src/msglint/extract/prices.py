"""Prices as written -> `Price` values: exact amount, ISO 4217 currency, billing period, kind.

The amount is read by price-parser (`Price.fromstring`), which knows the locale forms
("1.299,00 €", "€1,299.00", "CHF 1'299.–", "99,-", "$.75", "35€ 99") and is the reference
these results are measured against (`benchmarks/prices.py`). What is written here by hand
covers what price-parser does not do, each for a stated reason:

* price-parser returns the currency as the raw symbol ("$", "zł"); `currency_code` maps it to
  ISO 4217 through price-parser's own table (`price_parser._currencies.CURRENCIES`), with a
  short list of symbols that table lacks (`_EXTRA_SYMBOLS`) and a default for the few
  symbols several live currencies share ("$" -> USD unless the hint is another dollar).
* price-parser reads the first number in the text ("Save $20! Now $79.99" -> 20). `find_prices`
  scans running text for every amount that carries a currency, tells a list price from a sale
  price, a saving and an order threshold by the words next to it; `parse_price` runs the same
  scan when the text has words or several numbers, and then returns the price the customer
  pays instead of the first number.
* price-parser reads currency symbols anywhere, even inside words ("р" in "товара"); a letter
  symbol found only inside a word is ignored here.
* the three-decimal currencies (KWD, BHD, OMR...) are read with "." as the decimal point when
  the amount has exactly three decimals after a dot ("423.923 KD"), which price-parser would
  take as a thousands separator.
* billing periods are a handful of phrases; no library covers them.

price-parser is imported on first use: the CLI imports this module at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from msglint.model import Price

__all__ = ["billing_period", "currency_code", "find_prices", "parse_price"]

#: Longest text `parse_price` reads; a price as written is a few dozen characters.
MAX_PRICE_TEXT = 300
#: Longest running text `find_prices` scans; longer text is not one page segment.
MAX_RUNNING_TEXT = 200_000

#: Symbols price-parser's table lacks or maps only to a currency that no longer circulates.
_EXTRA_SYMBOLS: dict[str, tuple[str, ...]] = {
    "US$": ("USD",),
    "USD$": ("USD",),
    "U$S": ("USD",),
    "A$": ("AUD",),
    "C$": ("CAD", "NIO"),
    "CAN$": ("CAD",),
    "CAD$": ("CAD",),
    "AUD$": ("AUD",),
    "NZD$": ("NZD",),
    "SGD$": ("SGD",),
    "HKD$": ("HKD",),
    "E£": ("EGP",),
    "￡": ("GBP",),
    "Kr": ("SEK", "NOK", "DKK", "ISK"),
    "kr.": ("DKK", "SEK", "NOK", "ISK"),
    "Kr.": ("DKK", "SEK", "NOK", "ISK"),
    "zl": ("PLN",),
    "ZŁ": ("PLN",),
    "Rs.": ("INR",),
    "₽": ("RUB",),
    "р": ("RUB",),
    "Р": ("RUB",),
    "р.": ("RUB",),
    "руб": ("RUB", "PRB"),
    "руб.": ("RUB",),
    "грн": ("UAH",),
    "грн.": ("UAH",),
    "лв": ("BGN", "KGS"),
    "₺": ("TRY",),
    "TL": ("TRY",),
    "SFr.": ("CHF",),
    "SFr": ("CHF",),
    "元": ("CNY",),
    "人民币": ("CNY",),
    "yen": ("JPY",),
    "บาท": ("THB",),
    "NIS": ("ILS",),
    "ש״ח": ("ILS",),
    'ש"ח': ("ILS",),
    "KSh": ("KES",),
    "تومان": ("IRR",),
    "ريال": ("SAR", "IRR", "OMR", "QAR", "YER"),
    "درهم": ("AED", "MAD"),
    "جنيه": ("EGP",),
    "euro": ("EUR",),
    "euros": ("EUR",),
    "Euro": ("EUR",),
    "֏": ("AMD",),
    "₼": ("AZN",),
    "₵": ("GHS",),
    "Dinara": ("RSD",),
    "din": ("RSD",),
    "дин": ("RSD",),
    "ден": ("MKD",),
    "тг": ("KZT",),
    "so'm": ("UZS",),
    "lari": ("GEL",),
    "ლ": ("GEL",),
    "Ksh": ("KES",),
    "KShs": ("KES",),
    "VNĐ": ("VND",),
    "S/": ("PEN",),
    "yuan": ("CNY",),
    "圆": ("CNY",),
    "stg": ("GBP",),
    "MT": ("MZN",),
    "Ar": ("MGA",),
    "FRw": ("RWF",),
    "RF": ("RWF", "MVR"),
    "R₣": ("RWF",),
    "Dh": ("AED", "MAD"),
    "Dhs": ("AED", "MAD"),
}

#: Which currency an ambiguous symbol means when no hint picks one of its candidates.
#: Symbols left out ("kr", "ريال") stay unresolved without a hint.
_DEFAULT_FOR_SYMBOL: dict[str, str] = {
    "$": "USD",
    "£": "GBP",
    "C$": "CAD",
    "¥": "JPY",
    "₩": "KRW",
    "원": "KRW",
    "₱": "PHP",
    "₨": "PKR",
    "NT$": "TWD",
    "CN¥": "CNY",
    "ƒ": "ANG",
    "Br": "BYN",
    "ZK": "ZMW",
    "лв": "BGN",
    "руб": "RUB",
    "درهم": "AED",
}

#: Three-letter codes that are also common uppercase words or names; in running text they
#: are not read as currencies ("TOP 10", "ALL 3 MODELS", "PHP 8.2").
_WORD_CODES = frozenset(
    {"ALL", "TOP", "CUP", "PEN", "SOS", "BAM", "MOP", "GEL", "BOB", "MAD", "PHP", "AMD"}
)
#: Letter symbols that running text accepts besides price-parser's "safe" ones and ISO codes.
_RUNNING_LETTER_SYMBOLS = (
    "kr",
    "Kr",
    "kr.",
    "Kr.",
    "Ft",
    "Rs",
    "Rs.",
    "RM",
    "TL",
    "zl",
    "Kč",
    "zł",
    "Zł",
    "р",
    "Р",
    "₽",
    "SFr.",
    "Fr.",
    "NIS",
    "euros",
    "Euro",
)

_SPACES = "\u00a0\u202f\u2009\u2007 "
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "′": "'", "\u00a0": " ", "\u202f": " "})

# A number as prices write it: digit groups ("1.299", "1 299", "1'299"), decimals, a dash for
# zero cents ("99,-", "1'299.–") and price-parser's ".75". `{gap}` is where a price as written
# may carry a stray space after the decimal comma ("1.837, 32 €"); running text may not, as
# "$5, 10 and 15" is a list there.
_NUMBER_FORM = r"""
    (?=\.?\d)(?<![\d.,'’])
    (?:
        \d{{1,3}}(?:[,.'’\u00a0\u202f\u2009 ]\d{{3}})+(?:[.,]{gap}\d+)?
      | \d+(?:[.,]{gap}\d+)?
      | \.\d+
    )
    (?:[.,][-–—](?!\d))?
    """
_NUMBER = re.compile(_NUMBER_FORM.format(gap=""), re.VERBOSE)
_PRICE_NUMBER = re.compile(_NUMBER_FORM.format(gap=r"(?:\x20(?=\d\d(?!\d)))?"), re.VERBOSE)
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_COUNTRY_PREFIX = re.compile(r"(?<![A-Za-z])([A-Z]{1,3})[ \u00a0]$")
_PLAIN_DECIMAL = re.compile(r"\d{1,30}(?:\.(?:\d{1,2}|\d{4,30}))?")
_JSON_NUMBER = re.compile(r"\d{1,30}(?:\.\d{1,30})?(?:[eE][+-]?\d{1,2})?")
_THREE_DECIMALS = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{3}|\d+\.\d{3}")
_FREE = re.compile(
    r"\W*(?:free|gratis|kostenlos|gratuit|gratuito|zdarma|darmowy|бесплатно)\W*",
    re.IGNORECASE,
)
_MAGNITUDE_AFTER = re.compile(r"\s*(?:[kKmMbB]n?|million|billion|thousand|mio|mrd)\b")

# --- billing periods ---------------------------------------------------------------------

_MONTH = r"mo|mos|mth|mths|mon|month|monat|mois|mes|mese"
_YEAR = r"yr|yrs|year|y|annum|jahr|an|año|ano|anno"
_PERIOD_WORDS = {
    "month": (
        rf"/\s*(?:{_MONTH})\b\.?",
        r"\b(?:per|a|an|each|every|pro|par|al|por)\s+(?:month|mo|monat|mois|mes)\b",
        r"\b(?:monthly|monatlich|mensuel(?:le)?|mensual|mensile)\b",
    ),
    "year": (
        rf"/\s*(?:{_YEAR})\b\.?",
        r"\b(?:per|a|an|each|every|pro|par|al|por)\s+(?:year|annum|jahr|an|año)\b",
        r"\b(?:annually|yearly|annual|jährlich|annuel(?:le)?|anual)\b",
        r"\bp\.a\.",
    ),
    "one-time": (
        r"\bone[-\s]?time\b",
        r"\b(?:pay|paid|billed)\s+once\b",
        r"\bsingle\s+payment\b",
        r"\beinmalig\b",
        r"\b(?:paiement\s+unique|pago\s+[uú]nico)\b",
    ),
}
# The lookahead names every first character of the phrases above: without it the regex
# engine tries each alternative at each position, which was 4 µs on a ten-character price.
_PERIOD = re.compile(
    "(?=[/paemyjobs])(?:"
    + "|".join(
        f"(?P<{name.replace('-', '_')}{i}>{alt})"
        for name, alts in _PERIOD_WORDS.items()
        for i, alt in enumerate(alts)
    )
    + ")",
    re.IGNORECASE,
)
# A period written right after an amount: "/mo", " per user per month", ", billed annually".
_PERIOD_AFTER = re.compile(
    r"""
    [\s,]*\(?
    (?:(?:/\s*|per\s+)(?:user|seat|member|person|licen[cs]e|device)\s*)?
    (?:(?:billed|paid|charged)\s+)?
    (?=\S)
    """,
    re.VERBOSE | re.IGNORECASE,
)

# --- what the words next to an amount make of it -----------------------------------------

_LIST, _SALE, _SAVING, _THRESHOLD = "list", "sale", "saving", "threshold"


def _cue_table(**groups: str) -> dict[str, str]:
    return {word: role for role, words in groups.items() for word in words.split()}


#: Words before an amount that say what it is. Multi-word cues are keyed by the word that
#: decides ("you save" -> "save", "list price" -> "list", "compare at" -> "compare").
_CUE_WORDS = _cue_table(
    saving="save saving savings spare sparen économisez ahorra risparmi discount rebate cashback",
    threshold="order orders over above spend minimum min bestellwert",
    list="was were reg regular regularly list originally orig before rrp msrp uvp statt "
    "instead compare retail normally ehemals avant antes",
    sale="now sale special offer deal reduced jetzt nur clearance promo only just today",
)
#: How many words may stand between a cue and the amount ("save up to $20").
_CUE_REACH = {_SAVING: 3, _THRESHOLD: 1, _LIST: 1, _SALE: 1}
_WORD = re.compile(r"[^\W\d_]+")
_SAVING_AFTER = re.compile(
    r"\s*(?:off|discount|savings?|rabatt|de\s+r[ée]duction|descuento|sconto)\b", re.IGNORECASE
)
_RANGE_JOIN_AFTER = re.compile(r"\s*(?:-|–|—|to|bis|à|a|até|do)\s*", re.IGNORECASE)
_CUE_WINDOW = 40


# --- currencies ----------------------------------------------------------------------------


@cache
def _currency_tables() -> tuple[
    dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, int]
]:
    """Symbol -> candidate ISO codes (exact and case-folded), and each code's decimal digits.

    Candidates are ordered: the code itself, currencies in use, then those the euro or a
    redenomination replaced (price-parser keeps DEM, ITL... for old pages).
    """
    from price_parser._currencies import CURRENCIES

    try:
        from price_parser._currencies import REPLACED_BY_EURO
    except ImportError:  # older price-parser releases
        REPLACED_BY_EURO = {}
    retired = set(REPLACED_BY_EURO)
    exact: dict[str, list[str]] = {}
    for code, info in CURRENCIES.items():
        symbols = {code, info.get("s", ""), info.get("sn", ""), *info.get("sn2", ())}
        for symbol in symbols:
            symbol = symbol.strip().rstrip("\u200f")
            if symbol and symbol != "-":
                exact.setdefault(symbol, []).append(code)
            bare = symbol.rstrip(".")  # "د.إ" as pages write what the table has as "د.إ."
            if bare and bare != symbol and not bare.isascii():
                exact.setdefault(bare, []).append(code)
    for symbol, codes in _EXTRA_SYMBOLS.items():
        known = exact.setdefault(symbol, [])
        exact[symbol] = list(codes) + [c for c in known if c not in codes]
    ordered = {
        symbol: tuple(sorted(codes, key=lambda c: (c != symbol, c in retired)))
        for symbol, codes in exact.items()
    }
    folded: dict[str, list[str]] = {}
    for symbol, codes in ordered.items():
        bucket = folded.setdefault(symbol.casefold(), [])
        bucket.extend(c for c in codes if c not in bucket)
    digits = {code: int(info.get("d", 2) or 0) for code, info in CURRENCIES.items()}
    return ordered, {k: tuple(v) for k, v in folded.items()}, digits


@lru_cache(maxsize=4096)
def currency_code(symbol_or_code: str, hint: str | None = None) -> str | None:
    """The ISO 4217 code a currency symbol or code stands for: "€" -> "EUR", "zł" -> "PLN".

    `hint` (an ISO code, or a symbol that resolves to one) picks among the currencies an
    ambiguous symbol is shared by: "$" is USD unless the hint is another dollar ("CAD"),
    "kr" is SEK, NOK, DKK or ISK only by hint. Returns None when the symbol is unknown or
    stays ambiguous.
    """
    if not isinstance(symbol_or_code, str):
        return None
    symbol = symbol_or_code.strip().rstrip("\u200f")
    if not symbol or len(symbol) > 20:
        return None
    exact, folded, _ = _currency_tables()
    candidates = exact.get(symbol) or folded.get(symbol.casefold())
    if not candidates:
        trimmed = "".join(symbol.split()).rstrip(".:")  # "US $", "Rs:"
        candidates = exact.get(trimmed) or folded.get(trimmed.casefold())
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    hint_code = currency_code(hint) if hint else None
    if hint_code in candidates:
        return hint_code
    default = _DEFAULT_FOR_SYMBOL.get(symbol)
    if default:
        return default
    if candidates[0] == symbol.upper():
        return candidates[0]
    return None


class _Marks:
    """A set of currency marks indexed by first and last character.

    A number's neighbours are looked up in these small buckets, so prose full of numbers
    next to ordinary words ("3 floors") costs one dictionary probe per side.
    """

    __slots__ = ("by_first", "by_last", "symbols")

    def __init__(self, symbols: set[str]) -> None:
        self.symbols = frozenset(symbols)
        by_first: dict[str, set[int]] = {}
        by_last: dict[str, set[int]] = {}
        for symbol in symbols:
            by_first.setdefault(symbol[0], set()).add(len(symbol))
            by_last.setdefault(symbol[-1], set()).add(len(symbol))
        # the lengths of the marks that start (end) with a character, longest first
        self.by_first = {k: tuple(sorted(v, reverse=True)) for k, v in by_first.items()}
        self.by_last = {k: tuple(sorted(v, reverse=True)) for k, v in by_last.items()}

    def before(self, text: str, start: int, floor: int) -> tuple[int, str]:
        """(position, symbol) of a mark ending just before `start` (two spaces allowed)."""
        end = start
        while end > floor and start - end < 2 and text[end - 1] in _SPACES:
            end -= 1
        for stop in (end, end - 1):
            if stop <= floor or (stop < end and text[stop] not in ".:"):
                break
            for size in self.by_last.get(text[stop - 1], ()):
                pos = stop - size
                symbol = text[pos:stop]
                if (
                    pos >= floor
                    and symbol in self.symbols
                    and not (symbol[0].isalpha() and pos > 0 and text[pos - 1].isalpha())
                ):
                    return self._country_dollar(text, pos, floor, symbol)
        return -1, ""

    def after(self, text: str, end: int) -> tuple[int, str]:
        """(end position, symbol) of a mark starting just after `end` (two spaces allowed)."""
        begin = end
        limit = len(text)
        while begin < limit and begin - end < 2 and text[begin] in _SPACES:
            begin += 1
        if begin >= limit:
            return -1, ""
        for size in self.by_first.get(text[begin], ()):
            stop = begin + size
            symbol = text[begin:stop]
            if symbol in self.symbols and not (
                symbol[-1].isalpha() and stop < limit and text[stop].isalpha()
            ):
                return stop, symbol
        return -1, ""

    def _country_dollar(self, text: str, pos: int, floor: int, symbol: str) -> tuple[int, str]:
        """Widen a lone "$" to the dollar a spaced country prefix names: "AU $59" -> "AU$"."""
        if symbol != "$" or pos - floor < 3:
            return pos, symbol
        m = _COUNTRY_PREFIX.search(text, max(floor, pos - 5), pos)
        if m and m.group(1) + "$" in self.symbols:
            return m.start(1), m.group(1) + "$"
        return pos, symbol


@cache
def _running_marks() -> _Marks:
    """Currency marks trusted next to a number in running text.

    price-parser's "safe" symbols, uppercase ISO codes that are not English words, and a few
    common letter symbols. Single Latin letters ("R", "L", "K") and two-letter abbreviations
    that are also words or units ("Le", "DM", "KM") are left out.
    """
    from price_parser.parser import SAFE_CURRENCY_SYMBOLS

    exact, _, _ = _currency_tables()
    codes = {s for s in exact if len(s) == 3 and s.isupper() and s.isalpha()} - _WORD_CODES
    safe = {s.strip().rstrip("\u200f") for s in SAFE_CURRENCY_SYMBOLS}
    return _Marks(safe | codes | set(_RUNNING_LETTER_SYMBOLS) | set(_EXTRA_SYMBOLS))


@cache
def _price_text_marks() -> _Marks:
    """Every symbol the tables know except single Latin letters, and lowercase ISO codes
    ("1 nzd"), for text known to be a price."""
    exact, _, _ = _currency_tables()
    symbols = {s for s in exact if not (len(s) == 1 and s.isascii() and s.isalpha())}
    symbols.update(s.lower() for s in exact if len(s) == 3 and s.isupper() and s.isalpha())
    return _Marks(symbols)


# --- running text --------------------------------------------------------------------------


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
        role = _CUE_WORDS.get(word)
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
        role = _SAVING if _SAVING_AFTER.match(text, item.end) else cue
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
        amount = _three_decimals(text[item.num_start : item.num_end], amount, code, None)
        end, period = _period_after(text, item.end)
        start = item.start
        price = Price(
            amount=amount, currency=code, period=period, kind=item.role, text=text[start:end]
        )
        results.append((start, end, price))
    return results


def _fallback_hint(symbol: str, hint: str | None) -> str | None:
    """The hint, for a symbol the tables do not know at all (never against a known one)."""
    exact, folded, _ = _currency_tables()
    if symbol in exact or symbol.casefold() in folded:
        return None
    return hint


def _period_after(text: str, end: int) -> tuple[int, str | None]:
    """(new end, period) when a billing period is written right after an amount."""
    lead = _PERIOD_AFTER.match(text, end)
    at = lead.end() if lead else end
    m = _PERIOD.match(text, at)
    if not m and at != end:
        m = _PERIOD.match(text, end)
        at = end
    if not m:
        return end, None
    return m.end(), _period_name(m)


def _period_name(m: re.Match[str]) -> str:
    return (m.lastgroup or "").rstrip("0123456789").replace("_", "-")


def billing_period(text: str) -> str | None:
    """The billing period a price states: "month", "year", "one-time", or None.

    Reads "/mo", "per month", "monthly", "a year", "/yr", "billed annually", "p.a.",
    "one-time" (and the German, French and Spanish forms); the first one written wins, so
    "$10/mo billed annually" is monthly. A bare duration ("12 months") is not a period.
    """
    if not isinstance(text, str) or not text:
        return None
    m = _PERIOD.search(text[:MAX_RUNNING_TEXT])
    return _period_name(m) if m else None


# --- one price -----------------------------------------------------------------------------


@cache
def _price_parser() -> Callable[..., Any]:
    from price_parser import Price as ParsedPrice

    return ParsedPrice.fromstring


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
    if simple is not None:
        code = hint or (_raw_currency(stripped, hint_text, hint) if hint_text else None)
        return Price(amount=simple, currency=code, kind=kind, text=stripped)
    if not _DIGIT.search(stripped):
        if _FREE.fullmatch(stripped):
            code = hint or _raw_currency(stripped, hint_text, hint)
            return Price(amount=Decimal(0), currency=code, kind=kind, text=stripped)
        return None
    normalized = stripped.translate(_APOSTROPHES)
    choice = _choose(normalized, decimal_separator)
    if choice is None:
        return None
    chosen, symbol, is_sale = choice
    parsed = _price_parser()(chosen, currency_hint=hint_text, decimal_separator=decimal_separator)
    if parsed.amount is None or not parsed.amount.is_finite():
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


def _simple_number(text: str, decimal_separator: str | None) -> Decimal | None:
    """A bare number JSON-LD style ("1299", "19.99"), read without price-parser.

    Only the forms price-parser reads the same way; a dot with exactly three decimals is
    left to it (or read as a decimal point when the caller says so).
    """
    if decimal_separator == "." and _JSON_NUMBER.fullmatch(text):
        return Decimal(format(Decimal(text), "f"))  # "1e5" -> 100000, as a page would say
    if decimal_separator in (None, ".") and _PLAIN_DECIMAL.fullmatch(text):
        return Decimal(text)
    return None


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


def _three_decimals(
    amount_text: str, amount: Decimal, code: str | None, decimal_separator: str | None
) -> Decimal:
    """Re-read "423.923" as a decimal for currencies with three minor digits (KWD, OMR...)."""
    if decimal_separator or not code:
        return amount
    _, _, digits = _currency_tables()
    if digits.get(code) != 3 or not _THREE_DECIMALS.fullmatch(amount_text.strip()):
        return amount
    return Decimal(amount_text.strip().replace(",", ""))
