"""Benchmark catalog loading: rows/s for the Abt-Buy files and a generated CSV.

Run from the repository root (msglint installed, e.g. `pip install -e .`):

    python benchmarks/catalog.py                  # Buy.csv, Abt.csv, a 100,000-row CSV
    python benchmarks/catalog.py --rows 20000 --repeat 5

The generated CSV (seeded, so the same bytes every run) has what a distributor export
has: id, SKU, GTIN, brand, name, a description with commas and quotes, a price with a
currency column, weight and colour columns (specs), and every 50th name spread over two
lines. Timings are `load_catalog` alone on bytes already in memory (best of `--repeat`),
after one warm-up load so imports and caches are not counted.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path
from random import Random

from msglint.extract.catalog import catalog_format, load_catalog
from msglint.model import Role

ABT_BUY = Path(__file__).resolve().parents[2] / "shared" / "data" / "abt-buy"
BRANDS = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell")
NOUNS = ("Router", "Switch", "Camera", "Speaker", "Headset", "Monitor", "Drive", "Charger")
COLOURS = ("Black", "White", "Silver", "Blue", "Red")


def generated_csv(rows: int, seed: int = 7) -> bytes:
    """A distributor-style CSV export of `rows` products."""
    rng = Random(seed)
    out = io.StringIO()
    out.write("id,SKU,EAN,Brand,Product Name,Description,Price,Currency,Weight (kg),Colour\r\n")
    for i in range(rows):
        brand = rng.choice(BRANDS)
        noun = rng.choice(NOUNS)
        code = f"{brand[:2].upper()}{rng.randint(100, 9999)}"
        name = f"{brand} {code} {noun}"
        if i % 50 == 0:
            name += "\nTwo-line edition"
        desc = f'{noun}, {rng.randint(2, 64)} ports, "{rng.choice(COLOURS)}" finish'
        price = f"{rng.randint(5, 2999)}.{rng.randint(0, 99):02d}"
        ean = f"40{rng.randint(10**10, 10**11 - 1)}"
        weight = f"{rng.randint(1, 200) / 10}"
        fields = [str(i), code, ean, brand, name, desc, price, "EUR", weight, rng.choice(COLOURS)]
        out.write(",".join('"' + f.replace('"', '""') + '"' for f in fields) + "\r\n")
    return out.getvalue().encode("utf-8")


def measure(name: str, data: bytes, repeat: int) -> None:
    fmt = catalog_format(name, data[:4096]) or "csv"
    load_catalog(data, fmt, source="bench", role=Role.PARTNER, path=name)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        ex = load_catalog(data, fmt, source="bench", role=Role.PARTNER, path=name)
        best = min(best, time.perf_counter() - start)
    rows = len(ex.records)
    print(
        f"{name:<24} {rows:>9,} records {len(ex.problems):>4} problems "
        f"{best * 1000:>9.1f} ms {rows / best:>10,.0f} rows/s {len(data) / best / 1e6:>6.1f} MB/s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    for name in ("Buy.csv", "Abt.csv"):
        path = ABT_BUY / name
        if path.is_file():
            measure(name, path.read_bytes(), args.repeat)
    measure(f"generated-{args.rows}.csv", generated_csv(args.rows), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
