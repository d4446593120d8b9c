"""Benchmark record matching (msglint.match) on two catalogs with a gold mapping.

Run from the repository root (msglint installed, e.g. `pip install -e .`):

    python benchmarks/matching.py ../shared/data/abt-buy            # Abt.csv vs Buy.csv
    python benchmarks/matching.py DIR --reference A.csv --partner B.tsv --gold map.csv \
        --column mpn=modelno --column name=title
    python benchmarks/matching.py DIR --model other.json --json      # another model file
    python benchmarks/matching.py --synthetic 100000                # 100k x 100k timing
    python benchmarks/matching.py --synthetic 10000 --exhaustive    # blocking's recall cost

Both catalogs are read THROUGH msglint's own catalog loader
(`msglint.extract.catalog.load_catalog`, the format told by `catalog_format` as `msglint
check` tells it: comma, semicolon, tab or pipe delimited, JSON, XLSX, feeds), with the
source's `columns` given by `--column FIELD=HEADER`. Each file's row id (its `id` column)
becomes `Record.item_id`, which matching never compares and this script uses only to score
the pairs against the gold mapping (a delimited file of reference id, partner id pairs with
a header row; its first column names the reference side). Matching runs with the options
`msglint check` uses (defaults, or `--threshold`, `--confidence`, `--many`, `--model`).

Figures: precision, recall and F1 over every matched pair (matches below the confidence
level included: the run names them, as uncertain matches), the same for the confident
matches alone, per-method counts, load and match time, pairs scored, peak memory.

`--synthetic N` generates N reference and N partner records from seeded word banks (about
80% of products on both sides, the rest on one side only; partner names reworded,
reordered, codes hyphenated or dropped), so the cost of matching can be followed as
catalogs grow. `--exhaustive` also scores every gold pair on top of what blocking
proposes, which bounds from above the recall that scoring every pair would reach (the
pairs exhaustive scoring adds beyond the gold ones can only take records away from gold
pairs), and prints blocking's recall as a share of that bound.

The machine these run on may be shared: timings are noisy, quote them with the load.
Only the standard library and msglint are used.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from msglint.match import MatchOptions, MatchResult, match_records
from msglint.match.evaluate import PairFigures, pair_figures
from msglint.model import Record, Role


@dataclass
class Figures:
    """What one run measured."""

    dataset: str
    reference: int
    partner: int
    pairs: PairFigures
    load_seconds: float
    match_seconds: float
    match_cpu_seconds: float
    pairs_scored: int
    peak_rss_mib: float
    unmatched_reference: int = 0
    unmatched_partner: int = 0
    exhaustive_recall: float | None = None
    problems: list[str] = field(default_factory=list)


def load(path: Path, role: Role, columns: dict[str, str], delimiter: str | None) -> list[Record]:
    """A catalog file as Records, through msglint's own loader; problems go to stderr."""
    from msglint.extract.catalog import catalog_format, load_catalog

    data = path.read_bytes()
    fmt = catalog_format(str(path), data[:4096]) or "csv"
    extraction = load_catalog(
        data, fmt, source=path.stem, role=role, path=str(path), columns=columns or None,
        delimiter=delimiter,
    )  # fmt: skip
    for location, reason in extraction.problems[:5]:
        print(f"{path.name}:{location.line}: {reason}", file=sys.stderr)
    if len(extraction.problems) > 5:
        print(f"{path.name}: {len(extraction.problems) - 5} more problems", file=sys.stderr)
    return extraction.records


def load_gold(path: Path) -> set[tuple[str, str]]:
    """(reference id, partner id) pairs from a delimited file with a header row."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], ",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    next(rows, None)
    return {(row[0].strip(), row[1].strip()) for row in rows if len(row) >= 2}


def peak_rss_mib() -> float:
    """Peak resident memory of this process; ru_maxrss is KiB on Linux, bytes on macOS."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# --- synthetic catalogs ---------------------------------------------------------------------

BRANDS = [
    "Acme", "Borealis", "Cobalt", "Dynamo", "Ember", "Fathom", "Gliese", "Halcyon", "Ionic",
    "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orbit", "Pioneer Labs", "Quasar",
    "Radian", "Solstice", "Tundra", "Umbra", "Vertex", "Wavelength", "Xenon", "Yonder",
    "Zephyr", "Aurora", "Basalt", "Cinder", "Drift",
]  # fmt: skip
TYPES = [
    "Wireless Router", "Mesh Wi-Fi System", "Bluetooth Speaker", "Soundbar", "Turntable",
    "Over-Ear Headphones", "Earbuds", "Security Camera", "Video Doorbell", "Smart Plug",
    "Power Bank", "Wall Charger", "USB-C Hub", "Docking Station", "Gaming Mouse",
    "Mechanical Keyboard", "Webcam", "Monitor Arm", "Portable SSD", "Memory Card",
    "Action Camera", "Tripod", "Microwave Oven", "Coffee Maker", "Blender", "Air Fryer",
    "Robot Vacuum", "Electric Kettle", "Toaster Oven", "Stand Mixer", "Dishwasher",
    "Washer", "Dryer", "Refrigerator", "Air Purifier", "Dehumidifier", "Space Heater",
    "Ceiling Fan", "LED Desk Lamp", "Label Printer",
]  # fmt: skip
ADJECTIVES = [
    "Pro", "Compact", "Ultra", "Slim", "Max", "Mini", "Plus", "Elite", "Classic", "Sport",
    "Studio", "Travel", "Home", "Premium", "Essential", "Smart", "Digital", "Quiet",
]  # fmt: skip
COLOURS = ["Black", "White", "Silver", "Red", "Blue", "Graphite", "Stainless Steel"]
SPECS = ["128GB", "5400mAh", "1080p", "65W", "2.4GHz", "10ft", "4K", "1200W", "3-Pack"]
LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ"


def _code(rng: Random, used: set[str]) -> str:
    while True:
        prefix = "".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 4)))
        code = f"{prefix}{rng.randint(10, 99999)}{rng.choice(['', '', 'B', 'W', 'XL', 'BK'])}"
        if code not in used:
            used.add(code)
            return code


def synthetic(n: int, seed: int = 7) -> tuple[list[Record], list[Record], set[tuple[str, str]]]:
    """N reference and N partner records; gold pairs by construction."""
    rng = Random(seed)
    used: set[str] = set()
    shared = int(n * 0.8)
    products = []
    for _ in range(n + (n - shared)):
        brand = rng.choice(BRANDS)
        words = [rng.choice(ADJECTIVES), rng.choice(TYPES)]
        if rng.random() < 0.5:
            words.insert(0, rng.choice(ADJECTIVES))
        products.append((brand, words, rng.choice(COLOURS), _code(rng, used)))
    reference: list[Record] = []
    partner: list[Record] = []
    gold: set[tuple[str, str]] = set()
    for k, (brand, words, colour, code) in enumerate(products[:n]):
        name = f"{brand} {' '.join(words)} In {colour} - {code}"
        reference.append(_record("ref", Role.REFERENCE, len(reference), f"r{k}", name, None))
    partner_products = list(enumerate(products[:shared])) + [
        (None, p) for p in products[n : n + (n - shared)]
    ]
    rng.shuffle(partner_products)
    for k, (ref_k, (brand, words, colour, code)) in enumerate(partner_products):
        name = _partner_name(rng, brand, words, colour, code)
        pid = f"p{k}"
        partner.append(_record("partner", Role.PARTNER, k, pid, name, brand))
        if ref_k is not None:
            gold.add((f"r{ref_k}", pid))
    return reference, partner, gold


def _partner_name(rng: Random, brand: str, words: list[str], colour: str, code: str) -> str:
    words = list(words)
    if rng.random() < 0.5:
        rng.shuffle(words)
    parts = [brand, *words]
    roll = rng.random()
    if roll < 0.4:
        split = rng.randint(2, max(2, len(code) - 2))
        parts.insert(1, f"{code[:split]}-{code[split:]}")
    elif roll < 0.7:
        parts.append(f"- {code}")
    if rng.random() < 0.5:
        parts.append(f"- {rng.choice(SPECS)}")
    if rng.random() < 0.5:
        parts.append(f"({colour})")
    return " ".join(parts)


def _record(
    source: str, role: Role, index: int, item_id: str, name: str, brand: str | None
) -> Record:
    return Record(
        source=source, role=role, path=source, index=index, item_id=item_id, name=name, brand=brand
    )


# --- main -------------------------------------------------------------------------------------


def _timed(
    reference: list[Record], partner: list[Record], options: MatchOptions, repeat: int
) -> tuple[float, float, MatchResult]:
    """(wall seconds, CPU seconds, result) of the fastest of `repeat` runs."""
    best: tuple[float, float, MatchResult] | None = None
    for _ in range(max(1, repeat)):
        start, cpu = time.perf_counter(), time.process_time()
        result = match_records(reference, partner, options)
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        if best is None or elapsed < best[0]:
            best = (elapsed, used, result)
    assert best is not None
    return best


def _exhaustive(
    reference: list[Record],
    partner: list[Record],
    gold: set[tuple[str, str]],
    options: MatchOptions,
    recall: float,
) -> float:
    """Blocking's recall as a share of the recall with every gold pair scored as well."""
    ref_at = {str(r.item_id): i for i, r in enumerate(reference)}
    part_at = {str(p.item_id): j for j, p in enumerate(partner)}
    extra = [(ref_at[a], part_at[b]) for a, b in gold if a in ref_at and b in part_at]
    result = match_records(reference, partner, options, extra_pairs=extra)
    bound = pair_figures(reference, partner, gold, result).recall
    return round(recall / bound, 4) if bound else 1.0


def run(args: argparse.Namespace, options: MatchOptions) -> Figures:
    start = time.perf_counter()
    if args.synthetic:
        reference, partner, gold = synthetic(args.synthetic, args.seed)
        name = f"synthetic-{args.synthetic}"
    else:
        folder = Path(args.dataset_dir)
        columns = dict(c.split("=", 1) for c in args.column)
        reference = load(folder / args.reference, Role.REFERENCE, columns, args.delimiter)
        partner = load(folder / args.partner, Role.PARTNER, columns, args.delimiter)
        gold = load_gold(folder / args.gold)
        name = folder.name
    load_seconds = time.perf_counter() - start
    elapsed, cpu, result = _timed(reference, partner, options, 1 if args.synthetic else args.repeat)
    pairs = pair_figures(reference, partner, gold, result)
    fig = Figures(
        dataset=name,
        reference=len(reference),
        partner=len(partner),
        pairs=pairs,
        load_seconds=round(load_seconds, 3),
        match_seconds=round(elapsed, 3),
        match_cpu_seconds=round(cpu, 3),
        pairs_scored=result.scored,
        peak_rss_mib=round(peak_rss_mib(), 1),
        unmatched_reference=len(result.unmatched_reference),
        unmatched_partner=len(result.unmatched_partner),
        problems=[f"{p.path}: {p.message}" for p in result.problems],
    )
    if args.exhaustive:
        fig.exhaustive_recall = _exhaustive(reference, partner, gold, options, pairs.recall)
    return fig


def report(fig: Figures) -> str:
    p = fig.pairs
    methods = ", ".join(
        f"{m} {n} ({p.methods_correct.get(m, 0)} right)" for m, n in sorted(p.methods.items())
    )
    lines = [
        f"{fig.dataset}: {fig.reference} reference x {fig.partner} partner records, "
        f"{p.gold} gold pairs",
        f"  precision {p.precision:.4f}  recall {p.recall:.4f}  F1 {p.f1:.4f}"
        f"  ({p.correct} right of {p.predicted} matched)",
        f"  confident matches only: precision {p.confident_precision:.4f}  recall "
        f"{p.confident_recall:.4f}  ({p.confident_correct} right of {p.confident_predicted})",
        f"  methods: {methods}",
        f"  unmatched: {fig.unmatched_reference} reference, {fig.unmatched_partner} partner",
        f"  load {fig.load_seconds:.3f} s, match {fig.match_seconds:.3f} s "
        f"({fig.match_cpu_seconds:.3f} s CPU, one process), {fig.pairs_scored:,} pairs scored, "
        f"peak memory {fig.peak_rss_mib:.0f} MiB",
    ]
    if fig.exhaustive_recall is not None:
        lines.append(
            f"  recall with blocking / recall with every gold pair scored too: "
            f"{fig.exhaustive_recall:.4f}"
        )
    lines.extend(f"  problem: {problem}" for problem in fig.problems)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset_dir", nargs="?", help="folder with the two catalogs and gold")
    parser.add_argument("--reference", default="Abt.csv")
    parser.add_argument("--partner", default="Buy.csv")
    parser.add_argument("--gold", default="abt_buy_perfectMapping.csv")
    parser.add_argument(
        "--column", action="append", default=[], metavar="FIELD=HEADER",
        help="map a Record field to a header, as a source's `columns` does (repeatable)",
    )  # fmt: skip
    parser.add_argument("--delimiter", help="the catalogs' delimiter (default: detected)")
    parser.add_argument("--threshold", type=float, help="match probability (default: model's)")
    parser.add_argument("--confidence", type=float, default=MatchOptions().confidence)
    parser.add_argument("--many", action="store_true", help="one_to_one=False")
    parser.add_argument("--no-duplicates", action="store_true", help="duplicates=False")
    parser.add_argument("--model", help="a model file instead of the shipped one")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is kept")
    parser.add_argument("--synthetic", type=int, metavar="N", help="N x N generated records")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--exhaustive", action="store_true", help="blocking's recall cost")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    args = parser.parse_args(argv)
    if not args.dataset_dir and not args.synthetic:
        parser.error("give DATASET_DIR or --synthetic N")
    if any("=" not in c for c in args.column):
        parser.error("--column takes FIELD=HEADER")
    options = MatchOptions(
        threshold=args.threshold,
        confidence=args.confidence,
        one_to_one=not args.many,
        duplicates=not args.no_duplicates,
        model=args.model,
    )
    fig = run(args, options)
    print(json.dumps(asdict(fig), indent=2) if args.json else report(fig))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
