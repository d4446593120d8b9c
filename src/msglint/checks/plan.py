"""The `plan` rule kind: a partner's SaaS plans against the brand's, plan by plan.

Plans are not product records: a pricing page states several, each with prices per
billing cycle and basis. The engine hands every source's plans to the rule in the run's
`Survey` (`survey.plans`); the rule matches them (match_plans) and compares each pair with
the checks of checks/planchecks.py, which also words and types its findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import Field

from msglint.checks.consistency import Survey
from msglint.checks.planchecks import KINDS, PlanChecks, kind_of, price_value
from msglint.model import Finding, Location, Plan, Severity, Value

__all__ = ["KINDS", "PlanRule", "kind_of", "price_value"]


class PlanRule(PlanChecks):
    """A partner's SaaS plans differ from the brand's: prices, features, limits, trial, SLA.

    **What it checks**
    Plans read from pricing pages, JSON-LD offers and price lists are matched by product
    and plan name (aliases, retired names, and tier position for a renamed plan; "Pro
    (monthly)" is "Pro"). For each matched plan: every price per billing cycle and basis
    (equal within the tolerance; "$96/year" and "$8/month billed annually" are the same
    price), an annual price shown as a monthly one and a per-user price shown as a flat one
    (each a finding of its own), features missing or added (a feature worded differently
    with the same meaning is the same feature), limits (unit-aware: 100 GB = 0.1 TB), trial
    length and uptime SLA. A brand plan the partner lacks, a partner plan the brand does
    not offer, a plan under a retired name, and a stated discount ("save 20 %") that the
    prices it describes do not give are findings too.

    **Why it matters**
    Customers compare plans across the brand's site and its partners' portals; a stale
    annual price, a feature a reseller forgot, or a plan the brand retired sells something
    the brand does not offer.

    **Example (flagged)**
    Brand `Pro: $10/user/month, $96/user/year, Audit log`; partner `Pro: $10/month, no
    Audit log` (per-user price shown as flat; a feature missing).

    **Example (fine)**
    Brand `Pro: $96/year`; partner `Pro (annual): $8/mo billed annually`.

    **Options**
    `tolerance`: `{absolute: 0.005, percent: 0}` per price. `aliases` and `retired`: other
    names of the brand's plans (`{Team: Pro}`). `features`: `true` to compare feature lists
    (default). `discount_tolerance`: percentage points a stated discount may be off (1).
    `missing` / `extra`: level for a brand plan missing at a partner / a plan the brand does
    not offer (`warning`, or `off`).
    """

    #: Not handed to partners in reference bundles: `msglint audit` reads catalogs and
    #: product pages, not plans, and a bundle does not carry the brand's plans.
    bundled: ClassVar[bool] = False
    kind: Literal["plan"]
    aliases: dict[str, str] = Field(default_factory=dict)
    retired: dict[str, str] = Field(default_factory=dict)
    missing: Literal["error", "warning", "info", "off"] = "warning"
    extra: Literal["error", "warning", "info", "off"] = "warning"

    def compare_plans(self, reference: list[Plan], partner: list[Plan]) -> Iterator[Finding]:
        """Findings for one partner source's plans against the brand's."""
        from msglint.match_plans import match_plans

        if not reference or not partner:
            return
        matching = match_plans(reference, partner, aliases=self.aliases, retired=self.retired)
        said: set[tuple[str, str, str]] = set()
        for pair in matching.pairs:
            yield from self._name(pair.reference, pair.partner, pair.method)
            yield from self.compare_plan(pair.reference, pair.partner, said)
        anchor = partner[0]
        if self.missing != "off":
            for ref in matching.missing:
                yield self._finding(
                    "plan-missing",
                    ref,
                    anchor,
                    None,
                    Value(ref.name),
                    f"The brand's plan '{ref.label}' is not offered by {anchor.source}.",
                    at=Location(path=anchor.path, url=anchor.url),
                    level=Severity(self.missing),
                )
        if self.extra != "off":
            for extra in matching.extra:
                yield self._finding(
                    "plan-extra",
                    extra,
                    extra,
                    Value(extra.name),
                    None,
                    f"Plan '{extra.label}' is not a plan the brand offers.",
                    at=extra.location(),
                    ref_at=Location(path=reference[0].path, url=reference[0].url),
                    level=Severity(self.extra),
                )

    def survey(self, survey: Survey) -> Iterator[Finding]:
        """Every partner source's plans against the brand's (all reference sources'
        plans together), and each source's own stated discounts."""
        reference = [p for name in survey.reference_sources for p in survey.plans.get(name, [])]
        for name in survey.reference_sources:
            yield from self.check_own(survey.plans.get(name, []))
        for name in survey.partners:
            plans = [p for p in survey.plans.get(name, []) if self.applies_to(p)]  # type: ignore[arg-type]
            if not plans:
                continue
            yield from self.compare_plans(reference, plans)
            yield from self.check_own(plans)

    def check_own(self, plans: list[Plan]) -> Iterator[Finding]:
        """Findings a source's plans give on their own: a stated discount the prices do not
        give (run on the brand's plans and on every partner's)."""
        for plan in plans:
            yield from self._discount(plan)

    # -- one matched plan ------------------------------------------------------------------

    def compare_plan(
        self, ref: Plan, part: Plan, said: set[tuple[str, str, str]] | None = None
    ) -> Iterator[Finding]:
        """Findings for one matched plan. `said` holds the trial and SLA statements already
        reported in this source: a page states "30-day free trial" once for every plan, and
        it is one finding (at the first plan), not one per plan."""
        yield from self._prices(ref, part)
        if self.features:
            yield from self._features(ref, part)
        yield from self._limits(ref, part)
        said = set() if said is None else said
        for kind in ("trial", "sla"):
            want, got = getattr(ref, kind), getattr(part, kind)
            if want is not None and got is not None and want.value != got.value:
                stated = (kind, repr(got.where), repr(want.where))
                if stated in said:
                    continue
                said.add(stated)
                unit = "days" if kind == "trial" else "%"
                yield self._finding(
                    kind,
                    ref,
                    part,
                    Value.of(got, f"{got.value} {unit}"),
                    Value.of(want, f"{want.value} {unit}"),
                    f"{'Trial length' if kind == 'trial' else 'Uptime SLA'} of '{ref.label}' is "
                    f"{got.value} {unit}; the brand states {want.value} {unit}.",
                    at=got.where,
                    ref_at=want.where,
                )

    def _name(self, ref: Plan, part: Plan, method: str) -> Iterator[Finding]:
        if method == "retired":
            yield self._finding(
                "plan-retired",
                ref,
                part,
                Value(part.name),
                Value(ref.name),
                f"Plan '{part.name}' is a retired name of '{ref.label}'.",
                at=part.location(),
            )
        elif method == "position":
            yield self._finding(
                "plan-name",
                ref,
                part,
                Value(part.name),
                Value(ref.name),
                f"Plan '{part.name}' stands where the brand's '{ref.label}' stands, with its "
                "prices, under another name.",
                at=part.location(),
            )
