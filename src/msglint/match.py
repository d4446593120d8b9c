"""match: align each partner's Records with the brand's reference Records.

Evidence is weighed in a fixed order, strongest first: an equal GTIN ("gtin"), an equal
SKU or MPN, compared across the two fields ("sku"/"mpn"), a shared model code mined from
the names ("code"), then fuzzy names scored with rapidfuzz ("name"). Pairs from all four
are pooled and assigned greedily, strongest evidence first and the higher score within a
level, so a record already paired by an identifier is never taken by a weaker name match.

Cost stays near-linear: fuzzy scoring only sees the few reference records a partner record
shares rare words or code fragments with (an inverted index over the reference names, a
cap on how common a key may be, and the top `candidates` by shared weight), instead of the
full reference x partner matrix.

Nothing here mutates the Records: codes mined from names live in private per-call state,
so callers may share Records across runs and threads.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from msglint.model import Match, Record
from msglint.values.identifiers import model_codes, normalize_code, normalize_gtin, own_text

#: Evidence levels; higher wins in the greedy assignment whatever the scores.
_LEVEL = {"gtin": 4, "sku": 3, "mpn": 3, "code": 2, "name": 1}
#: Longest name or description looked at; catalog cells beyond this are noise, not names.
_MAX_TEXT = 2_000
_ALNUM_RUN = re.compile(r"[A-Z]+|[0-9]+")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """How records are paired. Every default is general, not fitted to one catalog.

    threshold: the combined name score (0-100) a fuzzy pair needs. 85 keeps names that
        differ only in word order, punctuation or a few extra words, and rejects siblings
        ("Router AX5400" vs "Router AX3000" after the code penalty).
    one_to_one: a partner record matches at most one reference record and a reference
        record at most one partner record; when a partner lists a product twice the
        better-scoring listing is matched and the other is reported unmatched (a
        duplicate listing is a finding in its own right). False lets several partner
        records share a reference record, each partner record still taking its best.
    candidates: reference records scored per partner record after blocking. Ten covers
        a product family (sizes, colours) sharing its rare words, at a fixed cost.
    max_key_share: a blocking key (word or code fragment) found in more than this share
        of reference records (and in more than 20 of them) is too common to point at a
        product ("black", the brand of a one-brand site) and is not used to find
        candidates; word pairs and code fragments still find such records. 2% bounds
        the work per partner record at about 2% of the catalog per common key.
    brand_penalty: taken off the name score when both records name different brands
        and neither name mentions the other's; large enough that near-identical names
        of two brands fall below the threshold, small enough that a mis-entered
        manufacturer does not veto a perfect name plus agreeing codes.
    code_bonus: added when a model code is shared (in names or descriptions) or nearly
        shared: one extends the other ("JFS516" / "JFS516NA"), they differ only in a
        trailing colour or region suffix ("NNH965WH" / "NNH965WF"), or one is spelled
        with spaces in the other name ("XHA1S" in "Canon XH A1S"). 25 lets a name that
        only shares the product type with the other (token-set score 60, e.g. "Sony
        Speaker System - SRSA212BK" vs "Computer Speakers - SRSA212/BLK") pass 85.
    code_penalty: taken off when both names carry codes of one numbering scheme (same
        letter prefix) and none agree: "KDL40V4100" vs "KDL46V4100" are siblings whose
        names are otherwise equal. A shop's code against the maker's part number
        ("H890" vs "966193-0403") is no evidence either way and costs nothing.
    use_descriptions: also mine codes from descriptions, as fuzzy evidence only (a
        description mentions processors, compatible models and accessories, so a code
        found there never makes a "code" match on its own).
    """

    threshold: float = 85.0
    one_to_one: bool = True
    candidates: int = 10
    max_key_share: float = 0.02
    brand_penalty: float = 20.0
    code_bonus: float = 25.0
    code_penalty: float = 15.0
    use_descriptions: bool = True


@dataclass(slots=True)
class MatchResult:
    """Pairs found, and the records on either side that nothing matched."""

    pairs: list[tuple[int, Match]] = field(default_factory=list)
    unmatched_reference: list[int] = field(default_factory=list)
    unmatched_partner: list[int] = field(default_factory=list)
    scored: int = 0  # fuzzy pairs scored, a measure of the work blocking left


@dataclass(slots=True)
class _Prepared:
    """What matching needs of one record, computed once."""

    text: str
    squashed: str
    codes: frozenset[str]
    desc_codes: frozenset[str]
    gtin: str | None
    ids: dict[str, str]
    brand: str | None
    words: frozenset[str]
    names: frozenset[str]  # words and adjacent word pairs run together: "tech", "techcraft"


def _brand_key(brand: str | None) -> str | None:
    """Brand key: "Tech Craft", "TechCraft" -> "techcraft". Case, spaces and punctuation
    are dropped, so one brand written two ways compares equal; "LG Electronics" becomes
    "lgelectronics", which `_same_brand` accepts for "lg" as one extends the other."""
    if not brand:
        return None
    key = "".join(_WORD.findall(brand[:200].lower()))
    return key or None


def _known_brands(records: Iterable[Record]) -> set[str]:
    """Every stated brand, whole and by its first word ("lgelectronics" and "lg"), so a
    name that starts "LG ..." is recognized from a feed that says "LG Electronics"."""
    known: set[str] = set()
    for record in records:
        if record.brand:
            words = _WORD.findall(record.brand[:200].lower())
            if words:
                known.add("".join(words))
                if len(words[0]) > 1:
                    known.add(words[0])
    return known


def _same_brand(x: str, y: str) -> bool:
    return x.startswith(y) or y.startswith(x)


def _prepare(record: Record, options: MatchOptions) -> _Prepared:
    name = (record.name or "")[:_MAX_TEXT]
    sku, mpn = normalize_code(record.sku), normalize_code(record.mpn)
    ids = {k: v for k, v in (("sku", sku), ("mpn", mpn)) if v}
    own = {c for c in (normalize_code(c) for c in record.codes) if c}
    own.update(model_codes(name))
    own.update(ids.values())
    desc: set[str] = set()
    if options.use_descriptions and record.description:
        desc.update(model_codes(record.description[:_MAX_TEXT]))
    text = default_process(name)
    own_words = default_process(own_text(name)).split()
    return _Prepared(
        text=text,
        squashed="".join(own_words),
        codes=frozenset(own),
        desc_codes=frozenset(desc - own),
        gtin=normalize_gtin(record.gtin),
        ids=ids,
        brand=_brand_key(record.brand),
        words=frozenset(text.split()),
        names=frozenset((*own_words, *(x + y for x, y in pairwise(own_words)))),
    )


#: Most words a brand name spans at the start of a product name ("Boston Acoustics").
_BRAND_WORDS = 3


def _infer_brands(prepared: Iterable[_Prepared], known: set[str]) -> None:
    """Give a record without a brand the longest known brand its name starts with.

    Brands come from the records that state one, on either side, so a reference catalog
    without a manufacturer column still gets "sony" for "Sony Turntable - PSLX350H" and
    "techcraft" for "Tech Craft TV Stand". Whole words only: "Gear Bag" is not by "GE".
    """
    for p in prepared:
        if p.brand is not None:
            continue
        words = p.text.split(" ", _BRAND_WORDS)[:_BRAND_WORDS]
        for count in range(len(words), 0, -1):
            candidate = "".join(words[:count])
            if candidate in known:
                p.brand = candidate
                break


def _mentions(p: _Prepared, brand: str) -> bool:
    """Whether `p`'s name mentions `brand` as a word or two ("Polk Audio" for
    "polkaudio"), outside any "for ..." clause."""
    return brand in p.names


def _brand_relation(a: _Prepared, b: _Prepared) -> int:
    """1 when the brands agree, -1 when they conflict, 0 when it cannot be told.

    A brand named in the other record's name agrees even if the other states a different
    one: feeds often fill "manufacturer" with a distributor ("SONY TRIPOD", maker "DBL").
    """
    if a.brand and b.brand and _same_brand(a.brand, b.brand):
        return 1
    if (a.brand and _mentions(b, a.brand)) or (b.brand and _mentions(a, b.brand)):
        return 1
    return -1 if a.brand and b.brand else 0


def _stem(code: str) -> str:
    """The code up to its last digit: "NNH965WH" -> "NNH965", the trailing letters being
    a colour or region suffix in most numbering schemes."""
    end = len(code)
    while end and not code[end - 1].isdigit():
        end -= 1
    return code[:end]


def _codes_near(x: str, y: str) -> bool:
    """Two codes that are the same product written differently: one extends the other
    ("JFS516" / "JFS516NA", "23292" / "AV23292") or they share a stem of five or more
    characters ("SRSA212BK" / "SRSA212BLK"). Short codes need exact equality."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) >= 5 and short in long_:
        return True
    if len(short) >= 4 and long_.startswith(short):
        return True
    stem = _stem(short)
    return len(stem) >= 5 and stem == _stem(long_)


def _letters(code: str) -> str:
    end = 0
    while end < len(code) and code[end].isalpha():
        end += 1
    return code[:end]


def _comparable(x: str, y: str) -> bool:
    """Codes from one numbering scheme: the same letter prefix ("KDL40V4100" and
    "KDL46V4100"), or digits-first codes of one length ("0617B002", "0615B002"). A shop's
    code and the maker's part number ("H890" vs "966193-0403") are not comparable, and
    their difference says nothing."""
    lx, ly = _letters(x), _letters(y)
    if lx or ly:
        return lx == ly
    return len(x) == len(y)


def _code_relation(a: _Prepared, b: _Prepared) -> int:
    """2 a code shared exactly (names or descriptions), 1 nearly or written inside the
    other name with its spaces ("XHA1S" in "Canon XH A1S"), 0 nothing to tell, -1 codes
    of one scheme in both names and none agree."""
    a_all, b_all = a.codes | a.desc_codes, b.codes | b.desc_codes
    if a_all & b_all:
        return 2
    if any(_codes_near(x, y) for x in a_all for y in b_all):
        return 1
    if _spelled_in(a.codes, b.squashed) or _spelled_in(b.codes, a.squashed):
        return 1
    if any(_comparable(x, y) for x in a.codes for y in b.codes):
        return -1
    return 0


#: Shortest code looked for inside the other record's name written without spaces.
_MIN_SPELLED = 5


def _spelled_in(codes: frozenset[str], squashed: str) -> bool:
    return any(len(c) >= _MIN_SPELLED and c.lower() in squashed for c in codes)


def _raw_score(a: _Prepared, b: _Prepared, options: MatchOptions) -> float:
    """Name similarity plus code and brand evidence, unclipped, to rank candidates."""
    score = fuzz.token_set_ratio(a.text, b.text)
    codes = _code_relation(a, b)
    if codes > 0:
        score += options.code_bonus
    elif codes < 0:
        score -= options.code_penalty
    if _brand_relation(a, b) < 0:
        score -= options.brand_penalty
    return score


def _score(raw: float) -> float:
    """The reported score: the raw one kept within 0-100."""
    return max(0.0, min(100.0, raw))


# --- blocking -----------------------------------------------------------------------------


def _keys(p: _Prepared) -> set[str]:
    """Blocking keys: name words and adjacent word pairs, and each code with its stem and
    letter/digit runs, so "SRSA212BK" and "SRSA212/BLK" meet on "SRSA", "212" and the stem
    "SRSA212". Word pairs keep records built of common words ("Black Ink Cartridge")
    findable once the single words are too common to use."""
    words = p.text.split()
    keys = {w for w in words if len(w) > 1}
    keys.update(f"{x} {y}" for x, y in pairwise(words))
    for code in p.codes | p.desc_codes:
        keys.add("#" + code)
        stem = _stem(code)
        if len(stem) >= 4:
            keys.add("#" + stem)
        keys.update("#" + run for run in _ALNUM_RUN.findall(code) if len(run) > 1)
    return keys


#: A key shared by this many reference records is always usable, however small the catalog.
_MIN_KEY_CAP = 20


class _Index:
    """An inverted index of reference blocking keys, weighted by rarity."""

    def __init__(self, prepared: list[_Prepared], max_share: float) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(prepared):
            for key in _keys(p):
                postings[key].append(i)
        total = max(1, len(prepared))
        cap = max(_MIN_KEY_CAP, int(total * max_share))
        self.postings = {k: v for k, v in postings.items() if len(v) <= cap}
        self.weight = {k: math.log(1.0 + total / len(v)) for k, v in self.postings.items()}

    def candidates(self, p: _Prepared, limit: int) -> list[int]:
        """The `limit` reference indices sharing the most key weight with `p`."""
        shared: dict[int, float] = defaultdict(float)
        for key in _keys(p):
            refs = self.postings.get(key)
            if refs is not None:
                w = self.weight[key]
                for i in refs:
                    shared[i] += w
        if len(shared) <= limit:
            return list(shared)
        return heapq.nlargest(limit, shared, key=shared.__getitem__)


# --- evidence -----------------------------------------------------------------------------


def _id_pairs(refs: list[_Prepared], partners: list[_Prepared]) -> Iterable[tuple[str, int, int]]:
    """(method, reference index, partner index) for equal GTINs, SKUs and MPNs."""
    by_gtin: dict[str, list[int]] = defaultdict(list)
    by_id: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, r in enumerate(refs):
        if r.gtin:
            by_gtin[r.gtin].append(i)
        for kind, value in r.ids.items():
            by_id[value].append((i, kind))
    for j, p in enumerate(partners):
        if p.gtin:
            for i in by_gtin.get(p.gtin, ()):
                yield "gtin", i, j
        seen: set[int] = set()
        for value in p.ids.values():
            for i, kind in by_id.get(value, ()):
                if i not in seen:
                    seen.add(i)
                    yield kind, i, j


def _code_pairs(refs: list[_Prepared], partners: list[_Prepared]) -> Iterable[tuple[int, int]]:
    """(reference index, partner index) for model codes shared by the two names."""
    by_code: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(refs):
        for code in r.codes:
            by_code[code].append(i)
    for j, p in enumerate(partners):
        seen: set[int] = set()
        for code in p.codes:
            for i in by_code.get(code, ()):
                if i not in seen:
                    seen.add(i)
                    yield i, j


_Candidate = tuple[int, float, int, int, str, float]  # level, order, ref, partner, method, score


def _assign(
    candidates: list[_Candidate], partner: list[Record], n_ref: int, one_to_one: bool
) -> MatchResult:
    """Greedy assignment: strongest evidence first, then the higher score, then the order
    of the inputs, so equal inputs always give equal output."""
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    ref_taken: set[int] = set()
    partner_taken: set[int] = set()
    pairs: list[tuple[int, Match]] = []
    for _level, _order, i, j, method, score in candidates:
        if j in partner_taken or (one_to_one and i in ref_taken):
            continue
        partner_taken.add(j)
        ref_taken.add(i)
        pairs.append((i, Match(record=partner[j], method=method, score=score)))
    pairs.sort(key=lambda pair: pair[0])
    return MatchResult(
        pairs=pairs,
        unmatched_reference=[i for i in range(n_ref) if i not in ref_taken],
        unmatched_partner=[j for j in range(len(partner)) if j not in partner_taken],
    )


def match_records(
    reference: list[Record],
    partner: list[Record],
    options: MatchOptions = MatchOptions(),  # frozen, so one shared default is safe
) -> MatchResult:
    """Pair each partner record with the reference record it describes.

    Returns pairs as (reference index, Match) sorted by reference index, and the indices
    on each side left unmatched. `item_id` is never used: it is each file's own row id.
    Identifier methods score 100; "name" carries the combined fuzzy score.
    """
    refs = [_prepare(r, options) for r in reference]
    parts = [_prepare(p, options) for p in partner]
    known = _known_brands((*reference, *partner))
    _infer_brands(refs, known)
    _infer_brands(parts, known)

    candidates: list[_Candidate] = []
    for method, i, j in _id_pairs(refs, parts):
        candidates.append((_LEVEL[method], 100.0, i, j, method, 100.0))
    for i, j in _code_pairs(refs, parts):
        if _brand_relation(refs[i], parts[j]) >= 0:
            order = _raw_score(refs[i], parts[j], options)
            candidates.append((_LEVEL["code"], order, i, j, "code", 100.0))

    index = _Index(refs, options.max_key_share)
    scored = 0
    for j, p in enumerate(parts):
        for i in index.candidates(p, options.candidates):
            scored += 1
            raw = _raw_score(refs[i], p, options)
            if raw >= options.threshold:
                candidates.append((_LEVEL["name"], raw, i, j, "name", _score(raw)))

    result = _assign(candidates, partner, len(refs), options.one_to_one)
    result.scored = scored
    return result
