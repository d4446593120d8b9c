"""A plan's price as a card or cell writes it -> PlanPrice: amount, period, basis, billing.

The amount, currency and period come from `msglint.values.prices` (price-parser and the
billing-period words); what is added here is what only pricing pages write: prices that
are not stated ("Contact sales", "Custom"), the basis ("per user", "/seat", "per 1,000
contacts"), how often it is billed ("billed annually", "facturé annuellement"), and stated
discounts ("Save 20 %", "2 months free").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from msglint.model import FLAT_BASIS, Discount, Location, PlanPrice
from msglint.values.plans import words

#: How far after an amount its basis and period are looked for ("$10 per user per month").
_TAIL = 48

_DISCOUNT = re.compile(
    r"(?:(?:save|spare|sparen|économisez|economisez|ahorra|risparmia)\s+(?P<upto>up\s+to\s+|bis\s+zu\s+|jusqu'à\s+)?"
    r"(?P<pct>\d{1,2}(?:[.,]\d+)?)\s*%)"
    r"|(?:(?P<pct2>\d{1,2}(?:[.,]\d+)?)\s*%\s*(?:off|discount|rabatt|de\s+réduction|de\s+remise|descuento))"
    r"|(?:(?P<months>\d{1,2}|one|two|three)\s+months?\s+(?:free|gratis|offerts?))",
    re.IGNORECASE,
)
_MONTH_WORDS = {"one": 1, "two": 2, "three": 3}


def is_custom(text: str) -> bool:
    """Whether `text` is a price that states no amount ("Contact sales", "Custom")."""
    return bool(text) and len(text) < 60 and bool(words.custom_price().match(text))


def billed_in(text: str) -> str | None:
    """ "year" or "month" when `text` says how the price is billed ("billed annually")."""
    m = words.billed().search(text)
    if not m:
        return None
    return "year" if m.group("year") else "month"


def read_basis(tail: str) -> tuple[str, Decimal]:
    """(basis, per) a text states: "per user" -> ("user", 1), "per 1,000 contacts" ->
    ("contact", 1000); ("flat", 1) when it names none."""
    m = words.basis_after().search(tail)
    if not m:
        return FLAT_BASIS, Decimal(1)
    unit = words.basis_names().get((m.group("unit") or m.group("slashed")).lower(), FLAT_BASIS)
    per = Decimal(1)
    if m.group("unit") and m.group("per"):
        digits = re.sub(r"[^\d]", "", m.group("per"))
        if digits:
            try:
                per = Decimal(digits)
            except InvalidOperation:
                per = Decimal(1)
    return unit, per


def read_price(
    text: str,
    *,
    currency: str | None = None,
    context: str = "",
    where: Location | None = None,
    kind: str = "list",
) -> PlanPrice | None:
    """The price `text` shows, or None when it shows none.

    `context` is the text around the price element (the card's price block): the basis
    and billing are read there when the price text itself does not state them.
    """
    from msglint.values.prices import find_prices, parse_price

    text = " ".join(text.split())
    if not text:
        return None
    if is_custom(text):
        return PlanPrice(amount=None, currency=currency, text=text, kind=kind, where=where)
    found = find_prices(text, currency=currency)
    if found:
        start, end, price = found[0]
        if price.kind == "sale" and len(found) > 1:
            start, end, price = next((f for f in found if f[2].kind == "list"), found[0])
    else:
        price = parse_price(text, currency=currency)
        if price is None or price.amount != 0 or len(text) > 30:
            return None
        start, end = 0, len(text)
    tail = text[end : end + _TAIL]
    around = " ".join(context.split())
    basis, per = read_basis(text[start : end + _TAIL])
    if basis == FLAT_BASIS and around:
        basis, per = read_basis(around)
    period = price.period
    if period is None:
        from msglint.values.prices import billing_period

        period = billing_period(tail) or (billing_period(around) if around else None)
    billed = billed_in(text) or (billed_in(around) if around else None)
    return PlanPrice(
        amount=price.amount,
        currency=price.currency or currency,
        period=period,
        billed=billed,
        basis=basis,
        per=per,
        kind=kind,
        text=text[start : end + _TAIL].strip() if tail else text[start:end],
        where=where,
    )


def read_discount(text: str, where: Location | None = None) -> Discount | None:
    """A discount the text states: "Save 20%", "save up to 20 %", "20% off", "2 months free"."""
    m = _DISCOUNT.search(text)
    if not m:
        return None
    if m.group("months"):
        raw = m.group("months").lower()
        months = _MONTH_WORDS.get(raw) or int(raw)
        percent = (Decimal(months) * 100 / 12).quantize(Decimal("0.01"))
        return Discount(percent=percent, text=m.group(0), where=where)
    raw = (m.group("pct") or m.group("pct2")).replace(",", ".")
    return Discount(percent=Decimal(raw), text=m.group(0), up_to=bool(m.group("upto")), where=where)
