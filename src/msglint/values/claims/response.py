"""SLA time claims: how soon support answers a request and how soon it is fixed, per
priority. "Priority 1 requests get a first response within 1 hour", "We reply within 8
business hours", "P2: resolution within 2 business days", "4-hour response time".

Kinds `sla-response` and `sla-resolution`, told apart by the nearest response or
resolution word (`data/support_facts.yaml`) before the time, or right after it ("4-hour
response"). The value is exact: minutes, unit "minutes" ("1 day" is 1440, "24 hours" too);
business time keeps its own unit, because 8 business hours are not 8 hours: "business
minutes" for business hours and minutes, "business days" for business days (a business
day is not a fixed number of business hours across vendors). The `qualifier` is the
priority the time is for, from the same sentence: "p1" for "P1", "Priority 1", "Severity
1", "Sev 1", "Level 1"; a priority written as a word ("critical", "urgent", "high") is kept
as the word (vendors map words to numbers differently); "" when the sentence names none.
Times are compared only within one priority (checks/claim.py).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from msglint.model import Claim
from msglint.values.claims.common import number_words
from msglint.values.claims.factwords import vocabulary, words

if TYPE_CHECKING:
    from msglint.values.claims.sentence import Sentence

#: Response words that open an instruction to the reader when they start the sentence.
_IMPERATIVE = frozenset(("reply", "respond", "answer", "acknowledge", "react", "call"))
_UNITS = {"minute": 1, "min": 1, "hour": 60, "hr": 60, "h": 60, "day": 1440, "week": 10080}


def _words(key: str) -> re.Pattern[str]:
    """Word starts: "respond" finds "responds", "request" finds "requests"."""
    return words(key, whole=False)


@cache
def _duration() -> re.Pattern[str]:
    spelled = "|".join(sorted((w for w in number_words() if w not in ("a", "an")), key=len))
    business = "|".join(sorted(_vocab("business"), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.,])(?P<n>\d{{1,4}}(?:[.,]\d{{1,2}})?|{spelled}|an?|half an?)"
        rf"\s*[-‑–]?\s*(?:(?P<biz>{business})[\s-]+)?"
        r"(?P<unit>minutes?|mins?|hours?|hrs?|h|days?|weeks?)(?![\w])",
        re.IGNORECASE,
    )


@cache
def _priority() -> re.Pattern[str]:
    words = "|".join(sorted(_vocab("priority_words"), key=len, reverse=True))
    return re.compile(
        r"(?<!\w)(?:(?:p|prio(?:rity)?|sev(?:erity)?|s|level|tier)\s*[-:]?\s*(?P<n>[1-5])"
        rf"|(?P<w>{words})(?:[\s-]+(?:priority|severity))?)(?!\w)",
        re.IGNORECASE,
    )


def _vocab(key: str) -> Any:
    return vocabulary()[key]


def minutes(amount: str, unit: str, business: bool) -> tuple[Decimal, str] | None:
    """(value, unit) of a duration as written: ("8", "hours", True) -> (480, "business
    minutes")."""
    amount = amount.lower()
    table = number_words()
    if amount.startswith("half"):
        number = Decimal("0.5")
    elif amount in table:
        number = Decimal(table[amount])
    else:
        number = Decimal(amount.replace(",", "."))
    if number <= 0:
        return None
    unit = unit.lower().rstrip("s")
    if business and unit == "day":
        return _plain(number), "business days"
    if unit == "week" and business:
        return None
    return _plain(number * _UNITS[unit]), "business minutes" if business else "minutes"


def _plain(number: Decimal) -> Decimal:
    """60, not 6E+1 (Decimal.normalize drops trailing zeros into the exponent)."""
    return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()


def _priority_of(body: str, start: int, end: int) -> str:
    """The priority a time at body[start:end] is stated for, "" when none is named.

    One named right after the time ("4 hours for P1", "4 hours (P1)") wins; otherwise the
    nearest one before it ("P1 within 15 minutes, P2 within 2 hours").
    """
    pattern = _priority()
    chosen = None
    glue = re.match(r"\s*(?:for|on|\()\s*", body[end:])
    if glue is not None:
        after = pattern.match(body, end + glue.end())
        if after is not None and (
            "(" not in glue.group() or body[after.end() : after.end() + 1] == ")"
        ):
            chosen = after
    if chosen is None:
        for m in pattern.finditer(body, 0, start):
            chosen = m
    if chosen is None:
        return ""
    if chosen.group("n"):
        return f"p{chosen.group('n')}"
    word = chosen.group("w").lower()
    return str(_vocab("priority_words").get(word, word))  # type: ignore[union-attr]


def _kind_of(body: str, start: int, end: int) -> str | None:
    """ "sla-response" or "sla-resolution" by the nearest such word before the time (or
    right after it: "4-hour response"), None when neither is near."""
    nearest: tuple[int, str] | None = None
    for kind, key in (("sla-response", "response"), ("sla-resolution", "resolution")):
        for m in _words(key).finditer(body, max(0, start - 80), start):
            if nearest is None or m.start() > nearest[0]:
                nearest = (m.start(), kind)
    if nearest is not None:
        first = not body[: nearest[0]].strip()
        if first and body[nearest[0] :].split(" ", 1)[0].lower() in _IMPERATIVE:
            return None  # "Reply to this e-mail within 14 days": the reader is asked
        return nearest[1]
    tail = body[end : end + 25]
    for kind, key in (("sla-response", "response"), ("sla-resolution", "resolution")):
        m = _words(key).search(tail)
        if m is not None and not re.search(r"[,;.]", tail[: m.start()]):
            return kind
    return None


def read(sentence: Sentence) -> list[Claim]:
    body = sentence.body
    if not (_words("response").search(body) or _words("resolution").search(body)):
        return []
    if not _words("sla_context").search(body) and not any(
        m.group("n") for m in _priority().finditer(body)
    ):
        return []
    out = []
    for m in _duration().finditer(body):
        kind = _kind_of(body, m.start(), m.end())
        if kind is None:
            continue
        read_as = minutes(m.group("n"), m.group("unit"), bool(m.group("biz")))
        if read_as is None:
            continue
        qualifier = _priority_of(body, m.start(), m.end())
        out.append(sentence.claim(kind, read_as[0], read_as[1], m.start(), m.end(), qualifier))
    return out
