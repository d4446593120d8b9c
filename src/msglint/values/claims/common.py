"""What the claim kinds share: token-pattern helpers, durations, and the generic readers.

Patterns are spaCy Matcher token patterns on the blank English tokenizer: "2-year" is "2",
"-", "year" and "99.9%" is "99.9", "%". A part of a pattern is one token spec, or a list of
alternative token sequences that `expand` multiplies out (the Matcher has no alternation of
sequences). Durations are whole days: a year is 365 days and a month 365/12, rounded half up
once at the end, so "2-year", "24 months" and "730 days" are all 730.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from itertools import product
from typing import TYPE_CHECKING, Any, Protocol

from msglint.model import Claim
from msglint.text.tables import load

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

Token = dict[str, Any]
Sequences = list[list[Token]]


class Finder(Protocol):
    """What a reader is handed with a matched span: the sentence being read (`finder.Finder`)."""

    doc: Doc

    def claim(self, kind: str, value: Any, unit: str, start: int, end: int) -> Claim: ...

    def in_support_sentence(self) -> bool: ...


#: A reader turns one matched span into claims: (finder, span, start, end) -> claims.
Reader = Callable[[Finder, "Span", int, int], list[Claim]]

_DAY, WEEK, _MONTH, YEAR = Fraction(1), Fraction(7), Fraction(365, 12), Fraction(365)
UNIT_DAYS: dict[str, Fraction] = {
    "day": _DAY, "days": _DAY,
    "week": WEEK, "weeks": WEEK, "wk": WEEK, "wks": WEEK,
    "month": _MONTH, "months": _MONTH, "mo": _MONTH, "mos": _MONTH, "mth": _MONTH,
    "mths": _MONTH,
    "year": YEAR, "years": YEAR, "yr": YEAR, "yrs": YEAR,
}  # fmt: skip
_COMPACT_DURATION = re.compile(r"^(\d{1,3})(yrs?|mos?|mths?|wks?)$")


@cache
def number_words() -> dict[str, int]:
    """Numbers written as words ("two", "a") -> their value (`numbers` in claim_words.yaml)."""
    return {str(k).lower(): int(v) for k, v in load("claim_words.yaml")["numbers"].items()}


def words(*words: str, op: str | None = None) -> Token:
    """A token that is one of `words` (lower-cased), optionally repeated (`op`)."""
    spec: Token = {"LOWER": {"IN": list(words)}}
    if op:
        spec["OP"] = op
    return spec


def expand(*parts: Token | Sequences) -> Sequences:
    """Every token pattern a sequence of parts spells out.

    A part is one token spec, or a list of alternative token sequences (`[]` for "absent"):
    the Matcher has no alternation of sequences, so they are multiplied out here once.
    """
    choices = [[[p]] if isinstance(p, dict) else p for p in parts]
    return [[tok for seq in combo for tok in seq] for combo in product(*choices)]


HYPHEN: Token = {"ORTH": {"IN": ["-", "–", "‑"]}, "OP": "?"}
_APOS: Token = {"ORTH": {"IN": ["'", "’"]}, "OP": "?"}
_UNIT: Token = {"LOWER": {"IN": list(UNIT_DAYS)}, "OP": "?"}
UP_TO: Sequences = [[{"LOWER": "up", "OP": "?"}, {"LOWER": "to", "OP": "?"}]]
CONNECTOR = words(
    ":", "-", "–", "of", "for", "is", "lasts", "valid", "up", "to", "(", "period", "term",
    "coverage", "length", "covers", "runs", "=", op="{1,3}",
)  # fmt: skip
NON_PUNCT: Token = {"IS_PUNCT": False, "LIKE_NUM": False, "OP": "{0,4}"}
WITHIN = words("within", "for", "up", "to", op="{1,2}")


def duration() -> Sequences:
    """A number and an optional duration unit: "2-year", "24 months", "5yr", "two years".

    "5yr" and "12mo" are one token; the unit after a number is optional in the pattern and
    `read_days` drops a match without one, so each pattern needs one variant, not two.
    """
    number = {
        "LOWER": {
            "REGEX": r"^(?:\d{1,4}(?:[.,]\d{1,2})?|\d{1,3}(?:yrs?|mos?|mths?|wks?)|"
            + "|".join(number_words())
            + ")$"
        }
    }
    return [[number, HYPHEN, _UNIT, _APOS]]


# --- reading a matched span ---------------------------------------------------------------


def number(word: str) -> Fraction | None:
    """A number as a token writes it ("2", "2,5", "two"), or None."""
    word = word.lower()
    table = number_words()
    if word in table:
        return Fraction(table[word])
    if re.fullmatch(r"\d+,\d{1,2}", word):
        word = word.replace(",", ".")
    try:
        return Fraction(Decimal(word))
    except (InvalidOperation, ValueError):
        return None


def _days(amount: Fraction) -> Decimal:
    return Decimal(amount.numerator) / Decimal(amount.denominator)


def _whole_days(amount: Fraction) -> Decimal:
    return _days(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def read_days(span: Span) -> tuple[Decimal, str] | None:
    """(days, the unit word as written) of the first duration in `span`."""
    for i, tok in enumerate(span):
        lower = tok.lower_
        compact = _COMPACT_DURATION.match(lower)
        if compact:
            unit = UNIT_DAYS.get(compact.group(2)) or UNIT_DAYS[compact.group(2).rstrip("s")]
            return _whole_days(int(compact.group(1)) * unit), compact.group(2)
        if lower in UNIT_DAYS and i > 0:
            j = i - 1 if span[i - 1].text not in ("-", "–", "‑") else i - 2
            amount = number(span[j].text) if j >= 0 else None
            if amount is not None and amount > 0:
                return _whole_days(amount * UNIT_DAYS[lower]), lower
    return None


def read_duration(kind: str) -> Reader:
    """A reader giving a `kind` claim of the span's duration in days."""

    def read(f: Finder, span: Span, start: int, end: int) -> list[Claim]:
        found = read_days(span)
        if found is None:
            return []
        return [f.claim(kind, found[0], "days", start, end)]

    return read


def read_fixed(kind: str, value: Any, unit: str, *, support: bool = False) -> Reader:
    """A reader giving a `kind` claim of a fixed value ("lifetime", 0 days, "24/7"); with
    `support`, only in a sentence about support."""

    def read(f: Finder, span: Span, start: int, end: int) -> list[Claim]:
        if support and not f.in_support_sentence():
            return []
        return [f.claim(kind, value, unit, start, end)]

    return read
