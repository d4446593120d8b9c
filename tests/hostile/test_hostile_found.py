"""What benchmarks/fuzz.py found in modules that were being restructured (extract/), now
fixed: each reproducer stays, as a deterministic bound where one exists, and runs under a
time budget, so it fails fast.
"""

from __future__ import annotations

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
