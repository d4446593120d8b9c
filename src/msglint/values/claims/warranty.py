"""Warranty claims: "2-year limited warranty", "warranted for 5 years", "lifetime warranty",
"no warranty" (0 days), and a guarantee read by its unit ("2-year guarantee" is a
warranty in British and EU usage, "30-day guarantee" the money-back idiom: returns).

An extended, optional or additional warranty is sold on top of the product's own and is
skipped, so "optional 3-year extended warranty" cannot contradict a "2-year warranty".
"warranty does not cover ..." states no length and yields nothing.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from msglint.model import Claim
from msglint.text.tables import load
from msglint.values.claims.common import (
    CONNECTOR,
    UNIT_DAYS,
    UP_TO,
    WEEK,
    YEAR,
    Finder,
    Reader,
    Sequences,
    duration,
    expand,
    read_days,
    read_duration,
    read_fixed,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Span


GROUP = "warranty"

_WARRANTY = words("warranty", "warranties")
_QUALIFIER = words(
    "limited", "manufacturer", "manufacturers", "manufacturer's", "'s", "’s", "full",
    "standard", "parts", "and", "&", "labor", "labour", "international", "worldwide", "global",
    "european", "eu", "uk", "us", "product", "hardware", "device", "brand", "free", "no",
    "-", "quibble", "comprehensive", "basic", "carry", "in", "on", "site", "onsite",
    "return", "to", "base", "bring", "replacement", "repair", "local",
    op="{0,4}",
)  # fmt: skip


def patterns() -> dict[str, Sequences]:
    """Labels -> token patterns. A label names the kind and, after "/", how to read it."""
    d = duration()
    return {
        "warranty/duration": [
            *expand(UP_TO, d, _QUALIFIER, _WARRANTY),
            *expand(UP_TO, d, {"LOWER": "of"}, _QUALIFIER, _WARRANTY),
            *expand(_WARRANTY, CONNECTOR, d),
            *expand(words("warranted"), words("for", "up", "to", op="{1,2}"), d),
        ],
        "warranty/lifetime": [
            *expand(
                words("limited", op="?"),
                words("lifetime", "life-time"),
                _QUALIFIER,
                words("warranty", "warranties", "guarantee"),
            ),
            *expand(words("warranty", "guarantee"), CONNECTOR, words("lifetime", "life")),
            *expand(
                words("warranted", "guaranteed", "warranty", "guarantee"),
                words("for"),
                words("the", "a", op="?"),
                words("life", "lifetime"),
            ),
        ],
        "warranty/none": expand(
            words("no", "without"), words("any", op="?"), words("warranty", "warranties")
        ),
        "guarantee/duration": [
            *expand(d, _QUALIFIER, {"LOWER": "guarantee"}),
            *expand(words("guaranteed"), words("for", "up", "to", op="{1,2}"), d),
            *expand({"LOWER": "guarantee"}, CONNECTOR, d),
        ],
    }


def _read_guarantee(f: Finder, span: Span, start: int, end: int) -> list[Claim]:
    found = read_days(span)
    if found is None:
        return []
    days, unit = found
    kind = "returns" if UNIT_DAYS.get(unit, YEAR) <= WEEK else "warranty"
    return [f.claim(kind, days, "days", start, end)]


@cache
def _extended() -> frozenset[str]:
    return frozenset(w.lower() for w in load("claim_words.yaml")["extended"])


def _own(read: Reader) -> Reader:
    """`read`, except for an extended or optional warranty: an add-on, not the product's own
    (its words within three tokens before the span or in it: "optional 3-year extended")."""

    def own(f: Finder, span: Span, start: int, end: int) -> list[Claim]:
        before = span.doc[max(0, span.start - 3) : span.start]
        extended = _extended()
        if any(t.lower_ in extended for t in (*before, *span)):
            return []
        return read(f, span, start, end)

    return own


READERS: dict[str, Reader] = {
    "warranty/duration": _own(read_duration("warranty")),
    "warranty/lifetime": _own(read_fixed("warranty", "lifetime", "text")),
    "warranty/none": _own(read_fixed("warranty", Decimal(0), "days")),
    "guarantee/duration": _own(_read_guarantee),
}
