"""`msglint.uncertain-match`: a likely match below the confidence level, listed to confirm."""

from __future__ import annotations

from typing import ClassVar

from msglint.checks.builtin.base import BuiltinRule
from msglint.model import Evidence, Finding, Match, Record, RecordField, Severity


class UncertainMatch(BuiltinRule):
    """A partner product that probably is a reference product, but not surely: not compared.

    **What it checks**
    Each pair the matcher proposes gets a calibrated match probability (the score is the
    probability x 100). A pair above the match threshold but below `match.confidence`
    (default 80) is not handed to the consistency rules; it is listed with both sides and
    its score instead.

    **Why it matters**
    Every consistency finding rests on a match, and a wrong match turns into a wrong
    "price differs" that a partner manager forwards to a partner. An uncertain pair is
    for a person to settle, once, in the confirmed-pairs file (`match.pairs`), which the
    next run honours.

    **Example (flagged)**
    A partner's 'Norton AntiVirus 3 User Pack' that may be the brand's 'Norton AntiVirus'
    (score 64).

    **Example (fine)**
    A partner's 'Sony Bravia KDL-40V4100 40" LCD TV' matched to the brand's
    'Sony BRAVIA KDL40V4100' by its model code (score 100): compared, not listed.

    **Options**
    `match.confidence` sets the level; `match.pairs` pins (`match`) or forbids
    (`different`) pairs; `disable: [msglint.uncertain-match]` hides the list.
    """

    id: ClassVar[str] = "msglint.uncertain-match"
    level: ClassVar[Severity] = Severity.INFO

    @classmethod
    def finding(cls, reference: Record, match: Match, confidence: float) -> Finding:
        """The finding for `match`, a pair below `confidence` (a probability)."""
        partner = match.record
        return Finding(
            rule=cls.id,
            severity=cls.level,
            message=f"'{partner.label}' may be '{reference.label}' (match score "
            f"{match.score:.0f}, below the confidence level {100 * confidence:.0f}); not "
            "compared. Confirm or reject the pair in the confirmed-pairs file (match.pairs).",
            source=partner.source,
            role=partner.role,
            location=partner.location("name"),
            record=partner.key,
            actual=partner.label,
            expected=reference.label,
            context=f"{reference.label}|uncertain-match|{partner.label}",
            product=reference.label,
            field=RecordField("product"),
            reference=Evidence(reference.source, reference.location("name"), reference.key),
        )
