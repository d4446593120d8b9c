"""banned: words that must not appear, and near-miss spellings of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, PrivateAttr, field_validator

from msglint.checks.base import TextRule, coerce_terms, word_bounded
from msglint.model import Document, Finding

_WORD_CHAR = re.compile(r"\w")
#: Bound on near-miss hits per term and segment (hostile pages repeat words endlessly).
MAX_NEAR_MISSES = 20


class Banned(TextRule):
    """Flag terms that must not appear: retired product names, competitors, forbidden claims.

    **What it checks**
    Each term in `terms` is matched as a whole word or phrase (case-insensitive unless
    `ignore_case: false`). Terms can map to a replacement, which becomes the suggestion. With
    `fuzzy: N`, spellings that are close but not equal (rapidfuzz ratio >= N, 0-100) are
    reported too, so "Acme CloudSuit" is caught by a rule on "Acme CloudSuite".

    **Why it matters**
    A retired product name on a partner page sends customers looking for something the brand
    no longer sells; an absolute claim such as "guaranteed" can be a legal problem; a
    misspelled brand name looks like a counterfeit listing.

    **Example (flagged)**
    With `terms: {CloudBox: AcmeCloud Drive}` and `fuzzy: 90`: "Back up with CloudBox." and
    "Back up with Cloud-Box."

    **Example (fine)**
    "Back up with AcmeCloud Drive."

    **Options**
    - `terms` (required): list of terms, or mapping term -> suggested replacement.
    - `ignore_case` (default true).
    - `fuzzy` (optional, 50-100): also flag near-miss spellings scoring at least this.
    """

    bundled: ClassVar[bool] = True
    kind: Literal["banned"]
    terms: dict[str, str | None] | list[str] = Field(
        description="A list of terms, or a mapping of term -> suggested replacement."
    )
    ignore_case: bool = True
    fuzzy: float | None = Field(default=None, ge=50, le=100, description="Near-miss threshold.")

    default_message: ClassVar[str] = "Do not use '{match}'."

    _regex: re.Pattern[str] | None = PrivateAttr(default=None)
    _lookup: dict[str, str | None] = PrivateAttr(default_factory=dict)

    @field_validator("terms", mode="before")
    @classmethod
    def _terms(cls, value: Any) -> Any:
        return coerce_terms(value)

    def prepare(self) -> None:
        super().prepare()
        assert isinstance(self.terms, dict)  # normalized by the validator
        ordered = sorted(self.terms, key=len, reverse=True)  # longest first: "a b" before "a"
        body = "|".join(_flexible(t) for t in ordered)
        flags = re.IGNORECASE if self.ignore_case else 0
        self._regex = re.compile(word_bounded(f"(?:{body})"), flags)
        self._lookup = {self._key(t): r for t, r in self.terms.items()}

    def _key(self, text: str) -> str:
        text = " ".join(text.split())
        return text.casefold() if self.ignore_case else text

    def check(self, doc: Document) -> Iterator[Finding]:
        regex = self._regex  # bound once: pydantic private attributes are slow to read
        assert regex is not None
        for segment in self.segments(doc):
            text = segment.text
            exact: list[tuple[int, int]] = []
            for m in regex.finditer(text):
                exact.append(m.span())
                if self.excepted(segment, *m.span()):
                    continue
                yield self.finding(doc, segment, *m.span(), suggestion=self._suggest(m.group()))
            if self.fuzzy is not None:
                yield from self._near_misses(doc, segment, exact)

    def _suggest(self, matched: str) -> str | None:
        return self._lookup.get(self._key(matched))

    def _near_misses(self, doc: Document, segment, exact) -> Iterator[Finding]:
        """Find spellings close to a term, one alignment at a time.

        rapidfuzz returns the single best alignment, so every hit (and every exact match) is
        masked out and the search repeats until nothing scores above the threshold.
        """
        from rapidfuzz import fuzz
        from rapidfuzz.utils import default_process

        text = segment.text
        folded = text.casefold() if self.ignore_case else text
        if len(folded) != len(text):  # casefold changed lengths (ß -> ss): stay exact
            folded = text.lower() if self.ignore_case else text
        masked = list(folded)
        for s, e in exact:
            masked[s:e] = "\0" * (e - s)
        for term, replacement in self.terms.items():
            needle = term.casefold() if self.ignore_case else term
            if len(needle) < 4:
                continue
            for _ in range(MAX_NEAR_MISSES):
                found = fuzz.partial_ratio_alignment(
                    needle, "".join(masked), score_cutoff=self.fuzzy
                )
                if found is None or found.dest_end <= found.dest_start:
                    break
                start, end = _snap(
                    folded,
                    found.dest_start,
                    found.dest_end,
                    needle,
                    lambda a, b: fuzz.ratio(a, b, processor=default_process),
                )
                masked[found.dest_start : found.dest_end] = "\0" * (
                    found.dest_end - found.dest_start
                )
                if start >= end or any(s < end and start < e for s, e in exact):
                    continue
                candidate = folded[start:end]
                if default_process(candidate) == default_process(needle):
                    continue
                if fuzz.ratio(needle, candidate, processor=default_process) < self.fuzzy:
                    continue
                if self.excepted(segment, start, end):
                    continue
                exact.append((start, end))
                yield self.finding(doc, segment, start, end, suggestion=replacement or term)


def _flexible(term: str) -> str:
    """A term's regex: its words in order, any whitespace between them."""
    return r"\s+".join(re.escape(w) for w in term.split())


def _snap(text: str, start: int, end: int, needle: str, scorer) -> tuple[int, int]:
    """The whole-word span around an alignment [start, end) that best matches `needle`.

    An alignment can cut words at either edge ("cloudsuit b" in "CloudSuit bundle"); each
    edge may either grow to the end of its word or shrink to drop the partial word, and the
    combination that scores best is kept.
    """
    starts = {start, _word_start(text, start)}
    ends = {end, _word_end(text, end)}
    if _inside_word(text, start):
        starts.add(_word_end(text, start))
    if _inside_word(text, end):
        ends.add(_word_start(text, end))
    best, best_score = (start, end), -1.0
    for a in sorted(starts):
        for b in sorted(ends):
            a2, b2 = _trim(text, a, b)
            if a2 >= b2 or not _whole_words(text, a2, b2):
                continue
            score = scorer(needle, text[a2:b2])
            if score > best_score:
                best, best_score = (a2, b2), score
    return best


def _word_start(text: str, i: int) -> int:
    while i > 0 and _WORD_CHAR.match(text[i - 1]):
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while i < len(text) and _WORD_CHAR.match(text[i]):
        i += 1
    return i


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and bool(_WORD_CHAR.match(text[i - 1]) and _WORD_CHAR.match(text[i]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not _WORD_CHAR.match(text[start]):
        start += 1
    while end > start and not _WORD_CHAR.match(text[end - 1]):
        end -= 1
    return start, end


def _whole_words(text: str, start: int, end: int) -> bool:
    before = start == 0 or not _WORD_CHAR.match(text[start - 1])
    after = end == len(text) or not _WORD_CHAR.match(text[end])
    return before and after
