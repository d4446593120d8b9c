"""Benchmark `msglint audit`: a partner's 50,000-row CSV against a 10,000-product bundle.

Run from the repository root:

    python benchmarks/audit.py                     # 10,000 products, 50,000 rows
    python benchmarks/audit.py --products 1000 --rows 5000   # the quick version
    python benchmarks/audit.py --keep /tmp/audit   # keep the generated files

The data is generated (seeded: the same bytes every run). The bundle is built with
`msglint.bundle.build` from 10,000 brand products (SKU, GTIN with a valid check digit,
name, USD price, weight and colour specs, a description, a 2-year warranty claim) and the
Acme example's rules. The partner CSV is a retailer's export: every brand product in it
(some under their own SKUs only, so matching works for it), the rest other brands'
products, with planted problems of known kinds in the brand's rows (wrong price, wrong
weight, a retired name in the description, a 1-year warranty, an off-brand term).
`msglint audit --format csv` runs as a child process, so the wall time includes start-up
and the peak memory is the child's; every planted problem must come back as a to-do.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from random import Random

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_BUNDLE = REPO / "examples" / "acme" / "partner-audit" / "acme-reference.json"
NOUNS = ("Router", "Switch", "Camera", "Speaker", "Headset", "Monitor", "Drive", "Charger")
WORDS = ("Air", "Mesh", "Home", "Cloud", "Power", "Sound", "Vision", "Flex", "Nova", "Edge")
COLOURS = ("Black", "White", "Silver", "Blue", "Red")
OTHER_BRANDS = ("Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell")
#: Planted kinds -> the rule that must report them.
KINDS = {
    "price": "msglint.price-mismatch",
    "weight": "msglint.spec-mismatch",
    "retired": "acme.retired-names",
    "warranty": "msglint.claim-mismatch",
    "offbrand": "acme.cheap",
}


def gtin13(body: str) -> str:
    """`body` (12 digits) with its GS1 check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def products(n: int, seed: int = 7) -> list[dict]:
    """`n` brand products with unique SKUs, GTINs and names."""
    rng = Random(seed)
    out = []
    for i in range(n):
        noun = rng.choice(NOUNS)
        name = f"Acme {rng.choice(WORDS)}{noun} {chr(65 + i % 26)}{i:05d}"
        out.append(
            {
                "sku": f"ACM-{i:06d}",
                "gtin": gtin13(f"950110{i:06d}"),
                "name": name,
                "price": Decimal(rng.randint(1000, 99900)) / 100,
                "weight": rng.randint(100, 5000),
                "colour": rng.choice(COLOURS),
                "noun": noun,
            }
        )
    return out


def bundle_data(items: list[dict]) -> dict:
    """A bundle of `items` with the Acme example's rules, built by msglint itself."""
    from msglint.bundle import build, load
    from msglint.model import Claim, Price, Record, Role
    from msglint.values.specs import parse_spec

    rules = load(EXAMPLE_BUNDLE).bundle.content.rules
    records = []
    for i, p in enumerate(items):
        rec = Record(source="acme", role=Role.REFERENCE, path=f"site/p{i}.html", index=i)
        rec.name, rec.sku, rec.gtin, rec.brand = p["name"], p["sku"], p["gtin"], "Acme"
        rec.prices = [Price(amount=p["price"], currency="USD", text=f"{p['price']}")]
        for label, value in (("Weight", f"{p['weight']} g"), ("Colour", p["colour"])):
            spec = parse_spec(label, value)
            rec.specs[spec.key] = spec
        rec.description = f"A dependable {p['noun'].lower()} for every room."
        rec.claims = [Claim("warranty", Decimal(730), "days", "2-year limited warranty")]
        records.append(rec)
    return build(
        records,
        list(rules),
        brand="Acme",
        source="acme",
        created=datetime(2025, 1, 1, tzinfo=UTC),
        valid_until=None,
        version="bench",
    )


def partner_csv(items: list[dict], rows: int, seed: int = 11) -> tuple[str, Counter]:
    """The retailer's CSV and how many problems of each kind were planted."""
    rng = Random(seed)
    planted: Counter = Counter()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["SKU", "EAN", "Product Name", "Brand", "Unit Price", "Currency", "Weight",
                     "Colour", "Description"])  # fmt: skip
    brand_rows = min(len(items), rows * 4 // 10)
    kinds = list(KINDS)
    for i, p in enumerate(items[:brand_rows]):
        price, weight = p["price"], p["weight"]
        desc = f"A dependable {p['noun'].lower()} for every room. 2-year limited warranty."
        kind = kinds[i // 20 % len(kinds)] if i % 20 == 0 else None
        if kind == "price":
            price = price + Decimal("10.00")
        elif kind == "weight":
            weight += 250
        elif kind == "retired":
            desc += " Backs up to CloudBox."
        elif kind == "warranty":
            desc = desc.replace("2-year limited warranty", "1-year warranty")
        elif kind == "offbrand":
            desc = "A cheap " + desc[2:]
        if kind:
            planted[kind] += 1
        gtin = p["gtin"] if i % 3 else ""  # a third matched by SKU alone
        writer.writerow([p["sku"], gtin, p["name"], "Acme", f"{price:.2f}", "USD",
                         f"{weight} g", p["colour"], desc])  # fmt: skip
    for i in range(rows - brand_rows):
        brand = rng.choice(OTHER_BRANDS)
        noun = rng.choice(NOUNS)
        gtin = gtin13(f"40{rng.randint(10**9, 10**10 - 1)}")
        writer.writerow([f"{brand[:3].upper()}-{i:06d}", gtin,
                         f"{brand} {rng.choice(WORDS)}{noun} {i}", brand,
                         f"{rng.randint(5, 999)}.{rng.randint(0, 99):02d}", "USD",
                         f"{rng.randint(50, 9000)} g", rng.choice(COLOURS),
                         f"A cheap {noun.lower()} with a 1-year warranty."])  # fmt: skip
    return out.getvalue(), planted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="msglint-audit-"))
    folder.mkdir(parents=True, exist_ok=True)
    items = products(args.products)
    started = time.perf_counter()
    data = bundle_data(items)
    (folder / "reference.json").write_text(json.dumps(data), encoding="utf-8")
    text, planted = partner_csv(items, args.rows)
    (folder / "catalog.csv").write_text(text, encoding="utf-8")
    print(
        f"generated in {time.perf_counter() - started:.1f} s: bundle {args.products:,} products "
        f"({(folder / 'reference.json').stat().st_size / 1e6:.1f} MB), "
        f"catalog {args.rows:,} rows ({len(text) / 1e6:.1f} MB)"
    )
    command = [sys.executable, "-m", "msglint", "audit", "--reference", "reference.json",
               "catalog.csv", "--format", "csv", "--output", "todo.csv"]  # fmt: skip
    import msglint  # the child runs the same msglint as this script (a checkout, say)

    env = dict(os.environ, PYTHONPATH=str(Path(msglint.__file__).resolve().parents[1]))
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode not in (0, 1):
        print(proc.stderr, file=sys.stderr)
        return 2
    with (folder / "todo.csv").open(encoding="utf-8", newline="") as handle:
        todos = list(csv.DictReader(handle))
    by_rule = Counter(t["rule"] for t in todos)
    print(
        f"audit: {wall:.1f} s wall, {args.rows / wall:,.0f} rows/s, peak RSS {peak:.0f} MiB, "
        f"{len(todos):,} to-dos, exit code {proc.returncode}"
    )
    ok = True
    for kind, rule in KINDS.items():
        found = by_rule.get(rule, 0)
        ok &= found == planted[kind]
        print(f"  {kind:<9} planted {planted[kind]:>5,}  to-dos {found:>5,}  ({rule})")
    extra = sum(n for r, n in by_rule.items() if r not in KINDS.values())
    print(f"  other to-dos: {extra:,}; target < 30 s: {'met' if wall < 30 else 'NOT met'}")
    if not args.keep:
        for name in ("reference.json", "catalog.csv", "todo.csv"):
            (folder / name).unlink(missing_ok=True)
        folder.rmdir()
    return 0 if ok and extra == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
