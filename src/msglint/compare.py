"""Match each partner's records to the reference's and run the consistency rules on them.

The matching itself is match/ (identifiers, then fuzzy names); this module lays the run's
records out for it (reference products, each partner's products, every source's policy
records) and hands each matched pair, then the whole survey, to the consistency rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from msglint.checks.builtin import MatchError, UncertainMatch
from msglint.checks.consistency import ConsistencyRule, RetiredNamesRule, Survey
from msglint.config import MatchConfig, SourceConfig
from msglint.model import Finding, Group, Plan, PlanGroup, Record, Role
from msglint.model.result import Unmatched


def compare(
    sources: list[SourceConfig],
    records: dict[str, list[Record]],
    rules: list[ConsistencyRule],
    settings: MatchConfig,
    root: Path,
    plans: dict[str, list[Plan]] | None = None,
    mapper: Any = None,
) -> tuple[list[Finding], list[Group], Unmatched]:
    """The consistency findings, each reference record's group, and what matched nothing;
    `settings` is the config's `match:` block (its files relative to `root`). A match below
    the confidence level is listed as uncertain, never compared. `plans` are each source's
    SaaS plans (for the `plan` kind, which compares them in its survey). `mapper` matches
    the partner sources elsewhere (match.records.Mapper: a cluster's runner)."""
    from msglint.match import match_sources
    from msglint.match.setup import match_options

    survey = Survey()
    if plans:
        from msglint.match_plans import fill_product

        fill_product([p for found in plans.values() for p in found])
        survey.plans = {s.name: plans.get(s.name, []) for s in sources}
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
    check = PairCheck(
        rules=tuple(rules),
        reference_sources=tuple(survey.reference_sources),
        policies={n: survey.policies.get(n, []) for n in survey.reference_sources},
    )
    if mapper is not None:  # the tasks that match a partner source compare its pairs too
        mapper = partial(mapper, check=check)
    results, more = match_sources(survey.reference, survey.partners, options, mapper)
    owner = survey.reference_sources[0] if survey.reference_sources else "msglint"
    findings = [
        MatchError.finding(p.path, p.line, p.message, p.source or owner) for p in (*problems, *more)
    ]
    unmatched = Unmatched()
    for name, partner in survey.partners.items():
        matched = results[name]
        survey.results[name] = matched
        for ref_index, match in matched.pairs:
            groups[ref_index].matches.append(match)
        if matched.compared is not None:  # compared where it was matched
            findings.extend(matched.compared)
        else:
            findings.extend(
                check.findings(survey.reference, matched.pairs, options.confidence, survey)
            )
        if partner:
            unmatched.reference[name] = [survey.reference[i] for i in matched.unmatched_reference]
        unmatched.partner[name] = [partner[i] for i in matched.unmatched_partner]
    for rule in rules:
        findings.extend(rule.survey(survey))
    return findings, groups, unmatched


@dataclass(frozen=True)
class PairCheck:
    """What comparing one partner source's matched pairs needs, so that a cluster task
    that matched them compares them too (groups are checked where they were formed) and
    sends findings back rather than pairs to compare: the consistency rules, and the
    brand's own sources and policy records (site-wide claims, contacts). Whole-run checks
    (coverage, plans) stay with `compare`, which has every source."""

    rules: tuple[ConsistencyRule, ...]
    reference_sources: tuple[str, ...] = ()
    policies: dict[str, list[Record]] = field(default_factory=dict)

    def findings(
        self,
        reference: list[Record],
        pairs: list[tuple[int, Any]],
        confidence: float,
        survey: Survey | None = None,
    ) -> list[Finding]:
        """Each pair's findings, in pair order: an uncertain match is listed for a person
        to confirm and never compared; a sure one goes to every rule whose scope has it.
        Without `survey` (on a worker) one is made from the reference and this check."""
        if survey is None:
            survey = Survey(
                reference=reference,
                reference_sources=list(self.reference_sources),
                policies=dict(self.policies),
            )
        out: list[Finding] = []
        for ref_index, match in pairs:
            record = reference[ref_index]
            if match.uncertain:
                out.append(UncertainMatch.finding(record, match, confidence))
                continue
            for rule in self.rules:
                if rule.applies_to(match.record):
                    out.extend(rule.compare(record, match, survey))
        return out


def plan_groups(
    sources: list[SourceConfig], plans: dict[str, list[Plan]], rules: list[ConsistencyRule]
) -> list[PlanGroup]:
    """The run's plans side by side (brand plan -> each partner's), matched with the
    aliases and retired names of the run's `plan` rules."""
    from msglint.match_plans import plan_groups as groups

    aliases: dict[str, str] = {}
    retired: dict[str, str] = {}
    for rule in rules:
        if rule.kind == "plan":
            aliases.update(getattr(rule, "aliases", {}))
            retired.update(getattr(rule, "retired", {}))
    reference = [p for s in sources if s.role is Role.REFERENCE for p in plans.get(s.name, [])]
    partners = {s.name: plans.get(s.name, []) for s in sources if s.role is Role.PARTNER}
    if not reference and not any(partners.values()):
        return []
    return groups(reference, partners, aliases=aliases, retired=retired)
