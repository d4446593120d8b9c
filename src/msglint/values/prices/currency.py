"""Currency symbols and codes -> ISO 4217, and the marks a number may carry on a page.

The table is data (`data/currencies.yaml`): every symbol, native symbol and code of
price-parser's currency table, the symbols pages write that it lacks, defaults for symbols
several live currencies share ("$" is USD unless a hint says another dollar), and which
marks are trusted next to a number in running text. A market's symbols are added there.

Babel (CLDR's symbols for every locale) was measured as the source and is not used: loading
the symbols of its 1,147 locales takes 1.8 s, 134 of the 398 symbols pages use here are in
no CLDR locale ("лв", "руб", "KD", "JD", "TL", "S/."...), and 323 of 549 symbols map to other
currency sets (CLDR lists no "$" for HKD, so "$" with a Hong Kong hint would turn into USD).
Every result on price-parser's test cases would have to be re-checked for no gain.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from msglint.text.tables import load

_SPACES = "\u00a0\u202f\u2009\u2007 "
_COUNTRY_PREFIX = re.compile(r"(?<![A-Za-z])([A-Z]{1,3})[ \u00a0]$")


@cache
def _data() -> dict:
    return load("currencies.yaml")


@cache
def _currency_tables() -> tuple[
    dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], frozenset[str]
]:
    """Symbol -> candidate ISO codes (exact and case-folded), and the three-decimal codes.

    Candidates are ordered: the msglint extras first, then the code itself, currencies in
    use, then those the euro or a redenomination replaced (kept for old pages).
    """
    data = _data()
    retired = frozenset(data["retired"])
    exact: dict[str, list[str]] = {s: list(codes) for s, codes in data["table"].items()}
    for symbol, codes in data["extra"].items():
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
    three = frozenset(data["three_decimals"])
    return ordered, {k: tuple(v) for k, v in folded.items()}, three


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
    default = _data()["defaults"].get(symbol)
    if default:
        return default
    if candidates[0] == symbol.upper():
        return candidates[0]
    return None


def _fallback_hint(symbol: str, hint: str | None) -> str | None:
    """The hint, for a symbol the tables do not know at all (never against a known one)."""
    exact, folded, _ = _currency_tables()
    if symbol in exact or symbol.casefold() in folded:
        return None
    return hint


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

    price-parser's "safe" symbols (`safe` in the table), uppercase ISO codes that are not
    English words, and a few common letter symbols. Single Latin letters ("R", "L", "K")
    and two-letter abbreviations that are also words or units ("Le", "DM", "KM") are left
    out.
    """
    data = _data()
    exact, _, _ = _currency_tables()
    words = set(data["word_codes"])
    codes = {s for s in exact if len(s) == 3 and s.isupper() and s.isalpha()} - words
    safe = {s.strip().rstrip("\u200f") for s in data["safe"]}
    return _Marks(safe | codes | set(data["letters"]) | set(data["extra"]))


@cache
def _price_text_marks() -> _Marks:
    """Every symbol the tables know except single Latin letters, and lowercase ISO codes
    ("1 nzd"), for text known to be a price."""
    exact, _, _ = _currency_tables()
    symbols = {s for s in exact if not (len(s) == 1 and s.isascii() and s.isalpha())}
    symbols.update(s.lower() for s in exact if len(s) == 3 and s.isupper() and s.isalpha())
    return _Marks(symbols)
