"""Record matching: small cases as data (fixtures/match/cases.yml) and an Abt-Buy slice.

The slice (fixtures/match/abt.csv, buy.csv, gold.csv; see fixtures/match/README.md) is read
with the csv module so this test does not depend on the catalog loader; the benchmark,
benchmarks/matching.py, runs the full data through msglint's own loader.
"""

from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

from msglint.match import MatchOptions, MatchResult, match_records
from msglint.model import Record, Role

FIXTURES = Path(__file__).parent / "fixtures" / "match"


def make(role: Role, rows: list[dict[str, Any]]) -> list[Record]:
    records = []
    for index, row in enumerate(rows):
        fields = dict(row)
        if "codes" in fields:
            fields["codes"] = tuple(fields["codes"])
        records.append(Record(source=role.value, role=role, path=role.value, index=index, **fields))
    return records


def load_cases() -> list[Any]:
    data = yaml.safe_load((FIXTURES / "cases.yml").read_text(encoding="utf-8"))
    return [pytest.param(case, id=name) for name, case in data.items()]


def outcome(result: MatchResult, partner: list[Record]) -> set[tuple[int, int, str]]:
    position = {id(p): j for j, p in enumerate(partner)}
    return {(i, position[id(m.record)], m.method) for i, m in result.pairs}


@pytest.mark.parametrize("case", load_cases())
def test_match_case(case: dict[str, Any]) -> None:
    reference = make(Role.REFERENCE, case["reference"])
    partner = make(Role.PARTNER, case["partner"])
    result = match_records(reference, partner, MatchOptions(**case.get("options", {})))
    if case.get("no_certain_match"):
        assert all(m.uncertain for _, m in result.pairs), result.pairs
        return
    expected = {tuple(p) for p in case["pairs"]}
    assert outcome(result, partner) == expected
    paired_refs = {i for i, _, _ in expected}
    paired_partners = {j for _, j, _ in expected}
    unmatched_ref = case.get(
        "unmatched_reference", [i for i in range(len(reference)) if i not in paired_refs]
    )
    unmatched_partner = case.get(
        "unmatched_partner", [j for j in range(len(partner)) if j not in paired_partners]
    )
    assert result.unmatched_reference == unmatched_ref
    assert result.unmatched_partner == unmatched_partner
    if "score" in case:
        low, high = case["score"] if isinstance(case["score"], list) else [case["score"]] * 2
        for _, match in result.pairs:
            assert low <= match.score <= high, match
    position = {id(p): j for j, p in enumerate(partner)}
    uncertain = {(i, position[id(m.record)]) for i, m in result.pairs if m.uncertain}
    assert uncertain == {tuple(p) for p in case.get("uncertain", [])}


def test_identifier_methods_score_100_and_pairs_sorted() -> None:
    reference = make(Role.REFERENCE, [{"name": "B", "sku": "B-2"}, {"name": "A", "sku": "A-1"}])
    partner = make(Role.PARTNER, [{"name": "x", "sku": "a1"}, {"name": "y", "sku": "b2"}])
    result = match_records(reference, partner)
    assert [i for i, _ in result.pairs] == [0, 1]
    assert all(m.score == 100.0 and m.method == "sku" for _, m in result.pairs)


def test_records_are_not_mutated() -> None:
    reference = make(Role.REFERENCE, [{"name": "Sony Turntable - PSLX350H"}])
    partner = make(Role.PARTNER, [{"name": "Sony PS-LX350H Turntable", "brand": "Sony"}])
    before = copy.deepcopy((reference, partner))
    match_records(reference, partner)
    assert (reference, partner) == before


def test_hostile_names_are_bounded() -> None:
    huge = "Acme Router AX5400 " + "word " * 100_000
    reference = make(Role.REFERENCE, [{"name": huge, "brand": "x" * 10_000}])
    partner = make(Role.PARTNER, [{"name": "Acme AX5400 Router", "sku": "?" * 5_000}])
    result = match_records(reference, partner)
    assert [m.method for _, m in result.pairs] == ["code"]


def test_blocking_bounds_the_work() -> None:
    """The scorer sees at most `candidates` reference records per partner record (codes
    shared by more than three records name a line, not a product, and add none)."""
    names = [f"Acme Model{i:04d} Router Series{i % 50}" for i in range(600)]
    reference = make(Role.REFERENCE, [{"name": n} for n in names])
    partner = make(Role.PARTNER, [{"name": n.replace("Acme ", "Acme Pro ")} for n in names])
    options = MatchOptions(candidates=5)
    result = match_records(reference, partner, options)
    assert result.scored <= options.candidates * len(partner)
    assert len(result.pairs) == 600


def read_slice(name: str, role: Role) -> list[Record]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Record(
            source=name,
            role=role,
            path=name,
            index=k,
            item_id=row["id"],
            name=row["name"],
            description=row["description"] or None,
            brand=row.get("manufacturer") or None,
        )
        for k, row in enumerate(rows)
    ]


def test_abt_buy_slice_f1_floor() -> None:
    """The slice scores F1 0.94 (precision 0.99, recall 0.90); a best-match on names
    alone (rapidfuzz token_set_ratio) scores 0.81, so the floor fails if the code or
    brand evidence stops working."""
    reference = read_slice("abt.csv", Role.REFERENCE)
    partner = read_slice("buy.csv", Role.PARTNER)
    with (FIXTURES / "gold.csv").open(encoding="utf-8", newline="") as handle:
        gold = {(row["idAbt"], row["idBuy"]) for row in csv.DictReader(handle)}
    result = match_records(reference, partner)
    predicted = {(reference[i].item_id, m.record.item_id) for i, m in result.pairs}
    correct = len(predicted & gold)
    precision, recall = correct / len(predicted), correct / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    assert precision >= 0.95, (precision, recall)
    assert f1 >= 0.90, (precision, recall, f1)
