"""The `spec` rule kind: each reference specification, present at the partner and equal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from msglint.checks.consistency import ConsistencyRule, Survey
from msglint.model import Code, Finding, Match, Record, RecordField, Severity, Value


class SpecRule(ConsistencyRule):
    """A partner states a specification differently from the reference, or leaves it out.

    **What it checks**
    Every specification of the reference product (from its schema.org data, spec table or
    definition list) against the partner's spec with the same key. Keys are normalized
    (case, punctuation, a shipped synonym table: "Item weight" and "Wt." are `weight`).
    Quantities are compared in base units with pint, so "2.5 kg" equals "5.51 lb"; text
    values are compared normalized and fuzzily, but their numbers must be equal ("Wi-Fi 6"
    is not "Wi-Fi 5").

    **Why it matters**
    A wrong weight, size or battery figure on a reseller's page leads to returns and
    complaints, and the brand is blamed for it.

    **Example (flagged)**
    Reference `Weight: 2.5 kg`; partner `Weight: 3,5 kg`.

    **Example (fine)**
    Reference `Weight: 2.5 kg`; partner `Item weight: 5.51 lb`.

    **Options**
    `tolerance`: relative tolerance for quantities (default 0.01, 1%). `text_threshold`:
    fuzzy score (0-100) text values need (default 90). `keys`: only these spec keys;
    `ignore`: never these. `missing`: level for a reference spec the partner does not state
    (default `off`: partners often show fewer specs; `info` lists them).
    """

    kind: Literal["spec"]
    tolerance: float = Field(default=0.01, ge=0, le=1)
    text_threshold: float = Field(default=90.0, ge=0, le=100)
    keys: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    missing: Literal["error", "warning", "info", "off"] = "off"

    def prepare(self) -> None:
        super().prepare()
        from msglint.values.specs import normalize_key

        self._keys = {normalize_key(k) for k in self.keys}
        self._ignore = {normalize_key(k) for k in self.ignore}

    def compare(self, reference: Record, match: Match, survey: Survey) -> Iterator[Finding]:
        from msglint.values.specs import describe, same_spec

        partner = match.record
        for key, expected in reference.specs.items():
            if (self._keys and key not in self._keys) or key in self._ignore:
                continue
            field = RecordField("spec", key)
            actual = partner.specs.get(key)
            if actual is None:
                if self.missing != "off" and partner.specs:
                    yield self.report(
                        field,
                        reference,
                        partner,
                        expected=Value.of(expected),
                        actual=None,
                        summary=f"'{reference.label}' has no {expected.label} at this partner "
                        f"(reference: {expected.text}).",
                        code=Code.MISSING_VALUE,
                        level=Severity(self.missing),
                        partner_field="record",
                    )
                continue
            if same_spec(
                expected,
                actual,
                tolerance=self.tolerance,
                text_threshold=self.text_threshold,
                translated=(partner.lang or "en") != (reference.lang or "en"),
            ):
                continue
            shown = describe(actual, like=expected)
            yield self.report(
                field,
                reference,
                partner,
                expected=Value.of(expected),
                actual=Value.of(actual, shown),
                summary=f"{expected.label} of '{reference.label}' is {shown}; the reference "
                f"says {expected.text}.",
                code=Code.DIFFERS,
            )
