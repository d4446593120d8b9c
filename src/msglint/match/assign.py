"""Assignment: which scored pairs become matches.

Pairs are taken greedily, strongest evidence first (a confirmed pair, then an equal GTIN,
then an equal SKU or MPN, then the scorer), the higher probability first within a level, so
a record paired by an identifier is never taken by a weaker name match, and equal inputs
always give equal output. Among the scorer's pairs, those sharing a product's own model
code go first: "CNP2000" / "CNP2000" before "CNP2000" / "CNP2000H Home Dock", whose
names may share more words.

One-to-one by default: a record already matched is not matched again, which is what keeps
a product family's siblings apart ("Router AX5400" does not also take "Router AX3000").
Real catalogs list some products twice (a partner's two listings of one product with two
prices, a reference's duplicate rows), so a pair whose record is taken is still accepted
when its other record is a *duplicate listing* of the one that took it: the two share a
GTIN, SKU or MPN, or the scorer rates them the same product and their model codes are
not variants of one stem ("NSAW390WH" / "NSAW390BL" are two colours, not one product
listed twice). Both listings are then matched and checked: two prices are two findings,
not one finding and a miss.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

#: Evidence levels; higher wins whatever the probabilities.
LEVEL = {
    "pinned": 5,
    "gtin": 4,
    "sku": 3,
    "mpn": 3,
    "title": 2,
    "code": 1,
    "name": 1,
    "alias": 1,
}
#: Listings of one record looked at for duplicates, best first: a product is rarely listed
#: more than a few times, and the bound keeps the same-side checks linear.
_MAX_DUPLICATES = 4


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored pair: evidence level, probability, reference and partner index, method."""

    level: int
    probability: float
    ref: int
    partner: int
    method: str


#: Asked for pairs of records of one side ("reference" or "partner", index, index): which
#: of them are the same product listed twice.
SameListing = Callable[[list[tuple[str, int, int]]], set[tuple[str, int, int]]]


def _duplicate_requests(candidates: list[Candidate]) -> list[tuple[str, int, int]]:
    """Same-side pairs that could be duplicate listings: records paired with one record of
    the other side (the few best of each)."""
    by_ref: dict[int, list[int]] = defaultdict(list)
    by_partner: dict[int, list[int]] = defaultdict(list)
    for c in candidates:
        if len(by_ref[c.ref]) < _MAX_DUPLICATES:
            by_ref[c.ref].append(c.partner)
        if len(by_partner[c.partner]) < _MAX_DUPLICATES:
            by_partner[c.partner].append(c.ref)
    requests: set[tuple[str, int, int]] = set()
    for side, groups in (("partner", by_ref), ("reference", by_partner)):
        for members in groups.values():
            for x, y in combinations(sorted(set(members)), 2):
                requests.add((side, x, y))
    return sorted(requests)


def assign(
    candidates: Iterable[Candidate],
    *,
    one_to_one: bool,
    duplicates: bool,
    same_listing: SameListing,
    confidence: float,
) -> list[Candidate]:
    """The accepted pairs, in the order they were taken. A second listing is accepted only
    on an identifier or at `confidence` or above: two listings with one vague name ("LG
    25.0 Cu.Ft. Total Capacity") are as often two products as one listed twice."""
    ordered = sorted(
        candidates, key=lambda c: (-c.level, c.method != "code", -c.probability, c.ref, c.partner)
    )
    same: set[tuple[str, int, int]] = set()
    if one_to_one and duplicates and ordered:
        sure = [c for c in ordered if c.level > LEVEL["name"] or c.probability >= confidence]
        same = same_listing(_duplicate_requests(sure))

    def is_same(side: str, x: int, y: int) -> bool:
        return (side, min(x, y), max(x, y)) in same

    ref_taken: dict[int, list[int]] = {}  # reference -> partners matched to it
    partner_taken: dict[int, list[int]] = {}  # partner -> references matched to it
    accepted: list[Candidate] = []
    for c in ordered:
        partners_of_ref = ref_taken.get(c.ref)
        refs_of_partner = partner_taken.get(c.partner)
        if refs_of_partner and c.ref in refs_of_partner:
            continue
        if not one_to_one:
            if refs_of_partner:
                continue
        elif partners_of_ref or refs_of_partner:  # only as a duplicate listing
            if partners_of_ref and refs_of_partner:
                continue
            if c.level <= LEVEL["name"] and c.probability < confidence:
                continue
            if partners_of_ref and not all(
                is_same("partner", c.partner, j) for j in partners_of_ref
            ):
                continue
            if refs_of_partner and not all(is_same("reference", c.ref, i) for i in refs_of_partner):
                continue
        ref_taken.setdefault(c.ref, []).append(c.partner)
        partner_taken.setdefault(c.partner, []).append(c.ref)
        accepted.append(c)
    return accepted
