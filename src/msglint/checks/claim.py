"""The `claim` rule kind: warranty, returns, SLA and support promises equal the brand's.

Contacts and SLA times are compared by `checks.contacts` (whose contact a partner states,
and when two are the same).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from msglint.checks.consistency import ConsistencyRule, Survey
from msglint.checks.contacts import (
    CONTACT_KINDS,
    brand_of,
    next_to_brand,
    same,
    speaks_for_brand,
)
from msglint.model import Claim, Code, Finding, Match, Record, RecordField, Value
from msglint.values.claims import KINDS

CLAIM_KINDS = KINDS
ClaimKind = Literal[CLAIM_KINDS]  # type: ignore[valid-type]


class ClaimRule(ConsistencyRule):
    """A partner promises a different warranty, return window, SLA or support than the brand.

    **What it checks**
    Support claims stated in prose ("2-year warranty", "30-day returns", "99.9% uptime",
    "24/7 support", "14-day free trial"), normalized (durations in days, percentages as
    exact decimals), and support facts with values: the support e-mail, phone number (by
    `phonenumbers`, so "+1 (800) 555-0142" is "1-800-555-0142") and URL, and the SLA's
    first-response and resolution times per priority ("P1: response within 1 hour").
    A partner's contact is compared only where it speaks for the brand (on the brand's
    domain, in the brand's copied sentence, or naming the brand); its own support line
    and address, or one next to the brand's, is no finding. On a product page, the
    partner's claims are compared with the matched reference product's, or, where the
    reference product page says nothing of that kind, with the brand's site-wide policy
    pages. A partner's policy pages (support or warranty
    pages without a product) are compared with the brand's policy pages. A partner that
    says nothing is not flagged; one that says something else is.

    **Why it matters**
    A one-year warranty where the brand promises two is a broken promise in the customer's
    eyes, and the brand's support team inherits the dispute.

    **Example (flagged)**
    Reference `Every router comes with a 2-year warranty.`; partner `1-year warranty.`

    **Example (fine)**
    Reference `2-year warranty`; partner `Covered by a 24-month warranty.` Reference `Call
    us at +1 (800) 555-0142`; partner `Call us at 1-800-555-0142`, or `Call Acme at
    1-800-555-0142 or our shop at 030 1234567`.

    **Options**
    `claims`: the claim kinds to compare (default warranty, returns, sla, trial,
    support-hours, support-email, support-phone, support-url, sla-response,
    sla-resolution; also support-channel and free-shipping, which partners often set
    themselves).
    """

    kind: Literal["claim"]
    claims: list[ClaimKind] = Field(  # type: ignore[valid-type]
        default_factory=lambda: [
            "warranty",
            "returns",
            "sla",
            "trial",
            "support-hours",
            "support-email",
            "support-phone",
            "support-url",
            "sla-response",
            "sla-resolution",
        ]
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
            yield from self._differ(kind, expected, actual, partner, survey)

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
                        expected = survey.reference_claims(kind)
                        yield from self._differ(kind, expected, actual, record, survey)

    def _differ(
        self,
        kind: str,
        expected: list[tuple[Claim, Record]],
        actual: list[Claim],
        partner: Record,
        survey: Survey,
    ) -> Iterator[Finding]:
        if not expected:
            return
        reported: set[str] = set()  # sentences with a differing contact reported already
        for claim in actual:
            # Values compare within one qualifier (an SLA time's priority) only.
            candidates = [(c, r) for c, r in expected if c.qualifier == claim.qualifier]
            if kind in CONTACT_KINDS:
                brand = [c for c, _ in candidates]
                wanted = speaks_for_brand(claim, partner, brand_of(survey))
                if wanted is None or next_to_brand(claim, actual, brand):
                    continue  # the partner's own contact, or one next to the brand's
                if wanted:
                    candidates = [(c, r) for c, r in candidates if c in wanted] or candidates
            if not candidates:
                continue
            verdicts = [same(claim, c) for c, _ in candidates]
            if any(v is not False for v in verdicts):
                continue  # the same value, or one that cannot be told apart for sure
            if kind in CONTACT_KINDS:
                if claim.sentence in reported:
                    continue  # one per sentence: the first stands where the brand's stood
                reported.add(claim.sentence)
            ref_claim, ref_record = candidates[0]
            yield self.report(
                RecordField("claim", kind),
                ref_record,
                partner,
                expected=Value.of(ref_claim),
                actual=Value.of(claim),
                code=Code.DIFFERS,
                summary=f"{_TITLES[kind]}{_for(claim)} '{claim.text}' differs from the brand's "
                f"'{ref_claim.text}'"
                + (f" for '{ref_record.label}'." if ref_record.kind == "product" else "."),
                partner_field=f"claim:{kind}",
                reference_field=f"claim:{kind}",
                partner_at=claim.where,
                reference_at=ref_claim.where,
                context=claim.sentence or claim.text,
            )


def _for(claim: Claim) -> str:
    """ " for P1" when the claim is stated for a priority."""
    q = claim.qualifier
    return f" for {q.upper() if q[:1] == 'p' and q[1:].isdigit() else q}" if q else ""


_TITLES = {
    "warranty": "Warranty",
    "returns": "Return window",
    "sla": "Uptime SLA",
    "support-hours": "Support hours",
    "support-channel": "Support channel",
    "free-shipping": "Free-shipping threshold",
    "trial": "Trial length",
    "support-email": "Support e-mail",
    "support-phone": "Support phone",
    "support-url": "Support URL",
    "sla-response": "SLA response time",
    "sla-resolution": "SLA resolution time",
}
