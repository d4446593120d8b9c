"""`msglint report RUN.json`: a saved JSON report as a RunResult, with history trends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msglint.errors import UsageError
from msglint.model.result import RunResult


def saved(path: Path, history: Path | None = None) -> tuple[RunResult, str]:
    """The saved report and the fail level it was written with; `history`: a history
    database whose per-source trends and partner scorecard the HTML report draws (the
    scorecard without SLA figures: those are the config's, which a saved report lacks)."""
    from msglint.report.json import read

    result, fail_on = read(path)
    if history is not None:
        from msglint import history as store
        from msglint.filter.history import trend_points

        if not history.is_file():
            raise UsageError(f"{history}: no such history database")
        result.history = trend_points(store.trends(history))
        result.scorecard = _scorecard(history, result)
    return result, fail_on


def _scorecard(history: Path, result: RunResult) -> Any:
    """The history's scorecard for the sources of the saved run that have findings or
    records of partners (every source in the history when the report names none)."""
    from msglint import history as store
    from msglint.filter.history import SCORECARD_PERIOD
    from msglint.model import Role
    from msglint.scorecard import compute, lives

    partners = {f.source for f in result.findings if f.role is Role.PARTNER}
    partners |= {
        r.source for recs in result.records.values() for r in recs if r.role is Role.PARTNER
    }
    try:
        return compute(
            lives(history),
            now=store.now_utc(),
            since=SCORECARD_PERIOD,
            slas={},
            sources=sorted(partners) or None,
        )
    except store.HistoryError as exc:
        raise UsageError(f"{history}: {exc}") from None
