"""The result of one run: everything a reporter, the score, the history and a bundle need.

The engine produces a `RunResult`; every output format renders one; `report/json.py` writes
one as JSON and reads it back into the same type, so a live run and a saved report take the
same path. It holds plain data only: records, groups and findings from `msglint.model`, and
summaries of the config and the rules (never the config or rule objects themselves).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msglint.model.common import Severity
from msglint.model.findings import Finding
from msglint.model.plans import PlanGroup
from msglint.model.records import Group, Record
from msglint.model.scorecard import Scorecard


@dataclass(frozen=True, slots=True)
class ConfigInfo:
    """Which config shaped the run: its file name and digest (and, live, its folder)."""

    name: str | None
    digest: str
    #: The project folder (relative paths in findings are relative to it); None when the
    #: result was loaded from a saved report.
    root: Path | None = None


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule of the run, as reports describe it."""

    id: str
    kind: str
    level: Severity
    description: str | None = None
    link: str | None = None
    #: The pack it came from ("msglint" for msglint's own rules).
    pack: str = ""
    #: The key of its kind's documentation in `RunResult.kinds` (the kind's class, since
    #: two families may use one kind name: msglint's and Vale's `capitalization`).
    doc: str = ""


@dataclass(slots=True)
class Unmatched:
    """Records matching took no pair for, per partner source."""

    #: Reference products a partner lacks.
    reference: dict[str, list[Record]] = field(default_factory=dict)
    #: Partner records that matched no reference product.
    partner: dict[str, list[Record]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Suppression:
    """One inline suppression comment found in a document, and whether it hid a finding."""

    source: str
    path: str
    line: int
    text: str
    used: bool


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """A source's score and counts in one recorded run."""

    time: str
    score: float | None
    findings: int
    overdue: int


@dataclass(frozen=True, slots=True)
class BaselineSummary:
    """What a baseline file did to the run."""

    path: str
    #: Findings the baseline accepted (not shown; still open in the history).
    hidden: int
    #: Entries that matched no finding: fixed since the baseline was written.
    stale: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class HistorySummary:
    """What recording the run in the history did (or why it recorded nothing)."""

    path: str
    run_id: int | None = None
    new: int = 0
    fixed: int = 0
    overdue: int = 0
    error: str | None = None


@dataclass(slots=True)
class FilterSummary:
    """What the filter stage did, for the command line to say (not in reports)."""

    suppressed: int = 0
    baseline: BaselineSummary | None = None
    history: HistorySummary | None = None
    #: Said once on stderr (why a screenshot could not be taken, say).
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Timings:
    """Wall-clock seconds per stage (not written to JSON: reports stay reproducible)."""

    read_check: float = 0.0
    compare: float = 0.0
    filter: float = 0.0
    total: float = 0.0


@dataclass(slots=True)
class RunResult:
    """Everything about one run that leaves the engine."""

    findings: list[Finding]
    config: ConfigInfo
    #: Each source's records (products and policies), in the order they were read.
    records: dict[str, list[Record]] = field(default_factory=dict)
    #: Each source's checked files and pages (path, or URL for fetched pages).
    documents: dict[str, list[str]] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    unmatched: Unmatched = field(default_factory=Unmatched)
    #: The rules the run had on, and the documentation of their kinds (RuleInfo.doc -> text).
    rules: list[RuleInfo] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)
    #: Said once on stderr, not in reports (a Vale style's skipped rules, say).
    warnings: list[str] = field(default_factory=list)
    #: Per-source scores over past runs, when the run history is on.
    history: dict[str, list[TrendPoint]] | None = None
    #: Time to fix and SLA compliance per partner over the last four weeks, when the run
    #: history is on (what `msglint history --partners` shows).
    scorecard: Scorecard | None = None
    filtered: FilterSummary = field(default_factory=FilterSummary)
    #: SaaS plans side by side: each brand plan and every partner's plan matched to it,
    #: then the partner plans the brand does not offer.
    plan_groups: list[PlanGroup] = field(default_factory=list)

    @property
    def counts_of_records(self) -> dict[str, int]:
        """Records per source."""
        return {name: len(recs) for name, recs in self.records.items()}

    @property
    def counts_of_documents(self) -> dict[str, int]:
        """Checked files and pages per source."""
        return {name: len(docs) for name, docs in self.documents.items()}

    def rule_table(self) -> dict[str, RuleInfo]:
        """The run's rules by id."""
        return {r.id: r for r in self.rules}
