"""The prose inside catalog rows: text rules on name and description cells, and the support
claims ("1-year warranty") a description states.

Catalog files are read as Records, not parsed as documents, so neither text rules nor claim
extraction see them in `msglint check`. A partner auditing their own catalog needs both: an
off-brand term or a wrong warranty in a product description is exactly what they must fix.
Each cell becomes a one-segment Document (kind `table-cell`) so the real rules run on it
unchanged; findings then point at the cell (row line, `column 'Description'`).
"""

from __future__ import annotations

from dataclasses import replace

from msglint.checks import TextRule
from msglint.extract import Extraction
from msglint.model import Document, Finding, Location, Record, Segment

#: Record fields whose text is prose a partner wrote.
PROSE_FIELDS = ("name", "description")


def check_cells(extraction: Extraction, rules: list[TextRule], findings: list[Finding]) -> None:
    """Run `rules` on every prose cell of the extraction's records and attach the claims
    of each description to its record (as a product page's claims are)."""
    from msglint.values.claims import find_claims, has_claim_words

    for record in extraction.records:
        for fieldname in PROSE_FIELDS:
            text = getattr(record, fieldname)
            if not text:
                continue
            where = record.location(fieldname)
            if rules:
                findings.extend(_check_cell(record, text, where, rules))
            if fieldname == "description" and has_claim_words(text):
                for claim in find_claims(text):
                    record.claims.append(claim)
                    record.where.setdefault(f"claim:{claim.kind}", where)
                    record.where[f"claim:{claim.kind}:{len(record.claims) - 1}"] = where


def _check_cell(record: Record, text: str, where: Location, rules: list[TextRule]) -> list[Finding]:
    doc = Document(
        source=record.source,
        role=record.role,
        path=record.path,
        format="text",
        content=text,
        segments=[Segment(kind="table-cell", text=text, runs=[(0, 0)])],
        url=record.url,
    )
    out: list[Finding] = []
    for rule in rules:
        if rule.applies_to(doc):
            for finding in rule.check(doc):
                finding.location = replace(where, segment="table-cell")
                out.append(finding)
    return out
