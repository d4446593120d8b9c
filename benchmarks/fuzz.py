"""Fuzz msglint's readers with generated hostile input: crashes, hangs, and time per MB.

Run from the repository root (msglint installed, e.g. `pip install -e .`):

    python benchmarks/fuzz.py                        # 1,000,000 inputs over every target
    python benchmarks/fuzz.py --inputs 20000 --target html --target price --seed 7
    python benchmarks/fuzz.py --replay fuzz-out/     # run the saved reproducers again

Targets: the HTML reader (parse + page extraction), the Markdown reader, JSON-LD (a page
whose script is generated), the catalog readers (CSV, TSV, JSON, JSONL, XLSX, Google
Merchant RSS/Atom feeds), the price parser, the unit (spec) parser and the rule loader.

Inputs are mutations of seed documents (the example project and the test fixtures): random
edits, splices, hostile tokens (deep nesting, runs of character references, NULs, lone
surrogates, huge attributes, YAML aliases, numbers such as 1e308) and, one input in
`--big-every`, a fragment repeated to between 256 KB and 2 MB, so the time per MB of large
inputs is measured too. Generation is deterministic for a `--seed`.

A crash is any exception a target's contract does not allow (the readers never raise; the
rule loader raises only `ConfigError`, whose message names the file); a hang is an input
that runs over `--hang` seconds (stopped by SIGALRM). Each distinct crash (target,
exception type, innermost msglint frame) is saved once, its smallest input first, to
`--out`, with the slowest input per target; `--replay` runs them again.

Printed: inputs and crashes per target, and the slowest input's time per MB, where an
input counts as at least 64 KB (so a small input that costs a fixed 64 ms reads as 1 s/MB).
Targets: 0 crashes, no input over 1 s per MB. The work runs in `--jobs` processes (default:
one per core). An input's time is the CPU time of the process that reads it (on a shared
machine, wall time counts the other processes too); a hang is wall time.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import random
import signal
import sys
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FLOOR = 65_536  # bytes: an input counts as at least this big for the time per MB
MB = 1_000_000

# -- seeds ---------------------------------------------------------------------------------


def _read_all(pattern: str) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(REPO.glob(pattern))]


def seeds() -> dict[str, list[Any]]:
    """Seed inputs per kind, from the example project and the test fixtures."""
    html = _read_all("examples/acme/**/*.html") + _read_all("tests/fixtures/pages/*.html")
    markdown = _read_all("examples/acme/docs/*.md")
    csv = _read_all("tests/fixtures/catalog/*.csv") + _read_all("examples/acme/**/*.csv")
    feeds = _read_all("tests/fixtures/catalog/*.xml")
    jsons = _read_all("tests/fixtures/catalog/*.json")
    jsonl = _read_all("tests/fixtures/catalog/*.jsonl")
    tsv = _read_all("tests/fixtures/catalog/*.tsv")
    rules = _read_all("rules/*.yaml") + _read_all("examples/acme/rules/*.yaml")
    prices = [
        json.loads(line)["text"]
        for line in (REPO / "tests/fixtures/prices/price_parser_slice.jsonl").open()
    ]
    prices += ["$1,299.00", "1.299,00 €", "Was $120 Now $60", "-100", "-$100.00", "1e308", "Free"]
    units = ["2.5 kg", "5.51 lb", '15.6"', "30 × 20 × 5 cm", "2,5 kg", "1,299 g", "220-240 V"]
    units += ["12 oz", "1.5 m²", "3 x 2.5 GHz", "65 W", "4 TB", "120 Hz", "-40 °C"]
    jsonld = [
        '{"@context":"https://schema.org","@type":"Product","name":"Acme Widget","sku":"ACM-1",'
        '"offers":{"@type":"Offer","price":"99.00","priceCurrency":"USD"},"weight":'
        '{"@type":"QuantitativeValue","value":"2.5","unitCode":"KGM"}}',
        '{"@graph":[{"@type":"ItemList","itemListElement":[{"item":{"@type":"Product",'
        '"name":"A","offers":[{"price":1,"priceCurrency":"EUR"}]}}]}]}',
    ]
    return {
        "html": html,
        "markdown": markdown,
        "jsonld": jsonld,
        "csv": csv,
        "tsv": tsv,
        "json": jsons,
        "jsonl": jsonl,
        "feed": feeds,
        "xlsx": csv,
        "price": prices,
        "unit": units,
        "rules": rules,
    }


# -- mutation ------------------------------------------------------------------------------

HOSTILE = {
    "html": [
        "<div>",
        "</div>",
        "<b id=x>",
        "<p>",
        "</p>",
        "<table>",
        "<td>",
        "<select><option>",
        "&amp;",
        "&#x0;",
        "&#9999999;",
        "&nbsp",
        "\0",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        '<a href="http://[::1:bad/">',
        '<img alt="&amp;&amp;">',
        "<svg><g>",
        "<math>",
        "<template>",
        "<textarea>",
        '<script type="application/ld+json">{',
        "{{price}}",
        "\u202e",
        "\ufeff",
        "'’",
        "—",
        "<br>",
        "<h1>",
        "&lt;",
        "<base href='http://[x'>",
        '<div a=1 b=2 c=3 d="',
        "</",
        "<!DOCTYPE html>",
        "<head>",
        "<body>",
        "<meta charset=",
    ],
    "markdown": [
        "# ",
        "\n\n",
        "```",
        "`",
        "**",
        "[",
        "](",
        ")",
        "<!--",
        "-->",
        "---\n",
        "> ",
        "- ",
        "1. ",
        "|",
        "&amp;",
        "\0",
        "<div>",
        "![",
        "\t",
        "    ",
        "&#x0;",
        "{{price}}",
        "e-mail",
        "---\na: &a [1]\nb: [*a, *a, *a]\n---\n",
        "[x]: http://[::1:bad/\n",
        "<",
    ],
    "jsonld": [
        "[",
        "]",
        "{",
        "}",
        '"@type":"Product",',
        '"price":"-100",',
        '"price":1e308,',
        '"@graph":[',
        '"offers":{',
        '"name":null,',
        '"itemListElement":[',
        ",",
        '"\\u0000"',
        '"\\ud800"',
        "NaN",
        "-0",
        '"hasVariant":[',
        '"priceSpecification":[',
        "/*",
        "//",
    ],
    "csv": [
        ",",
        ";",
        "\t",
        '"',
        "\n",
        "\r\n",
        '""',
        "=1+1",
        "-100",
        "1e308",
        "\0",
        "\ufeff",
        "\xff",
        "Price",
        "SKU",
        "EAN",
        "Name",
        "€",
        "1.299,00",
        "\u2028",
        "'",
        '"a\nb"',
    ],
    "json": [
        "[",
        "]",
        "{",
        "}",
        '"name":',
        '"price":',
        '"offers":',
        ",",
        "null",
        "1e308",
        "-1",
        '"\\ud800"',
        "\0",
        "true",
        '"sku":',
        '{"a":' * 50,
        "]" * 50,
    ],
    "feed": [
        "<item>",
        "</item>",
        "<g:price>",
        "</g:price>",
        "<![CDATA[",
        "]]>",
        "&amp;",
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
        "&a;",
        "<entry>",
        "\0",
        "<g:id>",
        "<?xml version='1.0' encoding='latin-1'?>",
        "&#x0;",
        "</",
    ],
    "price": [
        "$",
        "€",
        "£",
        "¥",
        "USD",
        "-",
        "1e308",
        "9" * 40,
        ",",
        ".",
        "'",
        " ",
        "/mo",
        "per year",
        "Was",
        "Now",
        "Save",
        "\ud800",
        "\0",
        "٣",
        "½",
        "1,2,3,4",
        "0x1F",
        "∞",
        "NaN",
        "–",
    ],
    "unit": [
        "kg",
        "lb",
        "x",
        "×",
        '"',
        "'",
        "-",
        ",",
        ".",
        "1e308",
        "9" * 40,
        "°C",
        "m²",
        "/",
        "\ud800",
        "\0",
        "(",
        ")",
        "**",
        "^",
        "GHz",
        "inch",
        "½",
        "NaN",
        "inf",
        "e",
        "1e-400",
    ],
    "rules": [
        "\n",
        "  ",
        "- ",
        ": ",
        "&a ",
        "*a",
        "<<: *a",
        "[",
        "]",
        "{",
        "}",
        "!!python/object",
        "kind: pattern\n",
        "pattern: '(a+)+$'\n",
        "kind: terminology\n",
        "swap: {a: b}\n",
        "\t",
        "'",
        '"',
        "#",
        "---\n",
        "...\n",
        "? ",
        "!!binary",
        "level: error\n",
        "\0",
        "%",
        "id: x.y\n",
        "terms: [a]\n",
        "scope: {segments: [x]}\n",
    ],
}
HOSTILE["tsv"] = HOSTILE["csv"]
HOSTILE["jsonl"] = HOSTILE["json"]
HOSTILE["xlsx"] = HOSTILE["csv"]


def mutate(rng: random.Random, text: str, kind: str, pool: list[str], big: bool) -> str:
    """`text` changed by one to four random edits; `big` repeats a fragment to 256 KB-2 MB."""
    tokens = HOSTILE[kind]
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        pos = rng.randint(0, len(text))
        if op < 0.30:
            text = text[:pos] + rng.choice(tokens) + text[pos:]
        elif op < 0.45:
            text = text[:pos] + rng.choice(tokens) * rng.randint(2, 300) + text[pos:]
        elif op < 0.55:
            end = min(len(text), pos + rng.randint(1, 64))
            text = text[:pos] + text[end:]
        elif op < 0.65:
            end = min(len(text), pos + rng.randint(1, 256))
            text = text[:pos] + text[pos:end] * rng.randint(2, 20) + text[pos:]
        elif op < 0.75:
            other = rng.choice(pool)
            a = rng.randint(0, len(other))
            text = text[:pos] + other[a : a + rng.randint(1, 512)] + text[pos:]
        elif op < 0.85:
            points = _CODEPOINTS if kind in _RAW_TEXT else _DECODED_CODEPOINTS
            text = text[:pos] + chr(rng.choice(points)) + text[pos:]
        elif op < 0.95:
            text = text[: rng.randint(0, len(text))]
        else:
            text = text[pos:] + text[:pos]
    if big:
        target = rng.choice((256_000, 512_000, 1_000_000, 2_000_000))
        a = rng.randint(0, max(0, len(text) - 1))
        piece = text[a : a + rng.randint(1, 200)] or rng.choice(tokens)
        if rng.random() < 0.5:
            piece = rng.choice(tokens) + piece
        text = text[:a] + piece * max(1, target // len(piece)) + text[a:]
    return text


#: Targets whose input may hold lone surrogates: catalog cells decoded with
#: `surrogateescape`, and the price and unit parsers that read them. Files and pages are
#: decoded strictly before the HTML and Markdown readers and the rule loader see them.
_RAW_TEXT = frozenset({"csv", "tsv", "json", "jsonl", "feed", "xlsx", "price", "unit"})
_CODEPOINTS = [0, 7, 0x1B, 0x7F, 0x85, 0xA0, 0xAD, 0x2028, 0x202E, 0xFEFF, 0xFFFD, 0x1F600]
_CODEPOINTS += [0xD800, 0xDFFF, 0x10FFFF, 0x130, 0x3000, 0x0301, 0x200B]
_DECODED_CODEPOINTS = [c for c in _CODEPOINTS if not 0xD800 <= c <= 0xDFFF]


# -- targets -------------------------------------------------------------------------------


class Rejected(Exception):
    """An error the target's contract allows (the rule loader's ConfigError)."""


def _role() -> Any:
    from msglint.model import Role

    return Role.PARTNER


def run_html(text: str) -> None:
    from msglint.extract.page import extract_page
    from msglint.parse import parse

    doc = parse(text, "html", source="s", role=_role(), path="p.html")
    extract_page(doc)
    for seg in doc.segments[:50]:
        if doc.selector_of:
            doc.selector_of(seg)


def run_markdown(text: str) -> None:
    from msglint.extract.page import policy_record
    from msglint.filter import suppress
    from msglint.parse import parse
    from msglint.parse.markdown import front_matter

    try:
        doc = parse(text, "markdown", source="s", role=_role(), path="d.md")
    except ValueError as exc:  # a parser panic, reported as a parse error of the file
        if "the Markdown parser failed" in str(exc):
            raise Rejected() from None
        raise
    front_matter(doc)
    suppress.scan(doc)
    policy_record(doc)


def run_jsonld(text: str) -> None:
    run_html(
        '<html><head><script type="application/ld+json">'
        + text.replace("</", "<\\/")
        + "</script></head><body><h1>X</h1></body></html>"
    )


def _catalog(fmt: str, path: str) -> Callable[[str], None]:
    def run(text: str) -> None:
        from msglint.extract.catalog import load_catalog

        data = text.encode("utf-8", "surrogatepass")
        load_catalog(data, fmt, source="s", role=_role(), path=path)

    return run


def run_xlsx(data: bytes) -> None:
    """Read a workbook made by `_xlsx_bytes` (made before the clock starts: writing it with
    openpyxl cost more than reading it, and is not the reader's time)."""
    from msglint.extract.catalog import load_catalog

    load_catalog(data, "xlsx", source="s", role=_role(), path="c.xlsx")


def _xlsx_bytes(text: str) -> bytes:
    """A workbook written with openpyxl from the text's lines and cells; one input in four is
    a byte-mutated zip instead, one in ten of the rest opens 50 rows it never closes."""
    import openpyxl

    rng = random.Random(zlib.crc32(text.encode("utf-8", "surrogatepass")))  # same on replay
    book = openpyxl.Workbook()
    sheet = book.active
    for line in text.splitlines()[:200]:
        cells = [c.encode("utf-8", "replace").decode("utf-8")[:1000] for c in line.split(",")]
        cells = ["".join(ch for ch in c if ch >= " " or ch == "\t") for c in cells[:30]]
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if rng.random() < 0.25:
        raw = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
    elif rng.random() < 0.1:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                body = zin.read(info)
                if info.filename.endswith("sheet1.xml"):
                    body = body.replace(b"<sheetData>", b"<sheetData>" + b"<row>" * 50)
                zout.writestr(info, body)
        data = out.getvalue()
    return data


def run_price(text: str) -> None:
    from msglint.values.prices import billing_period, find_prices, parse_price

    parse_price(text)
    parse_price(text, currency="EUR", decimal_separator=",")
    find_prices(text)
    billing_period(text)


def run_unit(text: str) -> None:
    from msglint.values.specs import normalize_key, parse_spec, same_spec

    label = text[:40]
    spec = parse_spec(label, text)
    same_spec(spec, parse_spec(label, text[::-1]))
    normalize_key(text)


def run_rules(text: str) -> None:
    from msglint.errors import ConfigError
    from msglint.packs import load_file

    path = Path(os.environ.get("FUZZ_TMP", "/tmp")) / f"fuzz-rules-{os.getpid()}.yaml"
    path.write_text(text.encode("utf-8", "replace").decode("utf-8"), encoding="utf-8")
    try:
        pack = load_file(path)
    except ConfigError as exc:
        message = str(exc)
        if path.name not in message:
            raise AssertionError(f"a ConfigError without the file name: {message}") from None
        raise Rejected() from None
    from msglint.model import Role
    from msglint.parse import parse

    doc = parse(
        "Please log in to aaaa TBD.\n" * 3, "markdown", source="s", role=Role.DOCS, path="d.md"
    )
    for rule in pack.rules:
        if hasattr(rule, "check") and rule.applies_to(doc):
            list(rule.check(doc))


TARGETS: dict[str, tuple[str, Callable[[Any], None]]] = {
    "html": ("html", run_html),
    "markdown": ("markdown", run_markdown),
    "jsonld": ("jsonld", run_jsonld),
    "csv": ("csv", _catalog("csv", "c.csv")),
    "tsv": ("tsv", _catalog("tsv", "c.tsv")),
    "json": ("json", _catalog("json", "c.json")),
    "jsonl": ("jsonl", _catalog("jsonl", "c.jsonl")),
    "feed": ("feed", _catalog("feed-xml", "c.xml")),
    "xlsx": ("xlsx", run_xlsx),
    "price": ("price", run_price),
    "unit": ("unit", run_unit),
    "rules": ("rules", run_rules),
}
#: Targets whose input is made from the generated text before it is timed.
PREPARE: dict[str, Callable[[str], Any]] = {"xlsx": _xlsx_bytes}


def _prepared(target: str, text: str) -> tuple[Any, int]:
    """The input the target reads, and its size in bytes."""
    prepare = PREPARE.get(target)
    data = prepare(text) if prepare else text
    if isinstance(data, bytes):
        return data, len(data)
    return data, len(data.encode("utf-8", "surrogatepass"))


# -- running -------------------------------------------------------------------------------


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


@dataclass
class Stats:
    inputs: int = 0
    crashes: dict[str, dict[str, Any]] = field(default_factory=dict)
    slowest: dict[str, Any] | None = None
    seconds: float = 0.0

    def merge(self, other: Stats) -> None:
        self.inputs += other.inputs
        self.seconds += other.seconds
        for key, crash in other.crashes.items():
            mine = self.crashes.get(key)
            if mine is None or len(crash["input"]) < len(mine["input"]):
                if mine is not None:
                    crash["count"] += mine["count"]
                self.crashes[key] = crash
            else:
                mine["count"] += crash["count"]
        if other.slowest and (not self.slowest or other.slowest["rate"] > self.slowest["rate"]):
            self.slowest = other.slowest


def _crash_key(target: str, exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "msglint" in f.filename and "benchmarks" not in f.filename]
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{target}: {type(exc).__name__} at {where}"


def one(target: str, text: Any, hang: float) -> tuple[float, BaseException | None]:
    """Run `target` on `text` (prepared): (CPU seconds, the exception its contract does not
    allow)."""
    run = TARGETS[target][1]
    signal.setitimer(signal.ITIMER_REAL, hang)
    started = time.process_time()
    error: BaseException | None = None
    try:
        run(text)
    except Rejected:
        pass
    except Hang as exc:
        error = exc
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # pyo3's PanicException (a Rust panic) is a BaseException
        error = exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.process_time() - started, error


def work(args: tuple[str, int, int, int, float]) -> tuple[str, Stats]:
    """One batch: `count` inputs for `target` from seed `seed`."""
    target, seed, count, big_every, hang = args
    signal.signal(signal.SIGALRM, _alarm)
    kind = TARGETS[target][0]
    pool = _SEEDS[kind]
    rng = random.Random(f"{target}:{seed}")
    stats = Stats()
    for i in range(count):
        text = mutate(rng, rng.choice(pool), kind, pool, big=(seed * count + i) % big_every == 0)
        data, size = _prepared(target, text)
        seconds, error = one(target, data, hang)
        stats.inputs += 1
        stats.seconds += seconds
        rate = seconds / max(size, FLOOR) * MB
        if stats.slowest is None or rate > stats.slowest["rate"]:
            stats.slowest = {"rate": rate, "seconds": seconds, "bytes": size, "input": text}
        if error is not None:
            key = _crash_key(target, error)
            old = stats.crashes.get(key)
            if old is None or len(text) < len(old["input"]):
                stats.crashes[key] = {
                    "input": text,
                    "error": f"{type(error).__name__}: {str(error)[:300]}",
                    "count": (old or {"count": 0})["count"],
                }
            stats.crashes[key]["count"] += 1
    _retime(target, stats.slowest, hang)
    return target, stats


def _retime(target: str, slowest: dict[str, Any] | None, hang: float) -> None:
    """Time the batch's slowest input twice more and keep the fastest of the three: one
    garbage collection or a cache another process emptied makes a 5 KB input read as 80 ms
    (1.3 s per MB at the 64 KB floor); a slow input stays slow."""
    if slowest is None:
        return
    data, size = _prepared(target, slowest["input"])
    for _ in range(2):
        seconds, error = one(target, data, hang)
        if error is None and seconds < slowest["seconds"]:
            slowest["seconds"] = seconds
            slowest["rate"] = seconds / max(size, FLOOR) * MB


_SEEDS: dict[str, list[Any]] = {}


def _init() -> None:
    _SEEDS.update(seeds())
    # warm the lazy imports and caches (spaCy, pint, extruct, the packs) outside the timed
    # runs: every seed once, through every target that reads its kind
    for target, (kind, _) in TARGETS.items():
        for text in _SEEDS[kind]:
            one(target, _prepared(target, text)[0], 120.0)


def _progress(out: Path, done: int, seconds: float, totals: dict[str, Stats]) -> None:
    summary = {
        t: {
            "inputs": s.inputs,
            "crashes": {k: c["count"] for k, c in s.crashes.items()},
            "slowest_s_per_mb": round((s.slowest or {"rate": 0.0})["rate"], 3),
        }
        for t, s in totals.items()
    }
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"inputs": done, "seconds": round(seconds), "targets": summary}, indent=1)
    (out / "progress.json").write_text(text)


def _save(out: Path, name: str, text: str) -> str:
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--target", action="append", choices=sorted(TARGETS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--big-every", type=int, default=2_000)
    parser.add_argument("--hang", type=float, default=30.0, help="seconds before a hang")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"))
    parser.add_argument("--replay", type=Path, help="run the inputs saved in this folder")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay, args.hang)
    targets = args.target or sorted(TARGETS)
    per_target = args.inputs // len(targets)
    batches = [
        (
            t,
            args.seed * 1_000_003 + b,
            min(args.batch, per_target - b * args.batch),
            args.big_every,
            args.hang,
        )
        for t in targets
        for b in range((per_target + args.batch - 1) // args.batch)
    ]
    random.Random(args.seed).shuffle(batches)
    totals = {t: Stats() for t in targets}
    started = time.perf_counter()
    done = 0
    with multiprocessing.get_context("fork").Pool(args.jobs, initializer=_init) as pool:
        for n, (target, stats) in enumerate(pool.imap_unordered(work, batches), 1):
            totals[target].merge(stats)
            done += stats.inputs
            if sys.stderr.isatty():
                print(f"\r{done:,} inputs", end="", file=sys.stderr, flush=True)
            if n % 100 == 0:  # a long run leaves its counts behind if it is stopped
                _progress(args.out, done, time.perf_counter() - started, totals)
    wall = time.perf_counter() - started
    report: dict[str, Any] = {"inputs": done, "wall_seconds": round(wall, 1), "targets": {}}
    for target in targets:
        s = totals[target]
        slow = s.slowest or {"rate": 0.0, "seconds": 0.0, "bytes": 0, "input": ""}
        slow_file = _save(args.out, f"slowest-{target}.txt", slow["input"])
        crashes = []
        for n, (key, crash) in enumerate(sorted(s.crashes.items())):
            path = _save(args.out, f"crash-{target}-{n}.txt", crash["input"])
            crashes.append(
                {"key": key, "error": crash["error"], "count": crash["count"], "file": path}
            )
        report["targets"][target] = {
            "inputs": s.inputs,
            "cpu_seconds": round(s.seconds, 1),
            "crashes": crashes,
            "slowest_s_per_mb": round(slow["rate"], 3),
            "slowest_seconds": round(slow["seconds"], 3),
            "slowest_bytes": slow["bytes"],
            "slowest_file": slow_file,
        }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{done:,} inputs in {wall:,.0f} s wall ({args.jobs} processes)")
        print(f"{'target':10} {'inputs':>9} {'crashes':>8} {'slowest s/MB':>13} {'(s, bytes)':>22}")
        for target, r in report["targets"].items():
            print(
                f"{target:10} {r['inputs']:>9,} {len(r['crashes']):>8} "
                f"{r['slowest_s_per_mb']:>13.3f} {r['slowest_seconds']:>11.3f}s "
                f"{r['slowest_bytes']:>9,}"
            )
            for c in r["crashes"]:
                print(f"    {c['key']} x{c['count']}: {c['error'][:160]}  ({c['file']})")
        total = sum(len(r["crashes"]) for r in report["targets"].values())
        worst = max((r["slowest_s_per_mb"] for r in report["targets"].values()), default=0)
        print(f"crashes: {total} (target 0); slowest input: {worst:.3f} s per MB (target < 1)")
    return 0


def replay(folder: Path, hang: float) -> int:
    """Run every saved input again (file names say the target) and print what happens."""
    signal.signal(signal.SIGALRM, _alarm)
    _init()
    for path in sorted(folder.glob("*.txt")):
        target = path.stem.split("-")[1]
        text = path.read_text(encoding="utf-8", errors="surrogatepass")
        data, size = _prepared(target, text)
        seconds, error = one(target, data, hang)
        outcome = f"{type(error).__name__}: {error}" if error else "ok"
        rate = seconds / max(size, FLOOR) * MB
        print(f"{path.name}: {seconds:.3f}s for {size:,} bytes ({rate:.3f} s/MB): {outcome[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
