"""CSV and TSV catalogs: decode, find the delimiter, then one Record per non-blank row."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

from msglint.extract import ProblemCode
from msglint.extract.catalog.build import MAX_ROWS, Builder, Ctx
from msglint.extract.catalog.headers import to_header
from msglint.extract.catalog.plan import plan_columns
from msglint.model import Location
from msglint.text.decode import UndecodableError, decode

_SURROGATE = re.compile(r"[\udc80-\udcff]")


def load_delimited(
    ctx: Ctx,
    data: bytes,
    fmt: str,
    columns: dict[str, str],
    encoding: str | None,
    delimiter: str | None,
) -> None:
    """CSV or TSV: decode, find the delimiter, then one Record per non-blank row.

    Lines are counted as the csv module reads them (a quoted field with newlines spans
    several), so each row's Location is its first physical line. A row with the wrong
    number of fields or with undecodable bytes is a problem and is skipped: its cells
    cannot be trusted to be in their columns or spelled right. Extra trailing cells that
    are empty are tolerated (many exporters end every line with the delimiter).
    """
    try:
        text = decode(data, declared=encoding, errors="escape").text
    except UndecodableError as exc:  # an encoding name Python does not know
        ctx.problem(ctx.file_loc, ProblemCode.UNREADABLE, str(exc))
        return
    if delimiter is None:
        delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except (TypeError, csv.Error) as exc:
        ctx.problem(
            ctx.file_loc, ProblemCode.UNREADABLE, f"cannot read with delimiter {delimiter!r}: {exc}"
        )
        return
    check_bytes = _SURROGATE.search(text) is not None
    rows = _rows(ctx, reader)
    header_line, header = next(rows, (0, None))
    if header is None:
        ctx.problem(ctx.file_loc, ProblemCode.UNREADABLE, "no header row: the file is empty")
        return
    headers = [to_header(h.strip()) for h in header]
    header_loc = Location(path=ctx.path, line=header_line)
    plan = plan_columns(ctx, headers, columns, header_loc)
    if plan is None:
        return
    builder = Builder(ctx, plan, headers)
    cells = [h.label for h in headers]
    width = len(headers)
    path = ctx.path
    records = ctx.out.records
    index = 0
    for line, row in rows:
        if index >= MAX_ROWS:
            ctx.problem(
                Location(path=path, line=line),
                ProblemCode.LIMIT,
                f"stopped after {MAX_ROWS:,} rows",
            )
            break
        row_index = index
        index += 1
        if len(row) != width and not (len(row) > width and not any(c.strip() for c in row[width:])):
            ctx.problem(
                Location(path=path, line=line),
                ProblemCode.ROW,
                f"row has {len(row)} fields, the header has {width}; row skipped",
            )
            continue
        if check_bytes and any(_SURROGATE.search(c) for c in row):
            ctx.problem(
                Location(path=path, line=line),
                ProblemCode.ROW,
                "row has bytes that are not valid in the file's encoding; row skipped",
            )
            continue
        record_loc = Location(path=path, line=line)

        def loc(pos: int, _line: int = line) -> Location:
            return Location(path=path, line=_line, cell=cells[pos])

        records.append(builder.build(row_index, record_loc, row, loc))


def _rows(ctx: Ctx, reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows with the physical line each starts on; csv errors become problems."""
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            ctx.problem(
                Location(path=ctx.path, line=last + 1), ProblemCode.ROW, f"unreadable row: {exc}"
            )
            last = reader.line_num
            continue
        start = last + 1
        last = reader.line_num
        if row and any(c.strip() for c in row):
            yield start, row


_DELIMITERS = ",;\t|"


#: Quote characters the sniffer is shown at most. csv.Sniffer's quote regex
#: (`_guess_quote_and_delimiter`, DOTALL over the whole sample) backtracks exponentially
#: in the number of quotes: 120 quotes in a line took over 30 s. Measured here at 32-50
#: quotes in eight shapes (runs, runs around a delimiter, alternations, quoted fields):
#: at most 12 ms; at 40, 5 ms. A fully quoted header and a row or two fit.
MAX_SNIFF_QUOTES = 40
#: Lines the sniffer is shown at most: it is quadratic in lines too, with a few quotes
#: among them (fuzz.py: 3,000 lines, mostly empty, with 14 quotes: 0.13 s; 100 lines: 0.6 ms).
MAX_SNIFF_LINES = 64


def sniff_sample(text: str) -> str:
    """The whole first lines of `text` (64 KiB and MAX_SNIFF_LINES at most) holding at
    most MAX_SNIFF_QUOTES quote characters in all; "" when the first line alone holds more
    (the header decides then). The sniffer's work is bounded by this, whatever the file."""
    lines = []
    quotes = 0
    pieces = text[:65_536].split("\n")
    if len(text) > 65_536:
        pieces.pop()  # cut mid-line
    for line in pieces[:MAX_SNIFF_LINES]:
        quotes += line.count('"') + line.count("'")
        if quotes > MAX_SNIFF_QUOTES:
            break
        lines.append(line)
    return "\n".join(lines)


def _sniff_delimiter(text: str) -> str:
    """csv.Sniffer on the first lines, checked against the header; else the most frequent.

    The sniffer is kept honest: its answer must occur in the header line, because it can
    pick a character that is only frequent inside quoted descriptions.
    """
    sample = sniff_sample(text)
    first = text[:65_536].split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter if sample else ""
    except csv.Error:
        found = ""
    if found and found in first:
        return found
    counts = [(first.count(d), -i, d) for i, d in enumerate(_DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] else ","
