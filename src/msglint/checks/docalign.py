"""Align the passages of two copies of a document, and the steps of their procedures.

Alignment is by wording, with every value masked ("Tighten the bolts to # in a cross
pattern"), so a sentence whose only change is a number still finds its counterpart and the
comparison can then say which number changed. In three passes, each only over what the
previous left: identical text; identical masked text (the nearest by position when a
wording repeats); then fuzzy (rapidfuzz token_sort_ratio on the masked text, so reordered
words and reflowed lines do not matter), best pairs first, ties to the nearest position.
Table rows align only with rows. The cost is one rapidfuzz `cdist` over what is left after
the exact passes, which for a copy is usually little; it is capped at MAX_FUZZY pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from msglint.checks.docvalues import mask, without_marker
from msglint.model import Passage

#: Passages compared fuzzily at most (rows x columns of the score matrix).
MAX_FUZZY = 4_000_000
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_STOPWORDS_WORDS_TEXT = (
    "the and for with that this from your you are can not will into before after then "
    "when which have has was were been its our their them they there here any all each "
    "may must should could would also only more most such than other some what where how "
    "who why about over under again further once both few very just being does did doing "
    "während und die der das mit für von"
)
STOPWORDS = frozenset(_STOPWORDS_WORDS_TEXT.split())


@dataclass
class Alignment:
    """Which partner passage copies which reference passage, with the wording score."""

    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    reference_left: list[int] = field(default_factory=list)
    partner_left: list[int] = field(default_factory=list)

    def partner_of(self) -> dict[int, tuple[int, float]]:
        return {r: (p, s) for r, p, s in self.pairs}


def key(passage: Passage) -> str:
    """A passage's masked wording (values as "#", no list marker or punctuation)."""
    return _key(passage.text)


@lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    # Cached: every check of every rule looks at the same passages of a pair.
    return mask(without_marker(text))


def content_words(text: str) -> set[str]:
    return {w for w in _CONTENT_WORD.findall(text.casefold()) if w not in STOPWORDS}


def _compatible(a: Passage, b: Passage) -> bool:
    return (a.kind == "row") == (b.kind == "row")


def align(reference: list[Passage], partner: list[Passage], threshold: float) -> Alignment:
    """Pair each partner passage with at most one reference passage, and vice versa."""
    out = Alignment()
    ref_left = set(range(len(reference)))
    part_left = set(range(len(partner)))
    n_ref, n_part = max(len(reference), 1), max(len(partner), 1)

    def take(r: int, p: int, score: float) -> None:
        out.pairs.append((r, p, score))
        ref_left.discard(r)
        part_left.discard(p)

    def distance(r: int, p: int) -> float:
        return abs(r / n_ref - p / n_part)

    for exact in (lambda x: " ".join(x.text.split()), key):
        by_text: dict[str, list[int]] = {}
        for r in sorted(ref_left):
            by_text.setdefault(exact(reference[r]), []).append(r)
        for p in sorted(part_left):
            candidates = [
                r
                for r in by_text.get(exact(partner[p]), [])
                if r in ref_left and _compatible(reference[r], partner[p])
            ]
            if candidates:
                r = min(candidates, key=lambda r: distance(r, p))
                take(r, p, 100.0)
    if ref_left and part_left and threshold < 100:
        _fuzzy(reference, partner, sorted(ref_left), sorted(part_left), threshold, take, distance)
    out.pairs.sort(key=lambda t: t[1])
    out.reference_left = sorted(set(range(len(reference))) - {r for r, _, _ in out.pairs})
    out.partner_left = sorted(set(range(len(partner))) - {p for _, p, _ in out.pairs})
    return out


def _fuzzy(reference, partner, refs, parts, threshold, take, distance) -> None:  # type: ignore[no-untyped-def]
    from rapidfuzz.fuzz import token_sort_ratio
    from rapidfuzz.process import cdist

    if len(refs) * len(parts) > MAX_FUZZY:
        parts = parts[: max(1, MAX_FUZZY // max(len(refs), 1))]
    matrix = cdist(
        [key(partner[p]) for p in parts],
        [key(reference[r]) for r in refs],
        scorer=token_sort_ratio,
        score_cutoff=threshold,
        workers=1,
    )
    scored = []
    for i, j in zip(*matrix.nonzero(), strict=True):
        p, r = parts[i], refs[j]
        if _compatible(reference[r], partner[p]):
            scored.append((-float(matrix[i, j]), distance(r, p), r, p))
    scored.sort()
    used_r: set[int] = set()
    used_p: set[int] = set()
    for neg, _, r, p in scored:
        if r in used_r or p in used_p:
            continue
        used_r.add(r)
        used_p.add(p)
        take(r, p, -neg)


def best_score(passage: Passage, others: list[Passage]) -> float:
    """The best wording score of `passage` against any of `others` (0 when none)."""
    if not others:
        return 0.0
    from rapidfuzz.fuzz import token_sort_ratio
    from rapidfuzz.process import extractOne

    hit = extractOne(key(passage), [key(o) for o in others], scorer=token_sort_ratio)
    return float(hit[1]) if hit else 0.0


def procedures(passages: list[Passage]) -> dict[int, list[int]]:
    """Indexes of the steps of each procedure, in order."""
    out: dict[int, list[int]] = {}
    for i, p in enumerate(passages):
        if p.kind == "step" and p.procedure is not None:
            out.setdefault(p.procedure, []).append(i)
    return out


def out_of_order(order: list[int]) -> list[int]:
    """The items of `order` outside its longest increasing run: those that moved."""
    keep = set(_longest_increasing(order))
    return [x for x in order if x not in keep]


def _longest_increasing(seq: list[int]) -> list[int]:
    import bisect

    tails: list[int] = []
    tails_at: list[int] = []
    parent = [-1] * len(seq)
    for i, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tails_at.append(i)
        else:
            tails[k] = x
            tails_at[k] = i
        parent[i] = tails_at[k - 1] if k else -1
    out = []
    i = tails_at[-1] if tails_at else -1
    while i >= 0:
        out.append(seq[i])
        i = parent[i]
    return out[::-1]
