"""What the `plan` kind compares within one matched plan, and how it words its findings.

`PlanChecks` holds the comparisons of one brand plan with one partner plan (prices per
billing cycle and basis, features, limits) and of a plan with itself (a stated discount),
and builds every finding typed like the other consistency findings: the field
(`RecordField`: "price" with its cycle, "feature" with its key, "limit", "trial", "sla",
"plan", "name", "discount"), the kind of difference (`Code`), both values (`Value`: a plan
price as a `Price`, a limit as a `Spec`, a trial or SLA as a `Claim`) and the brand's
`Evidence`. checks/plan.py is the rule kind itself (its options, matching, the run).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from msglint.checks.consistency import ConsistencyRule
from msglint.checks.price import Tolerance
from msglint.model import (
    Code,
    Evidence,
    Finding,
    Location,
    Plan,
    PlanFeature,
    PlanPrice,
    Price,
    RecordField,
    Severity,
    Value,
)

#: Kinds of plan finding (what `kind_of` tells a finding apart by): the field a finding is
#: about and its code.
KINDS: dict[str, tuple[str, Code]] = {
    "plan-missing": ("plan", Code.MISSING_PLAN),
    "plan-extra": ("plan", Code.UNKNOWN_PLAN),
    "plan-name": ("name", Code.RENAMED_PLAN),
    "plan-retired": ("name", Code.RETIRED_NAME),
    "price": ("price", Code.DIFFERS),
    "price-period": ("price", Code.OTHER_PERIOD),
    "price-basis": ("price", Code.OTHER_BASIS),
    "price-currency": ("price", Code.OTHER_CURRENCY),
    "feature-missing": ("feature", Code.FEATURE_MISSING),
    "feature-added": ("feature", Code.FEATURE_ADDED),
    "limit": ("limit", Code.DIFFERS),
    "trial": ("trial", Code.DIFFERS),
    "sla": ("sla", Code.DIFFERS),
    "discount": ("discount", Code.DIFFERS),
}
_KIND_OF = {value: key for key, value in KINDS.items()}


def kind_of(finding: Finding) -> str | None:
    """The plan finding's kind ("price-period", "feature-missing", ...) from its field and
    code; None for a finding of another rule kind."""
    if finding.field is None or finding.code is None:
        return None
    kind = _KIND_OF.get((finding.field.name, finding.code))
    return "plan-name" if kind == "plan-retired" else kind


def price_value(price: PlanPrice) -> Value:
    """A plan price as a finding's value: a typed Price (its cycle as the period) shown the
    way `PlanPrice.display` writes it (basis and billing included); text for a price the
    page does not state."""
    if price.amount is None:
        return Value(price.display())
    typed = Price(price.amount, price.currency, price.cycle, price.kind, price.text, price.where)
    return Value(price.display(), typed)


class PlanChecks(ConsistencyRule):
    """The comparisons and findings of the `plan` kind (PlanRule); not a kind itself."""

    tolerance: Tolerance = Field(default_factory=Tolerance)
    features: bool = True
    discount_tolerance: Decimal = Field(default=Decimal(1), ge=0)

    def _close(self, want: Decimal | None, got: Decimal | None) -> bool:
        if want is None or got is None:
            return want is None and got is None
        return abs(got - want) <= self.tolerance.allowance(want)

    def _prices(self, ref: Plan, part: Plan) -> Iterator[Finding]:
        want, got = _effective(ref), _effective(part)
        if not want or not got:
            return
        for cycle, r in want.items():
            p = got.get(cycle)
            if p is None and cycle is None and len(want) == 1:
                # the brand states no cycle: its one price is the partner's one price
                p = next(iter(got.values())) if len(got) == 1 else None
            if p is None:
                continue
            yield from self._price_pair(ref, part, r, p, want)
        for cycle, p in got.items():
            if cycle in want or cycle is None:
                continue
            if cycle == "month" and "year" in want:
                year = want["year"]
                if self._close(year.monthly, p.amount) or self._close(year.cycle_total, p.amount):
                    yield self._period_finding(ref, part, year, year, p)

    def _price_pair(
        self, ref: Plan, part: Plan, r: PlanPrice, p: PlanPrice, want: dict[str | None, PlanPrice]
    ) -> Iterator[Finding]:
        if r.amount is None or p.amount is None:
            if (r.amount is None) != (p.amount is None):
                yield self._price_finding("price", ref, part, r, p, "differs")
            return
        if r.currency and p.currency and r.currency != p.currency:
            yield self._price_finding("price-currency", ref, part, r, p, f"is in {p.currency}")
            return
        if (r.basis, r.per) != (p.basis, p.per) and (
            self._close(r.amount, p.amount) or self._close(r.cycle_total, p.cycle_total)
        ):
            shown = "flat" if p.basis == "flat" else f"per {p.basis}"
            meant = "flat" if r.basis == "flat" else f"per {r.basis}"
            yield self._price_finding(
                "price-basis", ref, part, r, p, f"is shown {shown}; the brand's is {meant}"
            )
            return
        if self._close(r.cycle_total, p.cycle_total):
            return
        if p.cycle == "month" and "year" in want:
            year = want["year"]
            if self._close(year.monthly, p.amount) or self._close(year.cycle_total, p.amount):
                yield self._period_finding(ref, part, r, year, p)
                return
        if p.cycle == "year" and "month" in want:
            month = want["month"]
            if self._close(month.amount, p.monthly):
                yield self._price_finding(
                    "price-period", ref, part, r, p, "shows the monthly price as the annual one"
                )
                return
        yield self._price_finding("price", ref, part, r, p, "differs")

    def _period_finding(
        self, ref: Plan, part: Plan, r: PlanPrice, year: PlanPrice, p: PlanPrice
    ) -> Finding:
        """The partner's monthly price is the brand's annual price (per month or in total);
        `r` is the brand's price for the partner's cycle when it has one, else `year`."""
        if r is year:
            return self._price_finding(
                "price-period", ref, part, year, p, "shows the annual price as a monthly one"
            )
        return self._price_finding(
            "price-period",
            ref,
            part,
            r,
            p,
            f"is the brand's annual price ({year.display()}) shown as a monthly one",
        )

    def _price_finding(
        self, kind: str, ref: Plan, part: Plan, r: PlanPrice, p: PlanPrice, says: str
    ) -> Finding:
        cycle = {"month": "monthly", "year": "annual"}.get(r.cycle or "", "")
        what = f"{cycle} price".strip()
        return self._finding(
            kind,
            ref,
            part,
            price_value(p),
            price_value(r),
            f"The {what} of '{ref.label}' {says}: {p.display()} (brand: {r.display()}).",
            at=p.where,
            ref_at=r.where,
            detail=r.cycle or "",
        )

    def _features(self, ref: Plan, part: Plan) -> Iterator[Finding]:
        from msglint.values.plans.features import feature_match

        listings = {f.listing for f in ref.features} & {f.listing for f in part.features}
        # a partner that shows the cards but not the comparison table is compared on the
        # cards only; with no listing in common, on everything
        want = {
            f.key: f for f in ref.features if f.included and (not listings or f.listing in listings)
        }
        got = {
            f.key: f
            for f in part.features
            if f.included and (not listings or f.listing in listings)
        }
        if not want or not got:
            return
        left_got = dict(got)
        unmatched_want = []
        for key in want:
            if key in left_got:
                del left_got[key]
            else:
                unmatched_want.append(key)
        pending = list(unmatched_want)
        for key in unmatched_want:
            verdict, other = feature_match(key, list(left_got))
            if verdict == "same" and other is not None:
                del left_got[other]
                pending.remove(key)
            elif verdict == "uncertain":
                pending.remove(key)
                if other is not None:
                    del left_got[other]
        for key in pending:
            f = want[key]
            yield self._finding(
                "feature-missing",
                ref,
                part,
                None,
                Value(f.text),
                f"Plan '{ref.label}' at {part.source} does not list '{f.text}'.",
                at=part.location(),
                ref_at=f.where,
                detail=key,
            )
        # a feature the brand lists anywhere (cards or table, included or not) is known: a
        # partner's table row the brand shows only on its cards is not "added"
        known = {f.key: f for f in ref.features}
        for key, f in left_got.items():
            if key in want or key in known:
                if key in known and not known[key].included and key not in want:
                    yield self._added(ref, part, f, key)
                continue
            verdict, _ = feature_match(key, list(known))
            if verdict == "different":
                yield self._added(ref, part, f, key)

    def _added(self, ref: Plan, part: Plan, f: PlanFeature, key: str) -> Finding:
        return self._finding(
            "feature-added",
            ref,
            part,
            Value(f.text),
            None,
            f"Plan '{ref.label}' at {part.source} lists '{f.text}', which the brand's "
            "plan does not include.",
            at=f.where,
            ref_at=ref.location(),
            detail=key,
        )

    def _limits(self, ref: Plan, part: Plan) -> Iterator[Finding]:
        from msglint.values.plans import same_limit

        for key, want in ref.limits.items():
            got = part.limits.get(key)
            if got is None or same_limit(want, got):
                continue
            yield self._finding(
                "limit",
                ref,
                part,
                Value.of(got),
                Value.of(want),
                f"The {key} limit of '{ref.label}' is {got.text}; the brand's is {want.text}.",
                at=got.where,
                ref_at=want.where,
                detail=key,
            )

    def _discount(self, plan: Plan) -> Iterator[Finding]:
        d = plan.discount
        if d is None:
            return
        prices = _effective(plan)
        month, year = prices.get("month"), prices.get("year")
        if month is None or year is None or not month.amount or year.cycle_total is None:
            return
        if (month.basis, month.per) != (year.basis, year.per):
            return
        actual = (1 - year.cycle_total / (12 * month.amount)) * 100
        off = actual - d.percent
        if (d.up_to and off <= self.discount_tolerance) or abs(off) <= self.discount_tolerance:
            return
        shown = f"{actual.quantize(Decimal('0.1'))} %"
        where = d.where or plan.location()
        yield Finding(
            rule=self.id,
            severity=self.level,
            message=f"'{d.text}' is stated for '{plan.label}', but its prices "
            f"({month.display()} monthly, {year.display()} annually) give {shown}.",
            source=plan.source,
            role=plan.role,
            location=where,
            actual=Value(shown),
            expected=Value(f"{d.percent} %"),
            context=f"{plan.label}|discount",
            link=self.link,
            product=plan.label,
            field=RecordField("discount"),
            code=Code.DIFFERS,
            reference=Evidence(plan.source, where),
        )

    def _finding(
        self,
        kind: str,
        ref: Plan,
        part: Plan,
        actual: Value | None,
        expected: Value | None,
        summary: str,
        *,
        at: Location | None = None,
        ref_at: Location | None = None,
        level: Severity | None = None,
        detail: str = "",
    ) -> Finding:
        name, code = KINDS[kind]
        field = RecordField(name, detail or None)
        message = summary
        if self.message:
            message = self.message.format(
                rule=self.id,
                product=ref.label,
                field=str(field),
                expected=expected.text if expected else "",
                actual=actual.text if actual else "",
            )
        return Finding(
            rule=self.id,
            severity=level or self.level,
            message=message,
            source=part.source,
            role=part.role,
            location=at or part.location(),
            actual=actual,
            expected=expected,
            context=f"{ref.label}|{kind}|{detail}",
            link=self.link,
            product=ref.label,
            field=field,
            code=code,
            reference=Evidence(ref.source, ref_at or ref.location()),
        )


def _effective(plan: Plan) -> dict[str | None, PlanPrice]:
    """The price a customer pays per billing cycle: the sale price where one is shown."""
    out: dict[str | None, PlanPrice] = {}
    for price in plan.prices:
        cycle = price.cycle
        have = out.get(cycle)
        if have is None or (price.kind == "sale" and have.kind != "sale"):
            out[cycle] = price
    if len(out) > 1 and None in out and out[None].amount is None:
        del out[None]
    return out
