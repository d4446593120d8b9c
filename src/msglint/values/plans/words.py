"""The pricing-page vocabulary (`data/plan_words.yaml`) as the structures the readers search.

Loaded on first use and cached: each table becomes a regex or a dict once per process.
"""

from __future__ import annotations

import re
from functools import cache

from msglint.text.tables import load


def _table() -> dict:
    return load("plan_words.yaml")


def _phrases(words: list[str]) -> str:
    """Phrases longest first, spaces matching any run of spaces, bounded by non-letters."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


@cache
def custom_price() -> re.Pattern[str]:
    """A price text that states no amount: "Contact sales", "Custom", "Let's talk"."""
    return re.compile(rf"^\W*(?:{_phrases(_table()['custom_price'])})\W*$", re.IGNORECASE)


@cache
def basis_after() -> re.Pattern[str]:
    """ "per user", "/seat", "per 1,000 contacts", "/ user / month", "user/month" right
    after an amount."""
    names = [w for ws in _table()["basis"].values() for w in ws]
    return re.compile(
        rf"(?:/|\bper\b|\bpro\b|\bpar\b|\bpor\b|\beach\b|\ba\b)\s*(?P<per>\d[\d.,\s']*)?\s*"
        rf"(?P<unit>{_phrases(names)})\b"
        # "$6.00 user/month": the unit right after the amount, then the period's slash
        rf"|(?<=\d)\s*(?P<slashed>{_phrases(names)})\s*/",
        re.IGNORECASE,
    )


@cache
def basis_names() -> dict[str, str]:
    return {w.lower(): key for key, ws in _table()["basis"].items() for w in ws}


@cache
def billed() -> re.Pattern[str]:
    groups = [f"(?P<{cycle}>{_phrases(words)})" for cycle, words in _table()["billed"].items()]
    return re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE)


@cache
def toggle_words() -> dict[str, frozenset[str]]:
    return {cycle: frozenset(ws) for cycle, ws in _table()["toggle"].items()}


@cache
def name_noise() -> re.Pattern[str]:
    words = _table()["name_noise"]
    return re.compile(rf"(?<!\w)(?:{_phrases(words)})(?!\w)", re.IGNORECASE)


@cache
def yes_no() -> tuple[frozenset[str], frozenset[str]]:
    t = _table()
    return frozenset(t["included_marks"]), frozenset(t["excluded_marks"])


@cache
def icon_words() -> tuple[frozenset[str], frozenset[str]]:
    t = _table()
    return frozenset(t["icon_yes"]), frozenset(t["icon_no"])


@cache
def limit_keys() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(key, pattern of its words) for each limit, longest words first within a key."""
    out = []
    for key, words in _table()["limits"].items():
        out.append((key, re.compile(rf"(?<!\w)(?:{_phrases(words)})(?!\w)", re.IGNORECASE)))
    return tuple(out)


@cache
def unlimited() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_phrases(_table()['unlimited'])})(?!\w)", re.IGNORECASE)


@cache
def feature_synonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for group in _table()["feature_synonyms"]:
        key = group[0]
        for phrase in group:
            out[_fold(phrase)] = _fold(key)
    return out


@cache
def feature_noise() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_phrases(_table()['feature_noise'])})(?!\w)", re.IGNORECASE)


_NON_WORD = re.compile(r"[^\w/+]+")


def _fold(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())
