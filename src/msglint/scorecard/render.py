"""`msglint history --partners`: the scorecard as CSV or JSON, and the wording of its
durations and shares (the console table is the CLI's, cli/history.py).

CSV is one table a spreadsheet filters: per partner one summary row (`week` empty) with the
period's figures, then one row per week (`week` set) with that week's opened, fixed, open at
its end and median time to fix. Hours are plain numbers in CSV and JSON; the console shows
them as hours or days.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from msglint.model.scorecard import Scorecard, duration, share

__all__ = ["duration", "render_csv", "render_json", "share"]

CSV_COLUMNS = (
    "source",
    "week",
    "week_start",
    "open",
    "opened",
    "fixed",
    "median_hours",
    "p90_hours",
    "within_sla",
    "fixed_with_sla",
    "overdue",
    "sla",
)


def render_json(card: Scorecard) -> str:
    return json.dumps(card.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_csv(card: Scorecard) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in card.cards:
        sla = " ".join(f"{sev}={text}" for sev, text in c.sla.items())
        writer.writerow(
            _cells(
                c.source,
                "",
                "",
                c.open,
                "",
                c.fixed,
                c.median_hours,
                c.p90_hours,
                c.within_sla,
                c.fixed_with_sla,
                c.overdue,
                sla,
            )
        )
        for w in c.weeks:
            writer.writerow(
                _cells(
                    c.source,
                    w.week,
                    w.start,
                    w.open_at_end,
                    w.opened,
                    w.fixed,
                    w.median_hours,
                    "",
                    "",
                    "",
                    "",
                    "",
                )
            )
    return out.getvalue()


def _cells(*values: Any) -> list[str]:
    return ["" if v is None else str(v) for v in values]
