"""A comparison table: plans as columns, features as rows.

The header row (the `thead` row, else the first row) names the plans: two or more short
cells after the row-label column. Each body row is a feature (its first cell) and one
cell per plan, read as:

- a check mark (✓, an icon whose class or aria-label says check/yes/included, "Yes"):
  the plan includes the feature;
- a dash, a cross, "No" or an empty cell: it does not;
- a price ("$15/mo", "Contact sales") in a row whose label says price/monthly/annual:
  the plan's price, the label giving the period or billing;
- anything else ("Unlimited", "10 GB", "5 users"): a limit when it reads as one with the
  row's label ("Storage" + "10 GB"), else the feature with its value.

Cells spanning several columns (`colspan`) give their value to each plan they span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from msglint.extract.locate import Locator
from msglint.model import Claim, PlanFeature, PlanPrice, Spec
from msglint.values.plans import words
from msglint.values.plans.features import read_feature, read_limit
from msglint.values.plans.prices import billed_in, is_custom, read_price

#: Most rows and columns read from one table.
MAX_ROWS = 400
MAX_COLUMNS = 12
_PRICE_LABEL = re.compile(
    r"\b(?:price|pricing|cost|monthly|annual|annually|yearly|per month|per year|preis|prix|"
    r"precio|tarif|billed)\b",
    re.IGNORECASE,
)


@dataclass
class Column:
    """One plan as a comparison table states it."""

    name: str
    node: Any
    prices: list[PlanPrice] = field(default_factory=list)
    features: list[PlanFeature] = field(default_factory=list)
    limits: dict[str, Spec] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)


def _cells(row: Any) -> list[Any]:
    out = []
    for cell in row.iter(include_text=False):
        if cell.tag not in ("td", "th"):
            continue
        try:
            span = int(cell.attributes.get("colspan") or 1)
        except ValueError:
            span = 1
        out.extend([cell] * max(1, min(span, MAX_COLUMNS)))
    return out


def _text(node: Any) -> str:
    return " ".join((node.text(deep=True, separator=" ") or "").split())


def _rows(table: Any) -> list[Any]:
    rows = []
    for row in table.css("tr"):
        parent = row.parent
        # rows of a nested table belong to that table
        while parent is not None and parent.tag not in ("table",):
            parent = parent.parent
        if parent is not None and parent.mem_id == table.mem_id:
            rows.append(row)
        if len(rows) >= MAX_ROWS:
            break
    return rows


def _header(rows: list[Any]) -> tuple[int, list[Any]] | None:
    """(index of the header row, its cells) when a row names two or more plans."""
    for index, row in enumerate(rows[:3]):
        cells = _cells(row)
        if len(cells) < 3:
            continue
        names = [_name_text(c) for c in cells[1:]]
        if sum(1 for n in names if n) >= 2 and all(len(n) <= 60 for n in names):
            first = _text(cells[0])
            if len(first) <= 60:
                return index, cells
    return None


def _name_text(cell: Any) -> str:
    """A header cell's plan name: its heading or first line, without the price under it."""
    for node in cell.css("h1, h2, h3, h4, h5, h6, strong, b, [class*=name], [class*=title]"):
        text = _text(node)
        if text and read_price(text) is None:
            return text
    text = _text(cell)
    price = read_price(text)
    if (
        price is not None
        and price.amount is not None
        and re.search(r"\d", text)
        and price.text in text
    ):
        text = text[: text.index(price.text)].strip()
    return text


def _mark(cell: Any) -> bool | None:
    """True for a check mark, False for a dash or cross, None for a value."""
    yes, no = words.yes_no()
    text = _text(cell).casefold().strip()
    if text in yes:
        return True
    if text in no and text:
        return False
    icon_yes, icon_no = words.icon_words()
    for node in cell.traverse(include_text=False):
        attrs = node.attributes
        hint = " ".join(
            (attrs.get(k) or "")
            for k in ("class", "aria-label", "title", "alt", "data-icon", "href", "xlink:href")
        ).casefold()
        if node.tag == "title":
            hint += " " + _text(node).casefold()
        tokens = set(re.split(r"[^a-z-]+", hint)) | set(re.split(r"[^a-z]+", hint))
        if tokens & icon_no:
            return False
        if tokens & icon_yes:
            return True
    if not text:
        return False
    return None


_SLA_LABEL = re.compile(
    r"\b(?:sla|uptime|availability|verfügbarkeit|disponibilité|disponibilidad)\b", re.I
)
_TRIAL_LABEL = re.compile(r"\b(?:trial|testphase|testzeitraum|essai|prueba)\b", re.I)
_PERCENT = re.compile(r"(\d{2,3}(?:[.,]\d{1,4})?)\s*%")


def _claim_cell(label: str, text: str, where: Any) -> Claim | None:
    """A row that states the plan's uptime SLA ("Uptime SLA": "99.9 %") or trial length."""
    if _SLA_LABEL.search(label):
        m = _PERCENT.search(text)
        if m:
            value = Decimal(m.group(1).replace(",", "."))
            return Claim("sla", value, "percent", text, where=where)
    if _TRIAL_LABEL.search(label) and text:
        from msglint.values.claims import find_claims

        days = re.fullmatch(r"(\d+)\s*", text)
        probe = f"{days.group(1)}-day free trial" if days else f"{label} {text}"
        for claim in find_claims(probe):
            if claim.kind == "trial":
                return Claim("trial", claim.value, claim.unit, text, where=where)
    return None


def read_tables(root: Any, ev: Locator, currency: str | None) -> list[list[Column]]:
    """The plans of each comparison table on the page."""
    out = []
    for table in root.css("table"):
        rows = _rows(table)
        header = _header(rows)
        if header is None:
            continue
        index, cells = header
        columns = [Column(name=_name_text(c), node=c) for c in cells[1:]]
        for col, cell in zip(columns, cells[1:], strict=True):
            price = read_price(_text(cell), currency=currency, where=ev.element(cell))
            if price is not None and _text(cell) != col.name:
                col.prices.append(price)
        for row in rows[index + 1 :]:
            _read_row(row, columns, ev, currency)
        columns = [c for c in columns if c.name]
        if len(columns) >= 2 and any(c.features or c.prices or c.limits for c in columns):
            out.append(columns)
    return out


def _read_row(row: Any, columns: list[Column], ev: Locator, currency: str | None) -> None:
    cells = _cells(row)
    if len(cells) < 2:
        return
    label = _text(cells[0])
    if not label or len(label) > 120:
        return
    values = cells[1 : 1 + len(columns)]
    if len(values) < len(columns) and len({c.mem_id for c in values}) == 1:
        return  # a section heading spanning the table ("Security")
    pricey = bool(_PRICE_LABEL.search(label))
    for col, cell in zip(columns, values, strict=False):
        text = _text(cell)
        where = ev.element(cell)
        if pricey or is_custom(text):
            price = read_price(text, currency=currency, context=label, where=where)
            if price is not None:
                billed = billed_in(label)
                if billed and price.billed is None:
                    price = PlanPrice(
                        price.amount,
                        price.currency,
                        price.period,
                        billed,
                        price.basis,
                        price.per,
                        price.kind,
                        price.text,
                        where,
                    )
                col.prices.append(price)
                continue
        claim = _claim_cell(label, text, where)
        if claim is not None:
            col.claims.append(claim)
            continue
        mark = _mark(cell)
        if mark is not None:
            limit = read_limit(label, where) if mark else None
            if limit is not None:
                col.limits[limit[0]] = limit[1]
                continue
            feature = read_feature(label, where, included=mark, listing="table")
            if feature is not None:
                col.features.append(feature)
            continue
        limit = read_limit(f"{label}: {text}", where)
        if limit is not None:
            col.limits[limit[0]] = limit[1]
            continue
        feature = read_feature(f"{label}: {text}", where, listing="table")
        if feature is not None:
            col.features.append(feature)
