"""Blocking: the few reference records worth scoring against each partner record.

Scoring every reference x partner pair grows with the square of the catalogs (10k x 10k is
100 M pairs); an inverted index keeps it near-linear. Keys are a record's words, pairs of
its rarest words (so a name made of common words, "Black Ink Cartridge", is still found
once each word alone is too common to use), and its model codes with their stems and
letter/digit runs ("SRSA212BK" and "SRSA212/BLK" meet on "SRSA", "212" and "SRSA212"), the
codes a name writes as words ("MDR AS50G" meets "MDRAS50G", "CLI-8" meets "CLI8G") and
the parts of its compounds ("Convection-Oven-Toaster" meets "Convection/Toaster Oven").
A key on more than `max_key_share` of the reference records (and more than 20) points at no
product and is dropped; the rest are weighted by rarity, and each partner record gets the
`limit` reference records sharing the most weight.

The recall this costs, against scoring every pair, is measured by
`benchmarks/matching.py --synthetic 10000 --exhaustive` (README, "Matching").
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from itertools import combinations
from operator import itemgetter

from msglint.match.normalize import STOPWORDS, canonical
from msglint.match.prepare import Corpus, Prepared

_ALNUM_RUN = re.compile(r"[A-Z]+|[0-9]+")
_LETTER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"[0-9]")
#: Shortest word or run of words taken as a code key ("CLI8", "MDRAS50G").
_MIN_CODE_KEY = 4
#: A key shared by this many reference records is always usable, however small the catalog.
_MIN_KEY_CAP = 20
#: A key is never followed through more reference records than this, however large the
#: catalog: past it a key names a product family, and the rarer keys of the record (its
#: code, its pairs of words) find the product at a bounded cost per record.
_MAX_KEY_CAP = 100
#: Rarest words of a record whose pairs (15 at most) and triples (10) are keys.
_PAIR_WORDS = 6
_TRIPLE_WORDS = 5
#: Postings followed per partner record at most, rarest keys first: a record whose keys
#: are all common stops here, having already met the records that share its rarest keys.
_BUDGET = 1_000
#: A candidate sharing less than this share of the best candidate's key weight is not
#: scored: on Abt-Buy this leaves 4,025 of 10,571 pairs to score and loses 3 more gold pairs
#: of 1,097 (21 share too little with their partner to be among the 10 best at all); on
#: the synthetic 10k catalogs it loses none of 8,000 and halves the pairs again.
_MIN_SHARE = 0.3


def keys(p: Prepared, corpus: Corpus) -> tuple[str, ...]:
    """The blocking keys of one record (see the module docstring)."""
    words = [w for w in p.words if len(w) > 1]
    out = set(words)
    if len(words) > 1:
        rarest = sorted(words, key=lambda w: (corpus.word_df.get(w, 0), w))[:_PAIR_WORDS]
        out.update(f"{x} {y}" for x, y in combinations(sorted(rarest), 2))
        out.update(" ".join(t) for t in combinations(sorted(rarest[:_TRIPLE_WORDS]), 3))
    for word in p.own_words:  # the parts of a compound: "Over-The-Range" meets "over the range"
        if word not in p.words and len(word) > 1 and not word.isdigit():
            part = canonical(word)
            if part not in STOPWORDS:
                out.add(part)
    for code in p.codes | p.desc_codes:
        out.add("#" + code)
        end = len(code)
        while end and not code[end - 1].isdigit():
            end -= 1
        if end >= 4:
            out.add("#" + code[:end])
        out.update("#" + run for run in _ALNUM_RUN.findall(code) if len(run) > 1)
    out.update(_written_codes(p))
    return tuple(sorted(out))  # one order: weights summed alike in every process


def _written_codes(p: Prepared) -> set[str]:
    """Code keys of what a name writes as words: a word of letters and digits too short to
    be mined as a code ("CLI-8" meets "CLI8G" on "#CLI8"), and two adjacent
    words run together ("MDR AS50G" meets "MDRAS50G")."""
    out: set[str] = set()
    words = p.own_words
    for w in p.words:  # not a quantity ("16gb"): those start with their number
        if len(w) >= _MIN_CODE_KEY and w[0].isalpha() and _DIGIT.search(w):
            out.add("#" + w.upper())
    digits = [bool(_DIGIT.search(w)) for w in words]
    for i in range(len(words) - 1):
        if digits[i] or digits[i + 1]:
            run = words[i] + words[i + 1]
            if len(run) > _MIN_CODE_KEY and _LETTER.search(run):
                out.add("#" + run.upper())
    return out


class Index:
    """An inverted index of reference blocking keys, weighted by rarity."""

    def __init__(self, prepared: list[Prepared], corpus: Corpus, max_share: float) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(prepared):
            for key in keys(p, corpus):
                postings[key].append(i)
        total = max(1, len(prepared))
        cap = min(_MAX_KEY_CAP, max(_MIN_KEY_CAP, int(total * max_share)))
        self.corpus = corpus
        self.postings = {k: v for k, v in postings.items() if len(v) <= cap}
        self.total = total

    def candidates(self, p: Prepared, limit: int) -> list[int]:
        """The `limit` reference indices sharing the most key weight with `p` (and at least
        `_MIN_SHARE` of the best one's), following the rarest keys first within a budget."""
        get = self.postings.get
        found = [refs for k in keys(p, self.corpus) if (refs := get(k)) is not None]
        found.sort(key=len)
        shared: dict[int, float] = defaultdict(float)
        budget = _BUDGET
        for refs in found:
            budget -= len(refs)
            if budget < 0:
                break
            weight = math.log(1.0 + self.total / len(refs))
            for i in refs:
                shared[i] += weight
        if not shared:
            return []
        best = heapq.nlargest(limit, shared.items(), key=itemgetter(1))
        floor = _MIN_SHARE * best[0][1]
        return [i for i, weight in best if weight >= floor]
