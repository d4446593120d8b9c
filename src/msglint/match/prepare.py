"""What matching needs of one record, computed once: words, codes, brand, price, identifiers.

`prepare` reads a Record (or, for training, a bare title) into a `Prepared` view; `Corpus`
counts how many records of the run use each word and code, so the pair features can tell a
product's own code from a spec or a product line printed on hundreds of listings
("PC4-24000", "ThinkPad") and weigh words by rarity. Nothing here mutates the Records.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from msglint.match.normalize import Analyzed, analyze, fold
from msglint.model import Record
from msglint.values.identifiers import model_codes, normalize_code, normalize_gtin, own_text

#: Longest name or description looked at; catalog cells beyond this are noise, not names.
MAX_TEXT = 2_000
_WORD = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"\d")
#: Most words a brand name spans at the start of a product name ("Boston Acoustics").
_BRAND_WORDS = 3
#: Tokens that look like model codes but are versions, memory speeds, platforms or service
#: packs: "v10.0", "10.2.1", "PC4-24000", "PC2-6400", "WIN32", "x64", "SP2".
_SPEC_LIKE = re.compile(
    r"(?<![\w.])(?:v?\d+(?:\.\d+)+|v\d+|pc\d?-?\d{3,5}|win(?:32|64)|x(?:32|64|86)|sp\d{1,2})"
    r"(?![\w])",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Prepared:
    """One record as the pair features see it."""

    analyzed: Analyzed
    text: str  # the name's words, joined, for rapidfuzz
    words: frozenset[str]
    squashed: str  # the name's own words run together, upper-case: a code written with spaces
    #: Offsets in `squashed` where one of the words ends or starts.
    bounds: frozenset[int]
    codes: frozenset[str]
    desc_codes: frozenset[str]
    brand: str | None
    gtin: str | None = None
    mpn: str | None = None
    ids: dict[str, str] = field(default_factory=dict)
    price: float | None = None
    #: The price's ISO currency when the record states one; prices in two different
    #: currencies are not compared (no exchange rates are guessed).
    currency: str | None = None
    #: The name's own words as written (no "for ..." clause), lower-case: brand lookup.
    own_words: tuple[str, ...] = ()
    #: The numbering schemes of the codes: (letter prefix, shape up to the last digit).
    schemes: frozenset[tuple[str, str]] = frozenset()
    #: Set by `Corpus.weigh`: each word's rarity weight, their sum and Euclidean norm.
    weights: dict[str, float] = field(default_factory=dict)
    weight_sum: float = 0.0
    weight_norm: float = 0.0


@lru_cache(maxsize=16_384)
def brand_key(brand: str | None) -> str | None:
    """ "Tech Craft", "TechCraft" -> "techcraft": one brand written two ways compares equal."""
    if not brand:
        return None
    key = "".join(_WORD.findall(fold(brand[:200])))
    return key or None


def code_stem(code: str) -> str:
    """The code up to its last digit: "NNH965WH" -> "NNH965" (the rest is most often a
    colour or region suffix)."""
    end = len(code)
    while end and not code[end - 1].isdigit():
        end -= 1
    return code[:end]


def code_scheme(code: str) -> tuple[str, str] | None:
    """(letter prefix, shape of the stem): codes of one scheme whose difference means
    another product ("KDL40V4100" / "KDL46V4100" are both ("KDL", "AAA99A9999"))."""
    stem = code_stem(code)
    if not stem:
        return None
    letters = len(stem) - len(stem.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    shape = "".join("9" if c.isdigit() else "A" for c in stem)
    return stem[:letters], shape


def _spec_codes(text: str) -> set[str]:
    return {normalize_code(m.group(0)) or "" for m in _SPEC_LIKE.finditer(text)}


def _bounds(words: tuple[str, ...]) -> frozenset[int]:
    out = [0]
    for w in words:
        out.append(out[-1] + len(w))
    return frozenset(out)


def written(code: str, p: Prepared) -> bool:
    """Whether `code` is written in `p`'s own name, perhaps with spaces or hyphens
    ("MDRAS50G" in "MDR AS50G"), without cutting a number inside a word: "HARMONY1" is
    not written in "Harmony 1000", nor "S50" in "S500"; "COOLPIXS710" is in "Coolpix S710
    14 Megapixel"."""
    squashed, bounds = p.squashed, p.bounds
    last = len(squashed)
    start = squashed.find(code)
    while start >= 0:
        end = start + len(code)
        cut_before = (
            start > 0
            and start not in bounds
            and code[0].isdigit()
            and squashed[start - 1].isdigit()
        )
        cut_after = (
            end < last and end not in bounds and code[-1].isdigit() and squashed[end].isdigit()
        )
        if not cut_before and not cut_after:
            return True
        start = squashed.find(code, start + 1)
    return False


def prepare_text(
    name: str,
    *,
    brand: str | None = None,
    description: str | None = None,
    codes: Iterable[str] = (),
    sku: str | None = None,
    mpn: str | None = None,
    gtin: str | None = None,
    price: float | None = None,
    currency: str | None = None,
) -> Prepared:
    """A Prepared view from plain values (the training data has no Records)."""
    name = name[:MAX_TEXT]
    analyzed = analyze(name)
    sku_n, mpn_n = normalize_code(sku), normalize_code(mpn)
    ids = {k: v for k, v in (("sku", sku_n), ("mpn", mpn_n)) if v}
    specs = _spec_codes(name) if _DIGIT.search(name) else set()
    own = {c for c in (normalize_code(c) for c in codes) if c}
    own.update(c for c in model_codes(name) if c not in specs)
    own.update(ids.values())
    desc: set[str] = set()
    if description:
        text = description[:MAX_TEXT]
        desc.update(c for c in model_codes(text) if c not in _spec_codes(text))
    own_words = tuple(_WORD.findall(fold(own_text(name))))
    schemes = {code_scheme(c) for c in own}
    schemes.discard(None)
    return Prepared(
        analyzed=analyzed,
        text=" ".join(analyzed.words),
        words=frozenset(analyzed.words),
        squashed="".join(own_words).upper(),
        bounds=_bounds(own_words),
        codes=frozenset(own),
        desc_codes=frozenset(desc - own),
        brand=brand_key(brand),
        gtin=normalize_gtin(gtin),
        mpn=mpn_n,
        ids=ids,
        price=price if price and price > 0 and math.isfinite(price) else None,
        currency=currency,
        own_words=own_words,
        schemes=frozenset(schemes),  # type: ignore[arg-type]
    )


def prepare(record: Record, name: str | None = None, use_descriptions: bool = True) -> Prepared:
    """A record's Prepared view; `name` replaces its name (an alias of a renamed product)."""
    price = record.price
    return prepare_text(
        name if name is not None else (record.name or ""),
        brand=record.brand,
        description=record.description if use_descriptions else None,
        codes=record.codes,
        sku=record.sku,
        mpn=record.mpn,
        gtin=record.gtin,
        price=float(price.amount) if price is not None and price.amount is not None else None,
        currency=price.currency if price is not None else None,
    )


def mentions(p: Prepared, brand: str) -> bool:
    """Whether `p`'s own name has `brand` as a word or two run together ("Polk Audio" for
    "polkaudio"), outside any "for ..." clause."""
    if brand.upper() not in p.squashed:
        return False
    words = p.own_words
    return brand in words or any(x + y == brand for x, y in pairwise(words))


class Corpus:
    """How many records of a run carry each word and code: rarity for the features."""

    def __init__(self, prepared: Iterable[Prepared]) -> None:
        words: Counter[str] = Counter()
        codes: Counter[str] = Counter()
        n = 0
        for p in prepared:
            n += 1
            words.update(p.words)
            codes.update(p.codes | p.desc_codes)
        self.n = max(1, n)
        self.word_df = words
        self.code_df = codes
        self._log_n = math.log(1.0 + self.n)

    def weigh(self, p: Prepared) -> None:
        """Set `p`'s word weights (rarity), their sum and their norm."""
        n, df = self.n, self.word_df
        weights = {w: math.log(1.0 + n / (df.get(w) or 1)) for w in p.words}
        p.weights = weights
        # exact sums: the same whatever order the set of words iterates in
        p.weight_sum = math.fsum(weights.values())
        p.weight_norm = math.sqrt(math.fsum(v * v for v in weights.values()))

    def idf(self, word: str) -> float:
        """log(1 + N / df): 1 for a word every record has, more the rarer it is."""
        return math.log(1.0 + self.n / max(1, self.word_df.get(word, 1)))

    def common_code(self, code: str) -> bool:
        """A code on more than 1 % of the records (and more than four): a spec or a product
        line ("PC4-24000", "DDR3-1600", a series name), not one product's identity."""
        df = self.code_df.get(code, 1)
        return df > 4 and df > 0.01 * self.n


def known_brands(brands: Iterable[str | None]) -> set[str]:
    """Every stated brand, whole and by its first word ("lgelectronics" and "lg")."""
    known: set[str] = set()
    for brand in brands:
        if brand:
            words = _WORD.findall(fold(brand[:200]))
            if words:
                known.add("".join(words))
                if len(words[0]) > 1:
                    known.add(words[0])
    return known


def infer_brand(p: Prepared, known: set[str]) -> None:
    """Give a record without a brand the longest known brand its name starts with, whole
    words only ("Gear Bag" is not by "GE")."""
    if p.brand is not None:
        return
    lead = p.own_words[:_BRAND_WORDS]
    for count in range(len(lead), 0, -1):
        candidate = "".join(lead[:count])
        if candidate in known:
            p.brand = candidate
            return
