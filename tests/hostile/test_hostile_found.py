"""What benchmarks/fuzz.py found in modules being restructured by others (extract/).

Each is a reproducer marked xfail with its reason (strict: the test fails once the cause is
fixed, so the marker is removed then). Each runs under a time budget, so it fails fast.
"""

from __future__ import annotations

import pytest

from msglint import budget
from msglint.model import Role


@pytest.mark.xfail(
    reason="extract/catalog.py: csv.Sniffer's quote regex backtracks exponentially "
    "(60 quotes in a line: 0.7 s, 90: 3.6 s; a 900-byte file: over 30 s)",
    strict=True,
    raises=budget.BudgetExceeded,
)
def test_csv_with_a_line_of_quotes_loads_quickly() -> None:
    from msglint.extract.catalog import load_catalog

    line = '"' * 120 + "€" + '"' * 120 + "49.50,Mixer 5 speeds\n" + '"' * 30 + "Bemerkung\n"
    data = (line + 'AX-5400;Acme;"1.299,00";EUR\n').encode()
    budget.limited(
        2, lambda: load_catalog(data, "csv", source="s", role=Role.PARTNER, path="c.csv")
    )
