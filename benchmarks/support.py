"""Benchmark support facts with values: planted contact and SLA changes at partners.

Run from the repository root (`python benchmarks/support.py`, or `python
benchmarks/documents.py --part support`). Writes `--worlds` small worlds, each a brand
(its own name, domain, phone number, e-mail, ticket URL, SLA table, hours and warranty,
on one support page in HTML with lang="en-US") and `--pages` partner support pages
(HTML with or without a language, or Markdown) that restate the brand's support facts in
their own words and formats; runs `msglint check` (the `consistency` pack) on each world,
and scores the `msglint.claim-mismatch` findings.

Planted (on 60 % of the pages, one or two each): another support phone number, another
e-mail address on the brand's domain, another ticket URL on the brand's domain, another
first-response time for one priority, another resolution time, other support hours,
another warranty. Benign (everywhere): the brand's number in another format ("+1 (800)
555-0142", "1-800-555-0142", "800.555.0142", ...; on Markdown pages without a country),
the address in other case or written "[at]"/"[dot]", the URL with http, "www.", a
trailing "/" or tracking parameters, times in other units ("60 minutes", "one hour",
"24 hours" for a day), sentences reworded or reordered, the SLA as a table or as prose,
and the partner's own order line, address and store URL, alone or next to the brand's.
Targets: precision >= 0.98 and recall >= 0.95 per kind, no finding on benign-only pages.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ["support-phone", "support-email", "support-url", "sla-response", "sla-resolution",
         "support-hours", "warranty"]  # fmt: skip
BRANDS = ["Acme", "Northwind", "Hydrotec", "Aquaflow", "Brightline", "Cedar", "Lumen",
          "Orbital", "Polaris", "Quanta", "Redwood", "Solace"]  # fmt: skip
SHOPS = ["PumpShop", "GardenPro", "HomeDepot24", "ToolBarn", "FlowStore", "DIYcenter",
         "WaterWorks", "ProSupply"]  # fmt: skip


@dataclass
class Facts:
    """One side's support facts; the partner's start as the brand's and get planted."""

    name: str
    domain: str
    phone: tuple[str, str, str]  # area, exchange, line
    email: str
    ticket: str
    response: dict[int, tuple[str, str]]  # priority -> (amount, unit as words)
    resolution: dict[int, tuple[str, str]]
    hours: tuple[str, str]
    warranty: int
    plants: list[str] = field(default_factory=list)


def brand_facts(rng: random.Random, i: int) -> Facts:
    name = BRANDS[i % len(BRANDS)]
    domain = f"{name.lower()}-{rng.choice(['pumps', 'tools', 'systems', 'devices'])}.com"
    return Facts(
        name=name,
        domain=domain,
        phone=("800", f"{rng.randint(200, 989)}", f"{rng.randint(1000, 9999)}"),
        email=f"{rng.choice(['support', 'service', 'help'])}@{domain}",
        ticket=f"support.{domain}/{rng.choice(['tickets/new', 'contact', 'help/request'])}",
        response={1: ("1", "hour"), 2: ("4", "business hours"), 3: ("1", "business day")},
        resolution={1: ("4", "hours"), 2: ("2", "business days"), 3: ("5", "business days")},
        hours=rng.choice([("8 a.m.", "6 p.m."), ("9 a.m.", "5 p.m."), ("7 a.m.", "7 p.m.")]),
        warranty=rng.choice([2, 3, 5]),
    )


def plant(f: Facts, kind: str, rng: random.Random) -> None:
    f.plants.append(kind)
    if kind == "support-phone":
        f.phone = (f.phone[0], f.phone[1], f"{(int(f.phone[2]) + rng.randint(1, 98)) % 10000:04d}")
    elif kind == "support-email":
        local, domain = f.email.split("@")
        f.email = f"{'helpdesk' if local != 'helpdesk' else 'care'}@{domain}"
    elif kind == "support-url":
        host, _, path = f.ticket.partition("/")
        f.ticket = f"{host}/{'legacy/' + path}"
    elif kind == "sla-response":
        p = rng.choice([1, 2, 3])
        amount, unit = f.response[p]
        f.response[p] = (str(int(amount) * 2), unit)
    elif kind == "sla-resolution":
        p = rng.choice([1, 2, 3])
        amount, unit = f.resolution[p]
        f.resolution[p] = (str(int(amount) + 1), unit)
    elif kind == "support-hours":
        f.hours = ("10 a.m.", f.hours[1])
    elif kind == "warranty":
        f.warranty = f.warranty - 1


_WORDS = {"1": "one", "2": "two", "4": "four", "5": "five"}


def _amount(amount: str, unit: str, rng: random.Random) -> str:
    """A time as a partner may write it: "1 hour", "one hour", "60 minutes"."""
    if unit == "hour" and amount == "1" and rng.random() < 0.3:
        return "60 minutes"
    if unit == "hours" and rng.random() < 0.2:
        return f"{int(amount) * 60} minutes"
    if unit == "business day" and amount == "1" and rng.random() < 0.3:
        return "one business day"
    if amount in _WORDS and rng.random() < 0.2:
        return f"{_WORDS[amount]} {unit}"
    return f"{amount} {unit}"


def _phone(f: Facts, rng: random.Random, national_ok: bool) -> str:
    a, b, c = f.phone
    styles = [f"+1 ({a}) {b}-{c}", f"+1 {a} {b} {c}", f"+1-{a}-{b}-{c}", f"1-{a}-{b}-{c}"]
    if national_ok:
        styles += [f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}"]
    return rng.choice(styles)


def _email(f: Facts, rng: random.Random) -> str:
    local, domain = f.email.split("@")
    r = rng.random()
    if r < 0.2:
        return f"{local.capitalize()}@{domain.upper()}"
    if r < 0.3:
        name, _, tld = domain.rpartition(".")
        return f"{local} [at] {name} [dot] {tld}"
    return f.email


def _url(f: Facts, rng: random.Random) -> str:
    return rng.choice([
        f"https://{f.ticket}", f"http://{f.ticket}/", f.ticket,
        f"https://{f.ticket}?utm_source=partner&utm_medium=web", f"https://www.{f.ticket}",
    ])  # fmt: skip


def _hours(f: Facts, rng: random.Random) -> str:
    start, end = f.hours
    if rng.random() < 0.5:
        return f"Monday to Friday, {start} to {end} ET"
    s = start.replace(" a.m.", "am").replace(" p.m.", "pm")
    e = end.replace(" a.m.", "am").replace(" p.m.", "pm")
    return f"Mon-Fri {s}-{e} ET"


def brand_page(f: Facts) -> str:
    rows = "".join(
        f"<tr><td>Priority {p}</td><td>within {f.response[p][0]} {f.response[p][1]}</td>"
        f"<td>within {f.resolution[p][0]} {f.resolution[p][1]}</td></tr>"
        for p in (1, 2, 3)
    )
    return (
        f"<!doctype html><html lang='en-US'><head><title>{f.name} support</title></head><body>"
        f"<h1>{f.name} support</h1>"
        f"<p>For technical support, call the {f.name} service team at +1 ({f.phone[0]}) "
        f"{f.phone[1]}-{f.phone[2]}, {_hours(f, random.Random(0))}.</p>"
        f"<p>You can also e-mail our support team at {f.email} at any time.</p>"
        f"<p>Open a support ticket at https://{f.ticket} and keep its number.</p>"
        "<h2>Response and resolution times</h2><table><tr><th>Priority</th>"
        f"<th>First response</th><th>Resolution</th></tr>{rows}</table>"
        f"<p>Every {f.name} product carries a {f.warranty}-year warranty.</p></body></html>"
    )


def partner_page(f: Facts, shop: str, rng: random.Random, fmt: str) -> str:
    national = fmt == "html-us"
    sentences: list[str] = []
    phone = _phone(f, rng, national)
    own = (
        f"(312) 555-{rng.randint(1000, 9999)}"
        if national
        else f"+1 312 555 {rng.randint(1000, 9999)}"
    )
    copied = rng.random() < 0.5
    if copied:  # the brand's sentence, sometimes with the shop's line next to it
        tail = f" or our store at {own}" if rng.random() < 0.3 else ""
        sentences.append(
            f"For technical support, call the {f.name} service team at {phone}{tail}, "
            f"{_hours(f, rng)}."
        )
    else:
        sentences.append(rng.choice([
            f"Need help with your {f.name} product? Call {f.name} support on {phone}.",
            f"{f.name}'s support hotline: {phone}.",
        ]))  # fmt: skip
        sentences.append(f"The support team answers {_hours(f, rng)}.")
    sentences.append(rng.choice([
        f"E-mail our support team at {_email(f, rng)}.",
        f"Support questions can also be sent to {_email(f, rng)}.",
    ]))  # fmt: skip
    sentences.append(rng.choice([
        f"Open a support ticket at {_url(f, rng)}.",
        f"Support tickets: {_url(f, rng)}",
    ]))  # fmt: skip
    if rng.random() < 0.5:
        for p in (1, 2, 3):
            sentences.append(
                f"Priority {p} requests get a first response within "
                f"{_amount(*f.response[p], rng)} and a resolution within "
                f"{_amount(*f.resolution[p], rng)}."
            )
        table = ""
    else:
        rows = [(f"P{p}", f"within {_amount(*f.response[p], rng)}",
                 f"within {_amount(*f.resolution[p], rng)}") for p in (1, 2, 3)]  # fmt: skip
        table = "|".join(["", *(" | ".join(r) for r in rows)])
        sentences.append("__TABLE__")
    sentences.append(rng.choice([
        f"Every {f.name} product carries a {f.warranty}-year warranty.",
        f"{f.name} covers its products with a {f.warranty * 12}-month warranty.",
    ]))  # fmt: skip
    own_lines = [
        f"Questions about your order? Call {shop} on {own}.",
        f"Order questions: orders@{shop.lower()}.com",
        f"Find a {shop} store near you at www.{shop.lower()}.com/stores.",
    ]
    for line in own_lines:
        if rng.random() < 0.5:
            sentences.insert(rng.randint(0, len(sentences)), line)
    if fmt == "md":
        out = [f"# Support for {f.name} products", ""]
        for s in sentences:
            if s == "__TABLE__":
                out += ["| Priority | First response | Resolution |", "| --- | --- | --- |"]
                out += [f"| {r[0]} | {r[1]} | {r[2]} |" for r in rows]
            else:
                out.append(s)
            out.append("")
        return "\n".join(out)
    lang = " lang='en-US'" if national else ""
    body = []
    for s in sentences:
        if s == "__TABLE__":
            trs = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
            body.append(
                "<table><tr><th>Priority</th><th>First response</th><th>Resolution</th></tr>"
                f"{trs}</table>"
            )
        else:
            body.append(f"<p>{s}</p>")
    del table
    return (
        f"<!doctype html><html{lang}><head><title>Support</title></head><body>"
        f"<h1>Support for {f.name} products</h1>{''.join(body)}</body></html>"
    )


def run(worlds: int, pages: int, seed: int) -> int:
    import copy

    from msglint import engine
    from msglint.config import load

    rng = random.Random(seed)
    truth: dict[str, set[str]] = {}
    found: dict[str, dict[str, int]] = {}
    true = dict.fromkeys(KINDS, 0)
    false = dict.fromkeys(KINDS, 0)
    benign_findings = 0
    seconds = 0.0
    for w in range(worlds):
        brand = brand_facts(rng, w)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "brand").mkdir()
            (root / "shop").mkdir()
            (root / "brand" / "support.html").write_text(brand_page(brand), encoding="utf-8")
            for i in range(pages):
                f = copy.deepcopy(brand)
                if rng.random() < 0.6:
                    for kind in rng.sample(KINDS, rng.choice([1, 1, 2])):
                        plant(f, kind, rng)
                fmt = rng.choice(["html-us", "html", "md"])
                name = f"shop/support-{i}.{'md' if fmt == 'md' else 'html'}"
                shop = SHOPS[i % len(SHOPS)]
                (root / name).write_text(partner_page(f, shop, rng, fmt), encoding="utf-8")
                truth[f"{w}/{name}"] = set(f.plants)
            (root / "msglint.yaml").write_text(
                "sources:\n  - {name: brand, role: reference, paths: [brand/]}\n"
                "  - {name: shop, role: partner, paths: [shop/]}\npacks: [consistency]\n"
            )
            started = time.perf_counter()
            result = engine.run(load(root / "msglint.yaml"))
            seconds += time.perf_counter() - started
        for finding in result.findings:
            if finding.rule != "msglint.claim-mismatch" or finding.field is None:
                continue
            key = f"{w}/{finding.location.path}"
            kind = finding.field.key
            planted_here = truth.get(key, set())
            if kind in planted_here:
                true[kind] = true.get(kind, 0) + 1
                found.setdefault(key, {}).setdefault(kind, 0)
                found[key][kind] += 1
            else:
                false[kind] = false.get(kind, 0) + 1
                if not planted_here:
                    benign_findings += 1
                print(f"  unexpected: {key} {kind}: {finding.message[:150]}")
    total = worlds * pages
    only_benign = sum(1 for k in truth.values() if not k)
    print(
        f"support facts: {worlds} brands x {pages} partner support pages ({total} pages, "
        f"{only_benign} with benign changes only); checked in {seconds:.1f} s "
        f"({(total + worlds) / seconds:.0f} pages/s, one process)"
    )
    missed = 0
    print(
        f"  {'kind':<15} {'planted':>7} {'found':>6} {'recall':>7} {'findings':>8} {'precision':>9}"
    )
    for kind in KINDS:
        planted_pages = [k for k, v in truth.items() if kind in v]
        hit = sum(1 for k in planted_pages if kind in found.get(k, {}))
        recall = hit / len(planted_pages) if planted_pages else 1.0
        count = true.get(kind, 0) + false.get(kind, 0)
        precision = true.get(kind, 0) / count if count else 1.0
        missed += recall < 0.95 or precision < 0.98
        print(
            f"  {kind:<15} {len(planted_pages):>7} {hit:>6} {recall:>7.3f} {count:>8} "
            f"{precision:>9.3f}"
        )
    print(f"  findings on benign-only pages: {benign_findings}")
    print(json.dumps({"pages": total, "seconds": round(seconds, 1)}))
    return int(missed > 0 or benign_findings > 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worlds", type=int, default=8)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    return run(args.worlds, args.pages, args.seed)


if __name__ == "__main__":
    sys.exit(main())
