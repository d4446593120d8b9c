"""extract: Documents and catalog files -> Records, the facts consistency rules compare.

Each module does one job: `structured` (schema.org JSON-LD, microdata, OpenGraph),
`selectors` (per-source CSS selectors), `heuristics` (spec tables, visible prices),
`catalog` (CSV, JSON, XLSX, product feeds), `prices`, `specs` and `claims` (normalizers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from msglint.model import DocDigest, Location, Record


@dataclass(slots=True)
class Extraction:
    """Records read from one file or page, and what could not be read, with where."""

    records: list[Record] = field(default_factory=list)
    problems: list[tuple[Location, str]] = field(default_factory=list)
    #: A document's digest for pairing and the `document` rules (when they run).
    digest: DocDigest | None = None
