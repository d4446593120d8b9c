"""Price lists: CSV or JSON files of plans, periods, prices and currencies.

Partners and resellers publish plan prices as spreadsheets and feeds. Two shapes occur:
*long* (one row per plan and period: `plan, period, price, currency`) and *wide* (one row
per plan: `plan, monthly, annual, currency`, the period in the column name). Columns are
found by their header words (English, German, French, Spanish); a price cell may carry its
own currency and period ("$96/year"). JSON is a list of objects, or an object holding one
under `plans`/`prices`/`items`/`data`, and a plan's prices may be nested
(`{"name": "Pro", "prices": {"monthly": 10, "annual": 96}}`). Every row's plan keeps the
row's line as evidence; a row that cannot be read is a problem, the rest are read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from typing import Any

from msglint.extract import Problem, ProblemCode
from msglint.extract.plans.result import PlanExtraction
from msglint.model import FLAT_BASIS, Location, Plan, PlanPrice, Role
from msglint.values.plans import plan_key, read_price
from msglint.values.plans.names import period_in_name
from msglint.values.plans.prices import read_basis

#: Most rows read from one price list.
MAX_ROWS = 50_000

_HEADERS = {
    "product": ("product", "produkt", "produit", "producto", "app", "service"),
    "plan": (
        "plan",
        "plan name",
        "tier",
        "edition",
        "package",
        "tarif",
        "paket",
        "offer",
        "name",
        "sku name",
    ),
    "period": (
        "period",
        "billing",
        "billing period",
        "billing cycle",
        "interval",
        "term",
        "cycle",
        "zeitraum",
        "abrechnung",
        "période",
        "periodo",
        "frequency",
    ),
    "price": ("price", "amount", "cost", "preis", "prix", "precio", "list price", "unit price"),
    "currency": ("currency", "währung", "devise", "moneda", "ccy"),
    "basis": ("unit", "basis", "per", "pricing unit", "einheit", "unité"),
    "trial": ("trial", "trial days", "trial length", "testzeitraum", "essai"),
}
_WIDE = {
    "month": re.compile(r"\b(?:monthly|month|per month|mensuel|monatlich|mensual)\b", re.I),
    "year": re.compile(r"\b(?:annual|annually|yearly|year|per year|annuel|jährlich|anual)\b", re.I),
}
_NESTED_KEYS = ("plans", "prices", "items", "data", "products", "tiers")


def _column(header: str) -> str | None:
    h = " ".join(re.sub(r"[_\-]+", " ", header.casefold()).split())
    for field, names in _HEADERS.items():
        if h in names:
            return field
    return None


def read_price_list(
    text: str, *, source: str, role: Role, path: str, currency: str | None = None
) -> PlanExtraction:
    """The plans of a CSV or JSON price list."""
    out = PlanExtraction()
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped[:1] in "[{":
        try:
            data = json.loads(stripped)
        except ValueError as exc:
            out.problems.append(
                Problem(Location(path=path), ProblemCode.MALFORMED, f"not valid JSON: {exc}")
            )
            return out
        rows = list(json_rows(data, text))
    else:
        rows = list(_csv_rows(text))
    plans: dict[tuple[str, str], Plan] = {}
    for line, row in rows[:MAX_ROWS]:
        where = Location(path=path, line=line)
        try:
            _read_row(row, where, plans, source, role, path, currency)
        except _RowError as exc:
            out.problems.append(Problem(where, ProblemCode.ROW, str(exc)))
    out.plans = list(plans.values())
    for tier, plan in enumerate(out.plans):
        plan.tier = tier
    if not out.plans and not out.problems:
        out.problems.append(
            Problem(Location(path=path), ProblemCode.COLUMNS, "no plan and price columns found")
        )
    return out


class _RowError(ValueError):
    pass


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    # The delimiter is the one the header line uses most, not csv.Sniffer's guess: the
    # Sniffer's quote pattern backtracks exponentially on a line of quotes (a 900-byte
    # hostile file takes over 30 s; tests/hostile/test_hostile_found.py), and a price
    # list's header names its columns plainly.
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(",;\t|", key=header.count) if header else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    return [(reader.line_num, row) for row in reader]


def json_rows(data: Any, text: str, depth: int = 0) -> list[tuple[int | None, dict[str, Any]]]:
    if depth > 4:
        return []
    if isinstance(data, dict):
        for key in _NESTED_KEYS:
            if isinstance(data.get(key), list):
                return json_rows(data[key], text, depth + 1)
        return [(_line_of(data, text, 0)[0], data)]
    if isinstance(data, list):
        out: list[tuple[int | None, dict[str, Any]]] = []
        cursor = 0
        for item in data:
            if isinstance(item, dict):
                line, cursor = _line_of(item, text, cursor)
                out.append((line, item))
        return out
    return []


def _line_of(item: dict[str, Any], text: str, start: int) -> tuple[int | None, int]:
    """The line of a JSON object's first string value found at or after `start` (objects
    are in file order, so each row's search starts where the previous row's ended), and
    where the search for the next row starts."""
    found = []
    for value in item.values():
        if isinstance(value, str) and value:
            at = text.find(json.dumps(value, ensure_ascii=False), start)
            if at < 0:
                at = text.find(json.dumps(value), start)
            if at >= 0:
                found.append(at)
    if not found:
        return None, start
    first = min(found)
    return text.count("\n", 0, first) + 1, max(found) + 1


def _read_row(
    row: dict[str, Any],
    where: Location,
    plans: dict[tuple[str, str], Plan],
    source: str,
    role: Role,
    path: str,
    currency: str | None,
) -> None:
    fields: dict[str, Any] = {}
    wide: dict[str, Any] = {}
    nested = None
    for header, value in row.items():
        if header is None:
            continue
        column = _column(str(header))
        if column and column not in fields:
            fields[column] = value
            continue
        for side, pattern in _WIDE.items():
            if pattern.search(str(header)) and side not in wide:
                wide[side] = value
        if isinstance(value, dict | list) and str(header).casefold() in ("prices", "pricing"):
            nested = value
    name = _str(fields.get("plan"))
    if not name:
        raise _RowError("row without a plan name")
    product = _str(fields.get("product"))
    cur = _str(fields.get("currency")) or currency
    basis_text = _str(fields.get("basis")) or ""
    prices: list[PlanPrice] = []
    if "price" in fields and not wide:
        period = _period(_str(fields.get("period"))) or period_in_name(name)
        prices.append(_price(fields["price"], cur, period, basis_text, where))
    for side, value in wide.items():
        if _str(value):
            prices.append(_price(value, cur, side, basis_text, where))
    if isinstance(nested, dict):
        for key, value in nested.items():
            side = _period(str(key))
            if side:
                prices.append(_price(value, cur, side, basis_text, where))
    elif isinstance(nested, list):
        for entry in nested:
            if isinstance(entry, dict):
                side = _period(
                    _str(entry.get("period") or entry.get("interval") or entry.get("billing"))
                )
                value = entry.get("price", entry.get("amount"))
                prices.append(
                    _price(value, _str(entry.get("currency")) or cur, side, basis_text, where)
                )
    prices = [p for p in prices if p is not None]
    if not prices:
        raise _RowError(f"no price for plan '{name}'")
    key = (plan_key(product or "", None) if product else "", plan_key(name, product))
    plan = plans.get(key)
    if plan is None:
        plan = Plan(
            source=source,
            role=role,
            path=path,
            name=name,
            product=product,
            origin="price-list",
            at=where,
        )
        plan.where["name"] = where
        plans[key] = plan
    plan.prices.extend(prices)
    trial = _str(fields.get("trial"))
    if trial:
        from msglint.values.claims import find_claims

        days = re.match(r"^\s*(\d+)\s*$", trial)
        claims = find_claims(f"{days.group(1)}-day free trial" if days else trial)
        found = next((c for c in claims if c.kind == "trial"), None)
        if found is not None:
            plan.trial = found.located(where)


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    return text or None


def _period(text: str | None) -> str | None:
    if not text:
        return None
    for side, pattern in _WIDE.items():
        if pattern.search(text):
            return side
    if re.search(r"one[- ]?time|once|einmalig", text, re.I):
        return "one-time"
    return None


def _price(
    value: Any, currency: str | None, period: str | None, basis_text: str, where: Location
) -> PlanPrice | None:
    if isinstance(value, bool) or value is None:
        return None
    raw = str(value).strip()
    if not raw:
        return None
    if isinstance(value, int | float) or re.fullmatch(r"-?\d+(?:\.\d+)?", raw):
        price = PlanPrice(
            Decimal(raw), currency, period, None, FLAT_BASIS, Decimal(1), "list", raw, where
        )
    elif re.fullmatch(r"[\d.,\s'\u00a0]+", raw):
        from msglint.values.prices import parse_price

        parsed = parse_price(raw, currency=currency)
        if parsed is None:
            raise _RowError(f"price '{raw[:40]}' cannot be read")
        price = PlanPrice(
            parsed.amount, currency, period, None, FLAT_BASIS, Decimal(1), "list", raw, where
        )
    else:
        price = read_price(raw, currency=currency, where=where)
        if price is None:
            raise _RowError(f"price '{raw[:40]}' cannot be read")
    if price.period is None and period:
        price = PlanPrice(
            price.amount,
            price.currency or currency,
            period,
            price.billed,
            price.basis,
            price.per,
            price.kind,
            price.text,
            where,
        )
    if basis_text and price.basis == FLAT_BASIS:
        basis, per = read_basis(f"per {basis_text}")
        if basis != FLAT_BASIS:
            price = PlanPrice(
                price.amount,
                price.currency,
                price.period,
                price.billed,
                basis,
                per,
                price.kind,
                price.text,
                where,
            )
    return price
