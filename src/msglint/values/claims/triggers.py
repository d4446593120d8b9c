"""Which pattern groups a text may need, decided before any tokenizing.

`has_claim_words` runs on every paragraph of every page, so it is a single precompiled
search for literal trigger words (`data/claim_words.yaml`): an alternation of literals on
lower-cased text is about ten times faster in `re` than the same words with IGNORECASE and
`\b`. A sentence then runs a group's patterns only where it also has what all of them
need besides the trigger (a number, "%", "free", a clock time or a day name): "warranty
claims", "free shipping", "helps you" and "availability of colours" hold a trigger but none
of these, and skipping the Matcher for them is most of the claim reader's speed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Any

from msglint.text.tables import load
from msglint.values.claims.common import number_words
from msglint.values.claims.factwords import has_fact_words
from msglint.values.claims.factwords import triggers as fact_triggers
from msglint.values.claims.times import DAY_NAMES


@cache
def _word_groups() -> dict[str, tuple[str, ...]]:
    """Trigger word (lower case) -> the pattern groups it wakes."""
    data = load("claim_words.yaml")
    support = [w.lower() for w in data["support"]]
    groups: dict[str, tuple[str, ...]] = {}
    for group, own in data["triggers"].items():
        words = [*support, *own] if group in ("hours", "channels") else own
        for word in words:
            word = word.lower()
            if group not in groups.get(word, ()):
                groups[word] = (*groups.get(word, ()), group)
    return groups


@cache
def _triggers() -> re.Pattern[str]:
    words = sorted(_word_groups(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def group_needs() -> dict[str, re.Pattern[str]]:
    """Group -> what every pattern of the group needs besides its trigger word."""
    spelled = "|".join(re.escape(w) for w in number_words() if len(w) > 2)
    number = rf"\d|\b(?:an?\s+(?:day|week|month|year)|{spelled})\b"
    return {
        "warranty": re.compile(rf"{number}|life|\bno\b|without"),
        "returns": re.compile(rf"{number}|\bno\s|non|not\s"),
        "sla": re.compile(r"%|％|percent|per cent|pct"),
        "hours": re.compile(
            rf"24|\d\s*(?:am|pm|a\.m|p\.m|h\b)|\d[:.]\d\d|clock|noon|midnight|\b{DAY_NAMES}\b"
            r"|weekday|weekend"
        ),
        "channels": re.compile(r"\d{3}|phone|mail|chat|\bcall\b|\bring\b|@"),
        "shipping": re.compile(r"free"),
        "trial": re.compile(number),
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
    lower = text.lower()
    if _triggers().search(lower) is not None or has_fact_words(lower):
        return True
    from msglint.values.claims.foreign import has_foreign_claim_words

    return has_foreign_claim_words(text)  # "Garantie", "Rückgabe", "devoluciones", ...


def with_claim_words(texts: list[str]) -> list[int]:
    """The indices of the `texts` that `has_claim_words` says yes to, found with one search
    per word list over them all: a page has about 200 blocks of prose and a few hold a
    trigger word, so one pass over their joined text costs a fraction of 200 calls (issue
    20 profile). The three word lists are alternations of literals without a line break,
    searched on lower-cased text, so a match never spans two texts; a text the foreign-word
    gate finds is then asked as `has_claim_words` asks it."""
    joined = "\n".join(texts)
    lower = joined.lower()
    if len(lower) != len(joined):  # a character lower-cases to two ("İ"): text by text
        return [i for i, text in enumerate(texts) if has_claim_words(text)]
    from msglint.values.claims.foreign import foreign_gate, has_foreign_claim_words

    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    found = set(_texts_matched(_triggers(), lower, starts))
    found.update(_texts_matched(fact_triggers(), lower, starts))
    found.update(
        i
        for i in _texts_matched(foreign_gate(), lower, starts)
        if i not in found and has_foreign_claim_words(texts[i])
    )
    return sorted(found)


def _texts_matched(pattern: re.Pattern[str], lower: str, starts: list[int]) -> list[int]:
    """The indices of the texts (beginning at `starts` in `lower`) where `pattern` matches.

    The patterns are alternations of literals, which `re` tries at every position of the
    text (0.09 ms for the trigger words on a product page's 3,000 characters of prose) and
    RE2's DFA reads in one pass (0.02 ms). A literal's matches do not depend on the engine,
    and every text holding one holds the start of a non-overlapping match (none spans two
    texts), so RE2's matches pick the same texts."""
    quick = _quick(pattern)
    if quick is not None:
        try:
            return sorted({bisect_right(starts, m.start()) - 1 for m in quick.finditer(lower)})
        except UnicodeEncodeError:  # a lone surrogate: `re` reads it
            pass
    found: list[int] = []
    pos = 0
    while True:
        m = pattern.search(lower, pos)
        if m is None:
            return found
        i = bisect_right(starts, m.start()) - 1
        found.append(i)
        pos = starts[i + 1] if i + 1 < len(starts) else len(lower)  # on to the next text


@cache
def _quick(pattern: re.Pattern[str]) -> Any:
    """RE2 for an alternation of escaped literals (`"|".join(map(re.escape, words))`), or
    None for any other pattern or without google-re2 (a dependency)."""
    words = _literals(pattern.pattern) if not pattern.flags & ~re.UNICODE else None
    if not words:
        return None
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return None
    return re2.compile("|".join(map(re2.escape, words)))


def _literals(source: str) -> list[str] | None:
    """The words of an alternation of `re.escape`d literals; None for anything else."""
    words: list[str] = []
    word: list[str] = []
    chars = iter(source)
    for char in chars:
        if char == "\\":
            escaped = next(chars, None)
            if escaped is None or escaped.isalnum():  # a class or an anchor (`\d`, `\b`)
                return None
            word.append(escaped)
        elif char == "|":
            words.append("".join(word))
            word = []
        elif char in ".^$*+?{}[]()":
            return None
        else:
            word.append(char)
    words.append("".join(word))
    return words if all(words) else None


def in_support_sentence(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` says it is about support (its hours and channels count)."""
    return _SUPPORT_CONTEXT.search(text, start, end) is not None


def groups_in(lower: str) -> set[str]:
    """The groups the trigger words of a lower-cased text wake."""
    table = _word_groups()
    return {g for m in _triggers().finditer(lower) for g in table[m.group()]}


def trigger_hits(lower: str) -> list[tuple[int, tuple[str, ...]]]:
    """(offset, groups) of every trigger word in a lower-cased text."""
    table = _word_groups()
    return [(m.start(), table[m.group()]) for m in _triggers().finditer(lower)]
