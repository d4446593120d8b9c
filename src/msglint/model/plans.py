"""SaaS plans as a pricing page, a JSON-LD block or a price list states them.

A `Plan` is one tier of one product ("Pro" of "Corvala"): its prices per billing cycle
and basis, the features it includes, its limits, trial length and uptime SLA. Every value
keeps its evidence (`where`), as the other values do, so a finding points at the card, cell
or row it was read from.

Billing is kept in two parts, because pages write the same price in several ways:
`period` is what the shown amount is per ("$8 /month"), `billed` how often the customer
pays ("billed annually"). "$96/year" and "$8/month billed annually" are then the same
price: `billed` "year" and a cycle total of 96 (`PlanPrice.cycle_total`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from msglint.model.common import Role
from msglint.model.document import Location
from msglint.model.values import Claim, Spec

#: What a price is per when the page names no unit: the whole account ("flat").
FLAT_BASIS = "flat"


@dataclass(frozen=True, slots=True)
class PlanPrice:
    """One price of a plan.

    `amount` is None for a price the page does not state ("Contact sales", "Custom");
    `period` is "month", "year", "one-time" or None (not stated); `billed` is "month" or
    "year" when the page says how often it is billed, else the period. `basis` is what one
    amount buys: "flat", "user" (per user, seat or member) or a counted unit ("contact")
    with `per` of them ("per 1,000 contacts": basis "contact", per 1000). `kind` is
    "list" or "sale" (a reduced price shown next to a struck-through list price).
    """

    amount: Decimal | None
    currency: str | None = None
    period: str | None = None
    billed: str | None = None
    basis: str = FLAT_BASIS
    per: Decimal = Decimal(1)
    kind: str = "list"
    text: str = ""
    where: Location | None = field(default=None, compare=False, repr=False)

    @property
    def cycle(self) -> str | None:
        """How often the customer pays: "month", "year", "one-time" or None."""
        return self.billed or self.period

    @property
    def custom(self) -> bool:
        return self.amount is None

    @property
    def cycle_total(self) -> Decimal | None:
        """The amount paid per billing cycle: $8/month billed annually -> 96."""
        if self.amount is None:
            return None
        if self.billed == "year" and self.period == "month":
            return self.amount * 12
        if self.billed == "month" and self.period == "year":
            return self.amount / 12
        return self.amount

    @property
    def monthly(self) -> Decimal | None:
        """The amount per month of this price (a yearly total divided by 12)."""
        if self.amount is None:
            return None
        if self.period == "year":
            return self.amount / 12
        return self.amount

    def display(self) -> str:
        """ "USD 8.00/month per user, billed yearly": unambiguous in any locale."""
        if self.amount is None:
            return "custom price (" + (self.text or "not stated") + ")"
        head = f"{self.currency} " if self.currency else ""
        tail = {"month": "/month", "year": "/year", "one-time": " one-time"}.get(
            self.period or "", ""
        )
        if self.basis != FLAT_BASIS:
            unit = self.basis if self.per == 1 else f"{self.per:,} {self.basis}s"
            tail += f" per {unit}"
        if self.billed and self.billed != self.period:
            tail += ", billed " + {"year": "yearly", "month": "monthly"}.get(self.billed, "")
        return f"{head}{self.amount:,.2f}{tail}"

    def located(self, where: Location | None) -> PlanPrice:
        return PlanPrice(
            self.amount,
            self.currency,
            self.period,
            self.billed,
            self.basis,
            self.per,
            self.kind,
            self.text,
            where,
        )


@dataclass(frozen=True, slots=True)
class PlanFeature:
    """A feature as a plan lists it: the words as written, a normalized key, and whether
    the plan includes it (a comparison table's "—" says it does not)."""

    key: str
    text: str
    included: bool = True
    #: Where on the page the feature is listed: "card", "table" (a comparison table),
    #: or "" (a price list, JSON-LD); the rule compares listings both sources have.
    listing: str = ""
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Discount:
    """A discount a page states ("Save 20 %", "2 months free"), as a percentage."""

    percent: Decimal
    text: str
    up_to: bool = False
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Plan:
    """One plan of one product as one source states it.

    `tier` is the plan's position among the product's plans on that page (0 = first),
    used to match a renamed plan. `limits` maps a limit key ("users", "storage",
    "projects", "api-calls") to a `Spec` holding the quantity (magnitude None and text
    "Unlimited" for no limit). `trial` and `sla` are the claims the plan (or the page, for
    every plan on it) states. `where["name"]` is the name's evidence, `at` the plan's.
    """

    source: str
    role: Role
    path: str
    name: str
    url: str | None = None
    product: str | None = None
    tier: int = 0
    origin: str = ""
    prices: list[PlanPrice] = field(default_factory=list)
    features: list[PlanFeature] = field(default_factory=list)
    limits: dict[str, Spec] = field(default_factory=dict)
    trial: Claim | None = None
    sla: Claim | None = None
    discount: Discount | None = None
    where: dict[str, Location] = field(default_factory=dict)
    at: Location | None = None

    @property
    def label(self) -> str:
        """ "Corvala Pro": the product and the plan's name (once, when the name has it)."""
        if not self.product or self.name.casefold().startswith(self.product.casefold()):
            return self.name
        return f"{self.product} {self.name}"

    def location(self, fieldname: str = "name") -> Location:
        return self.where.get(fieldname) or self.at or Location(path=self.path, url=self.url)


@dataclass(slots=True)
class PlanGroup:
    """One brand plan and the plan each partner source states for it (for reports: the
    plans side by side). `reference` is None for a partner plan the brand does not offer;
    `methods` says how each partner's plan was matched ("key", "alias", "retired",
    "fuzzy", "position")."""

    reference: Plan | None
    partners: dict[str, Plan] = field(default_factory=dict)
    methods: dict[str, str] = field(default_factory=dict)
    #: Per partner source: its feature keys worded differently from the brand's feature
    #: they are ("sso" -> "single sign on sso"), so reports show them on one row.
    same_features: dict[str, dict[str, str]] = field(default_factory=dict)
