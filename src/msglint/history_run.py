"""The history as the CLI uses it: record a `check` run, show `msglint history`.

history.py is the store and knows nothing of configs, scores or terminals; this module joins
it to them: the SLA table from the config, the partner scores of the run, the tables printed
by `msglint history`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from msglint import history
from msglint.config import duration_hours
from msglint.model.result import RunResult, TrendPoint
from msglint.model.score import scores

SPARKS = "▁▂▃▄▅▆▇█"


def slas_of(loaded: Any) -> dict[str, dict[str, tuple[int, str]]]:
    """source -> severity -> (hours, as written), from each source's `sla`."""
    out: dict[str, dict[str, tuple[int, str]]] = {}
    for source in loaded.config.sources:
        if source.sla is None:
            continue
        out[source.name] = {
            sev: (duration_hours(text), text)
            for sev, text in source.sla.model_dump().items()
            if text is not None
        }
    return out


def record_run(path: Path, loaded: Any, result: RunResult, *, partial: bool) -> str:
    """Record the run, fill `first_seen`/`overdue` on its findings and attach the trends
    to `result.history`; returns a one-line note for the console."""
    partner_scores = {
        s.source: s.score
        for s in scores(result.findings, result.groups, result.unmatched.reference)
    }
    done = history.record(
        path,
        result.findings,
        config_digest=loaded.digest,
        config_path=str(loaded.path) if loaded.path else None,
        partial=partial,
        scores=partner_scores,
        slas=slas_of(loaded),
    )
    result.history = trend_points(history.trends(path))
    return (
        f"history: run {done.run_id} recorded in {path} "
        f"({done.new} new, {done.fixed} fixed, {done.overdue} overdue)"
    )


def trend_points(trends: dict[str, list[dict[str, Any]]]) -> dict[str, list[TrendPoint]]:
    """The history's trends as typed points."""
    return {
        source: [
            TrendPoint(
                p["time"], p.get("score"), int(p.get("findings", 0)), int(p.get("overdue", 0))
            )
            for p in points
        ]
        for source, points in trends.items()
    }


def sparkline(values: list[float | None]) -> str:
    """Scores 0-100 as block characters, for a terminal."""
    return "".join(" " if v is None else SPARKS[min(7, int(v / 100 * 8))] for v in values)


def show_history(path: Path, limit: int, fmt: str) -> None:
    """Print the runs and the per-source trends (`msglint history`)."""
    runs = history.runs(path, limit)
    open_now = history.open_findings(path)
    trends = history.trends(path, limit)
    if fmt == "json":
        sys.stdout.write(
            json.dumps({"runs": runs, "open": open_now, "trends": trends}, indent=2) + "\n"
        )
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    table = Table(title=f"Runs ({path})", header_style="bold", title_justify="left", box=None)
    for col in ("run", "time", "config", "total", "error", "warning", "info", "new", "fixed"):
        table.add_column(
            col, justify="right" if col not in ("time", "config") else "left", no_wrap=True
        )
    table.add_column("overdue", justify="right", style="red")
    for r in runs:
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
    for source in sorted(set(trends) | set(open_now)):
        points = trends.get(source, [])
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
            str(open_now.get(source, 0)),
            str(last.get("overdue", 0)),
        )
    console.print(trend)
