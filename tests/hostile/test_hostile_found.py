"""What benchmarks/fuzz.py found in modules that were being restructured (extract/), now
fixed: each reproducer stays, as a deterministic bound where one exists, and runs under a
time budget, so it fails fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from canary import assert_scales_linearly, cpu_seconds, fresh

from msglint import budget
from msglint.model import Role


def _quote_line_csv(quotes: int) -> bytes:
    line = '"' * quotes + "€" + '"' * quotes + "49.50,Mixer 5 speeds\n" + '"' * 30 + "Bemerkung\n"
    return (line + 'AX-5400;Acme;"1.299,00";EUR\n').encode()


def test_csv_sniffer_sees_a_bounded_number_of_quotes() -> None:
    """csv.Sniffer's quote regex backtracks exponentially in the quotes it is shown (60
    quotes in a line: 0.7 s, 90: 3.6 s; a 900-byte file: over 30 s). It is shown whole
    lines holding at most MAX_SNIFF_QUOTES quotes, so its work is bounded for any file."""
    from msglint.extract.catalog.delimited import MAX_SNIFF_QUOTES, sniff_sample

    for quotes in (10, 120, 5_000):
        text = _quote_line_csv(quotes).decode()
        sample = sniff_sample(text)
        assert sample.count('"') + sample.count("'") <= MAX_SNIFF_QUOTES
        assert text.startswith(sample)
    quoted = '"sku","name","price"\n"A-1","Widget","9.99"\n' * 40
    assert sniff_sample(quoted).count("\n") >= 1  # a quoted header and a row fit


def test_csv_with_a_line_of_quotes_loads_quickly() -> None:
    from msglint.extract.catalog import load_catalog

    data = _quote_line_csv(120)
    out = budget.limited(
        5, lambda: load_catalog(data, "csv", source="s", role=Role.PARTNER, path="c.csv")
    )
    assert out is not None


def _extract(fmt: str) -> Callable[[str], object]:
    """What `check` reads from a page (HTML) or a document's policy claims (Markdown)."""
    from msglint.extract.page import extract_page, policy_record
    from msglint.parse import parse

    read = extract_page if fmt == "html" else policy_record

    def run(text: str) -> object:
        return read(parse(text, fmt, source="s", role=Role.PARTNER, path=f"p.{fmt}"))

    return run


def test_a_wide_table_row_is_read_in_linear_time() -> None:
    """fuzz.py, 1,000,000 inputs: a page with one row of 9,669 cells took 89 s (each cell's
    claim context read the whole row and the header again)."""
    assert_scales_linearly(
        _extract("html"),
        lambda n: (
            "<html><body><table><tr>"
            + "<th>Priority</th>" * n
            + "</tr><tr>"
            + "".join(f"<td>P{i}: 2-year warranty {fresh()}</td>" for i in range(n))
            + "</tr></table></body></html>"
        ),
        500,
    )


def test_a_long_markdown_table_is_read_in_linear_time() -> None:
    """fuzz.py: a Markdown file of 42,000 table lines took over 120 s (each cell walked up
    the table to its header line)."""
    assert_scales_linearly(
        _extract("markdown"),
        lambda n: (
            "| Plan | Storage |\n| --- | --- |\n"
            + "".join(f"| P{i} | {fresh()} GB |\n" for i in range(n))
        ),
        2_000,
        grow=False,
    )
    assert_scales_linearly(  # and one wide line
        _extract("markdown"),
        lambda n: "| a " * n + "|\n" + "| --- " * n + "|\n" + f"| {fresh()} 2-year " * n + "|\n",
        500,
    )


def test_table_cells_are_read_with_their_row_and_header() -> None:
    from msglint.extract.cellcontext import CellContexts
    from msglint.parse import parse

    md = "Intro.\n\n| Priority | First response |\n| --- | --- |\n| P1 | within 4 hours |\n"
    html = (
        "<table><tr><th>Priority</th><th>First response</th></tr>"
        "<tr><td>P1</td><td>within 4 hours</td></tr></table>"
    )
    for text, fmt in ((md, "markdown"), (html, "html")):
        doc = parse(text, fmt, source="s", role=Role.PARTNER, path="p")
        contexts = CellContexts(doc)
        cells = [s for s in doc.segments if s.kind == "table-cell"]
        assert [contexts.of(s) for s in cells][-2:] == ["", "P1: First response: "], fmt


def test_a_rule_term_of_many_words_prepares_in_bounded_time() -> None:
    """fuzz.py: a terminology term of 590 words ("e-mai &a &a ... l") got 256 variants of
    its whole length: 1.4 s to prepare a 3 KB rule file. Its variants are bounded in
    characters (8,192); the term itself is still found."""
    from msglint.checks.terminology import Terminology
    from msglint.parse import parse

    def prepare(n: int) -> Terminology:
        wrong = "send an " + " ".join(["a"] * n) + " e-mail"
        rule = Terminology(id="t.x", kind="terminology", lemma=True, swap={wrong: "email"})
        rule.prepare()
        rule.warm([wrong])
        return rule

    prepare(3)  # spaCy and the lemma table load once
    assert cpu_seconds(prepare, lambda: 600, repeat=1) < 0.5
    rule = prepare(600)
    [(_, _, _, variants, _)] = rule._entries
    assert sum(map(len, variants)) <= 8_192
    text = "Please send an " + " ".join(["a"] * 600) + " e-mail today.\n"
    doc = parse(text, "markdown", source="s", role=Role.DOCS, path="d.md")
    assert [f.actual_text for f in rule.check(doc)] == [text[7:-8]]


def test_a_jsonl_file_of_junk_lines_is_read_quickly_and_counted() -> None:
    """fuzz.py: 123,000 two-byte junk lines (256 KB) took 0.5 s (2 s per MB): each was
    decoded to word a problem that the problem cap then dropped. Past the cap, a line that
    cannot be an object is counted without decoding; the count is the same."""
    from msglint.extract.catalog import load_catalog
    from msglint.extract.catalog.build import MAX_PROBLEMS

    def load(data: bytes):
        return load_catalog(data, "jsonl", source="s", role=Role.PARTNER, path="c.jsonl")

    lines = 100_000
    data = b'{"sku": "A-1", "name": "Widget", "price": "9.99"}\n' + b"]\n" * lines
    out = load(data)
    assert len(out.records) == 1
    assert out.problems[-1].reason == f"{lines - MAX_PROBLEMS:,} further problems not listed"
    per_mb = cpu_seconds(load, lambda: data, repeat=2) / len(data) * 1_000_000
    assert per_mb < 1.0, f"{per_mb:.2f} s per MB"


def test_nested_misquoted_microdata_is_converted_in_bounded_time() -> None:
    """fuzz.py: a 4.6 KB page of 18 nested itemscopes whose itemprop quotes run into the
    next tag never finished (extruct hands nested items back shared; read as a tree they
    grow exponentially: 10 levels 0.03 s, 12 levels 0.34 s)."""
    unit = (
        '<span itemprop="brand" itemscope itemtype="https://schema.org/Brand"><span itemprop="nd: '
    )
    page = (
        '<html><body><div itemscope itemtype="https://schema.org/Product">'
        '<h1 itemprop="name">Acme Hub</h1><p>Brand: '
        + unit * 16
        + '<span itemprop="name">Acme</span></span></p></div></body></html>'
    )
    read = _extract("html")
    started = time.process_time()
    assert budget.limited(20, lambda: read(page)) is not None
    assert time.process_time() - started < 1.0


def test_csv_sniffer_sees_a_bounded_number_of_lines() -> None:
    """fuzz.py: 3,000 mostly empty lines with 14 quotes among them took the sniffer 0.13 s
    (quadratic in lines: 100 lines 0.6 ms); it is shown MAX_SNIFF_LINES at most."""
    from msglint.extract.catalog import load_catalog
    from msglint.extract.catalog.delimited import MAX_SNIFF_LINES, sniff_sample

    text = "id;Preis;Farbe\n1\n" + ("\n" * 200 + '"\n') * 14
    assert sniff_sample(text).count("\n") < MAX_SNIFF_LINES
    data = text.encode()
    seconds = cpu_seconds(
        lambda d: load_catalog(d, "csv", source="s", role=Role.PARTNER, path="c.csv"),
        lambda: data,
    )
    assert seconds < 0.02
