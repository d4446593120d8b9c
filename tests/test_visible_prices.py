"""The price one product page's price element shows (extract.heuristics.visible_prices):
a list and a sale price, and amounts beside them that are not the product's price."""

from __future__ import annotations

from decimal import Decimal

import pytest
from selectolax.lexbor import LexborHTMLParser

from msglint.extract.heuristics import visible_prices


def _shown(html: str) -> list[tuple[str, str]]:
    node = LexborHTMLParser(html).body.child
    return [(f"{p.amount:f}", p.kind) for p in visible_prices(node, None)]


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        # a unit price (the EU's Grundpreis, US shelf labels) beside the price
        ('<div class="price">29,90 €<span class="base-price">(14,95 € / 1 l)</span></div>',
         [("29.90", "list")]),
        ('<div class="price">29,90 € <small>Grundpreis: 59,80 € / kg</small></div>',
         [("29.90", "list")]),
        ('<div class="price">$19.99 <span class="unit">($0.33/oz)</span></div>',
         [("19.99", "list")]),
        ('<div class="price">£12.00 <span>(£1.20 per 100g)</span></div>', [("12.00", "list")]),
        # an instalment offer and a charge on top
        ('<p class="price">$199.00 or 4 interest-free payments of $49.75</p>',
         [("199.00", "list")]),
        ('<p class="price">$199.00 <span>+ $9.99 shipping</span></p>', [("199.00", "list")]),
        # what was read before, and still is
        ('<p class="price">Was $229.00 Now $199.00</p>', [("229.00", "list"), ("199.00", "sale")]),
        ('<p class="price">$10/mo</p>', [("10", "list")]),
        ('<p class="price">Starter $49/mo, Pro $89/mo</p>', []),  # two plans: no one price
    ],
)  # fmt: skip
def test_visible_prices(html: str, shown: list[tuple[str, str]]) -> None:
    assert _shown(html) == shown


def test_amounts_are_decimals() -> None:
    node = LexborHTMLParser('<p class="price">$199.00 + $9.99 shipping</p>').body.child
    assert [p.amount for p in visible_prices(node, None)] == [Decimal("199.00")]
