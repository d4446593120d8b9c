"""What the CI formats share: rule metadata from the packs, and a finding's place as text.

SARIF, Markdown and the reviewdog formats all describe rules. The text comes from the
result's rules themselves (their `description`, `link` and their kind's documentation, the
same text `msglint rules explain` prints, msglint's own rules included), so a rule is
documented once.
"""

from __future__ import annotations

from dataclasses import dataclass

from msglint.model import Finding, Location, place_text
from msglint.model.result import RuleInfo, RunResult


@dataclass(frozen=True, slots=True)
class RuleText:
    """One rule as a report describes it."""

    id: str
    kind: str
    level: str
    short: str
    full: str
    help: str
    link: str | None = None


def rule_table(result: RunResult, findings: list[Finding] | None = None) -> dict[str, RuleText]:
    """Every rule of the run, plus any other rule a finding names, by id."""
    table: dict[str, RuleText] = {}
    for rule in result.rules:
        table[rule.id] = _from_rule(rule, result.kinds.get(rule.doc, ""))
    for f in findings if findings is not None else result.findings:
        if f.rule not in table:
            text = f"Reported by msglint ({f.rule})."
            table[f.rule] = RuleText(
                id=f.rule, kind="builtin", level=f.severity.value, short=text, full=text,
                help=text, link=f.link,
            )  # fmt: skip
    return table


def _from_rule(rule: RuleInfo, doc: str) -> RuleText:
    summary = doc.splitlines()[0] if doc else rule.kind
    short = rule.description or summary
    full = f"{rule.description} ({rule.kind}: {summary})" if rule.description else summary
    help_text = f"# {rule.id}\n\n" + (f"{rule.description}\n\n" if rule.description else "")
    help_text += f"Rule kind `{rule.kind}`:\n\n{doc}"
    if rule.link:
        help_text += f"\n\nSee: {rule.link}"
    return RuleText(
        id=rule.id, kind=rule.kind, level=rule.level.value, short=short, full=full,
        help=help_text, link=rule.link,
    )  # fmt: skip


def place(loc: Location) -> str:
    """`path:line:col` (or the URL for fetched pages) for one-line messages; a paged
    document's place is `path (page 3, line 12)`."""
    where = loc.url or loc.path
    if loc.page is not None:
        return f"{where} ({place_text(loc)})"
    if loc.line:
        where += f":{loc.line}"
        if loc.column:
            where += f":{loc.column}"
    return where


def detail(f: Finding) -> str:
    """The finding's message with its evidence: expected vs actual, reference, overdue."""
    parts = [f.message]
    if f.location.page is not None:  # tools place findings by file line; a PDF has none
        parts.append(f"At {place_text(f.location)}.")
    if f.reference is not None:
        parts.append(f"Reference: {f.reference.source} {place(f.reference.location)}.")
    if f.location.anchor:
        parts.append(f"At {f.location.anchor}.")
    if f.overdue:
        parts.append(f"Overdue: {f.overdue}.")
    return " ".join(parts)
