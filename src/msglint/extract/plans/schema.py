"""Plans stated for machines: schema.org `Offer`s of a SaaS product in JSON-LD.

Pricing pages mark plans up in a few ways, all read here:

- a `Product`/`SoftwareApplication`/`Service` whose `offers` is a list of `Offer`s, one per
  plan (`name` "Pro"), or an `AggregateOffer` whose `offers` holds them;
- each Offer's price on the Offer itself (`price`, `priceCurrency`), or in its
  `priceSpecification` (one `UnitPriceSpecification` or a list): `billingDuration`
  (ISO 8601 "P1M"/"P1Y", or a number with `unitCode` "MON"/"ANN"), `unitText`
  ("per user per month", "MON"), `referenceQuantity` ({value 1000, unitText "contacts"}),
  `priceType` (`StrikethroughPrice`/`ListPrice` mark the list price next to a sale price);
- `billingDuration` written on the Offer itself (not schema.org's place for it, but common);
- one plan per period ("Premium mensuel" and "Premium annuel"): the rule's plan matcher
  folds the period words out of the name, so both become prices of one plan.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from msglint.extract.locate import Locator
from msglint.extract.schemaorg import as_list as _list
from msglint.model import FLAT_BASIS, Location, PlanPrice
from msglint.values.plans import words
from msglint.values.plans.prices import read_price

_OFFERING = frozenset(
    {
        "product",
        "softwareapplication",
        "webapplication",
        "service",
        "mobileapplication",
        "saas",
        "individualproduct",
    }
)
_DURATION = re.compile(r"^P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?$", re.I)
_UNIT_CODES = {"MON": "month", "ANN": "year", "YR": "year", "DAY": None, "WEE": None}


def _types(item: dict[str, Any]) -> set[str]:
    raw = item.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1].lower() for t in values if t}


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if value is None or isinstance(value, dict | list):
        return None
    return " ".join(str(value).split())[:300] or None


def _period(duration: Any, unit_code: Any = None) -> str | None:
    """ "P1M" -> month, "P1Y"/"P12M" -> year, 1 + "MON" -> month."""
    if duration is None:
        return _UNIT_CODES.get(str(unit_code).upper()) if unit_code else None
    text = str(duration).strip()
    m = _DURATION.match(text)
    if m:
        years, months = int(m.group("y") or 0), int(m.group("m") or 0)
        total = years * 12 + months
        return {1: "month", 12: "year"}.get(total)
    if unit_code:
        code = _UNIT_CODES.get(str(unit_code).upper())
        if code == "month" and text in ("12",):
            return "year"
        return code if text in ("1", "1.0") else None
    from msglint.values.prices import billing_period

    return billing_period(text)


def _amount(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        price = read_price(str(value))
        return price.amount if price else None


def offer_prices(offer: dict[str, Any], where: Location) -> list[PlanPrice]:
    """The prices of one schema.org Offer (its priceSpecification first)."""
    out: list[PlanPrice] = []
    specs = [s for s in _list(offer.get("priceSpecification")) if isinstance(s, dict)]
    for spec in specs:
        price = _spec_price(spec, offer, where)
        if price is not None:
            out.append(price)
    if any(p.kind == "struck" for p in out):
        # a list price next to the price the customer pays (schema.org StrikethroughPrice)
        out = [_kind(p, "list" if p.kind == "struck" else "sale") for p in out]
    if out:
        return out
    amount = _amount(
        offer.get("price") if offer.get("price") is not None else offer.get("lowPrice")
    )
    if amount is None:
        return []
    period = _period(offer.get("billingDuration"), offer.get("unitCode"))
    return [
        PlanPrice(
            amount,
            _text(offer.get("priceCurrency")),
            period,
            None,
            FLAT_BASIS,
            Decimal(1),
            "list",
            f"{amount} {offer.get('priceCurrency') or ''}".strip(),
            where,
        )
    ]


def _kind(price: PlanPrice, kind: str) -> PlanPrice:
    return PlanPrice(
        price.amount,
        price.currency,
        price.period,
        price.billed,
        price.basis,
        price.per,
        kind,
        price.text,
        price.where,
    )


def _spec_price(spec: dict[str, Any], offer: dict[str, Any], where: Location) -> PlanPrice | None:
    amount = _amount(spec.get("price"))
    if amount is None:
        return None
    currency = _text(spec.get("priceCurrency")) or _text(offer.get("priceCurrency"))
    unit_text = _text(spec.get("unitText")) or ""
    period = _period(spec.get("billingDuration"), spec.get("unitCode"))
    if period is None and unit_text:
        from msglint.values.prices import billing_period

        period = billing_period(unit_text) or _UNIT_CODES.get(unit_text.upper())
    if period is None:
        period = _period(offer.get("billingDuration"), offer.get("unitCode"))
    basis, per = FLAT_BASIS, Decimal(1)
    m = words.basis_after().search(unit_text)
    if m:
        basis = words.basis_names().get((m.group("unit") or m.group("slashed")).lower(), FLAT_BASIS)
    ref = spec.get("referenceQuantity")
    if isinstance(ref, dict):
        ref_unit = (_text(ref.get("unitText")) or _text(ref.get("unitCode")) or "").lower()
        first = ref_unit.split()[0] if ref_unit.split() else ""
        basis = words.basis_names().get(
            first, basis if basis != FLAT_BASIS else (first or FLAT_BASIS)
        )
        value = _amount(ref.get("value"))
        if value is not None and value > 0:
            per = value
    price_type = str(spec.get("priceType") or "").rsplit("/", 1)[-1].lower()
    kind = "struck" if price_type in ("strikethroughprice", "listprice", "srp", "msrp") else "list"
    return PlanPrice(
        amount,
        currency,
        period,
        None,
        basis,
        per,
        kind,
        f"{amount} {currency or ''} {unit_text}".strip(),
        where,
    )


def schema_plans(
    items: list[tuple[int, dict[str, Any]]], ev: Locator
) -> list[tuple[str | None, str, list[PlanPrice], Location, dict[str, Any]]]:
    """(product, plan name, prices, evidence, offer) for every named offer of a product."""
    out = []
    for index, item in items:
        if not (_types(item) & _OFFERING):
            continue
        product = _text(item.get("name"))
        offers: list[dict[str, Any]] = []
        for offer in _list(item.get("offers")):
            if not isinstance(offer, dict):
                continue
            if "aggregateoffer" in _types(offer) and offer.get("offers"):
                offers.extend(o for o in _list(offer.get("offers")) if isinstance(o, dict))
            else:
                offers.append(offer)
        for offer in offers[:60]:
            name = _text(offer.get("name")) or _text(offer.get("category"))
            if not name:
                if len(offers) == 1 and product:
                    name = product
                else:
                    continue
            where = ev.script(index, "name", name) if _text(offer.get("name")) else ev.script(index)
            prices = offer_prices(offer, where) or [
                PlanPrice(
                    None, _text(offer.get("priceCurrency")), text="no price stated", where=where
                )
            ]
            out.append((product, name, prices, where, offer))
    return out
