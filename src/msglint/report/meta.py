"""What the CI formats share: rule metadata from the packs, and a finding's place as text.

SARIF, Markdown and the reviewdog formats all describe rules. The text comes from the rules
themselves (their `description`, `link` and the kind's self-documentation, the same text
`msglint rules explain` prints), so a rule is documented once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from msglint.model import Finding, Location, place_text

#: Rules msglint itself reports (not defined in a pack), with one line on each.
BUILTIN: dict[str, str] = {
    "msglint.source-error": "A file or page could not be read, so it was not checked.",
    "msglint.parse-error": "A file could not be parsed, so it was not checked.",
    "msglint.source-empty": "A source matched no files: usually a typo that hides findings.",
    "msglint.extract-error": "Product data on a page could not be read completely.",
    "msglint.no-product-data": "A page has no product data or support claims to compare.",
    "msglint.self-price-mismatch": "A page's structured data states another price than it shows.",
    "msglint.unused-suppression": "An inline suppression comment that suppresses nothing.",
    "msglint.uncertain-match": "A likely match below the confidence level, listed to confirm, "
    "not compared.",
    "msglint.match-error": "The match model or a confirmed-pairs row could not be used.",
}


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule as a report describes it."""

    id: str
    kind: str
    level: str
    short: str
    full: str
    help: str
    link: str | None = None


def rule_table(result: Any, findings: list[Finding] | None = None) -> dict[str, RuleInfo]:
    """Every rule of the run's packs, plus any other rule a finding names, by id."""
    table: dict[str, RuleInfo] = {}
    for pack in getattr(result, "packs", None) or []:
        for rule in pack.rules:
            table[rule.id] = _from_rule(rule)
    for f in findings if findings is not None else result.findings:
        if f.rule not in table:
            text = BUILTIN.get(f.rule, f"Reported by msglint ({f.rule}).")
            table[f.rule] = RuleInfo(
                id=f.rule, kind="builtin", level=f.severity.value, short=text, full=text,
                help=text, link=f.link,
            )  # fmt: skip
    return table


def _from_rule(rule: Any) -> RuleInfo:
    doc = type(rule).explain()
    summary = doc.splitlines()[0] if doc else rule.kind
    short = rule.description or summary
    full = f"{rule.description} ({rule.kind}: {summary})" if rule.description else summary
    help_text = f"# {rule.id}\n\n" + (f"{rule.description}\n\n" if rule.description else "")
    help_text += f"Rule kind `{rule.kind}`:\n\n{doc}"
    if rule.link:
        help_text += f"\n\nSee: {rule.link}"
    return RuleInfo(
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
    if f.reference is not None and f.reference_source:
        parts.append(f"Reference: {f.reference_source} {place(f.reference)}.")
    if f.location.selector:
        parts.append(f"At {f.location.selector}.")
    if f.overdue:
        parts.append(f"Overdue: {f.overdue}.")
    return " ".join(parts)
