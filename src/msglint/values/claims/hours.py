"""Support-hours claims: "24/7 support", "Mon-Fri 9am-5pm CET", "every day from 8 a.m. to
8 p.m.", read in a sentence about support only ("monitors your home 24/7" is no claim), and
normalized by `times` into a string that compares with `==`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.model import Claim
from msglint.values.claims.common import (
    HYPHEN,
    Finder,
    Reader,
    Sequences,
    Token,
    expand,
    read_fixed,
    words,
)
from msglint.values.claims.times import DAY_NAMES, TZ_OFFSET, hours, time_zones

if TYPE_CHECKING:
    from spacy.tokens import Span


GROUP = "hours"

_DAY_TOKEN: Token = {
    "LOWER": {"REGEX": rf"^{DAY_NAMES}\.?(?:[-–]{DAY_NAMES}\.?)?$|^(?:weekdays|weekends)$"}
}
_DAY_SEP = words("-", "–", "—", "to", "through", "thru", "till", "until", "&", "and", ",")
# The tokenizer cuts "8 am–8 pm" into "8", "am–8", "pm": a time token is any run of clock
# parts, and `_times_of` reads the times from the matched text afterwards.
_MERIDIEM = r"am|pm|a\.m\.?|p\.m\.?|h"
_CLOCK_PART = rf"\d{{1,2}}(?:[:.]\d{{2}})?(?:{_MERIDIEM})?|{_MERIDIEM}|noon|midnight"
_TIME_TOKEN = {"LOWER": {"REGEX": rf"^(?:{_CLOCK_PART})(?:[-–—](?:{_CLOCK_PART}))*$"}}
_TIME_SEP = words("-", "–", "—", "to", "until", "till", "and")
_TIME_RANGE: Sequences = [
    [
        words("from", "between", op="?"),
        {**_TIME_TOKEN, "OP": "{1,2}"},
        {**_TIME_SEP, "OP": "?"},
        {**_TIME_TOKEN, "OP": "{0,2}"},
    ]
]
# One optional-token pattern instead of "day" | "day - day": `_days_of` reads what matched.
_DAY_RANGE: Sequences = [
    [
        _DAY_TOKEN,
        {"ORTH": {"IN": [".", ","]}, "OP": "?"},
        {**_DAY_SEP, "OP": "?"},
        {**_DAY_TOKEN, "OP": "?"},
    ]
]


def patterns() -> dict[str, Sequences]:
    """Labels -> token patterns. A label names the kind and, after "/", how to read it."""
    zones = list(time_zones())
    return {
        "support-hours/247": [
            [{"LOWER": {"REGEX": r"^24/7(?:/365)?$|^24x7$"}}],
            [{"ORTH": "24"}, words("x", "/"), words("7")],
            *expand(
                words("24"),
                words("hours"),
                words("a", "per"),
                words("day"),
                {"ORTH": ",", "OP": "?"},
                words("7", "seven"),
                words("days"),
                words("a", "per"),
                words("week"),
            ),
            *expand(words("around", "round"), HYPHEN, words("the"), HYPHEN, words("clock")),
        ],
        "support-hours/range": [
            # days first, hours optional: "Mon-Fri 9am-5pm", "Monday to Friday"
            *expand(
                _DAY_RANGE,
                {"ORTH": {"IN": [",", ":"]}, "OP": "?"},
                words("from", "between", op="?"),
                {**_TIME_TOKEN, "OP": "{0,2}"},
                {**_TIME_SEP, "OP": "?"},
                {**_TIME_TOKEN, "OP": "{0,2}"},
            ),
            # "every day from 8 a.m. to 8 p.m.", "daily 9:00-21:00"
            *expand(
                words("every", "daily"),
                {"LOWER": "day", "OP": "?"},
                {"ORTH": {"IN": [",", ":"]}, "OP": "?"},
                _TIME_RANGE,
            ),
            # hours first, days optional: "9am-6pm, Monday through Friday", "9:00-17:00"
            *expand(
                _TIME_RANGE,
                {"ORTH": {"IN": zones}, "OP": "?"},
                {"ORTH": ",", "OP": "?"},
                words("on", op="?"),
                {**_DAY_TOKEN, "OP": "?"},
                {**_DAY_SEP, "OP": "?"},
                {**_DAY_TOKEN, "OP": "?"},
            ),
        ],
    }


def _read_hours(f: Finder, span: Span, start: int, end: int) -> list[Claim]:
    end = _time_zone_end(span, end)
    value = hours(f.doc.text[start:end])
    if value is None or not f.in_support_sentence():
        return []
    return [f.claim("support-hours", value, "text", start, end)]


def _time_zone_end(span: Span, end: int) -> int:
    """`end`, moved past a time zone right after the span ("CET", "(CET)", "UTC+1").

    Read here rather than as optional pattern tokens: every optional variant would be one
    more pattern for the Matcher to try at every token.
    """
    doc = span.doc
    i = span.end
    if i < len(doc) and (doc[i].text in time_zones() or TZ_OFFSET.match(doc[i].text)):
        return doc[i].idx + len(doc[i])
    if i + 2 < len(doc) and (doc[i].text, doc[i + 2].text) == ("(", ")"):
        return doc[i + 2].idx + 1 if doc[i + 1].text in time_zones() else end
    return end


READERS: dict[str, Reader] = {
    "support-hours/247": read_fixed("support-hours", "24/7", "text", support=True),
    "support-hours/range": _read_hours,
}
