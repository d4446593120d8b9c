"""Match each partner's records to the reference's and run the consistency rules on them.

The matching itself is match/ (identifiers, then fuzzy names); this module lays the run's
records out for it (reference products, each partner's products, every source's policy
records) and hands each matched pair, then the whole survey, to the consistency rules.
"""

from __future__ import annotations

from pathlib import Path

from msglint.checks.builtin import MatchError, UncertainMatch
from msglint.checks.consistency import ConsistencyRule, RetiredNamesRule, Survey
from msglint.config import MatchConfig, SourceConfig
from msglint.model import Finding, Group, Record, Role
from msglint.model.result import Unmatched


def compare(
    sources: list[SourceConfig],
    records: dict[str, list[Record]],
    rules: list[ConsistencyRule],
    settings: MatchConfig,
    root: Path,
) -> tuple[list[Finding], list[Group], Unmatched]:
    """The consistency findings, each reference record's group, and what matched nothing;
    `settings` is the config's `match:` block (its files relative to `root`). A match below
    the confidence level is listed as uncertain, never compared."""
    from msglint.match import match_sources
    from msglint.match.setup import match_options

    survey = Survey()
    for source in sources:
        recs = records.get(source.name, [])
        survey.policies[source.name] = [r for r in recs if r.kind == "policy"]
        if source.role is Role.REFERENCE:
            survey.reference_sources.append(source.name)
            survey.reference.extend(r for r in recs if r.kind == "product")
        elif source.role is Role.PARTNER:
            survey.partners[source.name] = [r for r in recs if r.kind == "product"]
    groups = [Group(reference=r) for r in survey.reference]
    aliases = [a for r in rules if isinstance(r, RetiredNamesRule) for a in r.match_aliases()]
    options, problems = match_options(settings, root, aliases)
    results, more = match_sources(survey.reference, survey.partners, options)
    owner = survey.reference_sources[0] if survey.reference_sources else "msglint"
    findings = [MatchError.finding(p.path, p.line, p.message, owner) for p in (*problems, *more)]
    unmatched = Unmatched()
    for name, partner in survey.partners.items():
        matched = results[name]
        survey.results[name] = matched
        for ref_index, match in matched.pairs:
            groups[ref_index].matches.append(match)
            reference = survey.reference[ref_index]
            if match.uncertain:  # listed for a person to confirm, never compared
                findings.append(UncertainMatch.finding(reference, match, options.confidence))
                continue
            for rule in rules:
                if rule.applies_to(match.record):
                    findings.extend(rule.compare(reference, match, survey))
        if partner:
            unmatched.reference[name] = [survey.reference[i] for i in matched.unmatched_reference]
        unmatched.partner[name] = [partner[i] for i in matched.unmatched_partner]
    for rule in rules:
        findings.extend(rule.survey(survey))
    return findings, groups, unmatched
