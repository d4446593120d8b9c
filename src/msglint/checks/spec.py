"""The `spec` rule kind: each reference specification, present at the partner and equal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from msglint.checks.consistency import ConsistencyRule, Survey
from msglint.model import Code, Finding, Match, Record, RecordField, Severity, Spec, Value


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
        from msglint.text.language import DECIMAL_COMMA
        from msglint.values.specs import same_spec

        partner = match.record
        commas = (reference.lang in DECIMAL_COMMA, partner.lang in DECIMAL_COMMA)  # ref, partner
        for key, expected in reference.specs.items():
            if (self._keys and key not in self._keys) or key in self._ignore:
                continue
            field = RecordField("spec", key)
            actual = partner.specs.get(key)
            if actual is None:
                compared, found = self._across(field, reference, partner, expected, commas)
                yield from found
                if not compared and self.missing != "off" and partner.specs:
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
                commas=commas,
            ):
                continue
            yield self._differs(field, reference, partner, expected, actual, commas)

    def _across(
        self,
        field: RecordField,
        reference: Record,
        partner: Record,
        expected: Spec,
        commas: tuple[bool, bool],
    ) -> tuple[bool, list[Finding]]:
        """A side stated one way and compared the other: the reference's "Height: 45 cm"
        against the partner's "Dimensions (W x H x D)", or the reference's dimensions
        against the partner's "Height", "Width"... specs. Only where the dimensions name
        their axes. (Whether anything was compared, and the findings.)"""
        from msglint.values.specs.dimcompare import AXIS_KEYS, axis_difference, side_spec
        from msglint.values.specs.dims import read_dims

        pairs: list[tuple[Spec, Spec, str, bool]] = []  # (one side, dims, axis, ref is dims)
        if expected.key in AXIS_KEYS and (dims := partner.specs.get("dimensions")) is not None:
            pairs.append((expected, dims, expected.key, False))
        elif expected.key == "dimensions":
            read = read_dims(expected, commas[0])
            for side in read.sides if read is not None else ():
                one = partner.specs.get(side.axis) if side.axis else None
                if one is not None:
                    pairs.append((one, expected, side.axis, True))  # type: ignore[arg-type]
        found = []
        for one, dims, axis, ref_is_dims in pairs:
            order = (commas[1], commas[0]) if ref_is_dims else commas
            diff = axis_difference(one, dims, axis, self.tolerance, order)
            if diff is None:
                continue
            one_side, dims_side = side_spec(one, axis, diff[0]), side_spec(dims, axis, diff[1])
            e_spec, a_spec = (dims_side, one_side) if ref_is_dims else (one_side, dims_side)
            whose = "reference" if ref_is_dims else "partner"
            found.append(
                self._side_differs(
                    field, reference, partner, expected.label, axis, e_spec, a_spec,
                    f"{whose} {dims.label}: {dims.text}",
                )
            )  # fmt: skip
        return bool(pairs), found

    def _side_differs(
        self,
        field: RecordField,
        reference: Record,
        partner: Record,
        label: str,
        side: str,
        expected: Spec,
        actual: Spec,
        context: str,
    ) -> Finding:
        """The finding for one side of dimensions that differs, typed as that side's Spec
        ("Dimensions of 'Crate': the height is 50 cm; the reference says 45 cm (context)")."""
        from msglint.values.specs import describe

        shown = describe(actual, like=expected)
        return self.report(
            field,
            reference,
            partner,
            expected=Value.of(expected),
            actual=Value.of(actual, shown),
            summary=f"{label} of '{reference.label}': the {side} is {shown}; the reference says "
            f"{expected.text} ({context}).",
            code=Code.DIFFERS,
        )

    def _differs(
        self,
        field: RecordField,
        reference: Record,
        partner: Record,
        expected: Spec,
        actual: Spec,
        commas: tuple[bool, bool],
    ) -> Finding:
        """The finding for a spec stated differently; dimensions name the side that differs
        ("height: 50 cm; the reference says 45 cm"), typed as that side's Spec."""
        from msglint.values.specs import describe
        from msglint.values.specs.dimcompare import compare_dims, side_spec

        verdict = compare_dims(expected, actual, self.tolerance, commas)
        if verdict is not None and len(verdict.differing) == 1:
            name, e_side, a_side = verdict.differing[0]
            e_spec, a_spec = side_spec(expected, name, e_side), side_spec(actual, name, a_side)
            return self._side_differs(
                field, reference, partner, expected.label, name, e_spec, a_spec,
                f"{expected.text}; partner: {actual.text}",
            )  # fmt: skip
        shown = describe(actual, like=expected)
        if verdict is not None and verdict.differing:
            names = [f"the {name}" for name, _e, _a in verdict.differing]
            which = ", ".join(names[:-1]) + f" and {names[-1]}"
            summary = (
                f"{expected.label} of '{reference.label}' differ in {which}: {shown}; the "
                f"reference says {expected.text}."
            )
        else:
            summary = (
                f"{expected.label} of '{reference.label}' is {shown}; the reference says "
                f"{expected.text}."
            )
        return self.report(
            field,
            reference,
            partner,
            expected=Value.of(expected),
            actual=Value.of(actual, shown),
            summary=summary,
            code=Code.DIFFERS,
        )
