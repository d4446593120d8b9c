"""Billing periods written next to a price: "/mo", "per month", "monthly", "a year",
"billed annually", "p.a.", "one-time". No library covers them; the words are data
(`data/price_words.yaml`, `per` and `periods`), so a language adds its words there.
"""

from __future__ import annotations

import re
from functools import cache

from msglint.text.tables import load

#: Longest running text read for a period; longer text is not one page segment.
MAX_RUNNING_TEXT = 200_000


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


def _phrase(phrase: str) -> str:
    """A phrase as a regex: its words literal, any run of spaces between them, bounded."""
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    head = r"\b" if re.match(r"\w", phrase) else ""
    tail = r"\b" if re.search(r"\w$", phrase) else ""
    return head + body + tail


@cache
def _period_pattern() -> re.Pattern[str]:
    """One regex with a named group per way of writing each period ("month0", "year2", ...).

    A lookahead names every first character of the phrases: without it the regex engine
    tries each alternative at each position, which was 4 µs on a ten-character price.
    """
    words = load("price_words.yaml")
    per = _alternation(words["per"])
    alternatives: list[str] = []
    for name, forms in words["periods"].items():
        ways = []
        if forms.get("slash"):
            ways.append(rf"/\s*(?:{_alternation(forms['slash'])})\b\.?")
        if forms.get("per"):
            ways.append(rf"\b(?:{per})\s+(?:{_alternation(forms['per'])})\b")
        if forms.get("words"):
            ways.append(rf"\b(?:{_alternation(forms['words'])})\b")
        ways.extend(_phrase(p) for p in forms.get("phrases", ()))
        group = name.replace("-", "_")
        alternatives.extend(f"(?P<{group}{i}>{way})" for i, way in enumerate(ways))
    firsts = {"/"} if any("slash" in f for f in words["periods"].values()) else set()
    for word in words["per"]:
        firsts.add(word[0].lower())
    for forms in words["periods"].values():
        for word in (*forms.get("words", ()), *forms.get("phrases", ())):
            firsts.add(word[0].lower())
    lookahead = "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]"
    return re.compile(f"(?={lookahead})(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


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


def _period_after(text: str, end: int) -> tuple[int, str | None]:
    """(new end, period) when a billing period is written right after an amount."""
    lead = _PERIOD_AFTER.match(text, end)
    at = lead.end() if lead else end
    m = _period_pattern().match(text, at)
    if not m and at != end:
        m = _period_pattern().match(text, end)
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
    m = _period_pattern().search(text[:MAX_RUNNING_TEXT])
    return _period_name(m) if m else None
