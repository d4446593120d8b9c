"""Support facts stated in prose: warranty, returns, SLA, support hours and channels, free
shipping threshold, trial length.

Consistency rules compare these between the brand's pages and its partners' pages, so every
value is normalized to something that compares with `==`:

- **Durations** (warranty, returns, trial) are whole days as `Decimal`, unit `"days"`. A year
  is 365 days and a month is 365/12 days, rounded half up once at the end, so "2-year",
  "24 months" and "730 days" are all 730, "1 year" == "12 months" == "365 days", and
  "1 month" == "30 days" (30.42 rounds to 30). A week is 7 days. A flat 30-day month would
  make "24 months" 720 and a reseller quoting months would always disagree with a brand
  quoting years.
- "lifetime warranty" is value `"lifetime"`, unit `"text"`. "no warranty" is 0 days, and so
  are "no returns", "no refunds" and "non-returnable": a partner contradicting the brand's
  window is exactly what the rules look for. "warranty does not cover ..." states no length
  and yields nothing.
- A money-back or satisfaction guarantee is a **returns** window ("90-day money-back
  guarantee" -> returns 90). A bare "N-unit guarantee" is read by its unit: in days or weeks
  it is the money-back idiom (returns), in months or years the British and EU word for a
  warranty ("2-year guarantee" -> warranty 730).
- An extended, optional or additional warranty is sold on top of the product's own and is
  skipped, so "optional 3-year extended warranty" cannot contradict a "2-year warranty".
- "refund within N days" is not read as a returns window: pages use it just as often for how
  fast money comes back ("your refund reaches you within five business days").
- **SLA** is a percentage as `Decimal` ("99.9" for "99.9% uptime"), unit `"percent"`.
- **Support hours** are canonical strings, unit `"text"`: `"24/7"` (also "24x7", "24 hours a
  day, 7 days a week", "around the clock"), or `"<days> <HH:MM>-<HH:MM> <TZ>"` with the parts
  the page gives ("mon-fri 09:00-17:00 CET", "sat 10:00-14:00", "mon-fri"; "every day" is
  "mon-sun"). Support hours and channels are only read in a sentence about support (support,
  help, contact, call, chat, customer service...), so "monitors your home 24/7" is no claim.
- **Support channels** are `"phone"`, `"email"` or `"chat"`, unit `"text"`, one claim each:
  from "phone, email and live chat support", "support via ...", a contact verb ("call us",
  "chat with us", "send us an e-mail", which need no support word) or, in a support
  sentence, an e-mail address or phone number.
- **Free shipping** is the order amount from which shipping is free, as `Decimal`, unit
  `"currency:<ISO>"`; the amount is read by `msglint.extract.prices.parse_price`. A threshold
  without a currency is dropped ("orders of 2 or more items"). "free shipping on all orders"
  is 0 with unit `"currency"`; a bare "free shipping" states no threshold and yields nothing.

Matching uses spaCy's rule-based `Matcher` on the blank English tokenizer (no model): token
patterns see "2-year" as "2", "-", "year" and "99.9%" as "99.9", "%", which a character
regex would need many spellings for. The patterns are built once, lazily, because importing
spaCy costs about a second and most paragraphs never need it: `has_claim_words` turns them
away first.

Speed: the Matcher costs about a microsecond per token and pattern, so a paragraph pays only
for what it may hold. Trigger words (one literal search) select pattern groups; only the
sentences holding them are tokenized; a group runs only where its sentence also has what all
its patterns need (a number, "%", "free", a clock time or day name...). Measured with
`python benchmarks/claims.py` on 10,435 paragraphs of product prose: 2 µs for a paragraph
without trigger words, about 35 µs with trigger words but no claim, about 170 µs with claims.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from itertools import product
from typing import TYPE_CHECKING, Any

from msglint.model import Claim
from msglint.nlp import blank, tokenizer_text

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span

__all__ = [
    "KINDS",
    "MAX_CLAIMS",
    "MAX_SENTENCE",
    "MAX_TEXT",
    "find_claims",
    "has_claim_words",
    "sentences",
]

#: The claim kinds this module emits.
KINDS: tuple[str, ...] = (
    "warranty",
    "returns",
    "sla",
    "support-hours",
    "support-channel",
    "free-shipping",
    "trial",
)

#: Longer texts are read up to this many characters: a paragraph is far shorter, and a
#: hostile page must not make one call cost seconds.
MAX_TEXT = 100_000
#: A "sentence" longer than this (a flattened list or table, or hostile text) is read in
#: windows of this size, so each Matcher run stays small.
MAX_SENTENCE = 2_000
#: At most this many claims are returned for one text; a real paragraph holds a handful.
MAX_CLAIMS = 200

_SUPPORT_WORDS = (
    "support", "help", "customer service", "customer care", "hotline", "helpline", "contact",
    "call", "chat", "service desk", "assistance", "agent", "expert", "reach us", "24/7",
)  # fmt: skip

#: Trigger words (lower case) -> the pattern groups they wake. Matching costs grow with the
#: number of patterns (spaCy's Matcher tries each at every token), so a paragraph runs only
#: the groups its words call for. Plain literals: an alternation of literals on lower-cased
#: text is about ten times faster in `re` than the same words with IGNORECASE and `\b`.
_GROUP_TRIGGERS: dict[str, tuple[str, ...]] = {
    "warranty": ("warrant", "guarant"),
    "returns": ("return", "refund", "money", "guarant", "back within"),
    "sla": ("uptime", "up-time", "sla", "availab", "service level", "service-level"),
    "hours": _SUPPORT_WORDS,
    "channels": (*_SUPPORT_WORDS, "email us", "e-mail us", "send us", "drop us", "write us"),
    "shipping": ("ship", "deliver", "postage", "p&p"),
    "trial": ("trial", "try "),
}  # fmt: skip
_WORD_GROUPS: dict[str, tuple[str, ...]] = {}
for _group, _words_of_group in _GROUP_TRIGGERS.items():
    for _word in _words_of_group:
        _WORD_GROUPS[_word] = (*_WORD_GROUPS.get(_word, ()), _group)
_TRIGGERS = re.compile("|".join(map(re.escape, sorted(_WORD_GROUPS, key=len, reverse=True))))

_DAY_NAMES = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?"

# What every pattern of a group needs besides its trigger word, checked on the lower-cased
# sentence before the group's Matcher runs: "warranty claims", "free shipping", "helps you"
# and "availability of colours" hold a trigger but no number, "%", "free" or clock time,
# and skipping the Matcher for them is most of this module's speed.
_NUMBER_HINT = (
    r"\d|\b(?:an?\s+(?:day|week|month|year)|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|thirty|forty|fifty"
    r"|sixty|ninety|hundred)\b"
)
_GROUP_NEEDS: dict[str, re.Pattern[str]] = {
    "warranty": re.compile(rf"{_NUMBER_HINT}|life|\bno\b|without"),
    "returns": re.compile(rf"{_NUMBER_HINT}|\bno\s|non|not\s"),
    "sla": re.compile(r"%|％|percent|per cent|pct"),
    "hours": re.compile(
        rf"24|\d\s*(?:am|pm|a\.m|p\.m|h\b)|\d[:.]\d\d|clock|noon|midnight|\b{_DAY_NAMES}\b"
        r"|weekday|weekend"
    ),
    "channels": re.compile(r"\d{3}|phone|mail|chat|\bcall\b|\bring\b|@"),
    "shipping": re.compile(r"free"),
    "trial": re.compile(_NUMBER_HINT),
}

#: A sentence must say it is about support before its hours and channels count.
_SUPPORT_CONTEXT = re.compile(
    r"\b(?:support|customer (?:service|care)|help|hotline|helpline|help ?desk|service desk"
    r"|contact|call|chat|agents?|experts?|reach us|assistance)",
    re.IGNORECASE,
)


def has_claim_words(text: str) -> bool:
    """True when `text` has a word a support claim needs (warranty, return, uptime, ...).

    This runs on every paragraph of every page, before any tokenizing, so it is a single
    precompiled search for literal words; `find_claims` returns at once when it says no.
    It may say yes for text without a claim ("flagship" holds "ship"): that costs time, not
    results.
    """
    return _TRIGGERS.search(text.lower()) is not None


def _groups_of(lower: str) -> set[str]:
    return {g for m in _TRIGGERS.finditer(lower) for g in _WORD_GROUPS[m.group()]}


# --- sentences ----------------------------------------------------------------------------

#: Words that end with a full stop without ending the sentence, as product prose uses them.
_ABBREVIATIONS = frozenset((
    "approx", "ca", "incl", "excl", "e.g", "i.e", "no", "nos", "vs", "etc", "fig", "min", "max",
    "dept", "est", "inc", "ltd", "co", "corp", "jr", "sr", "mr", "mrs", "ms", "dr", "st", "ave",
    "vol", "pp", "p.m", "a.m", "u.s", "u.k",
))  # fmt: skip
# Starts only at the first stop of a run, so a run of 10,000 dots stays linear.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s+[^\s])|\n[ \t]*\n")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of `text`, without outer whitespace.

    A rule, not spaCy's sentencizer: a sentence ends at ".", "!", "?" or "…" (with any
    closing quotes or brackets) before whitespace, unless the word before the stop is a
    known abbreviation ("approx.", "incl.", "e.g.") or the next word starts in lower case;
    a blank line always ends one. `python benchmarks/claims.py` compares the two on 10,435
    paragraphs of product prose: the same spans for 10,418, and in the other 17 the
    sentencizer splits "Art. no. ACM-RT-3000" and "Item no. ..." after the abbreviation.
    The rule is about 5x faster (3.7 vs 18.5 µs per paragraph) and needs no spaCy import.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group()[0] != "\n" and not _ends_sentence(text, m.start(), end):
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _ends_sentence(text: str, stop: int, after: int) -> bool:
    nxt = text[after:].lstrip()[:1]
    if nxt.islower():
        return False
    word = _WORD_BEFORE.search(text, max(0, stop - 12), stop)
    return not (text[stop] == "." and word and word.group(1).lower() in _ABBREVIATIONS)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# --- token patterns -----------------------------------------------------------------------

_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip

_DAY, _WEEK, _MONTH, _YEAR = Fraction(1), Fraction(7), Fraction(365, 12), Fraction(365)
_UNIT_DAYS: dict[str, Fraction] = {
    "day": _DAY, "days": _DAY,
    "week": _WEEK, "weeks": _WEEK, "wk": _WEEK, "wks": _WEEK,
    "month": _MONTH, "months": _MONTH, "mo": _MONTH, "mos": _MONTH, "mth": _MONTH,
    "mths": _MONTH,
    "year": _YEAR, "years": _YEAR, "yr": _YEAR, "yrs": _YEAR,
}  # fmt: skip
_COMPACT_DURATION = re.compile(r"^(\d{1,3})(yrs?|mos?|mths?|wks?)$")

# "5yr" and "12mo" are one token; the unit after a number is optional in the pattern and
# `_duration` drops a match without one, so each pattern needs one variant, not two.
_NUM = {
    "LOWER": {
        "REGEX": r"^(?:\d{1,4}(?:[.,]\d{1,2})?|\d{1,3}(?:yrs?|mos?|mths?|wks?)|"
        + "|".join(_NUMBER_WORDS)
        + ")$"
    }
}
_HYPHEN = {"ORTH": {"IN": ["-", "–", "‑"]}, "OP": "?"}
_APOS = {"ORTH": {"IN": ["'", "’"]}, "OP": "?"}
_UNIT = {"LOWER": {"IN": list(_UNIT_DAYS)}, "OP": "?"}
_UP_TO: list[list[dict[str, Any]]] = [[{"LOWER": "up", "OP": "?"}, {"LOWER": "to", "OP": "?"}]]
_DURATION: list[list[dict[str, Any]]] = [[_NUM, _HYPHEN, _UNIT, _APOS]]


def _words(*words: str, op: str | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"LOWER": {"IN": list(words)}}
    if op:
        spec["OP"] = op
    return spec


_WARRANTY = _words("warranty", "warranties")
_W_QUALIFIER = _words(
    "limited", "manufacturer", "manufacturers", "manufacturer's", "'s", "’s", "full",
    "standard", "parts", "and", "&", "labor", "labour", "international", "worldwide", "global",
    "european", "eu", "uk", "us", "product", "hardware", "device", "brand", "free", "no",
    "-", "quibble", "comprehensive", "basic", "carry", "in", "on", "site", "onsite",
    "return", "to", "base", "bring", "replacement", "repair", "local",
    op="{0,4}",
)  # fmt: skip
_CONNECTOR = _words(
    ":", "-", "–", "of", "for", "is", "lasts", "valid", "up", "to", "(", "period", "term",
    "coverage", "length", "covers", "runs", "=", op="{1,3}",
)  # fmt: skip
_RETURN_WORDS = _words("return", "returns", "refund", "refunds")
_R_QUALIFIER = _words(
    "free", "easy", "hassle", "no", "-", "quibble", "questions", "asked", "risk", "simple",
    "unconditional", "full", op="{0,4}",
)  # fmt: skip
_NON_PUNCT = {"IS_PUNCT": False, "LIKE_NUM": False, "OP": "{0,4}"}
_WITHIN = _words("within", "for", "up", "to", op="{1,2}")
_PERCENT_NUMBER = {"LOWER": {"REGEX": r"^\d{1,3}(?:[.,]\d{1,4})?$"}}
_PERCENT: list[list[dict[str, Any]]] = [
    [
        _PERCENT_NUMBER,
        {"LOWER": "per", "OP": "?"},
        _words("%", "％", "percent", "pct", "cent"),
    ]
]
_SLA_WORD = _words("uptime", "availability", "sla", "slas", "up-time")
_SLA_QUALIFIER = _words(
    "guaranteed", "service", "network", "platform", "monthly", "annual", "server", "api",
    "-", op="{0,2}",
)  # fmt: skip
_SLA_CONNECTOR = _words(
    "sla", "guarantee", "guarantees", "commitment", "target", "agreement", "level", "of",
    ":", "at", "is", "guaranteed", "-", "–", "(", "we", "offer", "least", "service", "falls",
    "drops", "below", "under", op="{0,4}",
)  # fmt: skip

_DAY_TOKEN = {
    "LOWER": {"REGEX": rf"^{_DAY_NAMES}\.?(?:[-–]{_DAY_NAMES}\.?)?$|^(?:weekdays|weekends)$"}
}
_DAY_SEP = _words("-", "–", "—", "to", "through", "thru", "till", "until", "&", "and", ",")
# The tokenizer cuts "8 am–8 pm" into "8", "am–8", "pm": a time token is any run of clock
# parts, and `_times_of` reads the times from the matched text afterwards.
_MERIDIEM = r"am|pm|a\.m\.?|p\.m\.?|h"
_CLOCK_PART = rf"\d{{1,2}}(?:[:.]\d{{2}})?(?:{_MERIDIEM})?|{_MERIDIEM}|noon|midnight"
_TIME_TOKEN = {"LOWER": {"REGEX": rf"^(?:{_CLOCK_PART})(?:[-–—](?:{_CLOCK_PART}))*$"}}
_TIME_SEP = _words("-", "–", "—", "to", "until", "till", "and")
_TIMEZONES = [
    "UTC", "GMT", "BST", "CET", "CEST", "EET", "EEST", "WET", "WEST", "ET", "EST", "EDT", "CT",
    "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AEST", "AEDT", "AET", "JST", "IST",
    "SGT", "HKT", "NZST", "NZDT",
]  # fmt: skip
_TZ_SET = frozenset(_TIMEZONES)
_TZ_OFFSET = re.compile(r"^(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?$")
_TIME_RANGE: list[list[dict[str, Any]]] = [
    [
        _words("from", "between", op="?"),
        {**_TIME_TOKEN, "OP": "{1,2}"},
        {**_TIME_SEP, "OP": "?"},
        {**_TIME_TOKEN, "OP": "{0,2}"},
    ]
]
# One optional-token pattern instead of "day" | "day - day": `_days_of` reads what matched.
_DAY_RANGE: list[list[dict[str, Any]]] = [
    [
        _DAY_TOKEN,
        {"ORTH": {"IN": [".", ","]}, "OP": "?"},
        {**_DAY_SEP, "OP": "?"},
        {**_DAY_TOKEN, "OP": "?"},
    ]
]

_CHANNEL_TOKENS = _words(
    "phone", "telephone", "email", "e", "-", "mail", "chat", "live", "webchat", "web", ",",
    "and", "or", "&", "/", "+", op="{0,7}",
)  # fmt: skip
_CHANNEL_START = _words("phone", "telephone", "email", "e", "chat", "live", "webchat", "web")
_CHANNEL_END = _words("phone", "telephone", "email", "mail", "chat", "webchat")
_SUPPORT_NOUN = _words(
    "support", "service", "assistance", "helpdesk", "help", "hotline", "helpline", "line",
    "team", "agents", "experts", "specialists",
)  # fmt: skip
_CHANNEL_VIA = _words("by", "via", "over", "through", "on", "using", "per")
# "1-800-555-0142" and "+49 30 123456" reach the Matcher as several tokens; `_is_phone`
# checks the digits of the whole match.
_PHONE_NUMBER: list[list[dict[str, Any]]] = [
    [
        {"ORTH": {"REGEX": r"^\+?\d{1,4}$|^\($"}},
        {"ORTH": {"REGEX": r"^(?:[-.()]|\d{2,6}|\d{2,4}-\d{2,6})$"}, "OP": "{1,7}"},
        {"ORTH": {"REGEX": r"^\d{2,8}$"}},
    ]
]

_SHIP_WORD = _words("shipping", "delivery", "postage", "p&p", "shipment")
_SHIP_QUALIFIER = _words(
    "standard", "ground", "uk", "us", "eu", "domestic", "express", "next", "-", "day",
    "2", "two", "home", "tracked", "economy", "and", "returns", op="{0,3}",
)  # fmt: skip
_ORDER_WORD = _words(
    "order", "orders", "purchase", "purchases", "basket", "baskets", "cart", "carts",
    "everything", "spend", "spending", "items",
)  # fmt: skip
_OVER = _words(
    "over", "above", "of", "from", "exceeding", "worth", "beyond", "totalling", "totaling",
    "more", "than", "at", "least", "valued", "or", "minimum", op="{1,3}",
)  # fmt: skip
# A currency mark on either side, both optional in the pattern: `_read_shipping` keeps only
# amounts parse_price gives a currency.
_CURRENCY = {
    "LOWER": {
        "REGEX": r"^(?:[$€£¥₹₽₩₪₺₴₦฿₫₱]|(?:us|ca|au|nz|hk|s|c|a|r)\$|eur|usd|gbp|chf|cad|aud"
        r"|sek|nok|dkk|pln|jpy|euros?|dollars?|pounds?|kr|zł|fr\.?)$"
    },
    "OP": "?",
}
_PRICE: list[list[dict[str, Any]]] = [[_CURRENCY, {"LIKE_NUM": True}, _CURRENCY]]


def _expand(*parts: dict[str, Any] | list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Every token pattern a sequence of parts spells out.

    A part is one token spec, or a list of alternative token sequences (`[]` for "absent"):
    the Matcher has no alternation of sequences, so they are multiplied out here once.
    """
    choices = [[[p]] if isinstance(p, dict) else p for p in parts]
    return [[tok for seq in combo for tok in seq] for combo in product(*choices)]


def _pattern_table() -> dict[str, list[list[dict[str, Any]]]]:
    """Labels -> token patterns. A label names the kind and, after "/", how to read it."""
    d = _DURATION
    trial_free = [[{"LOWER": "risk", "OP": "?"}, _HYPHEN, {"LOWER": "free", "OP": "?"}]]
    return {
        "warranty/duration": [
            *_expand(_UP_TO, d, _W_QUALIFIER, _WARRANTY),
            *_expand(_UP_TO, d, {"LOWER": "of"}, _W_QUALIFIER, _WARRANTY),
            *_expand(_WARRANTY, _CONNECTOR, d),
            *_expand(_words("warranted"), _words("for", "up", "to", op="{1,2}"), d),
        ],
        "warranty/lifetime": [
            *_expand(
                _words("limited", op="?"),
                _words("lifetime", "life-time"),
                _W_QUALIFIER,
                _words("warranty", "warranties", "guarantee"),
            ),
            *_expand(_words("warranty", "guarantee"), _CONNECTOR, _words("lifetime", "life")),
            *_expand(
                _words("warranted", "guaranteed", "warranty", "guarantee"),
                _words("for"),
                _words("the", "a", op="?"),
                _words("life", "lifetime"),
            ),
        ],
        "warranty/none": _expand(
            _words("no", "without"), _words("any", op="?"), _words("warranty", "warranties")
        ),
        "returns/duration": [
            *_expand(
                d,
                _R_QUALIFIER,
                _RETURN_WORDS,
                _words("policy", "window", "period", "guarantee", op="?"),
            ),
            *_expand(
                d,
                _R_QUALIFIER,
                {"LOWER": "money"},
                _HYPHEN,
                {"LOWER": "back"},
                _words("guarantee", "policy", op="?"),
            ),
            *_expand(d, _R_QUALIFIER, _words("satisfaction"), _words("guarantee")),
            *_expand(
                {"LOWER": "money"},
                _HYPHEN,
                {"LOWER": "back"},
                _words("guarantee", "policy"),
                _CONNECTOR,
                d,
            ),
            *_expand(_words("return", "returns", "returned", "returnable"), _NON_PUNCT, _WITHIN, d),
            *_expand(
                _words("send", "ship", "bring", "mail"), _NON_PUNCT, {"LOWER": "back"}, _WITHIN, d
            ),
            *_expand(d, _words("to", "for"), _words("return", "returns", "exchange", "send")),
            *_expand(
                d,
                {"LOWER": "to"},
                {"LOWER": "request"},
                _words("a", "full", op="{0,2}"),
                _words("refund"),
            ),
            *_expand(_RETURN_WORDS, _CONNECTOR, d),
        ],
        "returns/none": [
            *_expand(_words("no"), _words("returns", "refunds")),
            *_expand(_words("non"), _HYPHEN, _words("returnable", "refundable")),
            *_expand(_words("nonreturnable", "nonrefundable")),
            *_expand(_words("not"), _words("returnable", "refundable")),
        ],
        "guarantee/duration": [
            *_expand(d, _W_QUALIFIER, {"LOWER": "guarantee"}),
            *_expand(_words("guaranteed"), _words("for", "up", "to", op="{1,2}"), d),
            *_expand({"LOWER": "guarantee"}, _CONNECTOR, d),
        ],
        "sla/percent": [
            *_expand(_PERCENT, _SLA_QUALIFIER, _SLA_WORD),
            *_expand(_PERCENT, _SLA_QUALIFIER, _words("service"), _words("level")),
            *_expand(_SLA_WORD, _SLA_CONNECTOR, _PERCENT),
            *_expand(
                _words("available", "online", "reachable", "operational"),
                _words("at", "least", op="{0,2}"),
                _PERCENT,
            ),
            *_expand(
                _words("service"),
                {"LOWER": "-", "OP": "?"},
                _words("level"),
                _SLA_CONNECTOR,
                _PERCENT,
            ),
        ],
        "support-hours/247": [
            [{"LOWER": {"REGEX": r"^24/7(?:/365)?$|^24x7$"}}],
            [{"ORTH": "24"}, _words("x", "/"), _words("7")],
            *_expand(
                _words("24"),
                _words("hours"),
                _words("a", "per"),
                _words("day"),
                {"ORTH": ",", "OP": "?"},
                _words("7", "seven"),
                _words("days"),
                _words("a", "per"),
                _words("week"),
            ),
            *_expand(_words("around", "round"), _HYPHEN, _words("the"), _HYPHEN, _words("clock")),
        ],
        "support-hours/range": [
            # days first, hours optional: "Mon-Fri 9am-5pm", "Monday to Friday"
            *_expand(
                _DAY_RANGE,
                {"ORTH": {"IN": [",", ":"]}, "OP": "?"},
                _words("from", "between", op="?"),
                {**_TIME_TOKEN, "OP": "{0,2}"},
                {**_TIME_SEP, "OP": "?"},
                {**_TIME_TOKEN, "OP": "{0,2}"},
            ),
            # "every day from 8 a.m. to 8 p.m.", "daily 9:00-21:00"
            *_expand(
                _words("every", "daily"),
                {"LOWER": "day", "OP": "?"},
                {"ORTH": {"IN": [",", ":"]}, "OP": "?"},
                _TIME_RANGE,
            ),
            # hours first, days optional: "9am-6pm, Monday through Friday", "9:00-17:00"
            *_expand(
                _TIME_RANGE,
                {"ORTH": {"IN": _TIMEZONES}, "OP": "?"},
                {"ORTH": ",", "OP": "?"},
                _words("on", op="?"),
                {**_DAY_TOKEN, "OP": "?"},
                {**_DAY_SEP, "OP": "?"},
                {**_DAY_TOKEN, "OP": "?"},
            ),
        ],
        "support-channel/list": [
            *_expand(_CHANNEL_START, _CHANNEL_TOKENS, _SUPPORT_NOUN),
            *_expand(_SUPPORT_NOUN, _NON_PUNCT, _CHANNEL_VIA, _CHANNEL_TOKENS, _CHANNEL_END),
            *_expand(
                _words("contact", "reach", "call", "email", "chat", "available"),
                _NON_PUNCT,
                _CHANNEL_VIA,
                _CHANNEL_TOKENS,
                _CHANNEL_END,
            ),
            *_expand(_SUPPORT_NOUN, {"ORTH": ":"}, _CHANNEL_TOKENS, _CHANNEL_END),
        ],
        "support-channel/verb": [
            *_expand(_words("call", "phone", "ring"), _words("us", "toll")),
            *_expand(
                _words("call", "phone", "ring"),
                _words("us", op="?"),
                _words("at", "on", op="?"),
                _PHONE_NUMBER,
            ),
            *_expand(_words("email", "e-mail"), _words("us")),
            *_expand(
                _words("send", "drop", "write"),
                _words("us"),
                _words("an", "a", op="?"),
                {"LOWER": "e", "OP": "?"},
                {"ORTH": "-", "OP": "?"},
                _words("email", "mail"),
            ),
            [{"LOWER": "e"}, {"ORTH": "-"}, {"LOWER": "mail"}, {"LOWER": "us"}],
            *_expand(_words("chat"), _words("with"), _words("us", "our", "an", "a", "one")),
            [{"LOWER": "live"}, {"LOWER": "chat"}],
        ],
        "support-channel/address": [[{"LIKE_EMAIL": True}], *_PHONE_NUMBER],
        "free-shipping/threshold": [
            *_expand(
                _words("free"),
                _SHIP_QUALIFIER,
                _SHIP_WORD,
                _words("on", "for", "with", op="?"),
                _words("all", "any", "your", "every", op="?"),
                {**_ORDER_WORD, "OP": "?"},
                {**_OVER, "OP": "{0,3}"},
                _PRICE,
            ),
            *_expand(
                _ORDER_WORD,
                _OVER,
                _PRICE,
                {"IS_PUNCT": False, "OP": "{0,4}"},
                _words("free"),
                {**_SHIP_WORD, "OP": "?"},
            ),
            *_expand(
                _ORDER_WORD, _OVER, _PRICE, _words("ship", "shipped", "delivered"), _words("free")
            ),
            *_expand(
                _ORDER_WORD,
                _PRICE,
                {"ORTH": "+"},
                {"IS_PUNCT": False, "OP": "{0,3}"},
                _words("free"),
                {**_SHIP_WORD, "OP": "?"},
            ),
            *_expand(
                _words("free"),
                _SHIP_QUALIFIER,
                _SHIP_WORD,
                _words("on", "for"),
                _ORDER_WORD,
                _PRICE,
                {"ORTH": "+", "OP": "?"},
            ),
        ],
        "free-shipping/all": _expand(
            _words("free"),
            _SHIP_QUALIFIER,
            _SHIP_WORD,
            _words("on", "for"),
            _words("all", "every", "any"),
            _words("order", "orders", "purchase", "purchases"),
        ),
        "trial/duration": [
            *_expand(_UP_TO, d, trial_free, _words("trial", "trials")),
            *_expand(_words("free"), d, _words("trial", "trials")),
            *_expand(_words("free", op="?"), _words("trial"), _CONNECTOR, d),
            *_expand(
                _words("try"), {"IS_PUNCT": False, "OP": "{0,4}"}, _words("free"), _words("for"), d
            ),
        ],
    }


def _group_of(label: str) -> str:
    """The trigger group a label's patterns run in (see `_GROUP_TRIGGERS`)."""
    kind = label.split("/", 1)[0]
    if kind == "guarantee":
        return "warranty"
    if kind.startswith("support-"):
        return "hours" if kind == "support-hours" else "channels"
    return "shipping" if kind == "free-shipping" else kind


@cache
def _matcher(group: str) -> Matcher:
    """The Matcher of one trigger group, built once on the shared blank pipeline's vocab.

    greedy="LONGEST": of overlapping matches of one label only the longest is returned, so
    "up to 5 years warranty" is read once, not also as "5 years warranty".
    """
    from spacy.matcher import Matcher

    matcher = Matcher(blank().vocab, validate=True)
    for label, patterns in _pattern_table().items():
        if _group_of(label) == group:
            matcher.add(label, patterns, greedy="LONGEST")
    return matcher


# --- reading a matched span ---------------------------------------------------------------


def _number(word: str) -> Fraction | None:
    word = word.lower()
    if word in _NUMBER_WORDS:
        return Fraction(_NUMBER_WORDS[word])
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


def _duration(span: Span) -> tuple[Decimal, str] | None:
    """(days, the unit word as written) of the first duration in `span`."""
    for i, tok in enumerate(span):
        lower = tok.lower_
        compact = _COMPACT_DURATION.match(lower)
        if compact:
            unit = _UNIT_DAYS.get(compact.group(2)) or _UNIT_DAYS[compact.group(2).rstrip("s")]
            return _whole_days(int(compact.group(1)) * unit), compact.group(2)
        if lower in _UNIT_DAYS and i > 0:
            j = i - 1 if span[i - 1].text not in ("-", "–", "‑") else i - 2
            amount = _number(span[j].text) if j >= 0 else None
            if amount is not None and amount > 0:
                return _whole_days(amount * _UNIT_DAYS[lower]), lower
    return None


_PERCENT_TEXT = re.compile(r"^\d{1,3}(?:\.\d{1,4})?$")


def _percent(span: Span) -> Decimal | None:
    for i, tok in enumerate(span):
        if tok.lower_ in ("%", "％", "percent", "pct", "per") and i > 0:
            text = span[i - 1].text.replace(",", ".")
            value = _number(text) if _PERCENT_TEXT.match(text) else None
            if value is not None and 0 < value <= 100:
                return Decimal(text)
    return None


_TIME_IN_TEXT = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?|h\b)?|(noon|midnight)",
    re.IGNORECASE,
)
_DAY_IN_TEXT = re.compile(
    rf"\b({_DAY_NAMES})\b\.?|\b(weekdays|weekends)\b|\b(every day|daily)\b", re.IGNORECASE
)
_DAY_RANGE_SEP = re.compile(r"^\s*\.?\s*(?:-|–|—|to|through|thru|till|until)\s*$", re.IGNORECASE)
_TZ_IN_TEXT = re.compile(
    r"\b(" + "|".join(_TIMEZONES) + r"|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?)(?![\w+])"
)


def _hours(text: str) -> str | None:
    """Canonical support hours ("mon-fri 09:00-17:00 CET") of a matched span's text."""
    days = _days_of(text)
    times = _times_of(text)
    if times is None and (not days or ("-" not in days and "," not in days)):
        return None  # a lone day name ("on Monday") states no hours
    tz = _TZ_IN_TEXT.search(text)
    parts = [days, times, tz.group(1) if tz and times else None]
    return " ".join(p for p in parts if p) or None


def _days_of(text: str) -> str | None:
    found = list(_DAY_IN_TEXT.finditer(text))
    if not found:
        return None
    if found[0].group(3):
        return "mon-sun"
    if found[0].group(2):
        return "mon-fri" if found[0].group(2).lower() == "weekdays" else "sat-sun"
    names = [m.group(1)[:3].lower() for m in found]
    if len(found) >= 2 and _DAY_RANGE_SEP.match(text[found[0].end() : found[1].start()]):
        return f"{names[0]}-{names[1]}"
    return ",".join(dict.fromkeys(names))


def _times_of(text: str) -> str | None:
    text = _DAY_IN_TEXT.sub(" ", text)
    text = _TZ_IN_TEXT.sub(" ", text)
    found = [m for m in _TIME_IN_TEXT.finditer(text) if m.group(1) or m.group(4)]
    if len(found) != 2:
        return None
    spoken = [m.group(3) or m.group(4) or "" for m in found]
    if not any(spoken) and not any(m.group(2) for m in found):
        return None  # "9-5" alone could be anything; "9-5pm" or "09:00-17:00" is hours
    start, end = (_clock(m) for m in found)
    if start is None or end is None:
        return None
    start, end = _infer_meridiem(start, end, spoken)
    return f"{start[0]:02d}:{start[1]:02d}-{end[0]:02d}:{end[1]:02d}"


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    if m.group(4):
        return (12, 0) if m.group(4).lower() == "noon" else (0, 0)
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    meridiem = (m.group(3) or "").lower()[:1]
    if meridiem in ("a", "p") and not 1 <= hour <= 12:
        return None
    if meridiem == "p" and hour != 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return hour, minute


def _infer_meridiem(
    start: tuple[int, int], end: tuple[int, int], spoken: list[str]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """ "9-5pm": 9 is morning; "1-5pm": 1 is afternoon; "9-5" on a support page: 17:00."""
    start_said, end_said = (s.lower()[:1] in ("a", "p") for s in spoken)
    if not start_said and end_said and end[0] >= 12 and start[0] + 12 <= end[0]:
        start = (start[0] + 12, start[1])
    if not end_said and end < start and end[0] < 12:
        end = (end[0] + 12, end[1])
    return start, end


_CONTACT_VERBS = frozenset(("call", "phone", "ring", "email", "e-mail", "e", "send", "drop",
                            "write", "chat"))  # fmt: skip
_CHANNEL_IN_TEXT = re.compile(
    r"\b(?:(tele)?phone|call|ring)\b|\b(e-?mail)\b|\b((?:live |web ?)?chat)\b", re.IGNORECASE
)
_EXTENDED = frozenset(("extended", "optional", "additional", "extra", "extend", "upgrade"))


# --- find_claims --------------------------------------------------------------------------


def find_claims(text: str) -> list[Claim]:
    """Every support claim in `text`, in reading order; [] when there is none.

    Never raises on page text: unreadable numbers are skipped. Texts over `MAX_TEXT`
    characters are read up to that length, sentences over `MAX_SENTENCE` in windows of
    that size, and at most `MAX_CLAIMS` claims are returned, so hostile text costs
    milliseconds. A claim lies within one sentence of `sentences(text)` (or one window of
    it), which is its `sentence`; `start`/`end` index `text`.

    Only the sentences holding a trigger word are tokenized and matched, each against the
    pattern groups its words wake: spaCy's Matcher costs about a microsecond per token and
    pattern, so a paragraph with one "shipping" in it pays for one sentence and six patterns.
    """
    if not isinstance(text, str) or not has_claim_words(text):
        return []
    text = text[:MAX_TEXT]
    claims: list[Claim] = []
    for start, end, groups in _trigger_sentences(text):
        claims.extend(_unique(_Finder(text, start, end).run(groups)))
        if len(claims) >= MAX_CLAIMS:
            break
    return claims[:MAX_CLAIMS]


def _trigger_sentences(text: str) -> list[tuple[int, int, set[str]]]:
    """(start, end, groups) of each sentence of `text` holding a trigger word."""
    lower = text.lower()
    if len(lower) != len(text):  # a few characters lower-case to two ("İ"): no offsets
        groups = _groups_of(lower)
        spans = [w for a, b in sentences(text) for w in _windows(text, a, b)]
        return [(a, b, groups) for a, b in spans] if groups else []
    spans = [w for a, b in sentences(text) for w in _windows(text, a, b)]
    starts = [a for a, _ in spans]
    found: dict[int, set[str]] = {}
    for m in _TRIGGERS.finditer(lower):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < spans[i][1]:
            found.setdefault(i, set()).update(_WORD_GROUPS[m.group()])
    out = []
    for i, groups in sorted(found.items()):
        a, b = spans[i]
        needed = {g for g in groups if _GROUP_NEEDS[g].search(lower, a, b)}
        if needed:
            out.append((a, b, needed))
    return out


# No-break and thin spaces and the no-break hyphen, one character for one so that offsets
# hold: the tokenizer makes a token of a no-break space, which no pattern expects.
_PLAIN = str.maketrans(
    dict.fromkeys("\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2009\u200a\u202f\u3000", " ")
    | {"\u2011": "-"}
)


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at spaces into pieces of at most MAX_SENTENCE characters."""
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
        while start < end and text[start] == " ":
            start += 1
    if end > start:
        out.append((start, end))
    return out


class _Finder:
    """One sentence's claims: its tokens, and the text around it for evidence."""

    __slots__ = ("doc", "end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        # tokenizer_text blanks runs without spaces over nlp.MAX_RUN characters, which
        # spaCy splits in quadratic time (a 2,000-character run of '&' took 0.4 s).
        self.doc: Doc = blank().make_doc(tokenizer_text(text[start:end].translate(_PLAIN)))

    def run(self, groups: set[str]) -> list[Claim]:
        claims: list[Claim] = []
        strings = self.doc.vocab.strings
        for group in sorted(groups):
            for match_id, start, end in _matcher(group)(self.doc):
                claims.extend(self._read(strings[match_id], self.doc[start:end]))
        return claims

    def in_support_sentence(self) -> bool:
        return _SUPPORT_CONTEXT.search(self.text, self.start, self.end) is not None

    def claim(self, kind: str, value: Decimal | str, unit: str, start: int, end: int) -> Claim:
        """A claim of the sentence-relative span [start, end)."""
        a, b = self.start + start, self.start + end
        sentence = self.text[self.start : self.end]
        return Claim(kind, value, unit, self.text[a:b], sentence, a, b)

    def _read(self, label: str, span: Span) -> list[Claim]:
        if label.startswith(("warranty/", "guarantee/")) and _is_extended(span):
            return []
        return _READERS[label](self, span, span.start_char, span.end_char)


def _is_extended(span: Span) -> bool:
    """An extended or optional warranty is an add-on, not the product's own warranty."""
    before = span.doc[max(0, span.start - 3) : span.start]
    return any(t.lower_ in _EXTENDED for t in (*before, *span))


def _unique(claims: list[Claim]) -> list[Claim]:
    """Claims in reading order, the longest where claims of one kind overlap.

    Overlaps come from patterns of different labels reading the same words ("30-day
    money-back guarantee" as a returns window and as a guarantee in days, say).
    """
    kept: list[Claim] = []
    for c in sorted(claims, key=lambda c: (c.start - c.end, c.start)):
        if not any(k.kind == c.kind and k.start < c.end and c.start < k.end for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: (c.start, c.end, c.kind))
    return kept


def _read_duration(kind: str) -> Callable[[_Finder, Span, int, int], list[Claim]]:
    def read(f: _Finder, span: Span, start: int, end: int) -> list[Claim]:
        found = _duration(span)
        if found is None:
            return []
        return [f.claim(kind, found[0], "days", start, end)]

    return read


def _read_guarantee(f: _Finder, span: Span, start: int, end: int) -> list[Claim]:
    found = _duration(span)
    if found is None:
        return []
    days, unit = found
    kind = "returns" if _UNIT_DAYS.get(unit, _YEAR) <= _WEEK else "warranty"
    return [f.claim(kind, days, "days", start, end)]


def _read_fixed(kind: str, value: Decimal | str, unit: str, *, support: bool = False):
    def read(f: _Finder, span: Span, start: int, end: int) -> list[Claim]:
        if support and not f.in_support_sentence():
            return []
        return [f.claim(kind, value, unit, start, end)]

    return read


def _read_sla(f: _Finder, span: Span, start: int, end: int) -> list[Claim]:
    value = _percent(span)
    return [] if value is None else [f.claim("sla", value, "percent", start, end)]


def _read_hours(f: _Finder, span: Span, start: int, end: int) -> list[Claim]:
    end = _time_zone_end(span, end)
    value = _hours(f.doc.text[start:end])
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
    if i < len(doc) and (doc[i].text in _TZ_SET or _TZ_OFFSET.match(doc[i].text)):
        return doc[i].idx + len(doc[i])
    if i + 2 < len(doc) and (doc[i].text, doc[i + 2].text) == ("(", ")"):
        return doc[i + 2].idx + 1 if doc[i + 1].text in _TZ_SET else end
    return end


def _read_channels(f: _Finder, span: Span, start: int, end: int) -> list[Claim]:
    # "call us", "email us", "chat with us" name the channel and the purpose at once
    if span[0].lower_ not in _CONTACT_VERBS and not f.in_support_sentence():
        return []
    claims = []
    if span[-1].is_digit and not _is_phone(f.doc.text[span[1].idx : end]):
        return []
    for m in _CHANNEL_IN_TEXT.finditer(f.doc.text, start, end):
        value = "email" if m.group(2) else "chat" if m.group(3) else "phone"
        word_end = m.end()
        if value == "phone" and m.group().lower() in ("call", "ring"):
            word_end = end  # "call us", "call 1-800-...": the whole phrase is the evidence
        claims.append(f.claim("support-channel", value, "text", m.start(), word_end))
    return claims


def _read_address(f: _Finder, span: Span, start: int, end: int) -> list[Claim]:
    if span[0].like_email:
        value = "email"
    elif _is_phone(span.text):
        value = "phone"
    else:
        return []
    if not f.in_support_sentence():
        return []
    return [f.claim("support-channel", value, "text", start, end)]


_DIGIT_GROUPS = re.compile(r"\d+")


def _is_phone(text: str) -> bool:
    """7 to 15 digits (E.164's limit) in at least three groups or after "+" or "(": a phone
    number, not a year range ("2019-2024") or a model number."""
    groups = _DIGIT_GROUPS.findall(text)
    digits = sum(map(len, groups))
    return 7 <= digits <= 15 and (len(groups) >= 3 or text[:1] in "+(")


def _read_shipping(f: _Finder, span: Span, start: int, end: int) -> list[Claim]:
    from msglint.extract.prices import parse_price

    first = next((t for t in span if t.is_currency or t.like_num or t.text.endswith("$")), None)
    if first is None:
        return []
    price = parse_price(f.doc.text[first.idx : end])
    if price is None or price.currency is None or price.amount is None:
        return []
    return [f.claim("free-shipping", price.amount, f"currency:{price.currency}", start, end)]


_READERS: dict[str, Callable[[_Finder, Span, int, int], list[Claim]]] = {
    "warranty/duration": _read_duration("warranty"),
    "warranty/lifetime": _read_fixed("warranty", "lifetime", "text"),
    "warranty/none": _read_fixed("warranty", Decimal(0), "days"),
    "returns/duration": _read_duration("returns"),
    "returns/none": _read_fixed("returns", Decimal(0), "days"),
    "guarantee/duration": _read_guarantee,
    "sla/percent": _read_sla,
    "support-hours/247": _read_fixed("support-hours", "24/7", "text", support=True),
    "support-hours/range": _read_hours,
    "support-channel/list": _read_channels,
    "support-channel/verb": _read_channels,
    "support-channel/address": _read_address,
    "free-shipping/threshold": _read_shipping,
    "free-shipping/all": _read_fixed("free-shipping", Decimal(0), "currency"),
    "trial/duration": _read_duration("trial"),
}
