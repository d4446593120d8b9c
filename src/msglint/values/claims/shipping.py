"""Free-shipping claims: the order amount from which shipping is free, as a `Price` (the
one price shape: amount, ISO 4217 currency), read by `msglint.values.prices.parse_price`.
A threshold without a currency is dropped ("orders of 2 or more items"). "free shipping on
all orders" is a Price of 0 without a currency; a bare "free shipping" states no threshold
and yields nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from msglint.model import Claim, Price
from msglint.values.claims.common import Finder, Reader, Sequences, expand, read_fixed, words

if TYPE_CHECKING:
    from spacy.tokens import Span


GROUP = "shipping"

_SHIP_WORD = words("shipping", "delivery", "postage", "p&p", "shipment")
_SHIP_QUALIFIER = words(
    "standard", "ground", "uk", "us", "eu", "domestic", "express", "next", "-", "day",
    "2", "two", "home", "tracked", "economy", "and", "returns", op="{0,3}",
)  # fmt: skip
_ORDER_WORD = words(
    "order", "orders", "purchase", "purchases", "basket", "baskets", "cart", "carts",
    "everything", "spend", "spending", "items",
)  # fmt: skip
_OVER = words(
    "over", "above", "of", "from", "exceeding", "worth", "beyond", "totalling", "totaling",
    "more", "than", "at", "least", "valued", "or", "minimum", op="{1,3}",
)  # fmt: skip
# A currency mark on either side, both optional in the pattern: `_read_shipping` keeps only
# amounts parse_price gives a currency.
_CURRENCY = {
    "LOWER": {
        "REGEX": r"^(?:[$€£¥₹₽₩₪₺₴₦฿₫₱]|(?:us|ca|au|nz|hk|s|c|a|r)\$|eur|usd|gbp|chf|cad|aud"
        r"|sek|nok|dkk|pln|jpy|euros?|dollars?|pounds?|kr|zł|fr\.?)$"
    },
    "OP": "?",
}
_PRICE: Sequences = [[_CURRENCY, {"LIKE_NUM": True}, _CURRENCY]]


def patterns() -> dict[str, Sequences]:
    """Labels -> token patterns. A label names the kind and, after "/", how to read it."""
    return {
        "free-shipping/threshold": [
            *expand(
                words("free"),
                _SHIP_QUALIFIER,
                _SHIP_WORD,
                words("on", "for", "with", op="?"),
                words("all", "any", "your", "every", op="?"),
                {**_ORDER_WORD, "OP": "?"},
                {**_OVER, "OP": "{0,3}"},
                _PRICE,
            ),
            *expand(
                _ORDER_WORD,
                _OVER,
                _PRICE,
                {"IS_PUNCT": False, "OP": "{0,4}"},
                words("free"),
                {**_SHIP_WORD, "OP": "?"},
            ),
            *expand(
                _ORDER_WORD, _OVER, _PRICE, words("ship", "shipped", "delivered"), words("free")
            ),
            *expand(
                _ORDER_WORD,
                _PRICE,
                {"ORTH": "+"},
                {"IS_PUNCT": False, "OP": "{0,3}"},
                words("free"),
                {**_SHIP_WORD, "OP": "?"},
            ),
            *expand(
                words("free"),
                _SHIP_QUALIFIER,
                _SHIP_WORD,
                words("on", "for"),
                _ORDER_WORD,
                _PRICE,
                {"ORTH": "+", "OP": "?"},
            ),
        ],
        "free-shipping/all": expand(
            words("free"),
            _SHIP_QUALIFIER,
            _SHIP_WORD,
            words("on", "for"),
            words("all", "every", "any"),
            words("order", "orders", "purchase", "purchases"),
        ),
    }


def _read_shipping(f: Finder, span: Span, start: int, end: int) -> list[Claim]:
    from msglint.values.prices import parse_price

    first = next((t for t in span if t.is_currency or t.like_num or t.text.endswith("$")), None)
    if first is None:
        return []
    price = parse_price(f.doc.text[first.idx : end])
    if price is None or price.currency is None or price.amount is None:
        return []
    return [f.claim("free-shipping", price, "price", start, end)]


READERS: dict[str, Reader] = {
    "free-shipping/threshold": _read_shipping,
    "free-shipping/all": read_fixed("free-shipping", Price(Decimal(0)), "price"),
}
