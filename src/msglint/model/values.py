"""The typed values extraction reads and consistency rules compare: prices, specs, claims.

Each value carries its own evidence (`where`: the Location it was read from), so a finding
about a value points at it without looking it up on the record. Evidence is not part of a
value's equality: the same price read from two places is the same price.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from msglint.model.document import Location
from msglint.model.state import quick_state


@quick_state
@dataclass(frozen=True, slots=True)
class Price:
    """A price as a customer reads it: exact amount, ISO 4217 currency, billing period.

    `period` is "month", "year" or "one-time", or None when the page does not say;
    `kind` is "list" (the regular price) or "sale" (a reduced price shown next to it), or
    "from" and "to": the ends of a range several sellers' offers make (schema.org
    AggregateOffer's lowPrice and highPrice), which is not one price.
    """

    amount: Decimal
    currency: str | None = None
    period: str | None = None
    kind: str = "list"
    text: str = ""
    where: Location | None = field(default=None, compare=False, repr=False)

    def located(self, where: Location | None) -> Price:
        """This price with its evidence (values are shared: parse results are cached)."""
        return Price(self.amount, self.currency, self.period, self.kind, self.text, where)

    def display(self) -> str:
        """ "USD 1,299.00/month": unambiguous whatever locale the page was written in."""
        head = f"{self.currency} " if self.currency else ""
        tail = {"month": "/month", "year": "/year"}.get(self.period or "", "")
        return f"{head}{self.amount:,.2f}{tail}"


@quick_state
@dataclass(frozen=True, slots=True)
class Spec:
    """One specification: normalized key, the label and value as written, and the value
    as a quantity in base units when it is one, so "2.5 kg" and "5.51 lb" compare equal.
    """

    key: str
    label: str
    text: str
    magnitude: float | None = None
    unit: str | None = None
    dimension: str | None = None
    where: Location | None = field(default=None, compare=False, repr=False)

    def located(self, where: Location | None) -> Spec:
        """This spec with its evidence (values are shared: parse results are cached)."""
        return Spec(
            self.key, self.label, self.text, self.magnitude, self.unit, self.dimension, where
        )


@quick_state
@dataclass(frozen=True, slots=True)
class Claim:
    """A support fact stated in prose ("2-year warranty", "99.9% uptime", "24/7 support").

    `value` is normalized: days for durations (warranty, returns, trial), a percentage for
    an SLA, a `Price` for a free-shipping threshold (unit "price"), minutes for an SLA
    response or resolution time, a canonical string otherwise ("24/7", "lifetime", "phone",
    an E.164 phone number, a lower-case e-mail address). `start`/`end` index the text the
    claim was found in. `qualifier` says what the value is stated for when a kind has
    several ("p1": the priority an SLA time is for); values compare only within one.
    """

    kind: str
    value: Decimal | str | Price
    unit: str
    text: str
    sentence: str = ""
    start: int = 0
    end: int = 0
    where: Location | None = field(default=None, compare=False, repr=False)
    qualifier: str = ""

    def located(self, where: Location | None) -> Claim:
        """This claim with its evidence."""
        return Claim(
            self.kind, self.value, self.unit, self.text, self.sentence, self.start, self.end,
            where, self.qualifier,
        )  # fmt: skip

    @property
    def key(self) -> Decimal | str:
        """What two claims of one kind must share to agree: the value; for a price, its
        amount (a threshold of 50 in another currency is not told apart, as before)."""
        return self.value.amount if isinstance(self.value, Price) else self.value
