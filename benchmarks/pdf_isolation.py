"""Benchmark the PDF time bound: reading PDFs in the helper child against in-process.

Run from the repository root (`python benchmarks/pdf_isolation.py`, or `python
benchmarks/documents.py --part isolation`), with the test extra installed (fpdf2 writes the
PDFs). Prints, measured in the same run:

1. milliseconds per 10-page generated manual read in-process (PDFium directly) and through
   the helper child (`msglint.parse.isolate`, what msglint does), and their ratio; with
   spaCy loaded first, as in a worker;
2. a PDF built to stall PDFium (one page of `--operators` text operators, a few KB):
   PDFium's time in-process (nothing can stop it) and the time until the helper is stopped
   with a 2 s bound.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(reads: int, operators: int) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from msglint.nlp import blank
    from msglint.parse import isolate
    from msglint.parse import pdf as reader
    from test_documents import pdf_bytes, stalling_pdf  # the tests' generators

    blank()  # a worker has spaCy loaded: the helper is forked from a process that size
    manual = pdf_bytes(
        [[f"Line {i} of page {p}: keep the pump upright." for i in range(30)] for p in range(10)]
    )
    timings = {}
    for name, read in (
        ("in-process", lambda: reader._text_layer(manual, reader.MAX_PAGES)),
        ("helper child", lambda: reader._read_isolated(manual)),
    ):
        read()
        started = time.perf_counter()
        for _ in range(reads):
            read()
        timings[name] = (time.perf_counter() - started) / reads * 1000
        print(f"  {name:<13} {timings[name]:7.1f} ms per 10-page PDF")
    print(f"  helper / in-process: {timings['helper child'] / timings['in-process']:.2f}")
    data = stalling_pdf(operators)
    started = time.perf_counter()
    reader._text_layer(data, reader.MAX_PAGES)
    alone = time.perf_counter() - started
    started = time.perf_counter()
    try:
        isolate.call(reader._text_layer, (data, reader.MAX_PAGES), 2.0, "reading the PDF")
        stopped = "read in full"
    except isolate.Stopped as exc:
        stopped = str(exc)
    bounded = time.perf_counter() - started
    print(
        f"  stalling PDF ({len(data):,} bytes, {operators:,} operators): PDFium in-process "
        f"{alone:.1f} s; in the helper with a 2 s bound {bounded:.1f} s ({stopped})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reads", type=int, default=40)
    parser.add_argument("--operators", type=int, default=1_000_000)
    args = parser.parse_args()
    run(args.reads, args.operators)
    return 0


if __name__ == "__main__":
    sys.exit(main())
