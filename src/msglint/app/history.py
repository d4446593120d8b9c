"""`msglint history`: the recorded runs, the open findings and each source's trend."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msglint import history


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
