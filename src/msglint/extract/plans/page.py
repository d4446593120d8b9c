"""Plans in a run: a page's plans beside its product records, and price-list files.

`page_plans` is what extraction does on every HTML page after reading its products: read
the page's plans (`read_plans`, with the source's `plan` selectors as the override) and,
when the page is a pricing page, keep its plans instead of the product records the
product readers made of it. A pricing page is not a product: its `<h1>` ("Pricing") next
to the first plan's price ("$89.00") once became a bogus product "Pricing" at USD 89.00,
and a JSON-LD `Product` whose offers are the plans is the SaaS product, not a product
with one price. Product records from the source's own product selectors stay (the user
asked for them); support claims on the page stay its policy record.

`price_list` tells a price list (plan and period or per-period price columns) from a
product catalog by its header and reads it with `read_price_list`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from msglint.extract import Extraction

if TYPE_CHECKING:
    from msglint.config import SourceConfig
    from msglint.model import Document

#: Header words that name a plan column (a product catalog's "name" column does not).
_PLAN_HEADERS = frozenset(
    {"plan", "plan name", "plan_name", "tier", "edition", "tarif", "paket", "package"}
)
#: Header words that say a row's price is per billing period.
_PERIOD_HEADER = re.compile(
    r"\b(?:period|billing|interval|cycle|term|monthly|annual|annually|yearly|per month|"
    r"per year|mensuel|annuel|monatlich|jährlich|mensual|anual|zeitraum|abrechnung|période|"
    r"periodo|frequency)\b",
    re.IGNORECASE,
)
#: Bytes of a file read to decide whether it is a price list.
_SNIFF = 64 * 1024


def page_plans(doc: Document, source: SourceConfig | None, out: Extraction) -> None:
    """Read `doc`'s plans into `out.plans`; on a pricing page, drop the product records
    the product readers made of the page (their extraction problems stay)."""
    from msglint.extract.plans.build import PlanSelectors, read_plans

    selectors = None
    sel = source.selectors if source is not None else None
    if sel is not None and sel.plan and sel.plan_name:
        selectors = PlanSelectors(sel.plan, sel.plan_name, sel.plan_price, sel.plan_features)
    found = read_plans(doc, currency=source.currency if source else None, selectors=selectors)
    out.problems.extend(found.problems)
    if not found.plans:
        return
    out.plans = found.plans
    kept = [r for r in out.records if r.kind != "product" or r.origin == "selectors"]
    for index, record in enumerate(kept):
        record.index = index
    out.records = kept


def price_list(data: bytes, fmt: str, path: str, source: SourceConfig) -> Extraction | None:
    """The plans of a CSV or JSON price list, or None when the file is not one (a product
    catalog: no plan column, or no billing period in its header)."""
    from msglint.extract import Problem
    from msglint.extract.plans.pricelist import read_price_list

    if fmt not in ("csv", "tsv", "json"):
        return None
    text = _decode(data)
    if text is None or not _looks_like_price_list(text, fmt):
        return None
    found = read_price_list(
        text, source=source.name, role=source.role, path=path, currency=source.currency
    )
    out = Extraction()
    out.plans = found.plans
    out.problems = [Problem(p.where, p.code, p.reason) for p in found.problems]
    return out


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _looks_like_price_list(text: str, fmt: str) -> bool:
    if fmt == "json":
        from msglint.extract.plans.pricelist import json_rows

        try:
            rows = json_rows(json.loads(text.lstrip()), "")
        except (ValueError, RecursionError):
            return False
        headers = [str(k) for k in rows[0][1]] if rows else []
        nested = rows[0][1].get("prices") if rows else None
        if isinstance(nested, dict):  # {"name": "Pro", "prices": {"monthly": 10}}
            headers = [h if h != "name" else "plan" for h in headers]
            headers += ["period", *(str(k) for k in nested)]
    else:
        first = text[:_SNIFF].lstrip().split("\n", 1)[0]
        headers = [h.strip().strip('"') for h in re.split(r"[,;\t|]", first)]
    folded = [" ".join(re.sub(r"[_\-]+", " ", h.casefold()).split()) for h in headers]
    plan = any(h in _PLAN_HEADERS for h in folded)
    return plan and any(_PERIOD_HEADER.search(h) for h in folded)
