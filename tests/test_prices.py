"""The price normalizer (msglint.values.prices), driven by fixtures/prices/cases.yml.

Also: hostile input (huge strings, wrong types), that price-parser is imported lazily, and
the benchmark's scorer (benchmarks/prices.py) on a 50-case slice of price-parser's own
test cases, which must agree on every one.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from msglint.model import Price
from msglint.values.prices import (
    billing_period,
    currency_code,
    find_prices,
    parse_price,
    price_trouble,
)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "prices"
CASES = yaml.safe_load((FIXTURES / "cases.yml").read_text(encoding="utf-8"))
# price_parser_slice.jsonl: 50 cases copied from ../shared/data/price-parser-cases/
# price_examples.jsonl, which holds the examples of price-parser's own test suite
# (tests/test_price_parsing.py, BSD-3-Clause, Copyright (c) Scrapinghub; the licence is in
# PRICE_PARSER_LICENSE next to it). Chosen: the cases that are traps for a wrapper (a
# decimal separator given, several numbers, three-decimal currencies, Cyrillic and Arabic
# symbols) and every 36th remaining non-xfail case.
SLICE = FIXTURES / "price_parser_slice.jsonl"


def _id(case: dict[str, Any]) -> str:
    return repr(case["text"])[:50]


def _load_benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("prices_bench", REPO / "benchmarks" / "prices.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["prices_bench"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("case", CASES["parse"], ids=_id)
def test_parse_price(case: dict[str, Any]) -> None:
    price = parse_price(
        case["text"], currency=case.get("hint"), decimal_separator=case.get("separator")
    )
    if case.get("none"):
        assert price is None
        return
    assert price is not None
    assert price.amount == Decimal(case["amount"])
    assert str(price.amount) == case["amount"], "the amount keeps the digits as written"
    assert price.currency == case.get("currency")
    assert price.period == case.get("period")
    assert price.kind == case.get("kind", "list")
    assert price.text == case["text"].strip()


def test_parse_price_kind_argument_labels_a_single_price() -> None:
    price = parse_price("€10", kind="sale")
    assert price == Price(amount=Decimal("10"), currency="EUR", kind="sale", text="€10")


@pytest.mark.parametrize("case", CASES["find"], ids=_id)
def test_find_prices(case: dict[str, Any]) -> None:
    text = case["text"]
    found = find_prices(text, currency=case.get("hint"))
    got = []
    for start, end, price in found:
        assert text[start:end] == price.text
        got.append(
            {
                "match": price.text,
                "amount": str(price.amount),
                "currency": price.currency,
                "kind": price.kind,
                "period": price.period,
            }
        )
    expected = [
        {
            "match": p["match"],
            "amount": p["amount"],
            "currency": p.get("currency"),
            "kind": p.get("kind", "list"),
            "period": p.get("period"),
        }
        for p in case["prices"]
    ]
    assert got == expected
    at = 0
    for start, _, price in found:  # the spans are the first occurrences, in order
        assert start == text.index(price.text, at)
        at = start + 1


@pytest.mark.parametrize(("text", "expected"), CASES["period"], ids=lambda v: repr(v))
def test_billing_period(text: str, expected: str | None) -> None:
    assert billing_period(text) == expected


@pytest.mark.parametrize(("symbol", "hint", "expected"), CASES["code"], ids=lambda v: repr(v))
def test_currency_code(symbol: str, hint: str | None, expected: str | None) -> None:
    assert currency_code(symbol, hint) == expected


@pytest.mark.parametrize(
    "value",
    [None, True, [], {}, object(), float("nan"), float("inf"), Decimal("NaN"), b"12"],
    ids=repr,
)
def test_parse_price_rejects_what_is_not_a_price(value: Any) -> None:
    assert parse_price(value) is None


@pytest.mark.parametrize(
    ("value", "amount"), [(1299, "1299"), (1299.0, "1299.0"), (Decimal("12.500"), "12.500")]
)
def test_parse_price_takes_json_numbers(value: Any, amount: str) -> None:
    price = parse_price(value)
    assert price is not None and str(price.amount) == amount and price.currency is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("-100", "a negative amount is not a price"),
        ("-$100.00", "a negative amount is not a price"),
        ("$-100", "a negative amount is not a price"),
        ("−5,00 €", "a negative amount is not a price"),
        ("Rabatt -20 €", "a negative amount is not a price"),
        (-100, "a negative amount is not a price"),
        ("1e308", "an amount out of range"),
        (1e308, "an amount out of range"),
        ("$1e308", "a number in exponent notation"),
        ("99999999999999999", "an amount out of range"),
        ("inf", "an amount out of range"),
    ],
    ids=repr,
)
def test_a_negative_or_absurd_amount_is_not_read_and_says_why(text: Any, why: str) -> None:
    """Issue 14: "-100" was read as USD 100.00 and "1e308" as USD 1.00."""
    assert parse_price(text, currency="USD") is None
    assert price_trouble(text) == why
    assert find_prices(str(text), currency="USD") == []


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("100-200", "100"),
        ("$5-$9", "5"),
        ("Widget - $99", "99"),
        ("Was $120 Now $60 (-50%)", "60"),
        ("$120 -$20", "120"),
        ("CHF 1'299.–", "1299"),
    ],
)
def test_dashes_that_are_not_signs_still_read(text: str, amount: str) -> None:
    price = parse_price(text, currency="USD")
    assert price is not None and str(price.amount) == amount
    assert price_trouble(text) is None


def test_hostile_strings_are_bounded() -> None:
    assert parse_price("9" * 10_000) is None
    assert parse_price("$" + "9" * 250) == parse_price("$" + "9" * 250)  # cached, no error
    assert parse_price("€5", currency="x" * 100_000) == Price(Decimal(5), "EUR", text="€5")
    assert parse_price("€5", kind=None) is not None  # type: ignore[arg-type]
    assert find_prices(None) == []  # type: ignore[arg-type]
    assert find_prices("$" * 300_000) == []
    assert find_prices("€" + "1" * 5_000) == []  # no price has 5,000 digits (MAX_NUMBER)
    assert billing_period(None) is None  # type: ignore[arg-type]
    assert currency_code(None) is None  # type: ignore[arg-type]
    assert currency_code("€" * 1_000) is None


def test_many_prices_in_one_text_stay_linear() -> None:
    text = "Plan $1 or €2,50/mo, was £3. " * 2_000
    started = time.perf_counter()
    found = find_prices(text)
    assert len(found) == 6_000
    assert time.perf_counter() - started < 10  # about 0.2 s; generous on a shared machine


def test_price_parser_is_imported_lazily() -> None:
    code = "import sys, msglint.values.prices; print('price_parser' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_benchmark_agrees_with_price_parser_on_slice() -> None:
    bench = _load_benchmark()
    cases = bench.load_cases(SLICE)
    assert len(cases) == 50 and not any(c.xfail for c in cases)
    summary = bench.evaluate(cases, show=50)
    assert summary.disagreements == []
    assert summary.amount_agree == summary.non_xfail == 50
    assert summary.currency_agree == summary.currency_compared > 30
    assert summary.currency_invented == 0
