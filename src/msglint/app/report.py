"""`msglint report RUN.json`: a saved JSON report as a RunResult, with history trends."""

from __future__ import annotations

from pathlib import Path

from msglint.errors import UsageError
from msglint.model.result import RunResult


def saved(path: Path, history: Path | None = None) -> tuple[RunResult, str]:
    """The saved report and the fail level it was written with; `history`: a history
    database whose per-source trends the HTML report draws."""
    from msglint.report.json import read

    result, fail_on = read(path)
    if history is not None:
        from msglint import history as store
        from msglint.filter.history import trend_points

        if not history.is_file():
            raise UsageError(f"{history}: no such history database")
        result.history = trend_points(store.trends(history))
    return result, fail_on
