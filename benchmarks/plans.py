"""Planted-mutation benchmark for SaaS plans: pricing pages in several layouts and locales.

Run from the repository root (msglint installed, e.g. `pip install -e .`):

    python benchmarks/plans.py                    # 300 products x 4 partner copies
    python benchmarks/plans.py --products 50 --json
    python benchmarks/plans.py --fixtures-only    # only the evaluation over tests/fixtures/plans

For each generated SaaS product (3 or 4 plans: prices per month and per year, per user or
flat, features, limits, trial, SLA) the brand's pricing page is rendered in one layout and
each partner copy in another, picked from: plan cards, cards with a hidden monthly/annual
price set, cards with `data-monthly`/`data-annual` attributes, a comparison table, JSON-LD
offers, and a CSV price list; in three locales (en-US "$1,299.00 /mo", de-DE "1.299,00 €
/Monat", fr-FR "1 299,00 € par mois"). Each partner copy carries at most one harmful
mutation and any number of benign ones:

- harmful, which the `plan` rule must report: `price` (one plan's monthly or annual price
  5-30 % off), `price-period` (the annual price per month shown as the monthly price),
  `price-basis` (a per-user price shown flat), `feature` (one feature removed), `limit` (a
  seat or storage limit changed), `trial` (another trial length), `renamed` (a plan under
  another name, same prices);
- benign, which it must not report: `period-notation` (an annual price as "$96/year"
  instead of "$8/mo billed annually"), `features-reordered`, `feature-reworded` (a feature
  in other words with the same meaning), `limit-converted` (1,000 GB as 1 TB), and the
  layout and locale themselves.

The runner reads every page with the plan reader, runs the rule, and attributes each
finding to a mutation by page, plan and kind. It prints precision and recall per harmful
kind (targets: precision >= 0.98, recall >= 0.95), the findings on copies with only benign
mutations (target 0), pages per second, and, separately, the reader's per-field accuracy
over the hand-written fixtures in tests/fixtures/plans (their answer key is expected.yml).
The machine may be shared: pages per second is indicative only.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HARMFUL = ("price", "price-period", "price-basis", "feature", "limit", "trial", "renamed")
BENIGN = ("period-notation", "features-reordered", "feature-reworded", "limit-converted")
LAYOUTS = ("cards", "hidden", "data", "table", "jsonld", "csv", "json")
LOCALES = ("en", "de", "fr")
FIELD_TO_KIND = {
    "price": "price",
    "price-period": "price-period",
    "price-basis": "price-basis",
    "feature-missing": "feature",
    "limit": "limit",
    "trial": "trial",
    "plan-name": "renamed",
}
#: Features and other wordings with the same meaning (benign rewording).
FEATURES = [
    ("SSO", "Single sign-on"),
    ("Audit log", "Audit logs"),
    ("Email support", "Support via email"),
    ("Priority support", "Premium support"),
    ("API access", "REST API"),
    ("Custom domains", "Your own domain"),
    ("Two-factor authentication", "2FA"),
    ("Data export", "Export your data"),
    ("Role-based access control", "Roles and permissions"),
    ("Advanced analytics", "Reporting and analytics"),
    ("Third-party integrations", "App integrations"),
    ("Dedicated account manager", "Dedicated success manager"),
    ("Webhooks", "Webhook notifications"),
    ("Version history", "Unlimited version history"),
]
TIERS = ["Free", "Starter", "Pro", "Business", "Enterprise"]
OTHER_NAMES = ["Growth", "Scale", "Plus", "Premium", "Elite", "Ultra"]
WORDS = ["Nimbus", "Corvala", "Tallyo", "Brightdesk", "Quillon", "Fieldnote", "Orbitly"]


@dataclass
class PlanSpec:
    name: str
    month: Decimal | None
    year_per_month: Decimal | None
    per_user: bool
    features: list[str]
    users: int
    storage_gb: int
    trial: int
    custom: bool = False


@dataclass
class Copy:
    product: str
    layout: str
    locale: str
    plans: list[PlanSpec]
    harmful: tuple[str, str] | None = None  # (kind, plan name at the brand)
    benign: list[str] = field(default_factory=list)
    annual_as_total: bool = False
    currency: str = "USD"


def make_product(rng: random.Random, index: int) -> tuple[str, list[PlanSpec]]:
    product = f"{rng.choice(WORDS)}{index}"
    count = rng.choice((3, 4))
    names = rng.sample(TIERS[1:4], count - 1) if count == 3 else TIERS[1:4]
    names = [*sorted(names, key=TIERS.index), "Enterprise"]
    per_user = rng.random() < 0.5
    feats = [f[0] for f in rng.sample(FEATURES, 9)]
    plans = []
    base = Decimal(rng.choice((5, 8, 10, 12, 15)))
    for tier, name in enumerate(names):
        custom = name == "Enterprise" and rng.random() < 0.5
        month = None if custom else base * (tier + 1) * 2
        discount = Decimal(rng.choice((80, 85)))  # annual billing: 15 or 20 % off
        year_pm = None if custom else (month * discount / 100).quantize(Decimal("1"))
        plans.append(
            PlanSpec(
                name=name,
                month=month,
                year_per_month=year_pm,
                per_user=per_user,
                features=feats[: 3 + 2 * tier],
                users=[3, 10, 50, 200][min(tier, 3)],
                storage_gb=[10, 100, 500, 1000][min(tier, 3)],
                trial=14,
                custom=custom,
            )
        )
    return product, plans


# -- rendering --------------------------------------------------------------------------


def money(amount: Decimal, locale: str, currency: str) -> str:
    """An amount as the locale writes it, in the product's currency (no exchange rates:
    a partner in Germany selling a USD product writes "1.299,00 $")."""
    symbol = "$" if currency == "USD" else "€"
    text = f"{amount:,.2f}" if amount != amount.to_integral() else f"{amount:,.0f}"
    if locale == "en":
        return f"{symbol}{text}"
    if locale == "de":
        text = text.replace(",", "X").replace(".", ",").replace("X", ".")
    else:
        text = text.replace(",", " ").replace(".", ",")
    return f"{text} {symbol}"


PER = {
    "en": (
        "/mo",
        "/year",
        "per user",
        "billed annually",
        "billed monthly",
        "users included",
        "GB storage",
        "TB storage",
        "Contact sales",
        "day free trial",
    ),
    "de": (
        "/Monat",
        "/Jahr",
        "pro Nutzer",
        "jährlich abgerechnet",
        "monatlich abgerechnet",
        "Benutzer inklusive",
        "GB Speicher",
        "TB Speicher",
        "Auf Anfrage",
        "Tage kostenlos testen",
    ),
    "fr": (
        "par mois",
        "par an",
        "par utilisateur",
        "facturé annuellement",
        "facturé mensuellement",
        "utilisateurs inclus",
        "Go de stockage",
        "To de stockage",
        "Sur devis",
        "jours d'essai gratuit",
    ),
}


def price_texts(p: PlanSpec, c: Copy) -> tuple[str, str]:
    """(monthly text, annual text) as the copy writes them."""
    per, per_year, user, billed_y, _billed_m = PER[c.locale][:5]
    if p.custom or p.month is None or p.year_per_month is None:
        return PER[c.locale][8], PER[c.locale][8]
    u = f" {user}" if p.per_user else ""
    month = f"{money(p.month, c.locale, c.currency)} {per}{u}"
    if c.annual_as_total:
        annual = f"{money(p.year_per_month * 12, c.locale, c.currency)} {per_year}{u}"
    else:
        annual = f"{money(p.year_per_month, c.locale, c.currency)} {per}{u}, {billed_y}"
    return month, annual


def feature_lines(p: PlanSpec, c: Copy) -> list[str]:
    loc = PER[c.locale]
    storage = (
        f"1 {loc[7]}"
        if p.storage_gb == 1000 and "limit-converted" in c.benign
        else f"{p.storage_gb} {loc[6]}"
    )
    if c.locale == "fr":
        storage = storage.replace(" Go", " Go").replace("Go de stockage", "Go de stockage")
    lines = [f"{p.users} {loc[5]}", storage]
    feats = list(p.features)
    if "feature-reworded" in c.benign:
        swap = dict(FEATURES)
        feats = [swap.get(f, f) for f in feats]
    if "features-reordered" in c.benign:
        feats = list(reversed(feats))
    return lines + feats


def render(c: Copy) -> tuple[str, str]:
    """(file suffix, text) of one copy."""
    if c.layout == "csv":
        rows = ["plan,period,price,currency,unit"]
        cur = c.currency
        for p in c.plans:
            if p.custom or p.month is None or p.year_per_month is None:
                rows.append(f"{p.name},monthly,on request,{cur},")
                continue
            unit = "user" if p.per_user else ""
            rows.append(f"{p.name},monthly,{p.month},{cur},{unit}")
            rows.append(f"{p.name},annual,{p.year_per_month * 12},{cur},{unit}")
        return "csv", "\n".join(rows) + "\n"
    if c.layout == "json":  # a vendor feed: one object per plan, prices nested by period
        items = []
        for p in c.plans:
            item: dict = {"name": p.name, "currency": c.currency}
            if p.custom or p.month is None or p.year_per_month is None:
                item["prices"] = {"monthly": "on request"}
            else:
                item["prices"] = {"monthly": str(p.month), "annual": str(p.year_per_month * 12)}
            if p.per_user:
                item["unit"] = "per user"
            items.append(item)
        return "json", json.dumps({"product": c.product, "plans": items}, indent=2) + "\n"
    e = html.escape
    loc = PER[c.locale]
    trial = c.plans[0].trial
    head = f"<title>{e(c.product)} pricing</title>"
    body: list[str] = [f"<h1>{e(c.product)}</h1>"]
    if c.layout == "jsonld":
        offers = []
        cur = c.currency
        for p in c.plans:
            if p.month is None or p.year_per_month is None:
                offers.append({"@type": "Offer", "name": p.name, "priceCurrency": cur})
                continue
            unit = "per user per month" if p.per_user else "per month"
            offers.append(
                {
                    "@type": "Offer",
                    "name": p.name,
                    "priceCurrency": cur,
                    "priceSpecification": [
                        {
                            "@type": "UnitPriceSpecification",
                            "price": str(p.month),
                            "priceCurrency": cur,
                            "billingDuration": "P1M",
                            "unitText": unit,
                        },
                        {
                            "@type": "UnitPriceSpecification",
                            "price": str(p.year_per_month * 12),
                            "priceCurrency": cur,
                            "billingDuration": "P1Y",
                            "unitText": "per user per year" if p.per_user else "per year",
                        },
                    ],
                }
            )
        data = {
            "@context": "https://schema.org",
            "@type": "SoftwareApplication",
            "name": c.product,
            "offers": offers,
        }
        head += f'<script type="application/ld+json">{json.dumps(data)}</script>'
    elif c.layout == "table":
        cells = "".join(f"<th>{e(p.name)}</th>" for p in c.plans)
        rows = [f"<tr><th></th>{cells}</tr>"]
        monthly = "".join(f"<td>{e(price_texts(p, c)[0])}</td>" for p in c.plans)
        annual = "".join(f"<td>{e(price_texts(p, c)[1])}</td>" for p in c.plans)
        rows.append(f"<tr><td>Monthly price</td>{monthly}</tr>")
        rows.append(f"<tr><td>Annual price</td>{annual}</tr>")
        users = "".join(f"<td>{p.users}</td>" for p in c.plans)
        rows.append(f"<tr><td>Users</td>{users}</tr>")
        label = {"en": "Storage", "de": "Speicher", "fr": "Stockage"}[c.locale]
        storage = "".join(
            f"<td>{e(feature_lines(p, c)[1].split(' ', 2)[0])} "
            f"{e(feature_lines(p, c)[1].split(' ', 2)[1])}</td>"
            for p in c.plans
        )
        rows.append(f"<tr><td>{label}</td>{storage}</tr>")
        all_feats: list[str] = []
        for p in c.plans:
            for f in feature_lines(p, c)[2:]:
                if f not in all_feats:
                    all_feats.append(f)
        for f in all_feats:
            marks = "".join(
                "<td>✓</td>" if f in feature_lines(p, c)[2:] else "<td>—</td>" for p in c.plans
            )
            rows.append(f"<tr><td>{e(f)}</td>{marks}</tr>")
        body.append(f"<table class='compare'>{''.join(rows)}</table>")
    else:
        cards = []
        for p in c.plans:
            month, annual = price_texts(p, c)
            if c.layout == "hidden":
                price = (
                    f"<p class='price'><span class='monthly'>{e(month)}</span>"
                    f"<span class='annual' hidden>{e(annual)}</span></p>"
                )
            elif c.layout == "data" and p.month is not None and p.year_per_month is not None:
                sym = "$" if c.currency == "USD" else "€"
                u = f" {loc[2]}" if p.per_user else ""
                price = (
                    f"<div class='plan-price'><span class='currency'>{sym}</span>"
                    f"<span class='amount' data-monthly='{p.month}' "
                    f"data-annual='{p.year_per_month}'>{p.month}</span>"
                    f"<span class='period'>{e(loc[0])}{e(u)}</span></div>"
                )
            else:
                price = f"<p class='price'>{e(month)}</p><p class='alt'>{e(annual)}</p>"
                if c.layout == "data":
                    price = f"<p class='price'>{e(month)}</p>"
            items = "".join(f"<li>{e(f)}</li>" for f in feature_lines(p, c))
            cards.append(
                f"<div class='plan-card'><h3 class='plan-name'>{e(p.name)}</h3>"
                f"{price}<ul>{items}</ul></div>"
            )
        body.append(f"<div class='plans'>{''.join(cards)}</div>")
    body.append(
        f"<p>{trial} {e(loc[9])}.</p>"
        if c.locale != "en"
        else f"<p>Every plan starts with a {trial}-day free trial.</p>"
    )
    return "html", (
        f"<!doctype html><html lang='{c.locale}'><head><meta charset='utf-8'>{head}"
        f"</head><body><main>{''.join(body)}</main></body></html>"
    )


# -- mutations ----------------------------------------------------------------------------


def mutate(
    rng: random.Random, product: str, plans: list[PlanSpec], harmful: str | None, currency: str
) -> Copy:
    layout = rng.choice(LAYOUTS)
    locale = rng.choice(LOCALES)
    copy = Copy(product, layout, locale, [PlanSpec(**vars(p)) for p in plans], currency=currency)
    copy.plans = [PlanSpec(**{**vars(p), "features": list(p.features)}) for p in plans]
    for kind in BENIGN:
        if rng.random() < 0.35:
            copy.benign.append(kind)
    if "period-notation" in copy.benign:
        copy.annual_as_total = True
    priced = [p for p in copy.plans if not p.custom]
    if harmful is None:
        return copy
    if harmful in ("feature", "limit") and layout in ("csv", "json", "jsonld"):
        layout = copy.layout = rng.choice(("cards", "hidden", "table"))
    if harmful == "trial" and layout in ("csv", "json"):
        layout = copy.layout = "cards"
    target = rng.choice(priced)
    if harmful == "price":
        # 5-30 % off, never landing on the plan's other price (that would be a period mix-up)
        before = (target.month, target.year_per_month)
        while (
            target.month,
            target.year_per_month,
        ) == before or target.month == target.year_per_month:
            target.month, target.year_per_month = before
            factor = Decimal(1) + Decimal(rng.choice((-1, 1))) * Decimal(rng.randint(5, 30)) / 100
            if rng.random() < 0.5:
                target.month = (target.month * factor).quantize(Decimal("1"))
            else:
                target.year_per_month = (target.year_per_month * factor).quantize(Decimal("1"))
    elif harmful == "price-period":
        if layout in ("csv", "json", "jsonld", "data"):
            layout = copy.layout = "cards"
        target.month = target.year_per_month
        copy.annual_as_total = False
    elif harmful == "price-basis":
        target.per_user = not target.per_user
    elif harmful == "feature":
        if layout == "table":
            layout = copy.layout = "cards"
        target.features.pop(rng.randrange(len(target.features)))
    elif harmful == "limit":
        if layout == "table" or rng.random() < 0.5:
            target.users = target.users * 2
        else:
            target.storage_gb = target.storage_gb * 5
    elif harmful == "trial":
        for p in copy.plans:
            p.trial = 30
        target = copy.plans[0]
    elif harmful == "renamed":
        target.name = rng.choice(OTHER_NAMES)
    copy.harmful = (harmful, target.name if harmful != "renamed" else _brand_name(plans, target))
    return copy


def _brand_name(plans: list[PlanSpec], renamed: PlanSpec) -> str:
    for p in plans:
        if p.month == renamed.month and p.year_per_month == renamed.year_per_month:
            return p.name
    return renamed.name


# -- running ----------------------------------------------------------------------------


#: Seconds spent parsing HTML (the peer the plan reader is measured against).
PARSE_SECONDS = [0.0]


def read(suffix: str, text: str, source: str, role: object, path: str) -> list:
    """The plans a run keeps of one page or price list: the same calls `msglint check`
    makes (item.extract_document -> page_plans, item.load_catalog -> price_list), so the
    pricing-page test and the price-list detection are measured too."""
    from msglint.config import SourceConfig
    from msglint.extract import Extraction
    from msglint.extract.plans.page import page_plans, price_list
    from msglint.parse.html import parse_html

    config = SourceConfig(name=source, role=role, paths=[path])
    if suffix in ("csv", "json"):
        found = price_list(text.encode("utf-8"), suffix, path, config)
        return found.plans if found is not None else []
    start = time.perf_counter()
    doc = parse_html(text, source=source, role=role, path=path)
    PARSE_SECONDS[0] += time.perf_counter() - start
    out = Extraction()
    page_plans(doc, config, out)
    return out.plans


def run(products: int, partners: int, seed: int) -> dict:
    from msglint.checks.plan import PlanRule, kind_of
    from msglint.model import Role

    rng = random.Random(seed)
    rule = PlanRule.model_validate({"id": "bench.plan", "kind": "plan"})
    rule.prepare()
    planted: dict[str, int] = dict.fromkeys(HARMFUL, 0)
    found: dict[str, int] = dict.fromkeys(HARMFUL, 0)
    reported: dict[str, int] = dict.fromkeys(HARMFUL, 0)
    correct: dict[str, int] = dict.fromkeys(HARMFUL, 0)
    benign_findings: list[str] = []
    benign_pages = 0
    pages = 0
    start = time.perf_counter()
    for index in range(products):
        product, plans = make_product(rng, index)
        currency = rng.choice(("USD", "EUR"))
        brand = Copy(
            product,
            rng.choice(("cards", "table", "hidden")),
            rng.choice(LOCALES),
            plans,
            currency=currency,
        )
        suffix, text = render(brand)
        reference = read(suffix, text, "brand", Role.REFERENCE, f"{product}/brand.html")
        pages += 1
        for n in range(partners):
            harmful = rng.choice(HARMFUL) if rng.random() < 0.7 else None
            copy = mutate(rng, product, plans, harmful, currency)
            suffix, text = render(copy)
            path = f"{product}/partner{n}.{suffix}"
            partner = read(suffix, text, f"p{n}", Role.PARTNER, path)
            pages += 1
            findings = list(rule.compare_plans(reference, partner))
            findings += list(rule.check_own(partner))
            relevant = [f for f in findings if kind_of(f) in FIELD_TO_KIND]
            if copy.harmful is None:
                benign_pages += 1
                benign_findings += [
                    f"{path} [{copy.layout}/{copy.locale}] {kind_of(f)}: {f.message}"
                    for f in findings
                ]
                continue
            kind, plan_name = copy.harmful
            planted[kind] += 1
            hit = False
            for f in relevant:
                fkind = FIELD_TO_KIND[kind_of(f) or ""]
                reported[fkind] += 1
                ok = (fkind == kind and (f.product or "").endswith(plan_name)) or (
                    fkind == kind == "trial"
                )
                if ok:
                    correct[fkind] += 1
                    hit = True
                else:
                    benign_findings.append(
                        f"{path} [{copy.layout}/{copy.locale}, planted {kind} on {plan_name}] "
                        f"{kind_of(f)}: {f.message}"
                    )
            if hit:
                found[kind] += 1
            else:
                benign_findings.append(
                    f"{path} [{copy.layout}/{copy.locale}] MISSED {kind} on {plan_name}"
                )
    seconds = time.perf_counter() - start
    parse = PARSE_SECONDS[0]
    kinds = {
        k: {
            "planted": planted[k],
            "recall": round(found[k] / planted[k], 4) if planted[k] else None,
            "precision": round(correct[k] / reported[k], 4) if reported[k] else None,
        }
        for k in HARMFUL
    }
    return {
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 1),
        "parse_seconds": round(parse, 2),
        "reading_vs_parse": round((seconds - parse) / parse, 1) if parse else None,
        "kinds": kinds,
        "benign_copies": benign_pages,
        "benign_findings": len(
            [b for b in benign_findings if "planted" not in b and "MISSED" not in b]
        ),
        "problems": benign_findings[:40],
    }


def fixtures() -> dict:
    """Per-field accuracy of the reader over tests/fixtures/plans (answer key expected.yml)."""
    import yaml

    from msglint.model import Role

    here = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "plans"
    key = yaml.safe_load((here / "expected.yml").read_text(encoding="utf-8"))
    sys.path.insert(0, str(here.parent.parent))
    from msglint.values.plans import plan_key
    from test_plans_reader import summary  # the same summary the reader test compares

    fields = ("prices", "limits", "features", "trial", "sla", "discount")
    right = dict.fromkeys(("plans", *fields), 0)
    total = dict.fromkeys(("plans", *fields), 0)
    for name, want in key.items():
        plans = read("html", (here / name).read_text(encoding="utf-8"), "s", Role.REFERENCE, name)
        by_key = {plan_key(p.name): p for p in plans}
        for expected in want["plans"]:
            total["plans"] += 1
            plan = by_key.get(plan_key(expected["name"]))
            if plan is None:
                for f in fields:
                    total[f] += 1
                continue
            right["plans"] += 1
            have = summary(plan)
            for f in fields:
                total[f] += 1
                default = {} if f == "limits" else [] if f in ("prices", "features") else None
                right[f] += have[f] == expected.get(f, default)
        extra = len(plans) - len(want["plans"])
        total["plans"] += max(0, extra)
    return {f: f"{right[f]}/{total[f]}" for f in right}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--partners", type=int, default=4)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--fixtures-only", action="store_true")
    args = parser.parse_args(argv)
    out: dict = {"fixtures": fixtures()}
    if not args.fixtures_only:
        out["planted"] = run(args.products, args.partners, args.seed)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print("reader on tests/fixtures/plans (right/total per field):")
    for f, v in out["fixtures"].items():
        print(f"  {f:10} {v}")
    if "planted" in out:
        r = out["planted"]
        print(
            f"planted: {r['pages']} pages in {r['seconds']} s ({r['pages_per_second']} pages/s, "
            "shared machine)"
        )
        print(
            f"  reading plans and checking them took {r['reading_vs_parse']}x the time of "
            f"parsing the same pages ({r['parse_seconds']} s)"
        )
        print(
            f"  {'kind':14} {'planted':>7} {'precision':>9} {'recall':>7}   (targets 0.98 / 0.95)"
        )
        for k, v in r["kinds"].items():
            print(f"  {k:14} {v['planted']:>7} {v['precision']!s:>9} {v['recall']!s:>7}")
        print(
            f"  findings on {r['benign_copies']} copies with only benign mutations: "
            f"{r['benign_findings']} (target 0)"
        )
        for line in r["problems"]:
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
