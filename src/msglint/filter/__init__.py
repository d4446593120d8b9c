"""The filter stage: the one chain every run's findings pass through, once, in this order.

1. **disabled**: msglint's own rules the config's `disable` list names are dropped (a pack
   rule it names was never loaded);
2. **changed**: with `--changed-since`, only findings touching a changed file stay
   (changed.py);
3. **suppressions**: inline comments and front matter hide what they cover; with
   `--report-unused-suppressions` a comment that hid nothing becomes a finding
   (suppress.py; the directives were read from each document's parse, in the worker);
4. **fingerprints**: every finding gets its fingerprint, once (fingerprint.py): the set of
   findings is known now, and what follows matches on fingerprints;
5. **baseline**: findings a baseline file accepts are hidden, and stale entries listed
   (baseline.py);
6. **fixes**: with `--fix`, the caller's fixer writes the fixes and the fixed findings
   go (fix.py does the writing; the app layer hands it in);
7. **evidence**: the caller's evidence taker adds what only exists once the findings are
   known (screenshots of web findings' elements, named by fingerprint);
8. **history**: the run is recorded, shown and accepted findings as open, and the shown
   ones get `first_seen` and `overdue` (history.py);
9. **finalize**: the findings are sorted into their one final order.

Stages only drop or annotate findings; none re-sorts or re-fingerprints, and nothing
changes a finding after the chain: the RunResult is built from its output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from msglint.filter import suppress
from msglint.filter.fingerprint import finalize, fingerprint
from msglint.filter.history import HistoryOptions
from msglint.model import Finding, Group, Record, Role
from msglint.model.result import BaselineSummary, FilterSummary, TrendPoint
from msglint.model.scorecard import Scorecard

#: A fixer: writes what it can fix and returns the findings it fixed.
Fixer = Callable[[list[Finding]], list[Finding]]
#: An evidence taker: adds evidence to the findings it can, returns notes for the user.
EvidenceTaker = Callable[[list[Finding]], list[str]]


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """What the caller (the `check` command) asks of the filter stage beyond the config."""

    #: A baseline file and its entries (baseline.load), or None.
    baseline: tuple[Path, list[dict]] | None = None
    report_unused_suppressions: bool = False
    fixer: Fixer | None = None
    evidence: EvidenceTaker | None = None
    history: HistoryOptions | None = None


@dataclass(slots=True)
class Context:
    """What the run knows that the stages read."""

    disable: list[str] = field(default_factory=list)
    changed: set[str] | None = None
    suppressions: suppress.Table = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    missing: dict[str, list[Record]] = field(default_factory=dict)
    #: Rules read from Vale styles: they apply Vale's `<!-- vale ... -->` comments while
    #: linting, as Vale does, so the suppressions stage does not apply those again.
    vale_rules: frozenset[str] = frozenset()


@dataclass(slots=True)
class Filtered:
    """The chain's output: the findings to report, and what each stage did."""

    findings: list[Finding]
    summary: FilterSummary
    trends: dict[str, list[TrendPoint]] | None = None
    scorecard: Scorecard | None = None


def run(findings: list[Finding], context: Context, options: FilterOptions) -> Filtered:
    """Pass the findings through the chain (see the module doc)."""
    from msglint.config import is_disabled

    summary = FilterSummary()
    if any(d.startswith("msglint.") for d in context.disable):
        findings = [
            f
            for f in findings
            if not (f.rule.startswith("msglint.") and is_disabled(f.rule, context.disable))
        ]
    if context.changed is not None:
        from msglint.filter.changed import touches

        findings = [f for f in findings if touches(f, context.changed)]
    before = len(findings)
    findings = suppress.apply(findings, context.suppressions, context.vale_rules)
    summary.suppressed = before - len(findings)
    if options.report_unused_suppressions and not is_disabled(suppress.UNUSED, context.disable):
        found = suppress.summary(context.suppressions, vale=bool(context.vale_rules))
        findings += suppress.unused(found, context.roles)
    fingerprint(findings)
    accepted: list[Finding] = []
    if options.baseline is not None:
        from msglint.filter import baseline

        path, entries = options.baseline
        outcome = baseline.apply(findings, entries)
        findings, accepted = outcome.kept, outcome.accepted
        summary.baseline = BaselineSummary(str(path), outcome.hidden, outcome.fixed)
    if options.fixer is not None:
        fixed = {id(f) for f in options.fixer(findings)}
        findings = [f for f in findings if id(f) not in fixed]
    if options.evidence is not None:
        summary.notes.extend(options.evidence(findings))
    trends = card = None
    if options.history is not None:
        from msglint.filter.history import record

        summary.history, trends, card = record(
            options.history, findings, accepted, context.groups, context.missing
        )
    return Filtered(finalize(findings), summary, trends, card)
