"""Finding claims: the sentences a text's trigger words are in, their tokens, the Matcher
of each woken pattern group, and the readers of the kinds' modules.

Matching uses spaCy's rule-based `Matcher` on the blank English tokenizer (no model). The
patterns are built once per group, lazily, because importing spaCy costs about a second and
most paragraphs never need it. Speed: the Matcher costs about a microsecond per token and
pattern, so only the sentences holding a trigger word are tokenized, each matched against
the groups its words wake (see `triggers`).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING, Any

from msglint.model import Claim
from msglint.nlp import blank, tokenizer_text
from msglint.text.sentences import sentences
from msglint.values.claims import channels, hours, returns, shipping, sla, trial, warranty
from msglint.values.claims.common import Reader, Sequences
from msglint.values.claims.facts import find_facts
from msglint.values.claims.foreign import find_foreign_claims, has_foreign_claim_words
from msglint.values.claims.triggers import (
    group_needs,
    groups_in,
    has_claim_words,
    in_support_sentence,
    trigger_hits,
)

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span

#: The modules of the claim kinds, one pattern group each, in the order their labels are
#: added to the group's Matcher.
KIND_MODULES = (warranty, returns, sla, hours, channels, shipping, trial)

#: Longer texts are read up to this many characters: a paragraph is far shorter, and a
#: hostile page must not make one call cost seconds.
MAX_TEXT = 100_000
#: A "sentence" longer than this (a flattened list or table, or hostile text) is read in
#: windows of this size, so each Matcher run stays small.
MAX_SENTENCE = 2_000
#: At most this many claims are returned for one text; a real paragraph holds a handful.
MAX_CLAIMS = 200


@cache
def _readers() -> dict[str, Reader]:
    return {label: read for module in KIND_MODULES for label, read in module.READERS.items()}


@cache
def _matcher(group: str) -> Matcher:
    """The Matcher of one trigger group, built once on the shared blank pipeline's vocab.

    greedy="LONGEST": of overlapping matches of one label only the longest is returned, so
    "up to 5 years warranty" is read once, not also as "5 years warranty".
    """
    from spacy.matcher import Matcher

    matcher = Matcher(blank().vocab, validate=True)
    for module in KIND_MODULES:
        if group == module.GROUP:
            table: dict[str, Sequences] = module.patterns()
            for label, patterns in table.items():
                matcher.add(label, patterns, greedy="LONGEST")
    return matcher


def warm() -> None:
    """Build the tokenizer and every group's Matcher now (about 2 s, spaCy's import most
    of it): done once before worker processes are forked, so they inherit them instead of
    each building its own (workers.Pool)."""
    blank()
    _readers()
    group_needs()
    has_claim_words("")
    for module in KIND_MODULES:
        _matcher(module.GROUP)


def find_claims(text: str, region: str | None = None) -> list[Claim]:
    """Every support claim in `text`, in reading order; [] when there is none.

    `region` (ISO 3166 alpha-2) is where the page's phone numbers without a country code are
    dialled, when the page says (its `lang`); the support facts with values (contacts, SLA
    times) come from `facts`.

    Never raises on page text: unreadable numbers are skipped. Texts over `MAX_TEXT`
    characters are read up to that length, sentences over `MAX_SENTENCE` in windows of
    that size, and at most `MAX_CLAIMS` claims are returned, so hostile text costs
    milliseconds. A claim lies within one sentence of `sentences(text)` (or one window of
    it), which is its `sentence`; `start`/`end` index `text`.

    Only the sentences holding a trigger word are tokenized and matched, each against the
    pattern groups its words wake: spaCy's Matcher costs about a microsecond per token and
    pattern, so a paragraph with one "shipping" in it pays for one sentence and six patterns.
    """
    if not isinstance(text, str):
        return []
    foreign = find_foreign_claims(text) if has_foreign_claim_words(text) else []
    if not has_claim_words(text):
        return foreign
    text = text[:MAX_TEXT]
    claims: list[Claim] = []
    for start, end, groups in _trigger_sentences(text):
        claims.extend(_unique(Finder(text, start, end).run(groups)))
        if len(claims) >= MAX_CLAIMS:
            break
    if foreign:  # a mixed-language paragraph: both readers' claims, in reading order
        claims = sorted(
            claims
            + [
                f
                for f in foreign
                if not any(c.kind == f.kind and c.start < f.end and f.start < c.end for c in claims)
            ],
            key=lambda c: c.start,
        )
    facts = find_facts(text, region)
    if facts:
        claims = sorted(claims + facts, key=lambda c: (c.start, c.end, c.kind))
    return claims[:MAX_CLAIMS]


def _trigger_sentences(text: str) -> list[tuple[int, int, set[str]]]:
    """(start, end, groups) of each sentence of `text` holding a trigger word."""
    lower = text.lower()
    if len(lower) != len(text):  # a few characters lower-case to two ("İ"): no offsets
        groups = groups_in(lower)
        spans = [w for a, b in sentences(text) for w in _windows(text, a, b)]
        return [(a, b, groups) for a, b in spans] if groups else []
    spans = [w for a, b in sentences(text) for w in _windows(text, a, b)]
    starts = [a for a, _ in spans]
    found: dict[int, set[str]] = {}
    for offset, groups in trigger_hits(lower):
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < spans[i][1]:
            found.setdefault(i, set()).update(groups)
    needs = group_needs()
    out = []
    for i, groups in sorted(found.items()):
        a, b = spans[i]
        needed = {g for g in groups if needs[g].search(lower, a, b)}
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


class Finder:
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
        readers = _readers()
        for group in sorted(groups):
            for match_id, start, end in _matcher(group)(self.doc):
                span: Span = self.doc[start:end]
                claims.extend(
                    readers[strings[match_id]](self, span, span.start_char, span.end_char)
                )
        return claims

    def in_support_sentence(self) -> bool:
        return in_support_sentence(self.text, self.start, self.end)

    def claim(self, kind: str, value: Any, unit: str, start: int, end: int) -> Claim:
        """A claim of the sentence-relative span [start, end)."""
        a, b = self.start + start, self.start + end
        sentence = self.text[self.start : self.end]
        return Claim(kind, value, unit, self.text[a:b], sentence, a, b)


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
