"""Confirmed pairs: a CSV file in which a person says "these two are (not) one product".

`match.pairs: confirmed-pairs.csv` in msglint.yaml names it. Each row is a reference id, a
partner id and a verdict, optionally the partner source the row is about:

    reference,partner,verdict,source
    ACM-100,84512,match,northwind
    ACM-200,84519,different

An id is a catalog's row id (its `id` column), else a page's URL or path, with `#N` for
the N-th product of a page with several. Verdicts: match / same / yes / true / 1 pin the
pair (it is matched whatever the score); different / no / false / 0 forbid it (never
matched). A header row is recognized and skipped. Commas, semicolons, tabs or pipes may
separate the fields. Bad rows (too few fields, an unknown verdict) and ids that name no
record, or several, are reported with the file and line; the other rows still apply.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from msglint.match.options import Pin
from msglint.model import Record

SAME = frozenset({"match", "matched", "same", "yes", "y", "true", "1", "pin", "confirmed"})
DIFFERENT = frozenset({"different", "no", "n", "false", "0", "forbid", "not", "reject"})
#: Largest confirmed-pairs file read; a person confirms pairs by the hundred, not by the GB.
MAX_BYTES = 50 * 1024 * 1024


def read_pairs(path: Path) -> tuple[list[Pin], list[tuple[int | None, str]]]:
    """The pins of a confirmed-pairs file and its problems as (line or None, message)."""
    problems: list[tuple[int | None, str]] = []
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return [], [(None, f"cannot read the confirmed-pairs file: {exc.strerror or exc}")]
    if len(raw) > MAX_BYTES:
        problems.append((None, f"larger than {MAX_BYTES // 2**20} MB; the rest is ignored"))
        raw = raw[:MAX_BYTES]
    text = raw.decode("utf-8-sig", errors="replace")
    pins: list[Pin] = []
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    for row in reader:
        line = reader.line_num
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) < 3:
            problems.append((line, "expected reference id, partner id, verdict"))
            continue
        verdict = cells[2].casefold()
        if verdict not in SAME and verdict not in DIFFERENT:
            if line == 1:
                continue  # a header row
            problems.append((line, f"unknown verdict {cells[2][:40]!r}; use match or different"))
            continue
        source = cells[3] if len(cells) > 3 and cells[3] else None
        pins.append(Pin(cells[0], cells[1], verdict in SAME, line, source))
    return pins, problems


def _delimiter(text: str) -> str:
    """The delimiter of the first row that is not blank or a comment: whichever of comma,
    semicolon, tab and pipe it holds most of (csv.Sniffer gives up on rows of unequal
    length, which a hand-edited file has)."""
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return max(",;\t|", key=line.count)
    return ","


def record_ids(record: Record) -> set[str]:
    """The ids a confirmed-pairs file may use for a record."""
    if record.item_id:
        return {str(record.item_id)}
    where = record.url or record.path
    return {where, f"{where}#{record.index + 1}"}


def _lookup(records: Iterable[Record]) -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for k, record in enumerate(records):
        for key in record_ids(record):
            table.setdefault(key, []).append(k)
    return table


def resolve_pins(
    pins: Iterable[Pin], reference: list[Record], partner: list[Record]
) -> tuple[list[tuple[int, int]], set[tuple[int, int]], set[int], list[tuple[int, str]]]:
    """Confirmed pairs among these records: (pinned pairs, forbidden pairs) as (reference
    index, partner index), the positions in `pins` of the rows whose partner id was found
    here, and problems as (line, message): a reference id no record has, an id that names
    several records. Rows about another partner source are skipped; a partner id not
    found may belong to another source (see `unknown_partner_ids`)."""
    pins = list(pins)
    if not pins:
        return [], set(), set(), []
    refs, parts = _lookup(reference), _lookup(partner)
    source = partner[0].source if partner else None
    pinned: list[tuple[int, int]] = []
    forbidden: set[tuple[int, int]] = set()
    found: set[int] = set()
    problems: list[tuple[int, str]] = []
    for k, pin in enumerate(pins):
        if pin.source is not None and pin.source != source:
            continue
        i_list, j_list = refs.get(pin.reference, []), parts.get(pin.partner, [])
        if j_list:
            found.add(k)
        if not i_list:
            problems.append((pin.line, f"reference id {pin.reference!r} matches no record"))
            continue
        if not j_list:
            continue
        if len(i_list) > 1 or len(j_list) > 1:
            which = pin.reference if len(i_list) > 1 else pin.partner
            problems.append((pin.line, f"id {which!r} names several records; row ignored"))
            continue
        pair = (i_list[0], j_list[0])
        if pin.same:
            pinned.append(pair)
        else:
            forbidden.add(pair)
    return pinned, forbidden, found, problems


def unknown_partner_ids(pins: list[Pin], found: set[int]) -> list[tuple[int, str]]:
    """(line, message) for rows whose partner id no partner source has."""
    return [
        (
            pin.line,
            f"partner id {pin.partner!r} matches no record"
            + (f" of source {pin.source!r}" if pin.source else ""),
        )
        for k, pin in enumerate(pins)
        if k not in found
    ]
