"""From the configuration to `MatchOptions`, and what matching has to say as findings.

Two findings come from matching itself (not from a rule pack):

- `msglint.uncertain-match` (info): a pair scored above the match threshold but below the
  confidence level. It is not compared, since a wrong match turns into a wrong "price
  differs"; the finding shows both sides and the score so a person can confirm the pair
  (or reject it) in the confirmed-pairs file, which the next run honours.
- `msglint.match-error` (warning): the model file cannot be read (matching falls back to
  identifiers and shared model codes), or a confirmed-pairs row cannot be used; with the
  file and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from msglint.config import MatchConfig
from msglint.match.options import MatchOptions, MatchProblem
from msglint.match.pairs import read_pairs
from msglint.model import Finding, Location, Match, Record, Severity

UNCERTAIN_MATCH = "msglint.uncertain-match"
MATCH_ERROR = "msglint.match-error"


def match_options(
    config: MatchConfig, root: Path, aliases: Iterable[tuple[str, str]] = ()
) -> tuple[MatchOptions, list[MatchProblem]]:
    """The options a run matches with, and the problems of its confirmed-pairs file."""
    problems: list[MatchProblem] = []
    pins: list = []
    pairs_file = ""
    if config.pairs:
        path = root / config.pairs
        pairs_file = config.pairs
        pins, found = read_pairs(path)
        problems.extend(MatchProblem(config.pairs, line, message) for line, message in found)
    model = str(root / config.model) if config.model else None
    options = MatchOptions(
        threshold=None if config.threshold is None else config.threshold / 100.0,
        confidence=config.confidence / 100.0,
        one_to_one=config.one_to_one,
        duplicates=config.duplicates,
        aliases=tuple(dict.fromkeys(aliases)),
        pins=tuple(pins),
        pairs_file=pairs_file or "confirmed pairs",
        model=model,
    )
    return options, problems


def problem_finding(problem: MatchProblem, source: str) -> Finding:
    """A matching problem as a warning at its file and line."""
    return Finding(
        rule=MATCH_ERROR,
        severity=Severity.WARNING,
        message=f"{problem.path}{f':{problem.line}' if problem.line else ''}: {problem.message}",
        source=source,
        location=Location(path=problem.path, line=problem.line),
        actual=problem.message,
        context=f"match-error|{problem.path}|{problem.message}",
    )


def uncertain_finding(reference: Record, match: Match, confidence: float) -> Finding:
    """An uncertain match, with both sides and the score, reported instead of compared."""
    partner = match.record
    where = partner.location("name")
    ref_where = reference.location("name")
    return Finding(
        rule=UNCERTAIN_MATCH,
        severity=Severity.INFO,
        message=f"'{partner.label}' may be '{reference.label}' (match score "
        f"{match.score:.0f}, below the confidence level {100 * confidence:.0f}); not "
        "compared. Confirm or reject the pair in the confirmed-pairs file (match.pairs).",
        source=partner.source,
        role=partner.role,
        location=where,
        actual=partner.label,
        expected=f"{reference.label} ({reference.source}: {ref_where.url or ref_where.path})",
        context=f"{reference.label}|uncertain-match|{partner.label}",
        product=reference.label,
        reference=ref_where,
        reference_source=reference.source,
        field="product",
    )
