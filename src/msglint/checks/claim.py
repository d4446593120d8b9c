"""The `claim` rule kind: warranty, returns, SLA and support promises equal the brand's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from msglint.checks.consistency import ConsistencyRule, Survey
from msglint.model import Claim, Code, Finding, Match, Record, RecordField, Value
from msglint.values.claims import KINDS

CLAIM_KINDS = KINDS
ClaimKind = Literal[CLAIM_KINDS]  # type: ignore[valid-type]


class ClaimRule(ConsistencyRule):
    """A partner promises a different warranty, return window, SLA or support than the brand.

    **What it checks**
    Support claims stated in prose ("2-year warranty", "30-day returns", "99.9% uptime",
    "24/7 support", "14-day free trial"), normalized (durations in days, percentages as
    exact decimals). On a product page, the partner's claims are compared with the matched
    reference product's, or, where the reference product page says nothing of that kind,
    with the brand's site-wide policy pages. A partner's policy pages (support or warranty
    pages without a product) are compared with the brand's policy pages. A partner that
    says nothing is not flagged; one that says something else is.

    **Why it matters**
    A one-year warranty where the brand promises two is a broken promise in the customer's
    eyes, and the brand's support team inherits the dispute.

    **Example (flagged)**
    Reference `Every router comes with a 2-year warranty.`; partner `1-year warranty.`

    **Example (fine)**
    Reference `2-year warranty`; partner `Covered by a 24-month warranty.`

    **Options**
    `claims`: the claim kinds to compare (default warranty, returns, sla, trial,
    support-hours; also support-channel and free-shipping, which partners often set
    themselves).
    """

    kind: Literal["claim"]
    claims: list[ClaimKind] = Field(  # type: ignore[valid-type]
        default_factory=lambda: ["warranty", "returns", "sla", "trial", "support-hours"]
    )

    def compare(self, reference: Record, match: Match, survey: Survey) -> Iterator[Finding]:
        partner = match.record
        for kind in self.claims:
            actual = [c for c in partner.claims if c.kind == kind]
            if not actual:
                continue
            expected: list[tuple[Claim, Record]] = [
                (c, reference) for c in reference.claims if c.kind == kind
            ] or survey.reference_claims(kind)
            yield from self._differ(kind, expected, actual, partner)

    def survey(self, survey: Survey) -> Iterator[Finding]:
        for source, records in survey.policies.items():
            if source in survey.reference_sources:
                continue
            for record in records:
                if not self.applies_to(record):
                    continue
                for kind in self.claims:
                    actual = [c for c in record.claims if c.kind == kind]
                    if actual:
                        yield from self._differ(kind, survey.reference_claims(kind), actual, record)

    def _differ(
        self,
        kind: str,
        expected: list[tuple[Claim, Record]],
        actual: list[Claim],
        partner: Record,
    ) -> Iterator[Finding]:
        if not expected:
            return
        values = {c.key for c, _ in expected}
        ref_claim, ref_record = expected[0]
        for claim in actual:
            if claim.key in values:
                continue
            yield self.report(
                RecordField("claim", kind),
                ref_record,
                partner,
                expected=Value.of(ref_claim),
                actual=Value.of(claim),
                code=Code.DIFFERS,
                summary=f"{_TITLES[kind]} '{claim.text}' differs from the brand's "
                f"'{ref_claim.text}'"
                + (f" for '{ref_record.label}'." if ref_record.kind == "product" else "."),
                partner_field=f"claim:{kind}",
                reference_field=f"claim:{kind}",
                partner_at=claim.where,
                reference_at=ref_claim.where,
                context=claim.sentence or claim.text,
            )


_TITLES = {
    "warranty": "Warranty",
    "returns": "Return window",
    "sla": "Uptime SLA",
    "support-hours": "Support hours",
    "support-channel": "Support channel",
    "free-shipping": "Free-shipping threshold",
    "trial": "Trial length",
}
