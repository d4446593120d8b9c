"""The prose inside catalog rows: name and description cells as a Document for the text
rules, and the support claims ("1-year warranty") a description states.

Catalog files are read as Records, not parsed as documents, so neither text rules nor claim
extraction would see them. A partner auditing their own catalog needs both: an off-brand
term or a wrong warranty in a product description is exactly what they must fix. So the
prose cells of a file's records become one Document, one `table-cell` segment per cell,
each segment carrying its cell's Location (row line, `column 'Description'`); the engine
runs the text rules on it as on any page, and findings point at the cell. Extraction runs
no rules itself.
"""

from __future__ import annotations

from msglint.model import Document, Record, Role, Segment

#: Record fields whose text is prose a partner wrote.
PROSE_FIELDS = ("name", "description")


def read_claims(records: list[Record]) -> None:
    """Attach the support claims of each record's description, at the description's cell
    (as a product page's claims belong to its product)."""
    from msglint.values.claims import find_claims, has_claim_words

    for record in records:
        text = record.description
        if not text or not has_claim_words(text):
            continue
        where = record.location("description")
        record.claims.extend(claim.located(where) for claim in find_claims(text))


def prose_document(
    records: list[Record], *, source: str, role: Role, path: str, url: str | None = None
) -> Document | None:
    """The prose cells of `records` (one file's) as one Document, or None without any.

    `content` is the cells' texts joined by newlines, so anything reading the whole text
    reads the prose; every segment's evidence is its cell's Location, not a place in that
    joined text.
    """
    texts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for record in records:
        for fieldname in PROSE_FIELDS:
            text = getattr(record, fieldname)
            if not text:
                continue
            where = record.location(fieldname)
            segments.append(Segment(kind="table-cell", text=text, runs=[(0, offset)], where=where))
            texts.append(text)
            offset += len(text) + 1
    if not segments:
        return None
    return Document(
        source=source,
        role=role,
        path=path,
        format="text",
        content="\n".join(texts),
        segments=segments,
        url=url,
    )
