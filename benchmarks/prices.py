"""Benchmark `msglint.values.prices.parse_price` against price-parser's own test cases.

Run from the repository root (msglint installed, e.g. `pip install -e .`):

    python benchmarks/prices.py                      # ../shared/data/price-parser-cases/...
    python benchmarks/prices.py --data cases.jsonl --show 40 --json

The data is one JSON object per line with `text`, `currency_hint`, `amount` (a decimal
string or null), `currency` (the symbol price-parser returns), `decimal_separator` and
`xfail` (a case price-parser itself fails). Every case runs through `parse_price(text,
currency=currency_hint, decimal_separator=decimal_separator)`; the separator is the optional
argument the API documents, and the amount agreement without it is reported as well.

Reported:

* amount agreement on the cases that are not xfail (the target is all of them);
* currency agreement as ISO 4217 codes, where `currency_code` can name the case's symbol,
  and how many cases without a currency came back with one;
* the xfail cases that now pass (amount and currency both right);
* µs per call, best of `--repeat` runs with parse_price's cache cleared before each run,
  and the same again with the cache warm (the cost of a price seen before);
* the first `--show` disagreeing cases.

Only the standard library and msglint are used.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from msglint.values import prices
from msglint.values.prices import currency_code, parse_price

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "price-parser-cases" / "price_examples.jsonl"


@dataclass(slots=True)
class Case:
    """One price-parser example."""

    text: str | None
    hint: str | None
    amount: Decimal | None
    currency: str | None
    decimal_separator: str | None
    xfail: bool
    line: int | None = None


@dataclass(slots=True)
class Outcome:
    """How parse_price did on one case."""

    case: Case
    amount: Decimal | None
    currency: str | None
    expected_currency: str | None  # the case's symbol as an ISO code, None if it has none
    amount_ok: bool
    currency_ok: bool | None  # None: the case's symbol names no ISO code, not compared

    @property
    def passes(self) -> bool:
        """Amount right, and the currency right as an ISO code (or rightly absent)."""
        return self.amount_ok and self.currency_ok is True

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.case.text,
            "hint": self.case.hint,
            "decimal_separator": self.case.decimal_separator,
            "xfail": self.case.xfail,
            "line": self.case.line,
            "expected_amount": _str(self.case.amount),
            "amount": _str(self.amount),
            "expected_currency": self.case.currency,
            "expected_iso": self.expected_currency,
            "currency": self.currency,
        }


@dataclass(slots=True)
class Summary:
    """The figures the benchmark prints."""

    cases: int = 0
    non_xfail: int = 0
    amount_agree: int = 0
    amount_agree_without_separator: int = 0
    currency_compared: int = 0
    currency_agree: int = 0
    currency_no_iso: int = 0
    currency_invented: int = 0
    xfail: int = 0
    xfail_passing: int = 0
    us_per_call_cold: float | None = None
    us_per_call_warm: float | None = None
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    xfail_now_passing: list[dict[str, Any]] = field(default_factory=list)

    @property
    def amount_rate(self) -> float:
        return self.amount_agree / self.non_xfail if self.non_xfail else 1.0

    @property
    def amount_rate_without_separator(self) -> float:
        return self.amount_agree_without_separator / self.non_xfail if self.non_xfail else 1.0

    @property
    def currency_rate(self) -> float:
        return self.currency_agree / self.currency_compared if self.currency_compared else 1.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["amount_rate"] = self.amount_rate
        data["amount_rate_without_separator"] = self.amount_rate_without_separator
        data["currency_rate"] = self.currency_rate
        return data


def _str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def load_cases(path: Path) -> list[Case]:
    """Cases from a JSON Lines file; blank lines are skipped."""
    cases = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        row = json.loads(raw)
        cases.append(
            Case(
                text=row.get("text"),
                hint=row.get("currency_hint"),
                amount=_decimal(row.get("amount")),
                currency=row.get("currency"),
                decimal_separator=row.get("decimal_separator"),
                xfail=bool(row.get("xfail")),
                line=row.get("source_line"),
            )
        )
    return cases


def run_case(case: Case, *, with_separator: bool = True) -> Outcome:
    """parse_price on one case, compared with what price-parser's tests expect."""
    separator = case.decimal_separator if with_separator else None
    price = parse_price(case.text or "", currency=case.hint, decimal_separator=separator)
    amount = price.amount if price else None
    currency = price.currency if price else None
    expected_iso = currency_code(case.currency, case.hint) if case.currency else None
    if case.currency is None:
        currency_ok: bool | None = currency is None
    elif expected_iso is None:
        currency_ok = None
    else:
        currency_ok = currency == expected_iso
    return Outcome(case, amount, currency, expected_iso, amount == case.amount, currency_ok)


def evaluate(cases: Iterable[Case], *, show: int = 20) -> Summary:
    """Agreement figures over `cases`; the first `show` disagreements are kept."""
    summary = Summary()
    for case in cases:
        summary.cases += 1
        outcome = run_case(case)
        if case.xfail:
            summary.xfail += 1
            if outcome.passes:
                summary.xfail_passing += 1
                summary.xfail_now_passing.append(outcome.to_dict())
            continue
        summary.non_xfail += 1
        summary.amount_agree += outcome.amount_ok
        summary.amount_agree_without_separator += run_case(case, with_separator=False).amount_ok
        if case.amount is not None and case.currency is not None:
            if outcome.currency_ok is None:
                summary.currency_no_iso += 1
            else:
                summary.currency_compared += 1
                summary.currency_agree += bool(outcome.currency_ok)
        if case.amount is not None and case.currency is None and outcome.currency is not None:
            summary.currency_invented += 1
        currency_wrong = case.amount is not None and outcome.currency_ok is False
        if (not outcome.amount_ok or currency_wrong) and len(summary.disagreements) < show:
            summary.disagreements.append(outcome.to_dict())
    return summary


def time_calls(cases: list[Case], repeat: int) -> tuple[float, float]:
    """(cold, warm) µs per parse_price call, best of `repeat` runs over all cases."""
    args = [(c.text or "", c.hint, c.decimal_separator) for c in cases]
    clear = prices.parse._parse_price.cache_clear  # the memo of parsed prices, emptied for "cold"

    def one_run(cold: bool) -> float:
        if cold:
            clear()
        start = time.perf_counter()
        for text, hint, separator in args:
            parse_price(text, currency=hint, decimal_separator=separator)
        return time.perf_counter() - start

    cold = min(one_run(True) for _ in range(repeat))
    one_run(False)
    warm = min(one_run(False) for _ in range(repeat))
    per_call = 1e6 / max(len(args), 1)
    return cold * per_call, warm * per_call


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100.0 * part / whole:.2f}%)" if whole else "0/0"


def print_summary(summary: Summary) -> None:
    s = summary
    print(f"cases                          {s.cases}")
    print(f"non-xfail cases                {s.non_xfail}")
    print(f"amount agreement (non-xfail)   {_rate(s.amount_agree, s.non_xfail)}")
    print(f"  without decimal_separator    {_rate(s.amount_agree_without_separator, s.non_xfail)}")
    print(f"currency agreement (ISO)       {_rate(s.currency_agree, s.currency_compared)}")
    print(f"  symbols with no ISO code     {s.currency_no_iso} (not compared)")
    print(f"  currency where none expected {s.currency_invented}")
    print(f"xfail cases now passing        {_rate(s.xfail_passing, s.xfail)}")
    if s.us_per_call_cold is not None and s.us_per_call_warm is not None:
        print(
            f"µs per call                    {s.us_per_call_cold:.1f} (cache warm: "
            f"{s.us_per_call_warm:.2f})"
        )
    if s.disagreements:
        print(f"\ndisagreeing cases (first {len(s.disagreements)}):")
        for d in s.disagreements:
            print(
                f"  line {d['line']}: {d['text']!r} hint={d['hint']!r} "
                f"sep={d['decimal_separator']!r}: expected {d['expected_amount']} "
                f"{d['expected_iso'] or d['expected_currency']}, got {d['amount']} "
                f"{d['currency']}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSON Lines cases")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (best is kept)")
    parser.add_argument("--show", type=int, default=20, help="disagreeing cases to list")
    parser.add_argument("--json", action="store_true", help="print a JSON summary")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 unless every non-xfail amount agrees"
    )
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"no case file at {args.data}")
    cases = load_cases(args.data)
    summary = evaluate(cases, show=args.show)
    summary.us_per_call_cold, summary.us_per_call_warm = time_calls(cases, max(args.repeat, 1))
    if args.json:
        json.dump(summary.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_summary(summary)
    return 1 if args.strict and summary.amount_agree < summary.non_xfail else 0


if __name__ == "__main__":
    sys.exit(main())
