"""schema.org values and offers as JSON-LD and microdata state them: plain-text values,
lists, and an Offer's prices (its own, or its `priceSpecification`'s)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

PERIODS = {
    "MON": "month",
    "P1M": "month",
    "MONTH": "month",
    "ANN": "year",
    "P1Y": "year",
    "YEAR": "year",
}


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text(value: Any) -> str | None:
    """A schema.org value as plain text: strings, numbers, or an object's name/@value."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("value")
    if value is None or isinstance(value, dict | list):
        return None
    plain = " ".join(str(value).split())
    return plain[:2000] or None


def offers(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The product's own offer: the first one (an AggregateOffer's first nested offer).

    Further offers are usually other sellers' and say nothing about this page's price.
    """
    for offer in as_list(item.get("offers")):
        if isinstance(offer, dict):
            nested = [o for o in as_list(offer.get("offers")) if isinstance(o, dict)]
            return [nested[0] if nested else offer]
    return []


def offer_prices(offer: dict[str, Any]) -> Iterator[tuple[Any, str, str | None, Any]]:
    """(price, "list"|"sale"|"from"|"to", period, currency) from an Offer and its
    priceSpecification ("from" and "to": the ends of an AggregateOffer's range).

    An offer without a `price` of its own states it in its specifications (WooCommerce
    writes the price paid in one `UnitPriceSpecification` and the regular price in another
    with `priceType: ListPrice`, each with its own `priceCurrency`)."""
    specs = [s for s in as_list(offer.get("priceSpecification")) if isinstance(s, dict)]
    period = None
    for spec in specs:
        period = period or period_of(spec)
    listed = [
        s
        for s in specs
        if "listprice" in str(s.get("priceType", "")).lower()
        or "strikethrough" in str(s.get("priceType", "")).lower()
    ]
    price, currency = offer.get("price"), offer.get("priceCurrency")
    low, high = offer.get("lowPrice"), offer.get("highPrice")
    if price is None and low is not None and high is not None and text(low) != text(high):
        # an AggregateOffer of several sellers: a range ("5 offers from $189.99"), not a
        # price; the price rule compares the reference's price with both ends
        yield low, "from", period, currency
        yield high, "to", period, currency
        return
    if price is None:
        price = low
    if price is None:
        paid = next((s for s in specs if s not in listed and s.get("price") is not None), None)
        if paid is not None:
            price, currency = paid.get("price"), currency or paid.get("priceCurrency")
    if price is not None:
        if listed and listed[0].get("price") is not None:
            listed_currency = currency or listed[0].get("priceCurrency")
            yield listed[0].get("price"), "list", period, listed_currency
            if text(listed[0].get("price")) != text(price):
                yield price, "sale", period, currency or listed_currency
        else:
            yield price, "list", period, currency
    elif specs and specs[0].get("price") is not None:
        yield specs[0].get("price"), "list", period, currency or specs[0].get("priceCurrency")


def period_of(spec: dict[str, Any]) -> str | None:
    for key in ("billingDuration", "unitCode", "unitText", "referenceQuantity"):
        value = spec.get(key)
        if isinstance(value, dict):
            value = value.get("unitCode") or value.get("unitText") or value.get("value")
        if value is not None:
            found = PERIODS.get(str(value).strip().upper())
            if found:
                return found
    return None
