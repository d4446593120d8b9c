"""extract: Documents and catalog files -> Records, the facts consistency rules compare.

Each module does one job: `structured` (schema.org JSON-LD, microdata, OpenGraph),
`selectors` (per-source CSS selectors), `heuristics` (spec tables, visible prices),
`catalog` (CSV, JSON, XLSX, product feeds), `catalog_prose` (the prose cells of catalog
rows) and `plans` (SaaS plans on pricing pages and in price lists). Values are read by
`msglint.values` (prices, specs, claims, identifiers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from msglint.model import DocDigest, Location, Plan, Record


class ProblemCode(StrEnum):
    """What kind of trouble extraction met, so the engine and the audit decide by kind,
    never by message text."""

    NO_DATA = "no-data"  # a page without product data or support claims
    NOT_A_CATALOG = "not-a-catalog"  # a file of a format msglint does not read as a catalog
    UNREADABLE = "unreadable"  # the file or document as a whole cannot be read
    COLUMNS = "columns"  # the catalog's columns cannot be mapped to fields
    UNRECOGNIZED = "unrecognized"  # columns no table knows, read as specs by their header
    ROW = "row"  # one row, line or object skipped
    VALUE = "value"  # one value (a price, a cell) could not be read whole
    MALFORMED = "malformed"  # one block of structured data (JSON-LD) is broken
    LIMIT = "limit"  # a size limit stopped reading (rows, problems, uncompressed size)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that could not be read: where, what kind, and why in words."""

    where: Location
    code: ProblemCode
    reason: str


@dataclass(slots=True)
class Extraction:
    """Records read from one file or page, and what could not be read, with where."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: A document's digest for pairing and the `document` rules (when they run).
    digest: DocDigest | None = None
    #: SaaS plans (a pricing page's, a price list's): extract/plans.
    plans: list[Plan] = field(default_factory=list)

    def problem(self, where: Location, code: ProblemCode, reason: str) -> None:
        self.problems.append(Problem(where, code, reason))
