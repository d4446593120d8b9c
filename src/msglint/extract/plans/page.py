"""Plans in a run: a page's plans beside its product records, and price-list files.

`page_plans` is what extraction does on every HTML page after reading its products: read
the page's plans (`read_plans`, with the source's `plan` selectors as the override) and,
when the page is a pricing page, keep its plans instead of the product records the
product readers made of it. A pricing page is not a product: its `<h1>` ("Pricing") next
to the first plan's price ("$89.00") once became a bogus product "Pricing" at USD 89.00,
and a JSON-LD `Product` whose offers are the plans is the SaaS product, not a product
with one price. Product records from the source's own product selectors stay (the user
asked for them); the page's other support claims stay its policy record, its trial and
uptime SLA are the plans' (compared per plan, not also as the site's policy).

`price_list` tells a price list (plan and period or per-period price columns) from a
product catalog by its header and reads it with `read_price_list`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from msglint.extract import Extraction

if TYPE_CHECKING:
    from msglint.config import SourceConfig
    from msglint.model import Document, Plan

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
#: What every pricing page says somewhere (visible text, a class, a data- attribute or its
#: JSON-LD): a billing period or a per-user basis. Pages without any of these are not read
#: for plans at all: the plan readers cost several times the parse of a page, and a page
#: without a recurring price cannot pass `is_pricing_page` anyway.
_RECURRING = re.compile(
    r"/\s*(?:mo|mon|month|mth|yr|year|user|seat|monat|jahr|mois|an|mes|año)\b"
    r"|\bper\s+(?:mo|month|year|user|seat|member)\b"
    r"|\b(?:billed|billing|monthly|annually|annual|yearly|mensuel|mensuelle|annuel|annuelle|"
    r"monatlich|jährlich|mensual|anual|mensile|annuale|maandelijks|jaarlijks)\b"
    r"|\bpro\s+(?:monat|jahr|nutzer|benutzer)\b|\bpar\s+(?:mois|an|utilisateur)\b"
    r"|\bpor\s+(?:mes|año|usuario)\b|billingDuration|UnitPriceSpecification",
    re.IGNORECASE,
)
#: `_RECURRING` for RE2, a DFA that answers "any match?" on a 60 KB product page in about
#: 0.13 ms, where `re` tries every position (12 ms) and even literal pre-tests on the
#: lower-cased text took 0.84 ms (seventeen scans of the page). It accepts a superset of
#: `_RECURRING`'s matches, so `_recurring` runs `_RECURRING` only where RE2 found one and
#: gives the same answer: `re`'s `\s` (Unicode spaces, \v, \x1c-\x1f, \x85) is spelt out,
#: and RE2's ASCII `\b` holds wherever `re`'s does, since every `\b` here stands next to an
#: ASCII letter of the pattern. Case folding agrees but for `_FOLDS_APART`.
_RECURRING_RE2 = _RECURRING.pattern.replace(r"\s", r"[\s\x0b\x1c-\x1f\x85\p{Z}]")
#: Characters IGNORECASE matches to an ASCII letter that RE2 does not fold to it (dotted
#: and dotless I) or that sit next to a `\b` as a letter for `re` only (long s): a text
#: holding one is searched with `_RECURRING` alone.
_FOLDS_APART = ("\u0130", "\u0131", "\u017f")
#: Claims the plan rule compares per plan: on a pricing page they are not also the site's
#: policy (the claim rule would report one difference twice).
_PLAN_CLAIMS = frozenset({"trial", "sla"})
#: Bytes of a file read to decide whether it is a price list.
_SNIFF = 64 * 1024


def page_plans(doc: Document, source: SourceConfig | None, out: Extraction) -> bool:
    """Read `doc`'s plans into `out.plans`; on a pricing page, drop the product records
    the product readers made of the page (their extraction problems stay).

    True when the page shows recurring prices but no plans could be told apart: that is
    an extraction problem with its own reason (where the first price is; give the source
    plan selectors), reported instead of the generic "no product data".
    """
    from msglint.extract import Problem, ProblemCode
    from msglint.extract.plans.build import read_plans
    from msglint.extract.plans.result import PlanSelectors

    selectors = None
    sel = source.selectors if source is not None else None
    if sel is not None and sel.plan and sel.plan_name:
        selectors = PlanSelectors(sel.plan, sel.plan_name, sel.plan_price, sel.plan_features)
    if selectors is None and not _recurring(doc.content):
        return False
    found = read_plans(doc, currency=source.currency if source else None, selectors=selectors)
    priced = False
    products = any(r.kind == "product" for r in out.records)
    if found.plans and not (selectors is not None or is_pricing_page(found.plans)):
        return False  # product cards or spec tables, not plans
    for problem in found.problems:
        if problem.code not in (ProblemCode.VALUE, ProblemCode.NO_DATA):
            continue  # broken JSON-LD: the product readers report it once
        if problem.code is ProblemCode.NO_DATA:  # prices, but no plans
            if products:  # a product page with a subscription price: not a pricing page
                continue
            priced = True
            problem = Problem(problem.where, ProblemCode.VALUE, problem.reason)
        out.problems.append(problem)
    if not found.plans:
        return priced
    out.plans = found.plans
    kept = [r for r in out.records if r.kind != "product" or r.origin == "selectors"]
    for record in kept:  # the plans carry the page's trial and SLA, compared per plan
        if record.kind == "policy":
            record.claims = [c for c in record.claims if c.kind not in _PLAN_CLAIMS]
    kept = [r for r in kept if r.kind != "policy" or r.claims]
    for index, record in enumerate(kept):
        record.index = index
    out.records = kept
    return False


def _recurring(text: str) -> bool:
    """Whether `_RECURRING` matches `text`, asking RE2 first (see `_RECURRING_RE2`)."""
    if not any(c in text for c in _FOLDS_APART):
        quick = _quick_recurring()
        if quick is not None:
            try:
                if quick.search(text) is None:
                    return False
            except UnicodeEncodeError:  # a lone surrogate: `re` alone reads it
                pass
    return _RECURRING.search(text) is not None


@cache
def _quick_recurring() -> Any:
    """The compiled `_RECURRING_RE2`, or None without google-re2 (a dependency)."""
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return None
    options = re2.Options()
    options.case_sensitive = False
    return re2.compile(_RECURRING_RE2, options)


def is_pricing_page(plans: list[Plan]) -> bool:
    """Whether the plans read from a page are a pricing page's plans, not a product page's
    one card or a listing page's products (which the card and table readers find too).

    Two or more plans, at least one with a recurring price (per month or year), and no
    more plans with one-time or unstated-period prices than with recurring ones (free and
    "Contact sales" plans count for neither). Measured on the Acme example's product,
    listing and bundle pages (none passes) and the pricing-page fixtures (all pass).
    """
    if len(plans) < 2:
        return False
    recurring = other = 0
    for plan in plans:
        amounts = [p for p in plan.prices if p.amount]
        if any(p.cycle in ("month", "year") for p in amounts):
            recurring += 1
        elif amounts:
            other += 1
    return recurring >= 1 and recurring >= other


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
