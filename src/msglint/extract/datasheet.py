"""A datasheet's product record: the spec table of a PDF or DOCX, read like a page's.

A manufacturer's datasheet is a product page on paper: a title naming the product, an
article number, and a table of specifications. Its two-column table rows (the PDF and
DOCX readers keep them in `Document.rows`) and its "Label: value" lines become specs
with the same functions a page's spec table goes through (`split_spec`, `parse_spec`,
`identifiers_in_text`), so a distributor's datasheet saying 14 kg is compared with the
brand's 12 kg by the `spec` rule, with the page and line of the row as evidence.
"""

from __future__ import annotations

import re

from msglint.extract.heuristics import MAX_LABEL, MAX_VALUE, identifiers_in_text, split_spec
from msglint.model import Document, Location, Record
from msglint.parse.layout import NOTE_LABEL

#: Fewer specs than this and a document is prose that happens to hold a table.
MIN_SPECS = 3
#: A table's header row, not a spec: "Parameter | Value", "Eigenschaft | Wert".
_HEADER_WORDS_WORDS_TEXT = (
    "parameter parameters value values property properties specification specifications "
    "feature features item description unit data eigenschaft wert merkmal angabe"
)
_HEADER_WORDS = frozenset(_HEADER_WORDS_WORDS_TEXT.split())
_DATASHEET_TITLE = re.compile(
    r"\b(?:datasheet|data\s+sheet|spec(?:ification)?\s+sheet|technical\s+data|product\s+sheet|"
    r"datenblatt|technisches\s+datenblatt|fiche\s+technique)\b",
    re.IGNORECASE,
)
_MANUAL_TITLE = re.compile(
    r"\b(?:manual|instructions?|guide|handbook|anleitung|handbuch|mode\s+d'emploi)\b", re.I
)
#: "Weight: 12 kg" lines: a short label, a short value.
MAX_LINE_LABEL_WORDS = 3
MAX_LINE_VALUE = 40
_FORMAT_WORDS = re.compile(
    r"\s*[-–—:|]?\s*\b(?:product\s+)?(?:datasheet|data\s+sheet|technical\s+data|"
    r"spec(?:ification)?s?(?:\s+sheet)?|datenblatt|fiche\s+technique)\b\s*$",
    re.IGNORECASE,
)


def is_datasheet(doc: Document) -> bool:
    """A datasheet by its title, or a short document (two pages at most) with a spec table;
    a manual's "Technical data" table is compared as part of the manual instead."""
    title = doc.title or ""
    if _DATASHEET_TITLE.search(title):
        return True
    if _MANUAL_TITLE.search(title):
        return False
    return len(doc.pages or [0]) <= 2 and sum(len(r) == 2 for r in doc.rows) >= 5


def datasheet_record(doc: Document) -> Record | None:
    """The product a PDF or DOCX datasheet describes, or None for other documents."""
    from msglint.values.specs import parse_spec

    if not is_datasheet(doc):
        return None
    rec = Record(source=doc.source, role=doc.role, path=doc.path, url=doc.url, origin="datasheet")
    for label, value, offset in _pairs(doc):
        if label.casefold() in _HEADER_WORDS or value.casefold() in _HEADER_WORDS:
            continue
        ids = identifiers_in_text(f"{label}: {value}")
        if ids:  # "Article no. | AF-X100": an identifier, not a spec
            for fieldname, (found, start, end) in ids.items():
                if getattr(rec, fieldname) is None:
                    setattr(rec, fieldname, found)
                    shift = start - len(label) - 2
                    rec.where[fieldname] = _at(doc, offset + max(shift, 0), end - start)
            continue
        spec = parse_spec(label, value)
        if spec.key and spec.key not in rec.specs:
            rec.specs[spec.key] = spec.located(_at(doc, offset, len(value)))
    if len(rec.specs) < MIN_SPECS:
        return None
    for seg in doc.segments[:200]:
        for fieldname, (value, start, end) in identifiers_in_text(seg.text).items():
            if getattr(rec, fieldname) is None:
                setattr(rec, fieldname, value)
                rec.where[fieldname] = _at(doc, seg.source_offset(start), end - start)
    title = doc.title
    if isinstance(title, str) and title.strip():
        rec.name = _FORMAT_WORDS.sub("", " ".join(title.split())) or None
    if rec.name is None and not (rec.sku or rec.gtin or rec.mpn):
        return None
    rec.at = _at(doc, 0, 1)
    rec.where.setdefault("name", rec.at)
    return rec


def _pairs(doc: Document) -> list[tuple[str, str, int]]:
    """(label, value, offset of the value) from two-cell rows and "Label: value" lines."""
    out = []
    for row in doc.rows:
        if len(row) == 2:
            (label, _), (value, offset) = row
            label = label.rstrip(":").strip()
            if label and value and len(label) <= MAX_LABEL and len(value) <= MAX_VALUE:
                out.append((label, value, offset))
    for seg in doc.segments:
        if seg.kind not in ("paragraph", "list-item") or len(seg.text) > MAX_LABEL + MAX_VALUE:
            continue
        split = split_spec(seg.text)
        if split is not None and any(ch.isdigit() for ch in split[1]):
            label, value = split
            if len(label.split()) > MAX_LINE_LABEL_WORDS or len(value) > MAX_LINE_VALUE:
                continue
            if NOTE_LABEL.match(label):
                continue
            offset = seg.source_offset(seg.text.index(value, len(label)))
            out.append((label, value, offset))
    return out


def _at(doc: Document, offset: int, length: int) -> Location:
    page, line, column = doc.page_line(offset)
    return Location(
        path=doc.path,
        page=page,
        line=line,
        column=column,
        end_line=line,
        end_column=column + max(length, 1),
        url=doc.url,
        segment="table-cell",
    )


def merge_datasheets(records: list[Record]) -> list[Record]:
    """One source's records with each datasheet folded into the product page it describes.

    A brand (or a partner) that publishes a product page and its datasheet describes one
    product twice; matched separately, one of the two would be a product "missing" at every
    partner. A datasheet whose identifier (GTIN, SKU, MPN) or name equals a product page's
    gives that record the specs it lacks and is dropped; other datasheets stay records.
    """
    sheets = [r for r in records if r.origin == "datasheet"]
    if not sheets:
        return records
    pages = [r for r in records if r.kind == "product" and r.origin != "datasheet"]
    dropped: set[int] = set()
    for sheet in sheets:
        page = next((p for p in pages if _same_product(p, sheet)), None)
        if page is None:
            continue
        for key, spec in sheet.specs.items():
            if key not in page.specs:
                page.specs[key] = spec  # with its evidence in the datasheet
        dropped.add(id(sheet))
    return [r for r in records if id(r) not in dropped]


def _same_product(a: Record, b: Record) -> bool:
    for fieldname in ("gtin", "sku", "mpn"):
        x, y = getattr(a, fieldname), getattr(b, fieldname)
        if x and y:
            return _norm(x) == _norm(y)
    return bool(a.name and b.name and _norm(a.name) == _norm(b.name))


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
