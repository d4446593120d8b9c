"""Uptime SLA claims: "99.9% uptime", "SLA of 99.95%", "available at least 99.9%", as the
percentage (an exact Decimal, so 99.9 and 99.99 differ), unit "percent"."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from msglint.model import Claim
from msglint.values.claims.common import Finder, Reader, Sequences, expand, number, words

if TYPE_CHECKING:
    from spacy.tokens import Span


GROUP = "sla"

_PERCENT_NUMBER = {"LOWER": {"REGEX": r"^\d{1,3}(?:[.,]\d{1,4})?$"}}
_PERCENT: Sequences = [
    [
        _PERCENT_NUMBER,
        {"LOWER": "per", "OP": "?"},
        words("%", "％", "percent", "pct", "cent"),
    ]
]
_SLA_WORD = words("uptime", "availability", "sla", "slas", "up-time")
_SLA_QUALIFIER = words(
    "guaranteed", "service", "network", "platform", "monthly", "annual", "server", "api",
    "-", op="{0,2}",
)  # fmt: skip
_SLACONNECTOR = words(
    "sla", "guarantee", "guarantees", "commitment", "target", "agreement", "level", "of",
    ":", "at", "is", "guaranteed", "-", "–", "(", "we", "offer", "least", "service", "falls",
    "drops", "below", "under", op="{0,4}",
)  # fmt: skip


def patterns() -> dict[str, Sequences]:
    """Labels -> token patterns. A label names the kind and, after "/", how to read it."""
    return {
        "sla/percent": [
            *expand(_PERCENT, _SLA_QUALIFIER, _SLA_WORD),
            *expand(_PERCENT, _SLA_QUALIFIER, words("service"), words("level")),
            *expand(_SLA_WORD, _SLACONNECTOR, _PERCENT),
            *expand(
                words("available", "online", "reachable", "operational"),
                words("at", "least", op="{0,2}"),
                _PERCENT,
            ),
            *expand(
                words("service"),
                {"LOWER": "-", "OP": "?"},
                words("level"),
                _SLACONNECTOR,
                _PERCENT,
            ),
        ],
    }


_PERCENT_TEXT = re.compile(r"^\d{1,3}(?:\.\d{1,4})?$")


def _percent(span: Span) -> Decimal | None:
    for i, tok in enumerate(span):
        if tok.lower_ in ("%", "％", "percent", "pct", "per") and i > 0:
            text = span[i - 1].text.replace(",", ".")
            value = number(text) if _PERCENT_TEXT.match(text) else None
            if value is not None and 0 < value <= 100:
                return Decimal(text)
    return None


def _read_sla(f: Finder, span: Span, start: int, end: int) -> list[Claim]:
    value = _percent(span)
    return [] if value is None else [f.claim("sla", value, "percent", start, end)]


READERS: dict[str, Reader] = {"sla/percent": _read_sla}
