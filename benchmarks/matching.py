"""Benchmark record matching (msglint.match) on a Leipzig-format pair of catalogs.

Run from the repository root (msglint installed, e.g. `pip install -e .`):

    python benchmarks/matching.py ../shared/data/abt-buy            # Abt.csv vs Buy.csv
    python benchmarks/matching.py DIR --reference A.csv --partner B.csv --gold map.csv
    python benchmarks/matching.py DIR --threshold 80 --json
    python benchmarks/matching.py --synthetic 10000                 # 10k x 10k timing

Both catalogs are read THROUGH msglint's own catalog loader
(`msglint.extract.catalog.load_catalog`), as `msglint check` reads a catalog source: the
file's "id" column becomes `Record.item_id`, which matching never looks at and this script
uses only to score the pairs against the gold mapping (a CSV of reference id, partner id
pairs; the first column names the reference side). Precision, recall and F1 are over
matched pairs; per-method counts say which evidence made each pair and how many of those
were right.

`--synthetic N` generates N reference and N partner records from seeded word banks (about
80% of products on both sides, the rest on one side only; partner names reworded,
reordered, codes hyphenated or dropped) and reports the same figures, so the cost of
matching can be followed as catalogs grow. Only the standard library and msglint are used.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from random import Random

from msglint.match import MatchOptions, MatchResult, match_records
from msglint.model import Record, Role


@dataclass
class Figures:
    """What one run measured."""

    dataset: str
    reference: int
    partner: int
    gold: int
    predicted: int
    correct: int
    precision: float
    recall: float
    f1: float
    load_seconds: float
    match_seconds: float
    pairs_scored: int
    peak_rss_mib: float
    methods: dict[str, int] = field(default_factory=dict)
    methods_correct: dict[str, int] = field(default_factory=dict)
    unmatched_reference: int = 0
    unmatched_partner: int = 0
    threshold: float = 0.0


def load(path: Path, role: Role) -> list[Record]:
    """A catalog file as Records, through msglint's own loader; problems go to stderr."""
    from msglint.extract.catalog import load_catalog

    fmt = path.suffix.lower().lstrip(".") or "csv"
    extraction = load_catalog(path.read_bytes(), fmt, source=path.stem, role=role, path=str(path))
    for location, reason in extraction.problems[:5]:
        print(f"{path.name}:{location.line}: {reason}", file=sys.stderr)
    if len(extraction.problems) > 5:
        print(f"{path.name}: {len(extraction.problems) - 5} more problems", file=sys.stderr)
    return extraction.records


def load_gold(path: Path) -> set[tuple[str, str]]:
    """(reference id, partner id) pairs from a two-column CSV with a header row."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    rows = csv.reader(io.StringIO(text))
    next(rows, None)
    return {(row[0].strip(), row[1].strip()) for row in rows if len(row) >= 2}


def peak_rss_mib() -> float:
    """Peak resident memory of this process; ru_maxrss is KiB on Linux, bytes on macOS."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def score(
    dataset: str,
    reference: list[Record],
    partner: list[Record],
    gold: set[tuple[str, str]],
    result: MatchResult,
    load_seconds: float,
    match_seconds: float,
    threshold: float,
) -> Figures:
    predicted: dict[tuple[str, str], str] = {}
    for ref_index, match in result.pairs:
        key = (str(reference[ref_index].item_id), str(match.record.item_id))
        predicted[key] = match.method
    correct = {k for k in predicted if k in gold}
    precision = len(correct) / len(predicted) if predicted else 0.0
    recall = len(correct) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Figures(
        dataset=dataset,
        reference=len(reference),
        partner=len(partner),
        gold=len(gold),
        predicted=len(predicted),
        correct=len(correct),
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        load_seconds=round(load_seconds, 3),
        match_seconds=round(match_seconds, 3),
        pairs_scored=result.scored,
        peak_rss_mib=round(peak_rss_mib(), 1),
        methods=dict(Counter(predicted.values())),
        methods_correct=dict(Counter(predicted[k] for k in correct)),
        unmatched_reference=len(result.unmatched_reference),
        unmatched_partner=len(result.unmatched_partner),
        threshold=threshold,
    )


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


def run_dataset(args: argparse.Namespace, options: MatchOptions) -> Figures:
    folder = Path(args.dataset_dir)
    start = time.perf_counter()
    reference = load(folder / args.reference, Role.REFERENCE)
    partner = load(folder / args.partner, Role.PARTNER)
    load_seconds = time.perf_counter() - start
    gold = load_gold(folder / args.gold)
    best: tuple[float, MatchResult] | None = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = match_records(reference, partner, options)
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best[0]:
            best = (elapsed, result)
    assert best is not None
    return score(
        folder.name, reference, partner, gold, best[1], load_seconds, best[0], options.threshold
    )


def run_synthetic(args: argparse.Namespace, options: MatchOptions) -> Figures:
    start = time.perf_counter()
    reference, partner, gold = synthetic(args.synthetic, args.seed)
    build = time.perf_counter() - start
    start = time.perf_counter()
    result = match_records(reference, partner, options)
    elapsed = time.perf_counter() - start
    name = f"synthetic-{args.synthetic}"
    return score(name, reference, partner, gold, result, build, elapsed, options.threshold)


def report(fig: Figures) -> str:
    methods = ", ".join(
        f"{m} {n} ({fig.methods_correct.get(m, 0)} right)" for m, n in sorted(fig.methods.items())
    )
    return "\n".join(
        [
            f"{fig.dataset}: {fig.reference} reference x {fig.partner} partner records, "
            f"{fig.gold} gold pairs, threshold {fig.threshold:g}",
            f"  precision {fig.precision:.4f}  recall {fig.recall:.4f}  F1 {fig.f1:.4f}"
            f"  ({fig.correct} right of {fig.predicted} matched)",
            f"  methods: {methods}",
            f"  unmatched: {fig.unmatched_reference} reference, {fig.unmatched_partner} partner",
            f"  load {fig.load_seconds:.3f} s, match {fig.match_seconds:.3f} s, "
            f"{fig.pairs_scored:,} pairs scored, peak memory {fig.peak_rss_mib:.0f} MiB",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset_dir", nargs="?", help="folder with the two catalogs and gold")
    parser.add_argument("--reference", default="Abt.csv")
    parser.add_argument("--partner", default="Buy.csv")
    parser.add_argument("--gold", default="abt_buy_perfectMapping.csv")
    parser.add_argument("--threshold", type=float, default=MatchOptions().threshold)
    parser.add_argument("--many", action="store_true", help="one_to_one=False")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is kept")
    parser.add_argument("--synthetic", type=int, metavar="N", help="N x N generated records")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    args = parser.parse_args(argv)
    if not args.dataset_dir and not args.synthetic:
        parser.error("give DATASET_DIR or --synthetic N")
    options = MatchOptions(threshold=args.threshold, one_to_one=not args.many)
    fig = run_synthetic(args, options) if args.synthetic else run_dataset(args, options)
    print(json.dumps(asdict(fig), indent=2) if args.json else report(fig))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
