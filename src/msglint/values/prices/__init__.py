"""Prices as written -> `Price` values: exact amount, ISO 4217 currency, billing period, kind.

The amount is read by price-parser (`Price.fromstring`), which knows the locale forms
("1.299,00 €", "€1,299.00", "CHF 1'299.–", "99,-", "$.75", "35€ 99") and is the reference
these results are measured against (`benchmarks/prices.py`). What is written here by hand
covers what price-parser does not do, each for a stated reason, one job per module:

* `currency`: price-parser returns the currency as the raw symbol ("$", "zł"); it is mapped
  to ISO 4217 through msglint's table (`data/currencies.yaml`: price-parser's symbols, kept
  as data instead of importing its private `_currencies` module, and the symbols it lacks),
  with a default for the few symbols several live currencies share ("$" -> USD unless the
  hint is another dollar). Babel's CLDR symbols were measured and not used (see `currency`).
* `scan`: price-parser reads the first number in the text ("Save $20! Now $79.99" -> 20).
  `find_prices` scans running text for every amount that carries a currency, and tells a
  list price from a sale price, a saving and an order threshold by the words next to it
  (`data/price_words.yaml`); `parse_price` runs the same scan when the text has words or
  several numbers, and then returns the price the customer pays instead of the first number.
* `parse`: price-parser reads currency symbols anywhere, even inside words ("р" in
  "товара"); a letter symbol found only inside a word is ignored here.
* `numbers`: the three-decimal currencies (KWD, BHD, OMR...) are read with "." as the
  decimal point when the amount has exactly three decimals after a dot ("423.923 KD"),
  which price-parser would take as a thousands separator.
* `period`: billing periods are a handful of phrases (data too); no library covers them.

price-parser is imported on first use: the CLI imports this layer at start-up.
"""

from __future__ import annotations

from msglint.values.prices.currency import currency_code
from msglint.values.prices.parse import MAX_PRICE_TEXT, parse_price, price_trouble
from msglint.values.prices.period import MAX_RUNNING_TEXT, billing_period
from msglint.values.prices.scan import find_prices

__all__ = [
    "MAX_PRICE_TEXT",
    "MAX_RUNNING_TEXT",
    "billing_period",
    "currency_code",
    "find_prices",
    "parse_price",
    "price_trouble",
]
