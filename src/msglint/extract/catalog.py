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
  cell (line of the row, plus a selector: "column 'Price'", "$[3].offers[0].price",
  "item 5 g:price", "Sheet1!C7").

Prices and specs are parsed by `prices.parse_price` and `specs.parse_spec`, never here.
Bad data never raises: every row that cannot be read is a problem with its line, and the
other rows still load. Sizes are bounded (rows, cell length, problems per file, XLSX
uncompressed size) because partner files are hostile input.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any

from msglint.extract import Extraction
from msglint.model import Location, Price, Record, Role

CATALOG_FORMATS = ("csv", "tsv", "json", "jsonl", "xlsx", "feed-xml")

#: Rows read from one file at most; the rest is one problem.
MAX_ROWS = 1_000_000
#: Longest cell kept, in characters; longer cells are truncated with a problem.
MAX_CELL = 100_000
#: Problems reported per file at most; a file broken on every row says so once more.
MAX_PROBLEMS = 1_000
#: Uncompressed size an XLSX (a zip) may claim in total: a guard against zip bombs.
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
#: Objects/items looked at to learn the headers of JSON and feed files.
_HEADER_SAMPLE = 1_000

GOOGLE_NS = "http://base.google.com/ns/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"

#: Record fields a `columns` mapping may name (besides "spec:<Label>").
FIELDS = (
    "item_id",
    "name",
    "sku",
    "mpn",
    "gtin",
    "brand",
    "price",
    "sale_price",
    "currency",
    "description",
    "url",
)
_TEXT_FIELDS = ("item_id", "name", "brand", "sku", "mpn", "gtin", "description", "url")
_IDENTIFIERS = ("sku", "mpn", "gtin")

#: Header synonyms, already normalized by `_norm` (accents, case and punctuation dropped),
#: best first. Order between fields matters too: `mpn` claims "manufacturer part number"
#: before `brand` could, `sale_price` claims "sale price" before `price`.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "item_id": ("id",),
    "name": (
        "name",
        "title",
        "productname",
        "producttitle",
        "itemname",
        "product",
        "bezeichnung",
        "produktname",
        "artikelname",
        "artikelbezeichnung",
        "nom",
        "nomduproduit",
        "designation",
        "nombre",
        "titel",
    ),
    "gtin": (
        "gtin",
        "ean",
        "upc",
        "isbn",
        "barcode",
        "gtin13",
        "gtin14",
        "gtin12",
        "gtin8",
        "ean13",
        "eancode",
        "upccode",
    ),
    "mpn": (
        "mpn",
        "manufacturerpartnumber",
        "mfrpartnumber",
        "mfgpartnumber",
        "herstellerartikelnummer",
    ),
    "sku": (
        "sku",
        "articlenumber",
        "itemnumber",
        "artnr",
        "artikelnummer",
        "artikelnr",
        "partnumber",
        "productcode",
        "model",
        "modelnumber",
        "itemno",
        "articleno",
        "sellersku",
    ),
    "brand": ("brand", "manufacturer", "marke", "vendor", "hersteller", "marque", "brandname"),
    "sale_price": (
        "saleprice",
        "sale",
        "specialprice",
        "offerprice",
        "angebotspreis",
        "aktionspreis",
        "discountprice",
        "prixpromo",
    ),
    "price": (
        "price",
        "listprice",
        "rrp",
        "msrp",
        "unitprice",
        "preis",
        "prix",
        "regularprice",
        "retailprice",
        "uvp",
        "listenpreis",
        "verkaufspreis",
        "precio",
    ),
    "currency": ("currency", "pricecurrency", "currencycode", "wahrung", "devise", "moneda"),
    "description": (
        "description",
        "desc",
        "longdescription",
        "productdescription",
        "beschreibung",
        "summary",
        "shortdescription",
        "descripcion",
    ),
    "url": ("url", "link", "producturl", "productlink", "landingpage", "producturl", "weburl"),
}

#: Spec-table keys that are Record fields, not specs: a second brand or SKU column is
#: left alone rather than turned into a spec.
_NOT_SPEC_KEYS = frozenset({"model", "brand", "gtin"})
#: Catalog columns whose header the spec table reads as something else: a feed's
#: `availability` is stock status, not the uptime the table maps it to.
_NOT_SPEC_HEADERS = frozenset({"availability", "verfugbarkeit", "disponibilite", "stock"})

_ACCENTS = re.compile(r"[\u0300-\u036f]")
_NOT_ALNUM = re.compile(r"[\W_]+")
#: "Price (EUR)", "Weight [kg]": a unit or currency in brackets at the end of a header.
_HEADER_UNIT = re.compile(r"^(.*?)\s*[(\[]\s*([^()\[\]]{1,12}?)\s*[)\]]\s*$")
_BARE_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_SURROGATE = re.compile(r"[\udc80-\udcff]")
#: A character that valid UTF-8 multi-byte sequences produced (not an escaped bad byte).
_DECODED_NON_ASCII = re.compile(r"[^\x00-\x7f\udc80-\udcff]")
_WS = re.compile(r"[ \t\n\r]*")


class _Numeric(str):
    """A cell text written from a number (JSON number, XLSX numeric cell): "." is decimal."""

    __slots__ = ()


@dataclass(slots=True)
class _Header:
    """One column as the file names it, and what detection sees of it."""

    label: str  # as written: "Price (EUR)", "offers.price", "g:price"
    detect: str  # normalized name for synonym matching: "price"
    rank: int = 0  # lower wins among equal synonyms (JSON depth, g: before plain)
    unit: str | None = None  # "(EUR)" / "(kg)" in the header


@dataclass(slots=True)
class _Plan:
    """Which header position feeds which Record field, and which columns are specs."""

    text: list[tuple[str, int]]
    price: int | None
    sale_price: int | None
    currency: int | None
    specs: list[tuple[int, str]]  # position, spec label
    used: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Ctx:
    """One load: where records go, the source's identity and the hints it gave."""

    source: str
    role: Role
    path: str
    currency: str | None
    out: Extraction
    suppressed: int = 0
    file_loc: Location = field(init=False)

    def __post_init__(self) -> None:
        self.file_loc = Location(path=self.path)

    def problem(self, loc: Location, reason: str) -> None:
        if len(self.out.problems) < MAX_PROBLEMS:
            self.out.problems.append((loc, reason))
        else:
            self.suppressed += 1

    def finish(self) -> Extraction:
        if self.suppressed:
            self.out.problems.append(
                (self.file_loc, f"{self.suppressed:,} further problems not listed")
            )
            self.suppressed = 0
        return self.out


# --- public API ----------------------------------------------------------------------------


def catalog_format(path: str, head: bytes) -> str | None:
    """The catalog format of a file from its extension and first bytes, or None.

    The head settles what the extension cannot: a `.csv` whose first line has tabs and no
    commas or semicolons is TSV, a `.txt` is a (Merchant Center) TSV only when its first
    line has tabs, an `.xml` is a product feed only when it uses Google's `g:` namespace.
    """
    name = path.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    text = _head_text(head)
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
) -> Extraction:
    """Every product in a catalog file as a Record, and every problem met, with where.

    `columns` maps Record fields ("name", "price", "spec:Weight", ...) to headers (for JSON,
    keys or dotted paths such as "offers.price"); fields it leaves out are detected from
    the headers. `encoding` (text formats) and `delimiter` (CSV) override detection;
    `currency` is the hint for prices that do not name their currency. Never raises on
    bad data: an unreadable file is one problem and no records.
    """
    ctx = _Ctx(source=source, role=role, path=path, currency=currency, out=Extraction())
    try:
        if fmt in ("csv", "tsv"):
            _load_delimited(ctx, data, fmt, columns or {}, encoding, delimiter)
        elif (loader := _LOADERS.get(fmt)) is not None:
            loader(ctx, data, columns or {}, encoding)
        else:
            ctx.problem(ctx.file_loc, f"unknown catalog format {fmt!r}; one of {CATALOG_FORMATS}")
    except RecursionError:
        ctx.problem(ctx.file_loc, "nested too deeply to read")
    except Exception as exc:  # last resort: one hostile file must not stop a whole run
        ctx.problem(ctx.file_loc, f"could not be read: {type(exc).__name__}: {exc}")
    return ctx.finish()


# --- headers -> plan -----------------------------------------------------------------------


def _norm(text: str) -> str:
    """Header text for synonym lookup, accents, case and punctuation gone.

    "Art.-Nr." -> "artnr", "Währung" -> "wahrung", "Product_Name" -> "productname".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return _NOT_ALNUM.sub("", _ACCENTS.sub("", decomposed)).casefold()


def _header(label: str, rank: int = 0, detect_from: str | None = None) -> _Header:
    """A header with its detection name: brackets at the end are a unit, not the name."""
    base = detect_from if detect_from is not None else label
    unit = None
    m = _HEADER_UNIT.match(base)
    if m and m.group(1):
        base, unit = m.group(1), m.group(2)
    if base.startswith("g:"):
        base = base[2:]
    return _Header(label=label, detect=_norm(base), rank=rank, unit=unit)


@cache
def _known_spec_keys() -> frozenset[str]:
    """The canonical keys of the shipped spec table (data/spec_keys.yaml, the table
    `specs.normalize_key` maps labels with); an unreadable table means no spec detection."""
    from msglint.values import specs

    keys = getattr(specs, "SPEC_KEYS", None)
    if keys is not None:
        return frozenset(keys)
    from importlib.resources import files

    import yaml

    try:
        text = files("msglint").joinpath("data", "spec_keys.yaml").read_text(encoding="utf-8")
        table = yaml.safe_load(text)
    except (OSError, yaml.YAMLError):
        return frozenset()
    return frozenset(str(k) for k in table) if isinstance(table, dict) else frozenset()


def _plan(
    ctx: _Ctx,
    headers: list[_Header],
    columns: dict[str, str],
    header_loc: Location,
    lookup: Callable[[str], int | None] | None = None,
) -> _Plan | None:
    """Map fields to header positions: the explicit mapping, then synonyms, then specs.

    A mapping naming headers the file lacks is one problem listing the headers there are;
    detection then fills the fields it left out. No name and no identifier column at all
    is one problem and no plan: rows without either cannot be matched to anything.
    `lookup` finds a header the sample did not show (a JSON path in a later object).
    """
    chosen: dict[str, int] = {}
    spec_cols: list[tuple[int, str]] = []
    claimed: set[int] = set()
    missing: list[str] = []
    unknown: list[str] = []
    exact = {h.label: i for i, h in reversed(list(enumerate(headers)))}
    loose = {_norm(h.label): i for i, h in reversed(list(enumerate(headers)))}
    for i, h in enumerate(headers):
        loose.setdefault(h.detect, i)
    for fld, header in columns.items():
        if fld not in FIELDS and not fld.startswith("spec:"):
            unknown.append(fld)
            continue
        pos = exact.get(header)
        if pos is None:
            pos = loose.get(_norm(header))
        if pos is None and lookup is not None:
            pos = lookup(header)
        if pos is None:
            missing.append(f"{fld} -> {header!r}")
            continue
        claimed.add(pos)
        if fld.startswith("spec:"):
            spec_cols.append((pos, _mapped_spec_label(fld[5:].strip(), headers[pos])))
        else:
            chosen[fld] = pos
    if unknown:
        ctx.problem(
            header_loc,
            f"column mapping names unknown fields {', '.join(map(repr, unknown))}; "
            f"fields are {', '.join(FIELDS)} and spec:<Label>",
        )
    if missing:
        ctx.problem(
            header_loc,
            f"column mapping names headers the file does not have ({'; '.join(missing)}); "
            f"headers are: {_header_list(headers)}",
        )
    _detect(headers, chosen, claimed)
    if not any(f in chosen for f in ("name", *_IDENTIFIERS)):
        ctx.problem(
            header_loc,
            "no name and no identifier (SKU, MPN, GTIN) column found; "
            f"headers are: {_header_list(headers)}",
        )
        return None
    spec_cols.extend(_detect_specs(headers, claimed))
    plan = _Plan(
        text=[(f, chosen[f]) for f in _TEXT_FIELDS if f in chosen],
        price=chosen.get("price"),
        sale_price=chosen.get("sale_price"),
        currency=chosen.get("currency"),
        specs=spec_cols,
    )
    plan.used = sorted({*chosen.values(), *(p for p, _ in spec_cols)})
    return plan


def _detect(headers: list[_Header], chosen: dict[str, int], claimed: set[int]) -> None:
    """Fill unmapped fields by synonym: best synonym first, then lowest rank, then order."""
    by_name: dict[str, list[int]] = {}
    for i, h in enumerate(headers):
        by_name.setdefault(h.detect, []).append(i)
    for fld in ("item_id", "name", "gtin", "mpn", "sku", "sale_price", "price", "currency"):
        _pick(fld, headers, by_name, chosen, claimed)
    for fld in ("brand", "description", "url"):
        _pick(fld, headers, by_name, chosen, claimed)


def _pick(
    fld: str,
    headers: list[_Header],
    by_name: dict[str, list[int]],
    chosen: dict[str, int],
    claimed: set[int],
) -> None:
    if fld in chosen:
        return
    for synonym in SYNONYMS[fld]:
        free = [i for i in by_name.get(synonym, ()) if i not in claimed]
        if free:
            pos = min(free, key=lambda i: (headers[i].rank, i))
            chosen[fld] = pos
            claimed.add(pos)
            return


def _detect_specs(headers: list[_Header], claimed: set[int]) -> list[tuple[int, str]]:
    """Unclaimed columns whose header is a known spec ("Weight (kg)", "Colour", "g:color").

    Only keys of the shipped spec table count: a column the table does not know ("Notes",
    "availability") is not a spec unless the mapping says so, or every catalog would
    grow specs that no page states. The first column of a key wins.
    """
    from msglint.values.specs import normalize_key

    known = _known_spec_keys() - _NOT_SPEC_KEYS
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, h in enumerate(headers):
        if i in claimed or not h.detect or h.detect in _NOT_SPEC_HEADERS:
            continue
        label = _spec_label(h.label)
        key = normalize_key(label)
        if key in known and key not in seen:
            seen.add(key)
            claimed.add(i)
            found.append((i, label))
    return found


def _mapped_spec_label(label: str, header: _Header) -> str:
    """The label of a `spec:<Label>` column, keeping the header's unit: a mapping
    "spec:Weight" -> "Gewicht (kg)" is labelled "Weight (kg)", so "2,5" still means kg."""
    if not label:
        return _spec_label(header.label)
    if header.unit and not _HEADER_UNIT.match(label):
        return f"{label} ({header.unit})"
    return label


def _spec_label(header: str) -> str:
    """The label a spec column goes by: "g:shipping_weight" -> "shipping weight",
    "details.weight" -> "weight"; a unit in brackets stays ("Weight (kg)"), the spec
    parser reads it as the unit of bare numbers."""
    if header.startswith("g:"):
        return header[2:].replace("_", " ")
    if "." in header and " " not in header:
        return header.rsplit(".", 1)[-1]
    return header


def _header_list(headers: Sequence[_Header], limit: int = 60) -> str:
    names = [repr(h.label) for h in headers[:limit]]
    more = f" (+{len(headers) - limit} more)" if len(headers) > limit else ""
    return (", ".join(names) or "(none)") + more


# --- row -> Record -------------------------------------------------------------------------


class _Builder:
    """Turns rows of cell texts into Records by one plan; cheap per row by design."""

    __slots__ = (
        "ctx",
        "headers",
        "parse_price",
        "parse_spec",
        "plan",
        "price_hints",
    )

    def __init__(self, ctx: _Ctx, plan: _Plan, headers: list[_Header]) -> None:
        from msglint.values.prices import parse_price
        from msglint.values.specs import parse_spec

        self.ctx = ctx
        self.plan = plan
        self.headers = headers
        self.parse_price = parse_price
        self.parse_spec = parse_spec
        self.price_hints = {
            pos: headers[pos].unit
            for pos in (plan.price, plan.sale_price)
            if pos is not None and _is_currency(headers[pos].unit)
        }

    def build(
        self,
        index: int,
        record_loc: Location,
        values: Sequence[str | None],
        loc: Callable[[int], Location],
    ) -> Record:
        """One Record from `values` (indexed by header position); `loc` says where a cell is."""
        ctx, plan = self.ctx, self.plan
        rec = Record(
            source=ctx.source,
            role=ctx.role,
            path=ctx.path,
            kind="product",
            origin="catalog",
            index=index,
        )
        where = rec.where
        where["record"] = record_loc
        for fld, pos in plan.text:
            value = self._cell(values, pos, loc)
            if value:
                setattr(rec, fld, value)
                where[fld] = loc(pos)
        if plan.price is not None or plan.sale_price is not None:
            self._prices(rec, values, loc)
        for pos, label in plan.specs:
            value = self._cell(values, pos, loc)
            if value:
                self.add_spec(rec, label, value, loc(pos))
        return rec

    def _cell(
        self, values: Sequence[str | None], pos: int, loc: Callable[[int], Location]
    ) -> str | None:
        value = values[pos] if pos < len(values) else None
        if value is None:
            return None
        if len(value) > MAX_CELL:
            self.ctx.problem(
                loc(pos), f"cell of {len(value):,} characters truncated to {MAX_CELL:,}"
            )
            value = value[:MAX_CELL]
        return value.strip() or None

    def _prices(
        self, rec: Record, values: Sequence[str | None], loc: Callable[[int], Location]
    ) -> None:
        plan = self.plan
        row_currency = self._cell(values, plan.currency, loc) if plan.currency is not None else None
        for fld, pos, kind in (
            ("price", plan.price, "list"),
            ("sale_price", plan.sale_price, "sale"),
        ):
            if pos is None:
                continue
            text = self._cell(values, pos, loc)
            if not text:
                continue
            hint = row_currency or self.price_hints.get(pos) or self.ctx.currency
            dot = "." if isinstance(values[pos], _Numeric) else None
            price = _safe_price(self.parse_price, text, hint, kind, dot)
            where = loc(pos)
            if price is None:
                self.ctx.problem(where, f"price {_clip(text)!r} could not be read")
                continue
            rec.prices.append(price)
            rec.where[fld] = where

    def add_spec(self, rec: Record, label: str, value: str, where: Location) -> None:
        """Parse one spec and keep it under its key (the first of a key wins)."""
        try:
            spec = self.parse_spec(label, value)
        except Exception:  # the spec parser is someone else's; hostile cells must not stop a load
            spec = None
        if spec is None or spec.key in rec.specs:
            return
        rec.specs[spec.key] = spec
        rec.where[f"spec:{spec.key}"] = where


def _safe_price(
    parse: Callable[..., Price | None], text: str, hint: str | None, kind: str, dot: str | None
) -> Price | None:
    try:
        return parse(text, currency=hint, kind=kind, decimal_separator=dot)
    except Exception:  # another module's parser; a hostile cell must not stop a load
        return None


def _is_currency(unit: str | None) -> bool:
    """Whether a header's bracketed unit or a number format's symbol is a currency."""
    from msglint.values.prices import currency_code

    return bool(unit) and currency_code(unit or "") is not None


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- CSV / TSV -----------------------------------------------------------------------------


def _load_delimited(
    ctx: _Ctx,
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
    text = _decode_text(ctx, data, encoding)
    if text is None:
        return
    if delimiter is None:
        delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except (TypeError, csv.Error) as exc:
        ctx.problem(ctx.file_loc, f"cannot read with delimiter {delimiter!r}: {exc}")
        return
    check_bytes = _SURROGATE.search(text) is not None
    rows = _rows(ctx, reader)
    header_line, header = next(rows, (0, None))
    if header is None:
        ctx.problem(ctx.file_loc, "no header row: the file is empty")
        return
    headers = [_header(h.strip()) for h in header]
    header_loc = Location(path=ctx.path, line=header_line)
    plan = _plan(ctx, headers, columns, header_loc)
    if plan is None:
        return
    builder = _Builder(ctx, plan, headers)
    selectors = [f"column {h.label!r}" for h in headers]
    width = len(headers)
    path = ctx.path
    records = ctx.out.records
    index = 0
    for line, row in rows:
        if index >= MAX_ROWS:
            ctx.problem(Location(path=path, line=line), f"stopped after {MAX_ROWS:,} rows")
            break
        row_index = index
        index += 1
        if len(row) != width and not (len(row) > width and not any(c.strip() for c in row[width:])):
            ctx.problem(
                Location(path=path, line=line),
                f"row has {len(row)} fields, the header has {width}; row skipped",
            )
            continue
        if check_bytes and any(_SURROGATE.search(c) for c in row):
            ctx.problem(
                Location(path=path, line=line),
                "row has bytes that are not valid in the file's encoding; row skipped",
            )
            continue
        record_loc = Location(path=path, line=line)

        def loc(pos: int, _line: int = line) -> Location:
            return Location(path=path, line=_line, selector=selectors[pos])

        records.append(builder.build(row_index, record_loc, row, loc))


def _rows(ctx: _Ctx, reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows with the physical line each starts on; csv errors become problems."""
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            ctx.problem(Location(path=ctx.path, line=last + 1), f"unreadable row: {exc}")
            last = reader.line_num
            continue
        start = last + 1
        last = reader.line_num
        if row and any(c.strip() for c in row):
            yield start, row


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode_text(ctx: _Ctx, data: bytes, encoding: str | None) -> str | None:
    """Bytes -> text: the given encoding, else a BOM's, else UTF-8, else cp1252, else Latin-1.

    Bytes the chosen encoding cannot decode become lone surrogates (`surrogateescape`), so
    the rows holding them are found and reported while the rest of the file loads. Without
    a declared encoding, a file that is not UTF-8 and has no valid UTF-8 multi-byte
    sequence at all is taken for a Windows export (cp1252, Latin-1 where cp1252 leaves a
    byte undefined), as the Abt-Buy benchmark's Abt.csv is; a file that does have valid
    UTF-8 sequences is UTF-8 with a few broken bytes, reported per row.
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            ctx.problem(ctx.file_loc, f"unknown encoding {encoding!r}")
            return None
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        return _decode_lenient(data, codec)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_lenient(data, codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    if _DECODED_NON_ASCII.search(escaped):
        return escaped
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decode_lenient(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec, "surrogateescape")
    except UnicodeDecodeError:  # codecs whose broken units are not single high bytes
        return data.decode(codec, "replace")


_DELIMITERS = ",;\t|"


def _sniff_delimiter(text: str) -> str:
    """csv.Sniffer on the first lines, checked against the header; else the most frequent.

    The sniffer is kept honest: its answer must occur in the header line, because it can
    pick a character that is only frequent inside quoted descriptions.
    """
    sample = text[:65_536]
    cut = sample.rfind("\n")
    if cut > 0:
        sample = sample[:cut]
    first = sample.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found and found in first:
        return found
    counts = [(first.count(d), -i, d) for i, d in enumerate(_DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] else ","


# --- JSON / JSONL --------------------------------------------------------------------------

_LIST_KEYS = ("products", "items", "data", "records", "results", "entries", "rows", "catalog")
_LEAF_IS_PARENT = frozenset({"name", "value", "@value", "#text", "text"})
_DECODER = json.JSONDecoder(parse_float=Decimal)
_SCANSTRING = json.decoder.scanstring


def _load_json(ctx: _Ctx, data: bytes, columns: dict[str, str], encoding: str | None) -> None:
    """A JSON list of objects, or an object holding one ("products", "items", "data"...).

    Floats are read as Decimal so "1299.00" stays exactly that. The list's elements get the
    line they start on when the list is the document or a top-level member of it (found in
    the same pass as parsing, at no extra cost); deeper lists get no line.
    """
    text = _decode_json_text(ctx, data, encoding)
    if text is None:
        return
    try:
        doc, offsets = _parse_with_offsets(text)
    except json.JSONDecodeError as exc:
        ctx.problem(Location(path=ctx.path, line=exc.lineno), f"invalid JSON: {exc.msg}")
        return
    except RecursionError:
        ctx.problem(ctx.file_loc, "invalid JSON: nested too deeply")
        return
    found = _record_list(doc)
    if found is None:
        ctx.problem(ctx.file_loc, "no list of product objects found in the JSON document")
        return
    key_path, items = found
    lines = _LineIndex(text)
    if items is None:  # the document is one product
        start = lines.line(_WS.match(text, 0).end())
        _load_objects(ctx, [(0, start, "$", doc)], columns, Location(path=ctx.path, line=start))
        return
    prefix = "$" + "".join(_json_step(k) for k in key_path)
    starts = offsets.get(key_path[0] if key_path else None, []) if len(key_path) <= 1 else []
    entries = []
    for i, item in enumerate(items):
        line = lines.line(starts[i]) if i < len(starts) else None
        entries.append((i, line, f"{prefix}[{i}]", item))
    _load_objects(ctx, entries, columns, Location(path=ctx.path, line=1 if items else None))


def _load_jsonl(ctx: _Ctx, data: bytes, columns: dict[str, str], encoding: str | None) -> None:
    """One JSON object per line; a bad line is a problem with its line number."""
    text = _decode_json_text(ctx, data, encoding)
    if text is None:
        return
    entries = []
    index = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        if index >= MAX_ROWS:
            ctx.problem(Location(path=ctx.path, line=number), f"stopped after {MAX_ROWS:,} rows")
            break
        position = index
        index += 1
        try:
            item = _DECODER.decode(raw)
        except json.JSONDecodeError as exc:
            ctx.problem(Location(path=ctx.path, line=number), f"invalid JSON: {exc.msg}")
            continue
        except RecursionError:
            ctx.problem(Location(path=ctx.path, line=number), "invalid JSON: nested too deeply")
            continue
        if not isinstance(item, dict):
            ctx.problem(Location(path=ctx.path, line=number), "line is not a JSON object")
            continue
        entries.append((position, number, "$", item))
    _load_objects(ctx, entries, columns, Location(path=ctx.path, line=1))


def _decode_json_text(ctx: _Ctx, data: bytes, encoding: str | None) -> str | None:
    """JSON is UTF-8 by standard (RFC 8259); a BOM or a given encoding is honoured."""
    codec = encoding
    if codec is None:
        codec = next((c for bom, c in _BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(codec)
    except LookupError:
        ctx.problem(ctx.file_loc, f"unknown encoding {encoding!r}")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        ctx.problem(Location(path=ctx.path, line=line), f"not valid {codec} at byte {exc.start:,}")
    return None


def _load_objects(
    ctx: _Ctx,
    entries: list[tuple[int, int | None, str, Any]],
    columns: dict[str, str],
    header_loc: Location,
) -> None:
    """JSON objects -> Records through the dotted-path headers seen in the first objects."""
    objects = [e for e in entries if isinstance(e[3], dict)]
    for _index, line, prefix, _item in (e for e in entries if not isinstance(e[3], dict)):
        ctx.problem(Location(path=ctx.path, line=line, selector=prefix), "not a JSON object")
    if len(objects) > MAX_ROWS:
        ctx.problem(ctx.file_loc, f"stopped after {MAX_ROWS:,} objects")
        objects = objects[:MAX_ROWS]
    paths: dict[str, int] = {}
    for _, _, _, item in objects[:_HEADER_SAMPLE]:
        _collect_paths(item, "", 0, paths)
    headers = [_json_header(p, depth) for p, depth in paths.items()]
    keys = list(paths)

    def lookup(wanted: str) -> int | None:
        for _, _, _, item in objects:
            if _resolve(item, wanted)[0] is not None:
                keys.append(wanted)
                headers.append(_json_header(wanted, wanted.count(".")))
                return len(keys) - 1
        return None

    plan = _plan(ctx, headers, columns, header_loc, lookup)
    if plan is None:
        return
    builder = _Builder(ctx, plan, headers)
    width = len(keys)
    path = ctx.path
    for index, line, prefix, item in objects:
        values: list[str | None] = [None] * width
        steps: dict[int, str] = {}
        for pos in plan.used:
            value, sel = _resolve(item, keys[pos])
            values[pos] = _json_text(value)
            steps[pos] = sel

        def loc(pos: int, _line: int | None = line, _prefix: str = prefix, _s=steps) -> Location:
            return Location(path=path, line=_line, selector=_prefix + _s[pos])

        rec = builder.build(index, Location(path=path, line=line, selector=prefix), values, loc)
        _additional_properties(builder, rec, item, line, prefix)
        ctx.out.records.append(rec)


def _json_header(dotted: str, depth: int) -> _Header:
    """A JSON path as a header: "offers.price" is detected as "price".

    A generic leaf ("name", "value") stands for its parent: "brand.name" is "brand".
    """
    parts = dotted.split(".")
    leaf = parts[-1]
    if len(parts) > 1 and leaf.casefold() in _LEAF_IS_PARENT:
        leaf = parts[-2]
    return _header(dotted, rank=depth, detect_from=leaf)


def _collect_paths(obj: dict[str, Any], prefix: str, depth: int, out: dict[str, int]) -> None:
    """Dotted paths to scalar values (lists of objects are looked into at their first one)."""
    if depth > 4:
        return
    for key, value in obj.items():
        if not isinstance(key, str) or "." in key:
            continue
        dotted = f"{prefix}{key}"
        if isinstance(value, list):
            value = next((v for v in value if v is not None), None)
        if isinstance(value, dict):
            _collect_paths(value, dotted + ".", depth + 1, out)
        elif value is not None and dotted not in out:
            out[dotted] = depth


def _resolve(obj: Any, dotted: str) -> tuple[Any, str]:
    """The value at a dotted path and its JSONPath tail (".offers[0].price")."""
    steps = []
    for part in dotted.split("."):
        if isinstance(obj, list):
            if not obj:
                return None, ""
            obj = obj[0]
            steps.append("[0]")
        if not isinstance(obj, dict):
            return None, ""
        obj = obj.get(part)
        steps.append(_json_step(part))
        if obj is None:
            return None, ""
    if isinstance(obj, list) and obj and all(isinstance(v, dict) for v in obj):
        return None, ""
    return obj, "".join(steps)


def _json_step(key: str) -> str:
    return f".{key}" if key.replace("_", "a").isalnum() else f"[{json.dumps(key)}]"


def _json_text(value: Any) -> str | None:
    """A JSON scalar as the text a cell would hold; lists of scalars joined with ", "."""
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = [t for t in (_json_text(v) for v in value[:100]) if t]
        return ", ".join(parts) or None
    return _Numeric(value)


def _additional_properties(
    builder: _Builder, rec: Record, item: dict[str, Any], line: int | None, prefix: str
) -> None:
    """schema.org `additionalProperty`: PropertyValue name/value pairs are specs."""
    props = item.get("additionalProperty")
    if not isinstance(props, list):
        return
    for i, prop in enumerate(props[:200]):
        if not isinstance(prop, dict):
            continue
        label, value = _json_text(prop.get("name")), _json_text(prop.get("value"))
        unit = _json_text(prop.get("unitText"))
        if label and value:
            text = f"{value} {unit}" if unit and _BARE_NUMBER.match(value) else value
            where = Location(path=rec.path, line=line, selector=f"{prefix}.additionalProperty[{i}]")
            builder.add_spec(rec, label.strip(), text.strip(), where)


def _record_list(doc: Any) -> tuple[tuple[str, ...], list[Any] | None] | None:
    """The list of product objects: the document itself, a well-known key, or the first.

    Preferred keys ("products", "items", ...) are searched up to three levels deep; then a
    top-level object that has a name of its own is one product (its `offers` list is not
    a catalog), returned as ((), None); then the first list of objects near the top.
    """
    if isinstance(doc, list):
        return (), doc
    if not isinstance(doc, dict):
        return None
    found = _search(doc, _preferred_key)
    if found is not None:
        return found
    if any(_norm(k) in SYNONYMS["name"] for k in doc if isinstance(k, str)):
        return (), None
    return _search(doc, _first_key)


def _is_object_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def _preferred_key(obj: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The list under a catalog-like key ("products", "items", ...), in that key order."""
    for key in _LIST_KEYS:
        for actual, value in obj.items():
            if isinstance(actual, str) and actual.casefold() == key and _is_object_list(value):
                return actual, value
    return None


def _first_key(obj: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The first list of objects in `obj`, whatever its key."""
    for key, value in obj.items():
        if _is_object_list(value):
            return key, value
    return None


def _search(
    obj: dict[str, Any],
    pick: Callable[[dict[str, Any]], tuple[str, list[Any]] | None],
    path: tuple[str, ...] = (),
    depth: int = 0,
) -> tuple[tuple[str, ...], list[Any]] | None:
    """`pick` in `obj`, then in its nested objects, at most three levels deep."""
    found = pick(obj)
    if found is not None:
        return (*path, found[0]), found[1]
    if depth >= 2:
        return None
    for key, value in obj.items():
        if isinstance(value, dict):
            nested = _search(value, pick, (*path, key), depth + 1)
            if nested is not None:
                return nested
    return None


def _parse_with_offsets(text: str) -> tuple[Any, dict[str | None, list[int]]]:
    """json.loads, but noting where each element of the top-level list(s) starts.

    The document's outer array, or each array that is a direct member of its outer object,
    is walked element by element with the C decoder's `raw_decode`, so the offsets come
    with the parse instead of costing a second one. Returns (value, {key or None: offsets}).
    """
    offsets: dict[str | None, list[int]] = {}
    i = _WS.match(text, 0).end()
    if text.startswith("\ufeff", i):
        i = _WS.match(text, i + 1).end()
    if text.startswith("[", i):
        value, end, starts = _scan_array(text, i)
        offsets[None] = starts
    elif text.startswith("{", i):
        value, end = _scan_object(text, i, offsets)
    else:
        value, end = _DECODER.raw_decode(text, i)
    end = _WS.match(text, end).end()
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value, offsets


def _scan_array(text: str, i: int) -> tuple[list[Any], int, list[int]]:
    items: list[Any] = []
    starts: list[int] = []
    j = _WS.match(text, i + 1).end()
    if text.startswith("]", j):
        return items, j + 1, starts
    while True:
        starts.append(j)
        value, j = _DECODER.raw_decode(text, j)
        items.append(value)
        j = _WS.match(text, j).end()
        if text.startswith(",", j):
            j = _WS.match(text, j + 1).end()
        elif text.startswith("]", j):
            return items, j + 1, starts
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, j)


def _scan_object(
    text: str, i: int, offsets: dict[str | None, list[int]]
) -> tuple[dict[str, Any], int]:
    obj: dict[str, Any] = {}
    j = _WS.match(text, i + 1).end()
    if text.startswith("}", j):
        return obj, j + 1
    while True:
        if not text.startswith('"', j):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, j)
        key, j = _SCANSTRING(text, j + 1)
        j = _WS.match(text, j).end()
        if not text.startswith(":", j):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, j)
        j = _WS.match(text, j + 1).end()
        if text.startswith("[", j):
            value, j, starts = _scan_array(text, j)
            offsets[key] = starts
        else:
            value, j = _DECODER.raw_decode(text, j)
        obj[key] = value
        j = _WS.match(text, j).end()
        if text.startswith(",", j):
            j = _WS.match(text, j + 1).end()
        elif text.startswith("}", j):
            return obj, j + 1
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, j)


class _LineIndex:
    """Offsets -> 1-based lines, with the newline table built once."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def line(self, offset: int) -> int:
        from bisect import bisect_right

        return bisect_right(self.starts, offset)


# --- XLSX ----------------------------------------------------------------------------------

_SHEET_NAMES = re.compile(r"product|catalog|katalog|artikel|items|produkt|price ?list|preisliste")
_NUMBER_DECIMALS = re.compile(r"\.(0+)")
_QUOTED = re.compile(r'"[^"]*"')
_FORMAT_CURRENCY = re.compile(r'\[\$([^\]\-]+)|"([^"]{1,4})"|([$€£¥])')


def _load_xlsx(ctx: _Ctx, data: bytes, columns: dict[str, str], encoding: str | None) -> None:
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
        ctx.problem(ctx.file_loc, f"unreadable XLSX sheet: {type(exc).__name__}: {exc}")
    finally:
        workbook.close()


def _open_workbook(ctx: _Ctx, data: bytes) -> Any:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        ctx.problem(ctx.file_loc, f"not an XLSX file (bad zip: {exc})")
        return None
    if total > MAX_XLSX_UNCOMPRESSED:
        ctx.problem(
            ctx.file_loc,
            f"XLSX expands to {total:,} bytes, over the {MAX_XLSX_UNCOMPRESSED:,} allowed",
        )
        return None
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises KeyError, InvalidFileException, XML errors...
        ctx.problem(ctx.file_loc, f"unreadable XLSX file: {type(exc).__name__}: {exc}")
        return None


def _read_sheet(ctx: _Ctx, workbook: Any, columns: dict[str, str]) -> None:
    from openpyxl.utils import get_column_letter

    sheets = workbook.worksheets
    if not sheets:
        ctx.problem(ctx.file_loc, "the workbook has no worksheet")
        return
    sheet = next((s for s in sheets if _SHEET_NAMES.search(s.title.casefold())), sheets[0])
    sheet.reset_dimensions()
    ref = _sheet_ref(sheet.title)
    rows = enumerate(sheet.iter_rows(), start=1)
    header_row, header_cells = next(
        ((r, cells) for r, cells in rows if any(_xlsx_text(c) for c in cells)), (0, None)
    )
    if header_cells is None:
        ctx.problem(ctx.file_loc, f"sheet {sheet.title!r} is empty")
        return
    labels = [(_xlsx_text(c) or "").strip() for c in header_cells]
    while labels and not labels[-1]:
        labels.pop()
    headers = [_header(label) if label else _Header("", "") for label in labels]
    header_loc = Location(
        path=ctx.path, line=header_row, selector=f"{ref}!{header_row}:{header_row}"
    )
    plan = _plan(ctx, headers, columns, header_loc)
    if plan is None:
        return
    builder = _Builder(ctx, plan, headers)
    letters = [get_column_letter(i + 1) for i in range(len(headers))]
    path = ctx.path
    width = len(headers)
    index = 0
    for number, cells in rows:
        values = [_xlsx_text(c) for c in cells[:width]]
        if not any(v and v.strip() for v in values):
            continue
        if index >= MAX_ROWS:
            ctx.problem(Location(path=path, line=number), f"stopped after {MAX_ROWS:,} rows")
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
        return _Numeric(_number_text(value, getattr(cell, "number_format", None) or "General"))
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
    if not sign or not _is_currency(sign):
        return text
    return f"{text} {sign}" if sign.isalpha() else f"{sign}{text}"


# --- Merchant Center feed XML --------------------------------------------------------------

_PRODUCT_DETAIL = f"{{{GOOGLE_NS}}}product_detail"
_RSS_ITEM_TAGS = ("item", "{http://purl.org/rss/1.0/}item")


def _load_feed_xml(ctx: _Ctx, data: bytes, columns: dict[str, str], encoding: str | None) -> None:
    """RSS 2.0 `<item>`s or Atom `<entry>`s with Merchant Center `g:` fields.

    Parsed with lxml set against hostile XML: no network, no DTD loading, no entity
    substitution, libxml2's size limits on (huge_tree=False). A feed that declares
    entities at all is refused: real feeds never do, and hostile ones do little else.
    A `g:` field wins over a plain one of the same name (g:title over title), Atom's
    `<link href>` is the link, `g:product_detail` attribute name/value pairs and
    `g:shipping_weight` are specs. Lines come from lxml's `sourceline`.
    """
    root = _parse_xml(ctx, data, encoding)
    if root is None:
        return
    items = [el for el in root.iter(*_RSS_ITEM_TAGS, f"{{{ATOM_NS}}}entry", "entry")]
    if not items:
        ctx.problem(ctx.file_loc, "no <item> or <entry> elements in the feed")
        return
    if len(items) > MAX_ROWS:
        ctx.problem(ctx.file_loc, f"stopped after {MAX_ROWS:,} items")
        items = items[:MAX_ROWS]
    noun = "entry" if items[0].tag.endswith("entry") else "item"
    fields_of = [_feed_fields(item) for item in items]
    first_label: dict[str, str] = {}
    for fields in fields_of[:_HEADER_SAMPLE]:
        for local, (_, _, label) in fields.items():
            first_label.setdefault(local, label)
    keys = list(first_label)
    headers = [_header(first_label[k]) for k in keys]
    header_loc = Location(path=ctx.path, line=items[0].sourceline)

    def lookup(wanted: str) -> int | None:
        local = wanted.removeprefix("g:")
        if any(local in f for f in fields_of):
            keys.append(local)
            headers.append(_header(wanted))
            return len(keys) - 1
        return None

    plan = _plan(ctx, headers, columns, header_loc, lookup)
    if plan is None:
        return
    builder = _Builder(ctx, plan, headers)
    for index, (item, fields) in enumerate(zip(items, fields_of, strict=True)):
        rec = _feed_record(builder, index, f"{noun} {index + 1}", item, fields, keys)
        _product_details(builder, rec, item, f"{noun} {index + 1}")
        ctx.out.records.append(rec)


def _feed_record(
    builder: _Builder,
    index: int,
    name: str,
    item: Any,
    fields: dict[str, tuple[str, int | None, str]],
    keys: list[str],
) -> Record:
    """One feed item through the plan; each field points at the element it came from."""
    path = builder.ctx.path
    values: list[str | None] = [None] * len(keys)
    found: dict[int, tuple[int | None, str]] = {}
    for pos in builder.plan.used:
        got = fields.get(keys[pos])
        if got is not None:
            values[pos] = got[0]
            found[pos] = got[1], got[2]

    def loc(pos: int) -> Location:
        line, label = found.get(pos, (item.sourceline, keys[pos]))
        return Location(path=path, line=line, selector=f"{name} {label}")

    record_loc = Location(path=path, line=item.sourceline, selector=name)
    return builder.build(index, record_loc, values, loc)


def _parse_xml(ctx: _Ctx, data: bytes, encoding: str | None) -> Any:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        encoding=encoding,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError, LookupError) as exc:
        line = getattr(exc, "lineno", None)
        ctx.problem(Location(path=ctx.path, line=line), f"invalid feed XML: {exc}")
        return None
    if root is None:
        ctx.problem(ctx.file_loc, "empty feed XML")
        return None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        ctx.problem(
            ctx.file_loc, "the feed declares XML entities; refused (entities are not expanded)"
        )
        return None
    return root


def _feed_fields(item: Any) -> dict[str, tuple[str, int | None, str]]:
    """An item's simple child elements: local name -> (text, line, label as written).

    `g:title` and a plain `title` are one field; the `g:` one wins, the other is the
    fallback (RSS items often carry only the plain title and link).
    """
    fields: dict[str, tuple[str, int | None, str]] = {}
    for child in item:
        tag = child.tag
        if not isinstance(tag, str) or len(child):
            continue
        ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        if local == "link" and child.get("href") is not None:
            text = child.get("href") if child.get("rel", "alternate") == "alternate" else None
        else:
            text = child.text
        if text is None:
            continue
        if ns == GOOGLE_NS:
            if local not in fields or not fields[local][2].startswith("g:"):
                fields[local] = (text, child.sourceline, f"g:{local}")
        elif local not in fields:
            fields[local] = (text, child.sourceline, local)
    return fields


def _product_details(builder: _Builder, rec: Record, item: Any, name: str) -> None:
    """g:product_detail (section_name, attribute_name, attribute_value) -> specs."""
    for k, detail in enumerate(item.iterchildren(_PRODUCT_DETAIL), start=1):
        label = detail.findtext(f"{{{GOOGLE_NS}}}attribute_name")
        value = detail.findtext(f"{{{GOOGLE_NS}}}attribute_value")
        if label and value and label.strip() and value.strip():
            where = Location(
                path=rec.path, line=detail.sourceline, selector=f"{name} g:product_detail[{k}]"
            )
            builder.add_spec(rec, label.strip()[:200], value.strip()[:MAX_CELL], where)


def _head_text(head: bytes) -> str:
    """The head as text for sniffing: a BOM's codec, else Latin-1 (never fails)."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head.decode(codec, "ignore")
    return head.decode("latin-1")


_LOADERS: dict[str, Callable[[_Ctx, bytes, dict[str, str], str | None], None]] = {
    "json": _load_json,
    "jsonl": _load_jsonl,
    "xlsx": _load_xlsx,
    "feed-xml": _load_feed_xml,
}

__all__ = [
    "CATALOG_FORMATS",
    "FIELDS",
    "SYNONYMS",
    "catalog_format",
    "load_catalog",
]
