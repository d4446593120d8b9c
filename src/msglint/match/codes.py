"""How two records' model codes relate when they are not the same code.

Three relations the pair features read (`features.py`), each seen in public catalogs:

- **variants**: one stem, two different suffixes ("NSAW390WH" / "NSAW390BL",
  "ICFC1IPMK2BLK" / "ICFC1IPMK2WHI"): the colours or versions of one model, siblings rather
  than one product. Two spellings of one suffix are not a variant ("SRSA212BK" /
  "SRSA212BLK": the shorter is the longer with letters left out, from its first letter on);
- **built from the other name's words**: a shop's code made of the other name's words,
  whole or cut short, run together in any order ("XSIREB1855" from "Rebel XSi ... 18-55mm",
  "EOS5DMARKIIBODY" from "EOS 5D Mark II ... Body", "PS3HDMI2M" from "PS3 ... HDMI ... 2M"),
  so the two names do not disagree on the code although neither prints the other's;
- **kinds**: a maker's catalog number (digits, with one letter at most: "2757B003",
  "966193-0403", "25446") and a model code ("XSIREB1855", "H890") are two numbering
  systems; that they differ says little, unlike two model codes that differ.
"""

from __future__ import annotations

import re
from functools import lru_cache

from msglint.match.prepare import Prepared, code_stem

_DIGIT_RUN = re.compile(r"[0-9]+")
#: Shortest stem two variant codes share ("DU1055" / "DU1055XTSB" has six).
_VARIANT_STEM = 4
#: Letters left at the end of a built code that no word explains: a colour or region
#: suffix ("REZO15BK" from "Rezo 15").
_LOOSE_SUFFIX = 3
#: Longest code tried as built from words; past it the search is not worth its cost.
_MAX_BUILT = 24


def _same_suffix(x: str, y: str) -> bool:
    """Two spellings of one suffix: "BK" / "BLK", "WH" / "WHT", "B" / "BLK"."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if short[0] != long_[0]:
        return False
    rest = iter(long_[1:])
    return all(c in rest for c in short[1:])


def variants(codes_a: frozenset[str], codes_b: frozenset[str]) -> bool:
    """Some code of each side has one stem and a different letter suffix."""
    for x in codes_a:
        stem = code_stem(x)
        if len(stem) < _VARIANT_STEM or stem == x:
            continue
        for y in codes_b:
            if y in (x, stem) or not y.startswith(stem) or code_stem(y) != stem:
                continue
            sx, sy = x[len(stem) :], y[len(stem) :]
            if sx.isalpha() and sy.isalpha() and not _same_suffix(sx, sy):
                return True
    return False


def is_catalog_number(code: str) -> bool:
    """A maker's catalog number: starts with a digit and has one letter at most."""
    return code[0].isdigit() and sum(1 for c in code if c.isalpha()) <= 1


def kinds_differ(codes_a: frozenset[str], codes_b: frozenset[str]) -> bool:
    """One side's codes are all catalog numbers and the other's all model codes."""
    a = {is_catalog_number(c) for c in codes_a}
    b = {is_catalog_number(c) for c in codes_b}
    return len(a) == 1 and len(b) == 1 and a != b


def built(code: str, other: Prepared) -> bool:
    """`code` (letters and digits) is `other`'s words run together, each whole or cut short
    (a number never cut), in any order, with at most a short letter suffix left: two or
    more words, one of them holding a digit, at most one of them a single letter."""
    if len(code) > _MAX_BUILT or not other.own_words:
        return False
    initials, digits = _outline(other.squashed, other.own_words)
    if code[0] not in initials or any(run not in digits for run in _DIGIT_RUN.findall(code)):
        return False  # cheap tests first: most pairs fail them
    return _built(code, other.own_words)


@lru_cache(maxsize=65_536)
def _outline(squashed: str, words: tuple[str, ...]) -> tuple[frozenset[str], str]:
    """The first letters of a name's words and its digits run together."""
    return frozenset(w[0].upper() for w in words if w), "".join(_DIGIT_RUN.findall(squashed))


@lru_cache(maxsize=65_536)
def _built(code: str, words: tuple[str, ...]) -> bool:
    upper = tuple(w.upper() for w in words if w)
    n = len(code)
    # best[k]: (words used, single letters used, digits used) reaching code[k:] explained
    best: dict[int, tuple[int, int, bool]] = {n: (0, 0, False)}
    for k in range(n - 1, -1, -1):
        options = []
        if k > 0 and n - k <= _LOOSE_SUFFIX and code[k:].isalpha():
            options.append((0, 0, False))
        for w in upper:
            if w[0] != code[k]:
                continue
            length = 0
            limit = min(len(w), n - k)
            while length < limit and w[length] == code[k + length]:
                length += 1
            for cut in range(length, 0, -1):
                if cut < len(w) and w[cut - 1].isdigit() and w[cut].isdigit():
                    continue  # a number is never cut
                rest = best.get(k + cut)
                if rest is None:
                    continue
                words_used, singles, digits = rest
                options.append(
                    (
                        words_used + 1,
                        singles + (cut == 1 and w[0].isalpha()),
                        digits or any(c.isdigit() for c in w[:cut]),
                    )
                )
        valid = [o for o in options if o[1] <= 1]
        if valid:
            # fewest single letters, then a digit used, then fewest words
            best[k] = min(valid, key=lambda o: (o[1], not o[2], o[0]))
    start = best.get(0)
    return start is not None and start[0] >= 2 and start[2] and start[1] <= 1
