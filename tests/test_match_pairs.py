"""Confirmed pairs (match.pairs), duplicate listings and renamed products in matching."""

from __future__ import annotations

from pathlib import Path

from msglint.match import MatchOptions, Pin, match_records, match_sources
from msglint.match.pairs import read_pairs
from msglint.model import Record, Role


def record(role: Role, index: int, **fields: object) -> Record:
    return Record(source=role.value, role=role, path=role.value, index=index, **fields)  # type: ignore[arg-type]


def catalog(role: Role, *rows: dict[str, object]) -> list[Record]:
    return [record(role, k, item_id=str(row.pop("id")), **row) for k, row in enumerate(rows)]


def pairs_of(result: object) -> set[tuple[int, str]]:
    return {(i, m.record.item_id) for i, m in result.pairs}  # type: ignore[attr-defined]


def test_read_pairs_header_delimiters_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(
        "reference;partner;verdict;source\n"
        "R1;P1;match\n"
        "R2;P2;Different;northwind\n"
        "R3;P3\n"
        "# a comment\n"
        "\n"
        "R4;P4;maybe\n",
        encoding="utf-8",
    )
    pins, problems = read_pairs(path)
    assert pins == [Pin("R1", "P1", True, 2), Pin("R2", "P2", False, 3, "northwind")]
    assert problems == [
        (4, "expected reference id, partner id, verdict"),
        (7, "unknown verdict 'maybe'; use match or different"),
    ]


def test_unreadable_pairs_file_is_one_problem(tmp_path: Path) -> None:
    pins, problems = read_pairs(tmp_path / "missing.csv")
    assert pins == []
    assert problems[0][0] is None and "cannot read the confirmed-pairs file" in problems[0][1]


def test_pins_match_and_forbid_whatever_the_score() -> None:
    reference = catalog(
        Role.REFERENCE,
        {"id": "R1", "name": "Acme Nimbus Mesh Router - NM100"},
        {"id": "R2", "name": "Acme Orbit Video Doorbell - OD200"},
    )
    partner = catalog(
        Role.PARTNER,
        {"id": "P1", "name": "Acme Nimbus Mesh Router NM100"},  # forbidden below
        {"id": "P2", "name": "Doorbell, wireless"},  # pinned below
    )
    pins = (Pin("R1", "P1", False, 2), Pin("R2", "P2", True, 3))
    result = match_records(reference, partner, MatchOptions(pins=pins))
    assert pairs_of(result) == {(1, "P2")}
    assert [m.method for _, m in result.pairs] == ["pinned"]
    assert result.unmatched_reference == [0]


def test_unknown_and_ambiguous_ids_are_reported_with_their_line() -> None:
    reference = catalog(
        Role.REFERENCE,
        {"id": "R1", "name": "Acme Nimbus Mesh Router"},
        {"id": "R1", "name": "Acme Nimbus Mesh Router Black"},
    )
    north = catalog(Role.PARTNER, {"id": "P1", "name": "Acme Nimbus Mesh Router"})
    south = catalog(Role.PARTNER, {"id": "S1", "name": "Acme Nimbus Mesh Router"})
    for records, name in ((north, "north"), (south, "south")):
        for r in records:
            r.source = name
    pins = (
        Pin("R1", "P1", True, 2),  # R1 names two reference rows
        Pin("R9", "S1", True, 3),  # no such reference id
        Pin("R1", "X7", True, 4),  # no partner source has X7
        Pin("R1", "S1", True, 5, "north"),  # about north, which has no S1
    )
    _, problems = match_sources(
        reference, {"north": north, "south": south}, MatchOptions(pins=pins, pairs_file="p.csv")
    )
    said = {(p.line, p.message) for p in problems}
    assert (2, "id 'R1' names several records; row ignored") in said
    assert (3, "reference id 'R9' matches no record") in said
    assert (4, "partner id 'X7' matches no record") in said
    assert (5, "partner id 'S1' matches no record of source 'north'") in said
    assert all(p.path == "p.csv" for p in problems if p.line in (4, 5))


def test_partner_listing_a_product_twice_is_matched_twice() -> None:
    """Two listings with one GTIN (and two prices) are two matches, so each is checked."""
    reference = catalog(
        Role.REFERENCE,
        {"id": "R1", "name": "Acme Nimbus Mesh Router", "gtin": "4006381333931"},
        {"id": "R2", "name": "Acme Orbit Video Doorbell"},
    )
    partner = catalog(
        Role.PARTNER,
        {"id": "P1", "name": "Nimbus Mesh Router", "gtin": "4006381333931"},
        {"id": "P2", "name": "Nimbus Mesh Router (refurbished box)", "gtin": "04006381333931"},
    )
    result = match_records(reference, partner)
    assert pairs_of(result) == {(0, "P1"), (0, "P2")}
    assert result.unmatched_partner == []
    one = match_records(reference, partner, MatchOptions(duplicates=False))
    assert pairs_of(one) == {(0, "P1")}


def test_siblings_are_not_duplicates() -> None:
    """Two partner records that differ in their model code are two products: one-to-one
    holds, the sibling stays unmatched."""
    reference = catalog(
        Role.REFERENCE, {"id": "R1", "name": "Sony Bravia 40in LCD HDTV - KDL40V4100"}
    )
    partner = catalog(
        Role.PARTNER,
        {"id": "P1", "name": "Sony Bravia 40in LCD HDTV KDL-40V4100"},
        {"id": "P2", "name": "Sony Bravia 46in LCD HDTV KDL-46V4100"},
    )
    result = match_records(reference, partner)
    assert pairs_of(result) == {(0, "P1")}


def test_distinct_gtins_keep_a_renamed_product_apart() -> None:
    """A partner row under a retired name but with its own GTIN is another product (the
    retired one), not the current product under an old name."""
    reference = catalog(
        Role.REFERENCE, {"id": "R1", "name": "Acme HomeHub 2", "gtin": "9501101530003"}
    )
    partner = catalog(Role.PARTNER, {"id": "P1", "name": "Acme HomeHub 1", "gtin": "9501101530195"})
    options = MatchOptions(aliases=(("Acme HomeHub 1", "Acme HomeHub 2"),))
    assert match_records(reference, partner, options).pairs == []


def test_retired_name_matches_the_current_product() -> None:
    names = [
        "Acme CloudDrive Business 2TB Storage Plan",
        "Acme CloudCam Indoor Security Camera",
        "Acme HomeHub 2 Smart Home Hub",
        "Acme AirRouter AX5400 Pro",
    ]
    reference = catalog(Role.REFERENCE, *({"id": f"R{k}", "name": n} for k, n in enumerate(names)))
    partner = catalog(Role.PARTNER, {"id": "P1", "name": "Acme CloudBox Business 2TB Storage Plan"})
    plain = match_records(reference, partner)
    options = MatchOptions(aliases=(("CloudBox", "CloudDrive"),))
    renamed = match_records(reference, partner, options)
    assert pairs_of(renamed) == {(0, "P1")}
    [(_, match)] = renamed.pairs
    assert (match.method, match.uncertain) == ("alias", False)
    assert match.score > max((m.score for _, m in plain.pairs), default=0.0)
