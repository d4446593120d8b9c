"""The `description` rule kind: partner copy that changes the facts of the reference copy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from msglint.checks.consistency import ConsistencyRule, Survey
from msglint.model import Code, Finding, Match, Record, RecordField, Spec, Value

#: A number, optionally with a unit or a unit-like suffix, as written in running prose.
_QUANTITY = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,\s]\d{3})+|\d+)(?:[.,](\d+))?(?:\s?(%|°|[A-Za-zµ\"]{1,6}\b))?"
)


class DescriptionRule(ConsistencyRule):
    """Partner copy changes a number in the reference's sentence, or invents a claim.

    **What it checks**
    The partner's product description is split into sentences and each is aligned with the
    most similar sentence of the reference description (rapidfuzz, `threshold`). In an
    aligned sentence, a number or quantity the reference does not have is a finding
    ("up to 12 hours" where the reference says "up to 10 hours"); quantities are compared
    unit-aware, so "2.5 kg" and "5.5 lb" agree. A partner sentence that aligns with nothing
    and makes a support claim the brand never makes ("Comes with a lifetime warranty." when
    the brand states no warranty of that kind) is a finding too; a claim that contradicts
    one the brand does make is the `claim` rule's. Extra marketing sentences without
    numbers or claims are fine.

    **Why it matters**
    Partners rewrite product copy; a rewritten sentence that changes a figure or adds a
    promise turns marketing into a misstatement the brand is held to.

    **Example (flagged)**
    Reference `Runs up to 10 hours on one charge.`; partner `Runs up to 12 hours on one
    charge.`

    **Example (fine)**
    Reference `Weighs just 2.5 kg.`; partner `Weighing only 5.5 lb, it goes anywhere.`

    **Options**
    `threshold`: similarity (0-100) for two sentences to be aligned (default 60).
    """

    kind: Literal["description"]
    threshold: float = Field(default=60.0, ge=0, le=100)

    def compare(self, reference: Record, match: Match, survey: Survey) -> Iterator[Finding]:
        from rapidfuzz import process
        from rapidfuzz.fuzz import token_set_ratio

        from msglint.text.sentences import sentences
        from msglint.values.claims import find_claims

        partner = match.record
        if not reference.description or not partner.description:
            return
        ref_text, text = reference.description, partner.description
        ref_sentences = [ref_text[a:b].strip() for a, b in sentences(ref_text)]
        ref_sentences = [s for s in ref_sentences if s]
        if not ref_sentences:
            return
        stated = {c.kind for c in reference.claims} | {
            c.kind
            for name in survey.reference_sources
            for rec in survey.policies.get(name, [])
            for c in rec.claims
        }
        for a, b in sentences(text):
            sentence = text[a:b].strip()
            if not sentence or sentence in ref_sentences:
                continue
            best = process.extractOne(sentence, ref_sentences, scorer=token_set_ratio)
            if best is not None and best[1] >= self.threshold:
                changed = _changed_quantities(best[0], sentence, ref_text)
                if changed:
                    yield self.report(
                        RecordField("description"),
                        reference,
                        partner,
                        expected=Value(best[0]),
                        actual=Value(sentence),
                        code=Code.CHANGED_QUANTITY,
                        summary=f"Description of '{reference.label}' changes "
                        f"{', '.join(changed)}: '{sentence}' (reference: '{best[0]}').",
                        context=sentence,
                    )
                continue
            invented = [c for c in find_claims(sentence) if c.kind not in stated]
            if invented:
                kinds = ", ".join(sorted({c.kind for c in invented}))
                yield self.report(
                    RecordField("description"),
                    reference,
                    partner,
                    expected=None,
                    actual=Value(sentence),
                    code=Code.INVENTED_CLAIM,
                    summary=f"Description of '{reference.label}' makes a {kinds} claim the "
                    f"brand does not make: '{sentence}'.",
                    context=sentence,
                )


def _quantities(sentence: str) -> list[Spec]:
    from msglint.values.specs import parse_spec

    out = []
    for m in _QUANTITY.finditer(sentence):
        out.append(parse_spec("quantity", m.group(0).strip()))
    return out


def _changed_quantities(reference: str, sentence: str, whole: str = "") -> list[str]:
    """Quantities in `sentence` that no quantity of `reference` equals (unit-aware), nor any
    of the whole reference description `whole`: a partner sentence often joins facts of
    two brand sentences ("Dual-band Wi-Fi 6 router with up to 3000 Mbps" from "brings
    Wi-Fi 6 to every room" and "delivers up to 3000 Mbps"), and a figure the brand states
    elsewhere is not a changed one. A number without a unit pint knows ("Wi-Fi 6 router")
    is compared as a number."""
    from msglint.values.specs import same_spec

    expected = _quantities(reference) + (_quantities(whole) if whole else [])
    numbers = {_digits(m.group(1)) for m in _QUANTITY.finditer(f"{reference} {whole}")}
    changed = []
    for m, quantity in zip(_QUANTITY.finditer(sentence), _quantities(sentence), strict=True):
        if quantity.magnitude is None and _digits(m.group(1)) in numbers:
            continue
        if not any(same_spec(e, quantity) for e in expected):
            changed.append(f"'{quantity.text}'")
    return changed


def _digits(number: str) -> str:
    """A number's digits without thousands separators: "3,000" and "3000" are one."""
    return re.sub(r"[.,\s]", "", number)
