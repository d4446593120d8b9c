"""The plain values that flow through the pipeline: Document, Segment, Record, Group, Finding.

Every stage takes and returns these; none of them knows about the terminal or the
parsers, so a reporter or a check can be written against this module alone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters; `--fail-on` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Role(StrEnum):
    """What a source is to the brand.

    `reference` is the brand's canonical content, `partner` a reseller's, distributor's or
    franchisee's copy, `docs` a content repository linted by text rules only.
    """

    REFERENCE = "reference"
    PARTNER = "partner"
    DOCS = "docs"


#: The kinds of prose segment a parser emits; rule scopes select among them.
SEGMENT_KINDS: tuple[str, ...] = (
    "heading",
    "paragraph",
    "list-item",
    "table-cell",
    "blockquote",
    "alt-text",
    "title",
    "meta-description",
    "text",
)


@dataclass(slots=True)
class Segment:
    """A run of prose as the reader sees it, with a map back to the source text.

    `runs` holds `(text_offset, source_offset)` pairs, one per stretch of `text` that was
    copied verbatim from the source; whitespace collapsing and skipped markup start a new
    stretch. That keeps every match traceable to its exact line and column at the cost of a
    few tuples per segment instead of one integer per character.
    """

    kind: str
    text: str
    runs: list[tuple[int, int]]
    node: Any = None  # parser-specific handle, used only to build a CSS path on demand

    def source_offset(self, text_offset: int) -> int:
        """Offset in the document's source of the character at `text_offset` in `text`."""
        if not self.runs:
            return 0
        i = bisect_right(self.runs, (text_offset, float("inf"))) - 1
        if i < 0:
            i = 0
        t0, s0 = self.runs[i]
        return s0 + (text_offset - t0)


@dataclass(slots=True)
class Document:
    """One parsed file or page: its prose segments and enough of its source for evidence."""

    source: str
    role: Role
    path: str
    format: str
    content: str
    segments: list[Segment] = field(default_factory=list)
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    selector_of: Callable[[Segment], str | None] | None = None
    _line_starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; the line table is built on first use."""
        if self._line_starts is None:
            starts = [0]
            find = self.content.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding's evidence is: file or URL, line and column, CSS path for HTML."""

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    selector: str | None = None
    url: str | None = None
    segment: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "selector": self.selector,
            "url": self.url,
            "segment": self.segment,
        }


@dataclass(slots=True)
class Finding:
    """One inconsistency, with its evidence: the rule, where, what was expected and found.

    `context` is the surrounding prose; it feeds the fingerprint, which must survive line
    shifts, so it never includes line numbers.
    """

    rule: str
    severity: Severity
    message: str
    source: str
    location: Location
    actual: str | None = None
    expected: str | None = None
    role: Role | None = None
    context: str | None = None
    link: str | None = None
    fingerprint: str = ""
    #: Consistency findings: the product, and where the expected (reference) value came from.
    product: str | None = None
    reference: Location | None = None
    reference_source: str | None = None
    #: From the run history (when it is on): when this finding was first seen (ISO 8601),
    #: and, past the partner's SLA for its severity, why it is overdue ("open 9 days; SLA 7d").
    first_seen: str | None = None
    overdue: str | None = None
    #: Consistency findings: the record field compared ("price", "spec:weight",
    #: "claim:warranty"), for reports that turn findings into edits (not in to_dict).
    field: str | None = None
    #: The replacement for `actual` when the rule knows it for sure (terminology,
    #: capitalization); `msglint check --fix` writes it over the exact source span. Not in
    #: to_dict: the JSON report's schema (and the example's pinned report) stays as it was.
    fix: str | None = None

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (self.source, loc.path, loc.line or 0, loc.column or 0, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "source": self.source,
            "role": self.role.value if self.role else None,
            "location": self.location.to_dict(),
            "expected": self.expected,
            "actual": self.actual,
            "link": self.link,
            "fingerprint": self.fingerprint,
            "product": self.product,
            "reference": None
            if self.reference is None
            else {"source": self.reference_source, **self.reference.to_dict()},
            **({"first_seen": self.first_seen} if self.first_seen else {}),
            **({"overdue": self.overdue} if self.overdue else {}),
        }


def match_location(doc: Document, segment: Segment, start: int, end: int) -> Location:
    """The Location of `segment.text[start:end]` in `doc`, for a finding's evidence."""
    line, column = doc.position(segment.source_offset(start))
    end_line, end_column = doc.position(segment.source_offset(max(start, end - 1)) + 1)
    return Location(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        selector=doc.selector_of(segment) if doc.selector_of else None,
        url=doc.url,
        segment=segment.kind,
    )


def document_location(doc: Document) -> Location:
    """The Location of a whole document (a required statement that is missing, say)."""
    return Location(path=doc.path, line=1, column=1, url=doc.url)


# --- extract -> match -> consistency checks -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Price:
    """A price as a customer reads it: exact amount, ISO 4217 currency, billing period.

    `period` is "month", "year" or "one-time", or None when the page does not say;
    `kind` is "list" (the regular price) or "sale" (a reduced price shown next to it).
    """

    amount: Decimal
    currency: str | None = None
    period: str | None = None
    kind: str = "list"
    text: str = ""

    def display(self) -> str:
        """ "USD 1,299.00/month": unambiguous whatever locale the page was written in."""
        head = f"{self.currency} " if self.currency else ""
        tail = {"month": "/month", "year": "/year"}.get(self.period or "", "")
        return f"{head}{self.amount:,.2f}{tail}"


@dataclass(frozen=True, slots=True)
class Spec:
    """One specification: normalized key, the label and value as written, and the value
    as a quantity in base units when it is one, so "2.5 kg" and "5.51 lb" compare equal.
    """

    key: str
    label: str
    text: str
    magnitude: float | None = None
    unit: str | None = None
    dimension: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A support fact stated in prose ("2-year warranty", "99.9% uptime", "24/7 support").

    `value` is normalized: days for durations (warranty, returns, trial), a percentage for
    an SLA, an amount for a free-shipping threshold, a canonical string otherwise ("24/7",
    "lifetime", "phone"). `start`/`end` index the text the claim was found in.
    """

    kind: str
    value: Decimal | str
    unit: str
    text: str
    sentence: str = ""
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Record:
    """One product (or one site-wide policy) as a source states it, with evidence per field.

    `where` maps a field ("name", "price", "spec:weight", "claim:warranty") to the Location
    it was read from, so every consistency finding can point at both sides.
    """

    source: str
    role: Role
    path: str
    url: str | None = None
    kind: str = "product"
    origin: str = ""
    index: int = 0
    item_id: str | None = None  # the source's own row/item id (catalog "id", feed g:id)
    name: str | None = None
    brand: str | None = None
    sku: str | None = None
    mpn: str | None = None
    gtin: str | None = None
    codes: tuple[str, ...] = ()
    prices: list[Price] = field(default_factory=list)
    specs: dict[str, Spec] = field(default_factory=dict)
    description: str | None = None
    claims: list[Claim] = field(default_factory=list)
    where: dict[str, Location] = field(default_factory=dict)
    #: Prices shown in the page's visible text when the record came from structured data,
    #: kept so the page can be checked against itself (JSON-LD says 299, the page 279).
    page_prices: list[Price] = field(default_factory=list)

    @property
    def price(self) -> Price | None:
        """The price the customer pays: the sale price if one is shown, else the list price."""
        sale = next((p for p in self.prices if p.kind == "sale"), None)
        return sale or (self.prices[0] if self.prices else None)

    @property
    def key(self) -> str:
        """A stable identity within a run: source, file or URL, position on the page."""
        return f"{self.source}:{self.url or self.path}#{self.index}"

    @property
    def label(self) -> str:
        if self.kind == "policy":
            return "site-wide policy"
        return self.name or self.sku or self.mpn or self.gtin or f"record {self.index + 1}"

    def location(self, fieldname: str = "name") -> Location:
        """Evidence for one field, falling back to the record's own place."""
        return (
            self.where.get(fieldname)
            or self.where.get("record")
            or Location(path=self.path, url=self.url)
        )


@dataclass(frozen=True, slots=True)
class Match:
    """A partner record aligned to a reference record, and how sure the matcher is."""

    record: Record
    method: str  # "gtin", "sku", "mpn", "code" (model code) or "name"
    score: float  # 100 for identifier matches, the fuzzy score for names


@dataclass(slots=True)
class Group:
    """One reference record and every partner record matched to it."""

    reference: Record
    matches: list[Match] = field(default_factory=list)
