"""Benchmark the HTML report with 10,000 findings: render time, file size, and in headless
Chromium the load time and the time a filter or a search takes.

Run from the repository root (msglint importable, Debian's chromium at /usr/bin/chromium):

    python benchmarks/report.py                       # 10,000 findings, 3 timed renders
    python benchmarks/report.py --findings 50000 --json

The report data is generated with a seeded `random.Random` in the JSON report's schema
(report/json.py): 6 partners, 400 reference products (each with 6 partner records), and a
mix of text findings (with prose context, as a live run has) and consistency findings.
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
from pathlib import Path
from random import Random

from msglint.report.html import render_report
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


def _record(rng: Random, source: str, i: int) -> dict:
    return {
        "source": source,
        "path": f"partners/{source}/products/p{i}.html",
        "url": f"https://{source}.example/products/p{i}",
        "line": rng.randint(10, 90),
        "selector": "body > main > h1",
        "origin": "json-ld",
        "name": f"Acme Product {i}",
        "sku": f"ACM-{i:05d}",
        "gtin": None,
        "mpn": None,
        "price": f"USD {rng.randint(10, 999)}.00",
    }


def generate(n: int, products: int = 400, seed: int = 7) -> tuple[dict, dict]:
    """A JSON report with `n` findings and the extras a live run adds (context, fields)."""
    rng = Random(seed)
    groups = [
        {
            "reference": _record(rng, "acme", i),
            "matches": [{"method": "sku", "score": 100.0, **_record(rng, p, i)} for p in PARTNERS],
        }
        for i in range(products)
    ]
    findings, extras = [], []
    for k in range(n):
        source = rng.choice(PARTNERS)
        page = rng.randint(0, products - 1)
        location = {
            "path": f"partners/{source}/products/p{page}.html",
            "line": rng.randint(1, 400),
            "column": rng.randint(1, 80),
            "end_line": None,
            "end_column": None,
            "selector": "body > main > p:nth-of-type(2)",
            "url": f"https://{source}.example/products/p{page}",
            "segment": "paragraph",
        }
        base = {"source": source, "role": "partner", "location": location, "link": None}
        if k % 5 == 0:
            rule, sev, field = rng.choice(CONSISTENCY)
            findings.append(
                {
                    **base,
                    "rule": rule,
                    "severity": sev,
                    "message": f"{field} of 'Acme Product {page}' differs ({k}).",
                    "expected": "USD 10.00 (acme: site/p.html:3)",
                    "actual": "USD 12.00",
                    "fingerprint": f"{k:016x}:1",
                    "product": f"Acme Product {page}",
                    "reference": {"source": "acme", **location},
                }
            )
            extras.append({"field": field})
        else:
            rule, sev, message, match = rng.choice(RULES)
            findings.append(
                {
                    **base,
                    "rule": rule,
                    "severity": sev,
                    "message": message,
                    "expected": None,
                    "actual": match,
                    "fingerprint": f"{k:016x}:1",
                    "product": None,
                    "reference": None,
                }
            )
            extras.append(
                {"context": f"Item {k}: to continue, {match} with your account on page {page}."}
            )
    by_sev = {"error": 0, "warning": 0, "info": 0}
    by_rule: dict[str, int] = {}
    by_source: dict[str, int] = {}
    for f in findings:
        by_sev[f["severity"]] += 1
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
        by_source[f["source"]] = by_source.get(f["source"], 0) + 1
    report = {
        "schema_version": 1,
        "msglint_version": "bench",
        "config": {"path": "msglint.yaml", "digest": "0" * 16},
        "summary": {
            "findings": n,
            "documents": {},
            "records": {},
            "by_severity": by_sev,
            "by_rule": by_rule,
            "by_source": by_source,
            "fail_on": "error",
            "failed": True,
        },
        "findings": findings,
        "groups": groups,
        "unmatched": {"reference": {}, "partner": {}},
    }
    g_extras = [{"reference": {}, "matches": [{} for _ in PARTNERS]} for _ in groups]
    return report, {"findings": extras, "groups": g_extras}


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
    report, extras = generate(args.findings)
    times = []
    html = ""
    for _ in range(args.repeat):
        start = time.perf_counter()
        html = render_report(report, extras=extras)
        times.append(time.perf_counter() - start)
    tracemalloc.start()  # a separate, untimed pass: tracemalloc slows Python down ~5x
    render_report(report, extras=extras)
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
