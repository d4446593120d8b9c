"""Return-window claims: "30-day returns", "90-day money-back guarantee", "return within 14
days", "no returns" (0 days), "non-returnable" (0 days).

"refund within N days" is not read as a returns window: pages use it just as often for how
fast money comes back ("your refund reaches you within five business days").
"""

from __future__ import annotations

from decimal import Decimal

from msglint.values.claims.common import (
    CONNECTOR,
    HYPHEN,
    NON_PUNCT,
    WITHIN,
    Reader,
    Sequences,
    duration,
    expand,
    read_duration,
    read_fixed,
    words,
)

GROUP = "returns"

_RETURN_WORDS = words("return", "returns", "refund", "refunds")
_QUALIFIER = words(
    "free", "easy", "hassle", "no", "-", "quibble", "questions", "asked", "risk", "simple",
    "unconditional", "full", op="{0,4}",
)  # fmt: skip


def patterns() -> dict[str, Sequences]:
    """Labels -> token patterns. A label names the kind and, after "/", how to read it."""
    d = duration()
    return {
        "returns/duration": [
            *expand(
                d,
                _QUALIFIER,
                _RETURN_WORDS,
                words("policy", "window", "period", "guarantee", op="?"),
            ),
            *expand(
                d,
                _QUALIFIER,
                {"LOWER": "money"},
                HYPHEN,
                {"LOWER": "back"},
                words("guarantee", "policy", op="?"),
            ),
            *expand(d, _QUALIFIER, words("satisfaction"), words("guarantee")),
            *expand(
                {"LOWER": "money"},
                HYPHEN,
                {"LOWER": "back"},
                words("guarantee", "policy"),
                CONNECTOR,
                d,
            ),
            *expand(words("return", "returns", "returned", "returnable"), NON_PUNCT, WITHIN, d),
            *expand(
                words("send", "ship", "bring", "mail"), NON_PUNCT, {"LOWER": "back"}, WITHIN, d
            ),
            *expand(d, words("to", "for"), words("return", "returns", "exchange", "send")),
            *expand(
                d,
                {"LOWER": "to"},
                {"LOWER": "request"},
                words("a", "full", op="{0,2}"),
                words("refund"),
            ),
            *expand(_RETURN_WORDS, CONNECTOR, d),
        ],
        "returns/none": [
            *expand(words("no"), words("returns", "refunds")),
            *expand(words("non"), HYPHEN, words("returnable", "refundable")),
            *expand(words("nonreturnable", "nonrefundable")),
            *expand(words("not"), words("returnable", "refundable")),
        ],
    }


READERS: dict[str, Reader] = {
    "returns/duration": read_duration("returns"),
    "returns/none": read_fixed("returns", Decimal(0), "days"),
}
