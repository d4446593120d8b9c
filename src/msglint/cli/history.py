"""`msglint history`: the recorded runs and each source's trend, as tables or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from msglint.cli.base import ConfigOption, app, guard, stdout_console

SPARKS = "▁▂▃▄▅▆▇█"


@app.command("history")
def history_command(
    config: ConfigOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many runs.")] = 20,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="console or json (csv with --partners).")
    ] = "console",
    db: Annotated[
        Path | None, typer.Option("--db", help="The history database (default: from config).")
    ] = None,
    partners: Annotated[
        bool,
        typer.Option("--partners", help="Time to fix and SLA compliance per partner."),
    ] = False,
    since: Annotated[
        str, typer.Option("--since", help="--partners: the period, e.g. 4w or 30d.")
    ] = "4w",
) -> None:
    """List the recorded runs and each source's trend: score, findings, overdue."""

    def body() -> None:
        import json
        import sys

        from msglint.app.history import config_for, scorecard, scorecard_text, view
        from msglint.errors import UsageError

        if output_format not in ("console", "json", "csv") or (
            output_format == "csv" and not partners
        ):
            raise UsageError("choose --format console or json (or csv with --partners)")
        loaded = config_for(config, db, Path.cwd(), partners=partners)
        path = db or loaded.root / loaded.config.history.path
        if partners:
            card = scorecard(path, loaded, since)
            if output_format == "console":
                _print_scorecard(card)
            else:
                sys.stdout.write(scorecard_text(card, output_format))
            return
        shown = view(path, limit)
        if output_format == "json":
            sys.stdout.write(json.dumps(shown.to_dict(), indent=2) + "\n")
        else:
            _print(shown)

    guard(body)


def sparkline(values: list[float | None]) -> str:
    """Scores 0-100 as block characters, for a terminal."""
    return "".join(" " if v is None else SPARKS[min(7, int(v / 100 * 8))] for v in values)


def _print(shown: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    console = stdout_console()
    table = Table(title=f"Runs ({shown.path})", header_style="bold", title_justify="left", box=None)
    for col in ("run", "time", "config", "total", "error", "warning", "info", "new", "fixed"):
        table.add_column(
            col, justify="right" if col not in ("time", "config") else "left", no_wrap=True
        )
    table.add_column("overdue", justify="right", style="red")
    for r in shown.runs:
        sev = r["by_severity"]
        table.add_row(
            str(r["id"]),
            r["time"][:16].replace("T", " ") + (" partial" if r["partial"] else ""),
            r["config_digest"][:8],
            str(r["findings"]),
            str(sev["error"]),
            str(sev["warning"]),
            str(sev["info"]),
            str(r["new"]),
            str(r["fixed"]),
            str(r["overdue"]),
        )
    console.print(table)
    trend = Table(title="Trends per source", header_style="bold", title_justify="left", box=None)
    for col in ("source", "score", "change", "trend", "findings", "open", "overdue"):
        trend.add_column(col, justify="left" if col in ("source", "trend") else "right")
    for source in sorted(set(shown.trends) | set(shown.open)):
        points = shown.trends.get(source, [])
        last = points[-1] if points else {}
        prev = points[-2] if len(points) > 1 else {}
        score = last.get("score")
        change = ""
        if score is not None and prev.get("score") is not None:
            delta = score - prev["score"]
            change = f"{delta:+g}" if delta else "="
        trend.add_row(
            Text(source),
            "n/a" if score is None else f"{score:g}",
            change,
            sparkline([p.get("score") for p in points]),
            str(last.get("findings", 0)),
            str(shown.open.get(source, 0)),
            str(last.get("overdue", 0)),
        )
    console.print(trend)


def _print_scorecard(card: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    from msglint.app.history import duration, share

    console = stdout_console()

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
