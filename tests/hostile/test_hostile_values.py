"""Wrong values: amounts msglint must not read as something they are not.

A negative price ("-100", "-$100.00", JSON-LD -100) was read as USD 100.00 and "1e308" as
USD 1.00, so a partner page showing nonsense got a plausible price and a price finding
against it. Each is now an extraction warning that quotes the value and says why it was not
read; the page's other findings and the canary's still appear.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from canary import assert_canary, cpu_seconds, project, run


def _jsonld(price: object) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": "Acme Widget",
        "sku": "ACM-1",
        "offers": {"@type": "Offer", "price": price, "priceCurrency": "USD"},
    }
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head>'
        "<body><h1>Acme Widget</h1></body></html>"
    )


def _page(price: str) -> str:
    body = f"<h1>Acme Widget</h1><p class='price'>{price}</p><p>SKU: ACM-1</p>"
    return f"<html><body>{body}</body></html>"


CASES = {
    "minus-100": ("w.html", _page("-100"), "'-100' cannot be read: a negative amount"),
    "minus-dollar": ("w.html", _page("-$100.00"), "'-$100.00' cannot be read: a negative amount"),
    "jsonld-minus": ("w.html", _jsonld(-100), "'-100' cannot be read: a negative amount"),
    "jsonld-1e308": ("w.html", _jsonld(1e308), "'1e+308' cannot be read: an amount out of range"),
    "page-1e308": ("w.html", _page("$1e308"), "'$1e308' cannot be read: a number in exponent"),
    "csv-minus": (
        "c.csv",
        "sku,name,price\nACM-1,Acme Widget,-100\n",
        "'-100' could not be read: a negative amount",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_negative_and_absurd_prices_are_warned_not_read(tmp_path: Path, case: str) -> None:
    name, data, message = CASES[case]
    result = run(project(tmp_path, files={name: data}))
    assert result.code == 1
    assert message in result.messages(), result.stdout
    hostile = [f for f in result.findings if f["location"]["path"] == f"hostile/{name}"]
    assert "msglint.extract-error" in {f["rule"] for f in hostile}
    for finding in hostile:  # never compared as USD 100.00 or USD 1.00
        assert "USD 100" not in finding["message"] and "USD 1.00" not in finding["message"]
    assert_canary(result)


def test_a_long_run_of_digits_is_no_price_and_costs_linear_time() -> None:
    """benchmarks/fuzz.py: "$" and 11,840 nines took price-parser 10 s (its decimal
    separator regex is quadratic in the number's length)."""
    from msglint.values.prices import find_prices, parse_price

    assert find_prices("$" + "9" * 11_840) == []
    assert parse_price("$" + "9" * 250) is None  # over a quadrillion: out of range
    # 150,000 digits (under MAX_RUNNING_TEXT): quadratic, this took far beyond an hour.
    assert cpu_seconds(find_prices, lambda: "$" + "9" * 150_000 + " ok", repeat=1) < 1.0
