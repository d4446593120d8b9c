"""XLSX price lists: the product sheet, header = first non-empty row, cells as shown."""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any

from msglint.extract import ProblemCode
from msglint.extract.catalog.build import MAX_ROWS, Builder, Ctx, Numeric, is_currency
from msglint.extract.catalog.headers import Header, to_header
from msglint.extract.catalog.plan import plan_columns
from msglint.model import Location
from msglint.text.tables import load

#: Uncompressed size an XLSX (a zip) may claim in total: a guard against zip bombs.
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
_NUMBER_DECIMALS = re.compile(r"\.(0+)")
_QUOTED = re.compile(r'"[^"]*"')
_FORMAT_CURRENCY = re.compile(r'\[\$([^\]\-]+)|"([^"]{1,4})"|([$€£¥])')


@cache
def _sheet_names() -> re.Pattern[str]:
    """Words that make a worksheet the product sheet (data: `sheets`); a space in a word
    matches a space or none."""
    words = load("catalog_headers.yaml")["sheets"]
    return re.compile("|".join(re.escape(w.casefold()).replace(r"\ ", " ?") for w in words))


def load_xlsx(ctx: Ctx, data: bytes, columns: dict[str, str], encoding: str | None) -> None:
    """The first sheet (or one named like "Products"/"Catalog"), header = first non-empty row.

    openpyxl in read-only mode streams the sheet; dimensions are reset because exporters
    often write wrong ones. Numbers keep the decimals their number format shows, without
    float noise, and a currency format lends its symbol ("€1299.00"), as the reader sees it.
    """
    del encoding  # XLSX is a zip of UTF-8 XML; nothing to decode by hand
    workbook = _open_workbook(ctx, data)
    if workbook is None:
        return
    try:
        _read_sheet(ctx, workbook, columns)
    except Exception as exc:  # openpyxl raises many types on malformed sheets
        ctx.problem(
            ctx.file_loc,
            ProblemCode.UNREADABLE,
            f"unreadable XLSX sheet: {type(exc).__name__}: {exc}",
        )
    finally:
        workbook.close()


def _open_workbook(ctx: Ctx, data: bytes) -> Any:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        ctx.problem(ctx.file_loc, ProblemCode.UNREADABLE, f"not an XLSX file (bad zip: {exc})")
        return None
    if total > MAX_XLSX_UNCOMPRESSED:
        ctx.problem(
            ctx.file_loc,
            ProblemCode.LIMIT,
            f"XLSX expands to {total:,} bytes, over the {MAX_XLSX_UNCOMPRESSED:,} allowed",
        )
        return None
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises KeyError, InvalidFileException, XML errors...
        ctx.problem(
            ctx.file_loc,
            ProblemCode.UNREADABLE,
            f"unreadable XLSX file: {type(exc).__name__}: {exc}",
        )
        return None


def _read_sheet(ctx: Ctx, workbook: Any, columns: dict[str, str]) -> None:
    from openpyxl.utils import get_column_letter

    sheets = workbook.worksheets
    if not sheets:
        ctx.problem(ctx.file_loc, ProblemCode.UNREADABLE, "the workbook has no worksheet")
        return
    sheet = next((s for s in sheets if _sheet_names().search(s.title.casefold())), sheets[0])
    sheet.reset_dimensions()
    ref = _sheet_ref(sheet.title)
    rows = enumerate(sheet.iter_rows(), start=1)
    header_row, header_cells = next(
        ((r, cells) for r, cells in rows if any(_xlsx_text(c) for c in cells)), (0, None)
    )
    if header_cells is None:
        ctx.problem(ctx.file_loc, ProblemCode.UNREADABLE, f"sheet {sheet.title!r} is empty")
        return
    labels = [(_xlsx_text(c) or "").strip() for c in header_cells]
    while labels and not labels[-1]:
        labels.pop()
    headers = [to_header(label) if label else Header("", "") for label in labels]
    header_loc = Location(
        path=ctx.path, line=header_row, selector=f"{ref}!{header_row}:{header_row}"
    )
    plan = plan_columns(ctx, headers, columns, header_loc)
    if plan is None:
        return
    builder = Builder(ctx, plan, headers)
    letters = [get_column_letter(i + 1) for i in range(len(headers))]
    path = ctx.path
    width = len(headers)
    index = 0
    for number, cells in rows:
        values = [_xlsx_text(c) for c in cells[:width]]
        if not any(v and v.strip() for v in values):
            continue
        if index >= MAX_ROWS:
            ctx.problem(
                Location(path=path, line=number),
                ProblemCode.LIMIT,
                f"stopped after {MAX_ROWS:,} rows",
            )
            break

        def loc(pos: int, _n: int = number) -> Location:
            return Location(path=path, line=_n, selector=f"{ref}!{letters[pos]}{_n}")

        record_loc = Location(path=path, line=number, selector=f"{ref}!{number}:{number}")
        ctx.out.records.append(builder.build(index, record_loc, values, loc))
        index += 1


def _sheet_ref(title: str) -> str:
    """A sheet name as a cell reference writes it: quoted when not a plain word."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", title):
        return title
    return "'" + title.replace("'", "''") + "'"


def _xlsx_text(cell: Any) -> str | None:
    """A cell's value as the sheet shows it, within reason (see `_number_text`)."""
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return Numeric(_number_text(value, getattr(cell, "number_format", None) or "General"))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _number_text(value: float, number_format: str) -> str:
    """A number as the sheet shows it: 1299 with "#,##0.00" -> "1299.00", 0.1+0.2 -> "0.3",
    0.155 with "0.0%" -> "15.5%", 19.99 with "[$€-407]#,##0.00" -> "€19.99".

    Floats are read at 15 significant digits, the precision Excel keeps and shows, so no
    binary noise survives; the format's decimal places are then applied with Decimal.
    Thousands separators are left out: they are locale-dependent, and price parsers would
    have to guess them back. Literal text in the format is kept only when it is a currency.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    number = Decimal(f"{value:.15g}") if isinstance(value, float) else Decimal(value)
    section = number_format.split(";", 1)[0]
    bare = _QUOTED.sub("", section)
    percent = "%" in bare
    if percent:
        number *= 100
    decimals = _NUMBER_DECIMALS.search(bare)
    if decimals and section != "General":
        text = f"{number:.{len(decimals.group(1))}f}"
    elif number == number.to_integral_value():
        text = f"{number:.0f}"
    else:
        text = f"{number.normalize():f}"
    if percent:
        return f"{text}%"
    symbol = _FORMAT_CURRENCY.search(section)
    sign = next((s.strip() for s in symbol.groups() if s), "") if symbol else ""
    if not sign or not is_currency(sign):
        return text
    return f"{text} {sign}" if sign.isalpha() else f"{sign}{text}"
