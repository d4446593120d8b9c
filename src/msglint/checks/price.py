"""The `price` rule kind: a partner's price against the reference price of the same product."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from pydantic import Field

from msglint.checks.consistency import ConsistencyRule, Survey
from msglint.model import Code, Finding, Match, Price, Record, RecordField, Severity, Value
from msglint.strict import StrictModel


class Tolerance(StrictModel):
    """How far a price may be from the reference; the larger of the two allowances wins."""

    absolute: Decimal = Field(default=Decimal("0.005"), ge=0, description="In currency units.")
    percent: Decimal = Field(default=Decimal(0), ge=0, le=100, description="Of the reference.")

    def allowance(self, reference: Decimal) -> Decimal:
        return max(self.absolute, abs(reference) * self.percent / 100)


class PriceRule(ConsistencyRule):
    """A partner's price differs from the reference price of the same product.

    **What it checks**
    For every partner product matched to a reference product, the price the customer pays
    (the sale price when one is shown, else the list price) against the reference's. Prices
    are compared as exact decimal amounts in ISO 4217 currencies, so "1.299,00 €" and
    "€1,299.00" are the same price. A different currency or billing period is a finding
    of its own (no exchange rates are guessed), and so is a partner page without a price.
    In `floor` mode only a price below the reference (a minimum advertised price) counts.
    A price of zero is read as no price stated (catalogs and feeds write 0 for "unknown"
    or "call for price"): a reference at zero is not compared, a partner at zero is
    reported like a partner without a price. A marketplace's several offers (schema.org
    `AggregateOffer`, "5 offers from $189.99") are a range: a finding only when it leaves
    the reference price out (in `floor` mode, when its lowest offer is below it).

    **Why it matters**
    A stale or wrong price on a reseller's page is the inconsistency customers notice first,
    and a price below the brand's minimum advertised price breaks partner agreements.

    **Example (flagged)**
    Reference `AX5400 Pro Router: $299.00`; partner `AX5400 Pro Router: $279.00`.

    **Example (fine)**
    Reference `€1,299.00`; partner `1.299,00 €`.

    **Options**
    `mode`: `equal` (default) or `floor`. `tolerance`: `{absolute: 0.005, percent: 0}`, the
    larger allowance applies. `missing`: level for a partner without a price (`info` by
    default, `off` to ignore). `compare`: `effective` (sale price if shown, default) or `list`.
    """

    kind: Literal["price"]
    mode: Literal["equal", "floor"] = "equal"
    tolerance: Tolerance = Field(default_factory=Tolerance)
    missing: Literal["error", "warning", "info", "off"] = "info"
    compare_price: Literal["effective", "list"] = Field(default="effective", alias="compare")

    def compare(self, reference: Record, match: Match, survey: Survey) -> Iterator[Finding]:
        expected = self._price(reference)
        if expected is None or expected.amount == 0:  # zero: a placeholder, not a price
            return
        partner = match.record
        ends = [p for p in partner.prices if p.kind in ("from", "to")]
        if len(ends) == 2:
            yield from self._range(reference, partner, expected, ends[0], ends[1])
            return
        actual = self._price(partner)
        zero = actual is not None and actual.amount == 0
        if zero:
            actual = None
        field = RecordField(
            "sale_price" if actual is not None and actual.kind == "sale" else "price"
        )
        ref_field = "sale_price" if expected.kind == "sale" else "price"
        if actual is None:
            if self.missing != "off" and partner.origin != "datasheet":  # never priced
                yield self.report(
                    RecordField("price"),
                    reference,
                    partner,
                    expected=Value.of(expected),
                    actual=None,
                    summary=f"No price for '{reference.label}'"
                    + (" (a price of zero, read as not stated)" if zero else "")
                    + f"; the reference price is {expected.display()}.",
                    code=Code.MISSING_VALUE,
                    level=Severity(self.missing),
                    partner_field="record",
                )
            return
        for attr, says, code in (
            ("currency", "is in {}", Code.OTHER_CURRENCY),
            ("period", "is billed per {}", Code.OTHER_PERIOD),
        ):
            want, got = getattr(expected, attr), getattr(actual, attr)
            if want and got and want != got:
                yield self.report(
                    field,
                    reference,
                    partner,
                    expected=Value.of(expected),
                    actual=Value.of(actual),
                    summary=f"Price of '{reference.label}' {says.format(got)}; the reference "
                    f"price {says.format(want)} ({expected.display()}).",
                    code=code,
                    reference_field=ref_field,
                    partner_at=actual.where,
                    reference_at=expected.where,
                )
                return
        allowance = self.tolerance.allowance(expected.amount)
        diff = actual.amount - expected.amount
        wrong = diff < -allowance if self.mode == "floor" else abs(diff) > allowance
        if wrong:
            what = "below the minimum advertised price" if self.mode == "floor" else "differs"
            label = "Sale price" if actual.kind == "sale" else "Price"
            yield self.report(
                field,
                reference,
                partner,
                expected=Value.of(expected),
                actual=Value.of(actual),
                summary=f"{label} of '{reference.label}' {what}: {actual.display()} "
                f"(reference {expected.display()}).",
                code=Code.BELOW_FLOOR if self.mode == "floor" else Code.DIFFERS,
                reference_field=ref_field,
                partner_at=actual.where,
                reference_at=expected.where,
            )

    def _range(
        self, reference: Record, partner: Record, expected: Price, low: Price, high: Price
    ) -> Iterator[Finding]:
        """A partner showing several sellers' offers from `low` to `high` (a marketplace's
        AggregateOffer): a difference only when the reference price is outside the range
        (in `floor` mode: when the lowest offer is below it). "5 offers from $189.99" was
        "Price differs: USD 189.99" for a product the brand sells at $199.00."""
        if expected.currency and low.currency and expected.currency != low.currency:
            return  # no exchange rates are guessed; the currency finding needs one price
        allowance = self.tolerance.allowance(expected.amount)
        below = low.amount < expected.amount - allowance
        if self.mode == "floor":
            wrong = below
        else:
            wrong = below and high.amount < expected.amount - allowance
            wrong = wrong or low.amount > expected.amount + allowance
        if not wrong:
            return
        span = f"{low.display()} to {high.display()}"
        if self.mode == "floor":
            says = (
                f"Offers for '{reference.label}' start at {low.display()}, below the "
                f"minimum advertised price {expected.display()} (offers {span})."
            )
        else:
            says = (
                f"Offers for '{reference.label}' range from {span}, which does not "
                f"include the reference price {expected.display()}."
            )
        yield self.report(
            RecordField("price"),
            reference,
            partner,
            expected=Value.of(expected),
            actual=Value.of(low),
            summary=says,
            code=Code.BELOW_FLOOR if self.mode == "floor" else Code.DIFFERS,
            reference_field="sale_price" if expected.kind == "sale" else "price",
            partner_at=low.where,
            reference_at=expected.where,
        )

    def _price(self, record: Record) -> Price | None:
        if self.compare_price == "list":
            return next((p for p in record.prices if p.kind == "list"), record.price)
        return record.price
