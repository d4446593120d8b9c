"""Catalog files -> product Records: CSV/TSV exports, JSON/JSONL dumps, XLSX price lists,
Google Merchant Center feeds (RSS 2.0 / Atom XML in the `g:` namespace, or their TSV form).

Every format is read into the same shape (a list of headers, then rows of cell texts with a
way to say where each cell is) so one column plan and one record builder serve them all:

- the *plan* maps Record fields to headers, from the source's `columns` mapping first, then
  by header synonyms in several languages (case, accents and punctuation ignored). A bare
  `id` column is the file's own row id (`item_id`), never a SKU: dataset ids must not match
  as product identifiers. Spec columns are those mapped as `spec:<Label>`, plus every
  unmapped column whose header `specs.normalize_key` turns into a key of the shipped spec
  table ("Weight (kg)", "Colour", "g:color"; Merchant Center's `shipping_weight` is the
  table's `shipping-weight`, kept apart from the product's `weight` as the table keeps it);
- the *builder* turns one row into a Record, with a Location per field pointing at the
  cell (line of the row, plus the column as `Location.cell` for CSV/TSV, or a selector:
  "$[3].offers[0].price", "item 5 g:price", "Sheet1!C7").

Prices and specs are parsed by `msglint.values` (`parse_price`, `parse_spec`), never here.
Bad data never raises: every row that cannot be read is a problem with its line, and the
other rows still load. Sizes are bounded (rows, cell length, problems per file, XLSX
uncompressed size) because partner files are hostile input.

One module per job: `headers` (header names, synonyms from `data/catalog_headers.yaml`),
`plan` (headers -> fields), `build` (rows -> Records, limits, problems), and one per
format: `delimited` (CSV/TSV), `jsonfile` (JSON/JSONL, with `jsonscan` for line numbers),
`xlsx`, `feed` (Merchant Center XML). Bytes become text through `msglint.text.decode`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from msglint.extract import Extraction, ProblemCode
from msglint.extract.catalog.build import Ctx
from msglint.extract.catalog.headers import FIELDS
from msglint.model import Role
from msglint.text.decode import sniff_text

__all__ = ["CATALOG_FORMATS", "FIELDS", "catalog_format", "load_catalog"]

CATALOG_FORMATS = ("csv", "tsv", "json", "jsonl", "xlsx", "feed-xml")

Loader = Callable[[Ctx, bytes, dict[str, str], str | None], None]


def catalog_format(path: str, head: bytes) -> str | None:
    """The catalog format of a file from its extension and first bytes, or None.

    The head settles what the extension cannot: a `.csv` whose first line has tabs and no
    commas or semicolons is TSV, a `.txt` is a (Merchant Center) TSV only when its first
    line has tabs, an `.xml` is a product feed only when it uses Google's `g:` namespace.
    """
    name = path.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    text = sniff_text(head)
    first = text.split("\n", 1)[0]
    if ext == "csv":
        return "tsv" if "\t" in first and "," not in first and ";" not in first else "csv"
    if ext in ("tsv", "tab"):
        return "tsv"
    if ext == "txt":
        return "tsv" if "\t" in first else None
    if ext == "json":
        return "json"
    if ext in ("jsonl", "ndjson"):
        return "jsonl"
    if ext in ("xlsx", "xlsm"):
        return "xlsx" if not head or head.startswith(b"PK\x03\x04") else None
    if ext in ("xml", "rss", "atom"):
        if "base.google.com/ns/1.0" in text:
            return "feed-xml"
        lowered = text.lower()
        if ("<rss" in lowered or "<feed" in lowered) and "<g:" in lowered:
            return "feed-xml"
    return None


def load_catalog(
    data: bytes,
    fmt: str,
    *,
    source: str,
    role: Role,
    path: str,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    currency: str | None = None,
    delimiter: str | None = None,
    language: str | None = None,
) -> Extraction:
    """Every product in a catalog file as a Record, and every problem met, with where.

    `columns` maps Record fields ("name", "price", "spec:Weight", ...) to headers (for JSON,
    keys or dotted paths such as "offers.price"); fields it leaves out are detected from
    the headers. `encoding` (text formats) and `delimiter` (CSV) override detection;
    `currency` is the hint for prices that do not name their currency. `language` ("de")
    is the file's language, for its numbers and for comparing its words as a translation;
    None: read from the headers (`headers.header_language`), else English. Never raises on
    bad data: an unreadable file is one problem and no records.
    """
    ctx = Ctx(
        source=source,
        role=role,
        path=path,
        currency=currency,
        out=Extraction(),
        language=language,
    )
    if fmt in _OWN_PARSERS:
        with _collector_paused():
            _load(ctx, data, fmt, columns, encoding, delimiter)
    else:
        _load(ctx, data, fmt, columns, encoding, delimiter)
    if not ctx.out.records and not ctx.out.problems and not ctx.suppressed:
        # A header row and nothing else (or a JSON list with no objects): say so, once,
        # instead of a catalog that silently holds nothing.
        ctx.problem(ctx.file_loc, ProblemCode.UNREADABLE, "the catalog has no product rows")
    return ctx.finish()


#: Formats read by msglint's own code (csv, json), which makes no reference cycles.
_OWN_PARSERS = frozenset({"csv", "tsv", "json", "jsonl"})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a catalog loads, back on after.

    A load allocates a few objects per cell that all stay alive (Records, values, their
    Locations) and no reference cycles, so CPython's full collections, which that growth
    keeps triggering, only walk live objects: measured on a 20,000-row CSV, they were
    35-40% of the load's CPU time (0.80 s without them, 1.2-1.3 s with). Nothing is lost:
    any cyclic garbage made meanwhile is collected once the collector is back on. Only for
    the formats msglint parses itself: openpyxl and lxml objects may hold cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(
    ctx: Ctx,
    data: bytes,
    fmt: str,
    columns: dict[str, str] | None,
    encoding: str | None,
    delimiter: str | None,
) -> None:
    try:
        if fmt in ("csv", "tsv"):
            from msglint.extract.catalog.delimited import load_delimited

            load_delimited(ctx, data, fmt, columns or {}, encoding, delimiter)
        elif (loader := _loader(fmt)) is not None:
            loader(ctx, data, columns or {}, encoding)
        else:
            ctx.problem(
                ctx.file_loc,
                ProblemCode.UNREADABLE,
                f"unknown catalog format {fmt!r}; one of {CATALOG_FORMATS}",
            )
    except RecursionError:
        ctx.problem(ctx.file_loc, ProblemCode.UNREADABLE, "nested too deeply to read")
    except Exception as exc:  # last resort: one hostile file must not stop a whole run
        ctx.problem(
            ctx.file_loc, ProblemCode.UNREADABLE, f"could not be read: {type(exc).__name__}: {exc}"
        )


def _loader(fmt: str) -> Loader | None:
    """The loader of a non-delimited format, imported when a file of it is read."""
    if fmt in ("json", "jsonl"):
        from msglint.extract.catalog import jsonfile

        return jsonfile.load_json if fmt == "json" else jsonfile.load_jsonl
    if fmt == "xlsx":
        from msglint.extract.catalog.xlsx import load_xlsx

        return load_xlsx
    if fmt == "feed-xml":
        from msglint.extract.catalog.feed import load_feed_xml

        return load_feed_xml
    return None
