"""Time the spec normalizer: µs per parse_spec and per same_spec, run by hand.

    python benchmarks/specs.py [--rounds N]

"cold" is the first sight of each distinct value (the caches cleared, pint's per-unit work
already done once, as on a real run after the first few pages); "warm" is the steady state, where
the same values repeat on every product page of a site. pint start-up (import + registry)
is timed on its own.
"""

from __future__ import annotations

import argparse
import random
import time

LABELS = [
    "Weight",
    "Item Weight:",
    "Dimensions",
    "Battery",
    "Screen size",
    "Colour",
    "Wi-Fi",
    "Storage",
    "RAM",
    "Field of view",
    "Warranty",
    "Power (W)",
    "Noise level",
    "Operating temperature",
    "Ports",
    "Resolution",
]
TEMPLATES = [
    "{a}.{b} kg",
    "{c} g",
    "{a}.{b} lb",
    "{a}{b} x {b}{a} x {a} cm",
    "{c},{b}00 mAh",
    '{a}{b}.{a}"',
    "Black",
    "Space Gray",
    "Wi-Fi {a}",
    "{a} TB",
    "{c} GB",
    "{a}{b}0°",
    "{a} years",
    "{c} W",
    "{a}{b} dB",
    "0-{a}{b} °C",
    "USB-C, HDMI",
    "1920x1080",
    "up to {a}{b} hrs",
    "{a},{b} kg",
]


def values(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        a, b, c = rnd.randint(1, 9), rnd.randint(0, 9), rnd.randint(10, 999)
        out.append((rnd.choice(LABELS), rnd.choice(TEMPLATES).format(a=a, b=b, c=c)))
    return out


def per_call(fn, args: list[tuple], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for a in args:
            fn(*a)
        best = min(best, time.perf_counter() - t)
    return best / len(args) * 1e6


def clear_caches() -> None:
    from msglint.values.specs import compare, dims, keys, quantities

    for fn in (
        quantities._parse_value_in,
        quantities._quantities_in_with,
        compare._text_form,
        dims._read,
        dims.label_axes,
        keys._key,
        keys._label_parts,
        quantities._read_number,
    ):
        fn.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()

    t = time.perf_counter()
    from msglint.values import specs

    import_s = time.perf_counter() - t
    t = time.perf_counter()
    specs.unit_registry()
    pint_s = time.perf_counter() - t

    pairs = values(args.n)
    specs.parse_spec("x", "1 kg")
    for label, value in pairs:  # pint's per-unit work, once per unit string
        specs.parse_spec(label, value)

    def cold_parse(label: str, value: str) -> None:
        specs.parse_spec(label, value)

    distinct = sorted(set(pairs))
    cold = []
    for _ in range(args.rounds):
        clear_caches()
        cold.append(per_call(cold_parse, distinct, 1))
    warm = per_call(specs.parse_spec, pairs, args.rounds)

    parsed = [specs.parse_spec(label, value) for label, value in pairs]
    rnd = random.Random(3)
    same_key = [(p, specs.parse_spec(p.label, p.text)) for p in parsed]
    shuffled = [(p, rnd.choice(parsed)) for p in parsed]
    quantities = [
        (e, a) for e, a in shuffled if e.magnitude is not None and a.magnitude is not None
    ]
    texts = [(e, a) for e, a in shuffled if e.magnitude is None and a.magnitude is None]
    results = {
        "same_spec, equal pairs": per_call(specs.same_spec, same_key, args.rounds),
        "same_spec, random pairs": per_call(specs.same_spec, shuffled, args.rounds),
        "same_spec, quantity pairs": per_call(specs.same_spec, quantities, args.rounds),
        "same_spec, text/range/tuple pairs": per_call(specs.same_spec, texts, args.rounds),
        "describe (random like)": per_call(specs.describe, shuffled, args.rounds),
    }

    print(
        f"import msglint.values.specs: {import_s * 1e3:.1f} ms; pint + registry: "
        f"{pint_s * 1e3:.0f} ms (first value with a unit)"
    )
    print(f"{args.n} values, {len(set(v for _, v in pairs))} distinct, best of {args.rounds}")
    print(f"parse_spec cold (distinct values): {min(cold):5.2f} µs/call")
    print(f"parse_spec warm (repeated values): {warm:5.2f} µs/call")
    for name, us in results.items():
        print(f"{name + ':':34s}{us:6.2f} µs/call")


if __name__ == "__main__":
    main()
