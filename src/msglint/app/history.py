"""`msglint history`: the recorded runs, the open findings and each source's trend, and
with `--partners` each partner's time to fix and SLA compliance (scorecard/)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from msglint import history
from msglint.scorecard import Scorecard
from msglint.scorecard.render import duration, share

__all__ = ["HistoryView", "config_for", "duration", "scorecard", "scorecard_text", "share", "view"]


@dataclass(frozen=True)
class HistoryView:
    """What `msglint history` shows."""

    path: Path
    runs: list[dict[str, Any]]
    #: Open findings per source right now.
    open: dict[str, int]
    #: Per source, its score and counts over the runs.
    trends: dict[str, list[dict[str, Any]]]

    def to_dict(self) -> dict[str, Any]:
        return {"runs": self.runs, "open": self.open, "trends": self.trends}


def view(path: Path, limit: int) -> HistoryView:
    """The last `limit` runs of the history at `path` (HistoryError when there is none)."""
    return HistoryView(
        path, history.runs(path, limit), history.open_findings(path), history.trends(path, limit)
    )


def scorecard(path: Path, loaded: Any, since: str, now: datetime | None = None) -> Scorecard:
    """Time to fix and SLA compliance per partner over the last `since` (`4w`, `30d`):
    the config's partner sources and their SLAs (every source in the history when there
    is no config)."""
    from msglint.config import duration_hours, slas_of
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
        slas = slas_of(loaded.config)
        sources = [s.name for s in loaded.config.sources if s.role is Role.PARTNER] or None
    return compute(
        lives(path), now=now or history.now_utc(), since=period, slas=slas, sources=sources
    )


def scorecard_text(card: Scorecard, fmt: str) -> str:
    """The scorecard as "json" or "csv"."""
    from msglint.scorecard.render import render_csv, render_json

    return render_json(card) if fmt == "json" else render_csv(card)


def config_for(config: Path | None, db: Path | None, cwd: Path, *, partners: bool) -> Any:
    """The config `msglint history` reads: `--config`, else the nearest one (needed for
    the database path without `--db`; optional for `--partners`, which takes roles and
    SLAs from it when there is one)."""
    from msglint.config import discover, load, resolve

    if db is None or config is not None:
        return resolve(config, cwd)
    if partners:
        found = discover(cwd)
        return load(found) if found is not None else None
    return None
