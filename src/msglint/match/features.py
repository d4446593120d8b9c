"""Pair features: what the scorer reads to tell whether two listings are one product.

Each feature is a number in 0-1 (a similarity, a share, a flag or a capped count) computed
from two `Prepared` records and the run's `Corpus`. The list and its order are part of the
model file: `FEATURES` names them, and a model trained on another list is refused.

What they capture, and the listing pairs that made each one necessary (seen in public
catalogs of electronics, software boxes, shoes and watches):

- word similarities of several kinds: rapidfuzz token-set and token-sort ratios, a
  rarity-weighted cosine and the rarity-weighted share of each side's words found in the
  other (`cover_min`: "Norton AntiVirus" is covered by "Norton AntiVirus 3 user pack",
  but not the other way round), after spelling variants, compounds ("anti virus" /
  "antivirus") and abbreviations ("sec" / "security") are made to meet;
- model codes: shared and rare (identity), shared but printed on many listings (a spec
  or a product line: weak), nearly shared ("JFS516" / "JFS516NA"), spelled with spaces in
  the other name, spelled there less a colour suffix ("COOLPIXS60P" / "COOLPIX S60"),
  from one numbering scheme and different ("KDL40V4100" / "KDL46V4100"), variants of one
  stem ("NSAW390WH" / "NSAW390BL"), built from the other name's words ("XSIREB1855" /
  "Rebel XSi ... 18-55mm"), or of two kinds (a catalog number against a model code: it
  says little that they differ); see codes.py;
- quantities and numbers that agree, conflict ("16 GB" / "32 GB", "3-pack" / single,
  "2009" / "2010") or are near, one value rounded two ways ("14.7 MP" / "14 MP"), short
  generation codes ("CS3" / "CS4"), closed vocabularies of license, tier, platform, colour
  and gender ("upgrade" / "full", "premium" / "nonprofit"; colours and genders of other
  languages in their English words: translations.py);
- brand agreement that tolerates a publisher or distributor in the brand field (a brand
  named in the other's title agrees);
- the price ratio where both sides have a price.
"""

from __future__ import annotations

import math
from itertools import pairwise

from rapidfuzz.fuzz import token_set_ratio, token_sort_ratio

from msglint.match.codes import built, kinds_differ, variants
from msglint.match.prepare import Corpus, Prepared, code_stem, mentions, written

FEATURES: tuple[str, ...] = (
    "token_set",
    "token_sort",
    "idf_cosine",
    "cover_min",
    "cover_max",
    "extra_rare",
    "subset",
    "code_rare",
    "code_common",
    "code_near",
    "code_spelled",
    "code_stem_spelled",
    "code_conflict",
    "code_differ",
    "code_variant",
    "code_built",
    "code_kinds",
    "desc_code",
    "shared_info",
    "qty_agree",
    "qty_conflict",
    "qty_near",
    "qty_one_side",
    "num_agree",
    "num_conflict",
    "short_conflict",
    "attr_conflict",
    "attr_one_side",
    "conflicts",
    "brand_agree",
    "brand_conflict",
    "price_gap",
    "price_missing",
    "len_ratio",
)

#: Shortest abbreviation accepted as a prefix of the full word ("sec" / "security").
_MIN_PREFIX = 3
#: Rarity-weighted words two names share, in units of the rarest possible word, beyond
#: which more shared words add nothing: a specific name ("Canon EOS Rebel XSi Digital SLR")
#: shares far more than a generic one ("Nike Air Max 90"), identical or not.
_INFO_CAP = 6.0
#: Dimensions counted in units where a name that states none means one: "3-pack" against a
#: name without a pack size is 3 against 1, a "3 user" license against a plain one 3 vs 1.
_COUNTED = ("pack", "users")
#: Largest price ratio told apart; beyond ten times the feature is 1.
_LOG_PRICE_CAP = math.log(10.0)


def _soft_pairs(
    a_only: set[str], b_only: set[str], a: Prepared, b: Prepared
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Words left unmatched on both sides that are one word written two ways: a compound
    split on one side ("anti virus" / "antivirus") or an abbreviation of three or more
    letters that starts the other word ("sec" / "security", "prof" / "professional")."""
    found: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    if len(a_only) > 1:
        for x, y in pairwise(a.analyzed.words):
            if x + y in b_only and x in a_only and y in a_only:
                found.append(((x, y), (x + y,)))
    if len(b_only) > 1:
        for x, y in pairwise(b.analyzed.words):
            if x + y in a_only and x in b_only and y in b_only:
                found.append(((x + y,), (x, y)))
    if found:
        a_only = a_only - {w for pair in found for w in pair[0]}
        b_only = b_only - {w for pair in found for w in pair[1]}
    # an abbreviation shares its first three letters with the word: look only there
    heads = {y[:_MIN_PREFIX] for y in b_only if len(y) >= _MIN_PREFIX}
    short_b = sorted(y for y in b_only if y[:_MIN_PREFIX] in heads and y.isalpha())
    for x in sorted(a_only):
        if len(x) < _MIN_PREFIX or x[:_MIN_PREFIX] not in heads or not x.isalpha():
            continue
        for y in short_b:
            short, long_ = (x, y) if len(x) < len(y) else (y, x)
            if len(short) >= _MIN_PREFIX and long_.startswith(short):
                found.append(((x,), (y,)))
                short_b.remove(y)
                break
    return found


def _code_near(x: str, y: str) -> bool:
    """One code extends the other ("JFS516" / "JFS516NA") or they share a stem of five or
    more characters up to the last digit ("SRSA212BK" / "SRSA212BLK")."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) >= 5 and short in long_:
        return True
    if len(short) >= 4 and long_.startswith(short):
        return True
    stem = code_stem(short)
    return len(stem) >= 5 and stem == code_stem(long_)


def _stem_in(code: str, other: Prepared) -> bool:
    """The code up to its last digit, five or more characters and shorter than the code,
    is written (perhaps with spaces) in the other name."""
    stem = code_stem(code)
    return 5 <= len(stem) < len(code) and written(stem, other)


def _same_brand(x: str, y: str) -> bool:
    return x.startswith(y) or y.startswith(x)


def brand_relation(a: Prepared, b: Prepared) -> int:
    """1 agree, -1 conflict, 0 unknown. A brand named in the other's title agrees even when
    the other's brand field names a publisher or distributor ("SONY TRIPOD", maker "DBL")."""
    if a.brand and b.brand and _same_brand(a.brand, b.brand):
        return 1
    if (a.brand and mentions(b, a.brand)) or (b.brand and mentions(a, b.brand)):
        return 1
    return -1 if a.brand and b.brand else 0


def _counted(
    a: dict[str, frozenset[float]], b: dict[str, frozenset[float]]
) -> tuple[dict[str, frozenset[float]], dict[str, frozenset[float]]]:
    """Both sides' quantities, a pack size or user count that only one side states taken
    as one on the other ("3-pack" against a plain listing is 3 against 1)."""
    for dim in _COUNTED:
        if (dim in a) != (dim in b):
            if dim in a:
                b = {**b, dim: _ONE}
            else:
                a = {**a, dim: _ONE}
    return a, b


_ONE = frozenset((1.0,))


def _compare_groups(
    a: dict[str, frozenset[object]], b: dict[str, frozenset[object]]
) -> tuple[int, int, int]:
    """(agreeing, conflicting, one-sided) groups: a conflict is a group where each side has a
    value the other lacks ("16 GB" vs "32 GB"), one-sided where only one side has values or
    one side's are a strict part of the other's."""
    if not a and not b:
        return 0, 0, 0
    agree = conflict = one_side = 0
    for key in a.keys() | b.keys():
        va, vb = a.get(key), b.get(key)
        if va is None or vb is None:
            one_side += 1
        elif va == vb:
            agree += 1
        elif va - vb and vb - va:
            conflict += 1
        else:
            agree += 1
            one_side += 1
    return agree, conflict, one_side


#: Largest relative difference of two quantities that may be one value rounded two ways
#: ("14.7 Megapixel" / "14 Megapixel", "24.7 Cu. Ft." / "25 CF"): such a group is *near*,
#: told apart from a conflict so the model can weigh it ("16 GB" / "32 GB" is far).
_NEAR = 0.05


def _near_groups(a: dict[str, frozenset[float]], b: dict[str, frozenset[float]]) -> int:
    """Groups where each side has a value the other lacks, but every value is within _NEAR
    of one on the other side."""
    near = 0
    for key in a.keys() & b.keys():
        va, vb = a[key], b[key]
        if not (va - vb and vb - va):
            continue
        if all(any(_close(x, y) for y in vb) for x in va) and all(
            any(_close(y, x) for x in va) for y in vb
        ):
            near += 1
    return near


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= _NEAR * max(abs(x), abs(y))


def features(a: Prepared, b: Prepared, corpus: Corpus) -> list[float]:
    """The feature vector of one pair, in `FEATURES` order. Both records must have been
    weighed by `corpus` (`Corpus.weigh`)."""
    common = a.words & b.words
    weight_a, weight_b = a.weights, b.weights
    dot = matched_a = matched_b = 0.0
    for w in sorted(common):  # one order, so one pair gives one row in every process
        wa, wb = weight_a[w], weight_b[w]
        dot += wa * wb
        matched_a += wa
        matched_b += wb
    a_only, b_only = a.words - common, b.words - common
    if a_only and b_only and len(a_only) + len(b_only) <= 40:
        soft = _soft_pairs(a_only, b_only, a, b)  # type: ignore[arg-type]
        if soft:
            a_only, b_only = set(a_only), set(b_only)
        for xs, ys in soft:
            wa = sum(weight_a[x] for x in xs)
            wb = sum(weight_b[y] for y in ys)
            dot += wa * wb
            matched_a += wa
            matched_b += wb
            a_only.difference_update(xs)
            b_only.difference_update(ys)
    norm = a.weight_norm * b.weight_norm
    log_n = math.log(1.0 + corpus.n)
    cover_a = matched_a / a.weight_sum if a.weight_sum else 0.0
    cover_b = matched_b / b.weight_sum if b.weight_sum else 0.0
    extra = 0.0
    for only, weight in ((a_only, weight_a), (b_only, weight_b)):
        for w in only:
            if weight[w] > extra and w.isalpha():
                extra = weight[w]

    codes_a, codes_b = a.codes, b.codes
    shared = codes_a & codes_b
    rare = False
    near = spelled = stem_spelled = differ = conflict = variant = made = kinds = False
    if shared:
        rare = any(not corpus.common_code(c) for c in shared)
    elif codes_a and codes_b:
        near = any(_code_near(x, y) for x in codes_a for y in codes_b)
        variant = near and variants(codes_a, codes_b)  # "NSAW390WH" / "NSAW390BL"
    if not shared and (codes_a or codes_b):
        spelled = any(len(c) >= 5 and written(c, b) for c in codes_a) or any(
            len(c) >= 5 and written(c, a) for c in codes_b
        )
        if not spelled:  # "COOLPIXS60P" / "Nikon COOLPIX S60": the code less its suffix
            stem_spelled = any(_stem_in(c, b) for c in codes_a) or any(
                _stem_in(c, a) for c in codes_b
            )
        if not spelled and not stem_spelled:  # "XSIREB1855" / "Rebel XSi ... 18-55mm"
            made = any(built(c, b) for c in codes_a) or any(built(c, a) for c in codes_b)
        if codes_a and codes_b and not near and not spelled and not stem_spelled and not made:
            kinds = kinds_differ(codes_a, codes_b)  # a catalog number against a model code
            conflict = not kinds and bool(a.schemes & b.schemes)
            differ = not kinds and not conflict
    desc_shared = not shared and bool((codes_a | a.desc_codes) & (codes_b | b.desc_codes))

    aa_, ab_ = a.analyzed, b.analyzed
    qa = qc = sc = ac = ao = 0
    qo = qn = 0
    if aa_.quantities or ab_.quantities:
        qa, qc, qo = _compare_groups(*_counted(aa_.quantities, ab_.quantities))
        if qc:
            qn = _near_groups(aa_.quantities, ab_.quantities)
            qc -= qn
    if aa_.short_codes or ab_.short_codes:
        _, sc, _ = _compare_groups(aa_.short_codes, ab_.short_codes)  # type: ignore[arg-type]
    if aa_.attributes or ab_.attributes:
        _, ac, ao = _compare_groups(aa_.attributes, ab_.attributes)  # type: ignore[arg-type]
    na, nb = aa_.numbers, ab_.numbers
    num_agree = bool(na & nb)
    num_conflict = bool(na) and bool(nb) and not num_agree

    brand = brand_relation(a, b)
    if (
        a.price is not None
        and b.price is not None
        and (a.currency == b.currency or not a.currency or not b.currency)
    ):
        gap = min(abs(math.log(a.price / b.price)), _LOG_PRICE_CAP) / _LOG_PRICE_CAP
        missing = 0.0
    else:
        gap, missing = 0.0, 1.0
    la, lb = len(a.words), len(b.words)
    return [
        token_set_ratio(a.text, b.text) / 100.0,
        token_sort_ratio(a.text, b.text) / 100.0,
        dot / norm if norm else 0.0,
        min(cover_a, cover_b),
        max(cover_a, cover_b),
        extra / log_n,
        1.0 if common and la != lb and (a.words <= b.words or b.words <= a.words) else 0.0,
        1.0 if rare else 0.0,
        1.0 if shared and not rare else 0.0,
        1.0 if near else 0.0,
        1.0 if spelled else 0.0,
        1.0 if stem_spelled else 0.0,
        1.0 if conflict else 0.0,
        1.0 if differ else 0.0,
        1.0 if variant else 0.0,
        1.0 if made else 0.0,
        1.0 if kinds else 0.0,
        1.0 if desc_shared else 0.0,
        min(matched_a / log_n, _INFO_CAP) / _INFO_CAP,
        min(qa, 3) / 3.0,
        min(qc, 3) / 3.0,
        min(qn, 2) / 2.0,
        min(qo, 2) / 2.0,
        1.0 if num_agree else 0.0,
        1.0 if num_conflict else 0.0,
        min(sc, 2) / 2.0,
        min(ac, 2) / 2.0,
        min(ao, 2) / 2.0,
        min(qc + sc + ac, 3) / 3.0,
        1.0 if brand > 0 else 0.0,
        1.0 if brand < 0 else 0.0,
        gap,
        missing,
        min(la, lb) / max(la, lb) if la and lb else 0.0,
    ]
