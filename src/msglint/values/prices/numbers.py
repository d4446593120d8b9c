"""How prices write numbers, and reading one amount exactly.

The amount is read by price-parser (`Price.fromstring`), imported on first use: the CLI
imports this layer at start-up. A bare JSON-LD style number ("1299", "19.99") is read
without it, and an amount in a three-decimal currency (KWD, BHD, OMR...) with exactly three
decimals after a dot ("423.923 KD") is a decimal, which price-parser would take for a
thousands separator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from msglint.values.prices.currency import _currency_tables

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "′": "'", "\u00a0": " ", "\u202f": " "})

# A number as prices write it: digit groups ("1.299", "1 299", "1'299"), decimals, a dash for
# zero cents ("99,-", "1'299.–") and price-parser's ".75". `{gap}` is where a price as written
# may carry a stray space after the decimal comma ("1.837, 32 €"); running text may not, as
# "$5, 10 and 15" is a list there.
_NUMBER_FORM = r"""
    (?=\.?\d)(?<![\d.,'’])
    (?:
        \d{{1,3}}(?:[,.'’\u00a0\u202f\u2009 ]\d{{3}})+(?:[.,]{gap}\d+)?
      | \d+(?:[.,]{gap}\d+)?
      | \.\d+
    )
    (?:[.,][-–—](?!\d))?
    """
_NUMBER = re.compile(_NUMBER_FORM.format(gap=""), re.VERBOSE)
_PRICE_NUMBER = re.compile(_NUMBER_FORM.format(gap=r"(?:\x20(?=\d\d(?!\d)))?"), re.VERBOSE)
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_PLAIN_DECIMAL = re.compile(r"\d{1,30}(?:\.(?:\d{1,2}|\d{4,30}))?")
_JSON_NUMBER = re.compile(r"\d{1,30}(?:\.\d{1,30})?(?:[eE][+-]?\d{1,2})?")
_THREE_DECIMALS = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{3}|\d+\.\d{3}")


@cache
def _price_parser() -> Callable[..., Any]:
    from price_parser import Price as ParsedPrice

    return ParsedPrice.fromstring


def _simple_number(text: str, decimal_separator: str | None) -> Decimal | None:
    """A bare number JSON-LD style ("1299", "19.99"), read without price-parser.

    Only the forms price-parser reads the same way; a dot with exactly three decimals is
    left to it (or read as a decimal point when the caller says so).
    """
    if decimal_separator == "." and _JSON_NUMBER.fullmatch(text):
        return Decimal(format(Decimal(text), "f"))  # "1e5" -> 100000, as a page would say
    if decimal_separator in (None, ".") and _PLAIN_DECIMAL.fullmatch(text):
        return Decimal(text)
    return None


def _three_decimals(
    amount_text: str, amount: Decimal, code: str | None, decimal_separator: str | None
) -> Decimal:
    """Re-read "423.923" as a decimal for currencies with three minor digits (KWD, OMR...)."""
    if decimal_separator or not code:
        return amount
    _, _, three = _currency_tables()
    if code not in three or not _THREE_DECIMALS.fullmatch(amount_text.strip()):
        return amount
    return Decimal(amount_text.strip().replace(",", ""))
