"""`msglint history --partners`: the scorecard as a console table, CSV or JSON.

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

from msglint.scorecard import Scorecard

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


def duration(hours: float | None) -> str:
    """36.0 -> '36h', 84.0 -> '3.5d', None -> '-'."""
    if hours is None:
        return "-"
    if hours < 48:
        return f"{round(hours, 1):g}h"
    return f"{round(hours / 24, 1):g}d"


def share(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f} %"


def print_console(card: Scorecard, console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    title = f"Partner scorecard, {card.start[:10]} to {card.end[:10]}"
    table = Table(title=title, header_style="bold", title_justify="left", box=None)
    for col in ("source", "open", "fixed", "median", "p90", "within SLA", "overdue", "SLA"):
        table.add_column(col, justify="left" if col in ("source", "SLA") else "right")
    for c in card.cards:
        table.add_row(
            Text(c.source),
            str(c.open),
            str(c.fixed),
            duration(c.median_hours),
            duration(c.p90_hours),
            share(c.within_sla) + (f" of {c.fixed_with_sla}" if c.fixed_with_sla else ""),
            Text(str(c.overdue), style="red" if c.overdue else ""),
            " ".join(f"{sev} {text}" for sev, text in c.sla.items()) or "-",
        )
    console.print(table)
    weeks = card.cards[0].weeks if card.cards else []
    if not weeks:
        return
    trend = Table(
        title="Per week: open at the end / fixed",
        header_style="bold",
        title_justify="left",
        box=None,
    )
    trend.add_column("source")
    for w in weeks:
        trend.add_column(w.week[5:], justify="right")
    for c in card.cards:
        trend.add_row(Text(c.source), *(f"{w.open_at_end} / {w.fixed}" for w in c.weeks))
    console.print(trend)
    console.print(
        "[dim]Time to fix: first run that found a finding to the first full run that no "
        "longer did. p90: nearest rank.[/dim]"
    )


def show_scorecard(path: Any, loaded: Any, since: str, fmt: str, now: Any = None) -> None:
    """`msglint history --partners`: partner sources of the config (every source in the
    history when there is no config), their SLAs, over the last `since` (`4w`, `30d`)."""
    import sys
    from datetime import timedelta

    from msglint import history
    from msglint.config import duration_hours
    from msglint.errors import UsageError
    from msglint.model import Role
    from msglint.scorecard import compute, lives

    try:
        period = timedelta(hours=duration_hours(since))
    except ValueError as exc:
        raise UsageError(f"--since: {exc}") from None
    slas: dict[str, dict[str, tuple[int, str]]] = {}
    sources = None
    if loaded is not None:
        from msglint.history_run import slas_of

        slas = slas_of(loaded)
        sources = [s.name for s in loaded.config.sources if s.role is Role.PARTNER] or None
    card = compute(
        lives(path), now=now or history.now_utc(), since=period, slas=slas, sources=sources
    )
    if fmt == "json":
        sys.stdout.write(render_json(card))
    elif fmt == "csv":
        sys.stdout.write(render_csv(card))
    else:
        from rich.console import Console

        print_console(card, Console(highlight=False))
