"""Benchmark the HTML report with 10,000 findings: render time, file size, and in headless
Chromium the load time and the time a filter or a search takes.

Run from the repository root (msglint importable, Debian's chromium at /usr/bin/chromium):

    python benchmarks/report.py                       # 10,000 findings, 3 timed renders
    python benchmarks/report.py --findings 50000 --json

The run is generated with a seeded `random.Random` as a RunResult (msglint.model.result):
6 partners, 400 reference products (each with 6 partner records), and a mix of text
findings (with prose context) and consistency findings (typed prices, reference evidence).
The page is written to benchmarks/out/report/report.html (git-ignored) and opened from
disk, as a user opens it. Figures are wall-clock on a shared machine: read them as rough.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from random import Random

from msglint.model import (
    Code,
    Evidence,
    Finding,
    Group,
    Location,
    Match,
    Price,
    Record,
    RecordField,
    Role,
    Severity,
    Value,
)
from msglint.model.result import ConfigInfo, RunResult
from msglint.report import ReportOptions
from msglint.report.html import render
from msglint.sources.web.render import LAUNCH_FLAGS

OUT = Path(__file__).resolve().parent / "out" / "report"
PARTNERS = ["shopright", "northwind", "berlin-store", "megamart", "tech-direct", "bits-and-co"]
RULES = [
    ("acme.sign-in", "warning", "Use 'sign in' instead of 'log in'.", "log in"),
    ("acme.retired-names", "error", "'CloudBox' is a retired name.", "CloudBox"),
    ("msglint.placeholder-text", "error", "Placeholder text 'TBD' left in the page.", "TBD"),
    ("acme.cheap", "info", "Use 'affordable' instead of 'cheap'.", "cheap"),
]
CONSISTENCY = [
    ("msglint.price-mismatch", "error", "price"),
    ("msglint.spec-mismatch", "warning", "spec:weight"),
    ("msglint.claim-mismatch", "error", "claim:warranty"),
]


def _record(rng: Random, source: str, i: int) -> Record:
    path = f"partners/{source}/products/p{i}.html"
    record = Record(
        source=source,
        role=Role.REFERENCE if source == "acme" else Role.PARTNER,
        path=path,
        url=f"https://{source}.example/products/p{i}",
        origin="json-ld",
        name=f"Acme Product {i}",
        sku=f"ACM-{i:05d}",
        prices=[Price(Decimal(rng.randint(10, 999)), "USD")],
    )
    record.at = Location(
        path=path, url=record.url, line=rng.randint(10, 90), selector="body > main > h1"
    )
    return record


def generate(n: int, products: int = 400, seed: int = 7) -> RunResult:
    """A run with `n` findings over 6 partners' copies of `products` reference products."""
    rng = Random(seed)
    records: dict[str, list[Record]] = {"acme": [], **{p: [] for p in PARTNERS}}
    groups = []
    for i in range(products):
        reference = _record(rng, "acme", i)
        records["acme"].append(reference)
        group = Group(reference)
        for p in PARTNERS:
            record = _record(rng, p, i)
            records[p].append(record)
            group.matches.append(Match(record, "sku", 100.0))
        groups.append(group)
    findings = []
    for k in range(n):
        source = rng.choice(PARTNERS)
        page = rng.randint(0, products - 1)
        location = Location(
            path=f"partners/{source}/products/p{page}.html",
            line=rng.randint(1, 400),
            column=rng.randint(1, 80),
            selector="body > main > p:nth-of-type(2)",
            url=f"https://{source}.example/products/p{page}",
            segment="paragraph",
        )
        base = {"source": source, "role": Role.PARTNER, "location": location}
        if k % 5 == 0:
            rule, sev, field = rng.choice(CONSISTENCY)
            name, _, key = field.partition(":")
            findings.append(
                Finding(
                    **base,
                    rule=rule,
                    severity=Severity(sev),
                    message=f"{field} of 'Acme Product {page}' differs ({k}).",
                    expected=Value.of(Price(Decimal("10.00"), "USD")),
                    actual=Value.of(Price(Decimal("12.00"), "USD")),
                    fingerprint=f"{k:016x}:1",
                    product=f"Acme Product {page}",
                    field=RecordField(name, key or None),
                    code=Code.DIFFERS,
                    reference=Evidence("acme", replace(location, path="site/p.html", line=3)),
                )
            )
        else:
            rule, sev, message, match = rng.choice(RULES)
            findings.append(
                Finding(
                    **base,
                    rule=rule,
                    severity=Severity(sev),
                    message=message,
                    actual=match,
                    fingerprint=f"{k:016x}:1",
                    context=f"Item {k}: to continue, {match} with your account on page {page}.",
                )
            )
    return RunResult(
        findings=findings,
        config=ConfigInfo("msglint.yaml", "0" * 16),
        records=records,
        groups=groups,
    )


def browser_figures(path: Path, repeat: int) -> dict:
    from playwright.sync_api import sync_playwright

    loads, filters, searches = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_FLAGS)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_selector("#list > li")
            loads.append(time.perf_counter() - start)
            # In-page timing: the filter runs synchronously on 'change'.
            filters.append(
                page.evaluate(
                    """() => { const s = document.getElementById('f-source');
                    s.value = s.options[2].value; const t = performance.now();
                    s.dispatchEvent(new Event('change')); return performance.now() - t; }"""
                )
                / 1000
            )
            searches.append(
                page.evaluate(
                    """() => { const s = document.getElementById('f-source'); s.value = '';
                    document.getElementById('f-q').value = 'product 17';
                    const t = performance.now(); s.dispatchEvent(new Event('change'));
                    return performance.now() - t; }"""
                )
                / 1000
            )
            page.close()
        browser.close()
    return {
        "load_s": statistics.median(loads),
        "filter_s": statistics.median(filters),
        "search_s": statistics.median(searches),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = generate(args.findings)
    times = []
    html = ""
    for _ in range(args.repeat):
        start = time.perf_counter()
        html = render(result, ReportOptions())
        times.append(time.perf_counter() - start)
    tracemalloc.start()  # a separate, untimed pass: tracemalloc slows Python down ~5x
    render(result, ReportOptions())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "report.html"
    path.write_text(html, encoding="utf-8")
    figures = {
        "findings": args.findings,
        "render_s": statistics.median(times),
        "findings_per_s": args.findings / statistics.median(times),
        "html_mb": len(html.encode("utf-8")) / 2**20,
        "render_peak_mb": peak / 2**20,
    }
    if not args.no_browser:
        figures.update(browser_figures(path, args.repeat))
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        print()
    else:
        print(f"findings           {figures['findings']:,}")
        print(
            f"render             {figures['render_s'] * 1000:,.0f} ms "
            f"({figures['findings_per_s']:,.0f} findings/s, median of {args.repeat})"
        )
        print(f"html size          {figures['html_mb']:.1f} MB")
        print(f"render peak memory {figures['render_peak_mb']:.0f} MB (tracemalloc)")
        if "load_s" in figures:
            print(f"chromium load      {figures['load_s'] * 1000:,.0f} ms (to first rows)")
            print(f"filter by partner  {figures['filter_s'] * 1000:,.1f} ms")
            print(f"search             {figures['search_s'] * 1000:,.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
