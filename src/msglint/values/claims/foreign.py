"""Support claims in German, French, Spanish, Italian and Dutch: warranty, returns and trial
durations ("2 Jahre Garantie", "garantie 2 ans", "Rückgabe innerhalb von 30 Tagen",
"30 días para devoluciones", "prova gratuita di 14 giorni").

The English readers (the other modules here) are spaCy Matcher patterns tuned to English
word order. Partners in the EU state the same facts in their own language, and the facts
are few and regular: a duration (a number, or a number word, and a unit) within a few words
of the kind's word, before or after it, in one sentence. So this is one regular expression
per text, built from data/claim_words_i18n.yaml (the vocabulary is data, not code), linear
in the text. The nearest duration to a kind word within that window is its value, in days
as the English readers count them (a year is 365 days, a month 365/12), so "1 Jahr
Garantie" and a "2-year warranty" compare as 365 against 730 days. An extended or optional
warranty is skipped, as in English. Text in English goes to the English readers only: this
reader wakes only on the other languages' kind words.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from msglint.model import Claim
from msglint.text.sentences import sentences
from msglint.text.tables import load
from msglint.values.claims.common import UNIT_DAYS

#: Characters between a kind word and its duration at most (a few words, no sentence end).
WINDOW = 40
MAX_TEXT = 100_000
_SEPARATOR = re.compile(r"[·•|;]")
MAX_CLAIMS = 50


@cache
def _table() -> dict:
    return load("claim_words_i18n.yaml")


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], re.Pattern[str]]:
    table = _table()
    kind_of: dict[str, str] = {}
    for kind, words in table["kinds"].items():
        for word in words:
            kind_of[word] = kind
    # Words of seven letters or more also match as the start of a compound
    # ("Rückgaberecht", "Garantiezeit"); shorter ones only whole ("reso", not "resort").
    kinds = "|".join(
        re.escape(w) + (r"\w*" if len(w) >= 7 else r"(?!\w)")
        for w in sorted(kind_of, key=len, reverse=True)
    )
    units = "|".join(re.escape(u) for u in sorted(table["units"], key=len, reverse=True))
    numbers = "|".join(re.escape(n) for n in sorted(table["numbers"], key=len, reverse=True))
    kind_re = re.compile(rf"(?<!\w)(?:{kinds})", re.IGNORECASE)
    duration_re = re.compile(
        rf"(?<![\w.,])(?P<num>\d{{1,3}}|{numbers})\s?[-‑–]?\s?(?P<unit>{units})(?!\w)",
        re.IGNORECASE,
    )
    extended = "|".join(re.escape(w) for w in table.get("extended", ()))
    extended_re = re.compile(rf"(?<!\w)(?:{extended})", re.IGNORECASE)
    return kind_re, duration_re, kind_of, extended_re


@cache
def _lifetime() -> re.Pattern[str]:
    phrases = sorted(_table().get("lifetime", ()), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)", re.I)


@cache
def _gate() -> re.Pattern[str]:
    """The first four letters of every kind word and lifetime phrase, as one alternation
    over the lower-cased text: about 4 times cheaper than the word-bounded kind pattern
    (18 against 67 µs on a 300-character English paragraph), which runs only after it."""
    table = _table()
    words = [w for ws in table["kinds"].values() for w in ws] + list(table.get("lifetime", ()))
    stems = sorted({w.lower()[:4] for w in words}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, stems)))


def foreign_gate() -> re.Pattern[str]:
    """What `has_foreign_claim_words` needs first: a kind word's first four letters, on
    lower-cased text (a literal alternation, so it can search many texts joined)."""
    return _gate()


def has_foreign_claim_words(text: str) -> bool:
    """Whether `text` holds a warranty, returns or trial word of the other languages (asked
    of every paragraph: short ones, a site's repeated menu and footer lines, are cached)."""
    if len(text) <= 300:
        return _has_words_short(text)
    return _has_words(text)


@lru_cache(maxsize=16_384)
def _has_words_short(text: str) -> bool:
    return _has_words(text)


def _has_words(text: str) -> bool:
    return _gate().search(text.lower()) is not None and _regexes()[0].search(text) is not None


def _kind(word: str, kind_of: dict[str, str]) -> str | None:
    lower = word.lower()
    for length in range(len(lower), 1, -1):
        kind = kind_of.get(lower[:length])
        if kind is not None:
            return kind
    return None


def _days(number: str, unit: str) -> Decimal | None:
    table = _table()
    n = int(number) if number.isdigit() else table["numbers"].get(number.lower())
    per = UNIT_DAYS.get(str(table["units"].get(unit.lower())))
    if n is None or per is None:
        return None
    days = n * per  # a Fraction: a month is 365/12 days, rounded once, half up
    return (Decimal(days.numerator) / Decimal(days.denominator)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )


def find_foreign_claims(text: str) -> list[Claim]:
    """Warranty, returns and trial durations stated in de/fr/es/it/nl, in reading order."""
    if not isinstance(text, str) or not text:
        return []
    text = text[:MAX_TEXT]
    kind_re, duration_re, kind_of, extended_re = _regexes()
    hits = list(kind_re.finditer(text))
    if not hits:
        return []
    out: list[Claim] = []
    bounds = sentences(text)
    for m in _lifetime().finditer(text):
        sentence = next(((a, b) for a, b in bounds if a <= m.start() < b), (0, len(text)))
        out.append(
            Claim(
                "warranty", "lifetime", "text", m.group(), text[sentence[0] : sentence[1]],
                m.start(), m.end(),
            )
        )  # fmt: skip
    for hit in hits:
        kind = _kind(hit.group(), kind_of)
        if kind is None:
            continue
        sentence = next(((a, b) for a, b in bounds if a <= hit.start() < b), (0, len(text)))
        lo = max(sentence[0], hit.start() - WINDOW)
        hi = min(sentence[1], hit.end() + WINDOW)
        if kind == "warranty" and extended_re.search(text, lo, hit.end()):
            continue
        best = None
        for d in duration_re.finditer(text, lo, hi):
            if d.end() <= hit.start():
                gap, between = hit.start() - d.end(), text[d.end() : hit.start()]
            else:
                gap, between = d.start() - hit.end(), text[hit.end() : d.start()]
            # Not across another claim's word or a list separator: in "2 Jahre Garantie ·
            # Rückgabe innerhalb von 30 Tagen" the 2 years are the warranty's.
            if gap < 0 or _SEPARATOR.search(between) or kind_re.search(between):
                continue
            if best is None or gap < best[0]:
                best = (gap, d)
        if best is None:
            continue
        d = best[1]
        days = _days(d.group("num"), d.group("unit"))
        if days is None:
            continue
        start, end = min(d.start(), hit.start()), max(d.end(), hit.end())
        claim = Claim(
            kind, days, "days", text[start:end], text[sentence[0] : sentence[1]], start, end
        )
        if not any(c.kind == claim.kind and c.start < end and start < c.end for c in out):
            out.append(claim)
        if len(out) >= MAX_CLAIMS:
            break
    return sorted(out, key=lambda c: c.start)
