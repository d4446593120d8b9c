"""The history stage: record the run, and mark each finding's first sighting and lateness.

The store (`msglint.history`, SQLite) knows nothing of configs or scores; this stage joins
them: the SLA table from the config, the partner scores of the run, and which findings are
open. Findings a baseline accepted are still open (they were found, only not shown), so they
are recorded too and their clocks keep running; only the findings shown are annotated with
`first_seen` and `overdue`. A broken history never hides the findings: the stage says why
it recorded nothing and the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from msglint import history
from msglint.model import Finding, Group, Record
from msglint.model.result import HistorySummary, TrendPoint
from msglint.model.score import scores
from msglint.model.scorecard import Scorecard
from msglint.scorecard import compute, lives


@dataclass(frozen=True, slots=True)
class HistoryOptions:
    """Where the run is recorded and what the store needs besides the findings."""

    path: Path
    config_digest: str
    config_path: str | None
    #: A run over part of the content (`check PATH`) fixes nothing.
    partial: bool
    #: source -> severity -> (hours, as written): each partner's SLA.
    slas: dict[str, dict[str, tuple[int, str]]]
    #: The sources the scorecard shows, in order (None: every source in the history).
    partners: tuple[str, ...] | None = None


#: The period of the scorecard a report shows (`msglint history --partners --since 4w`).
SCORECARD_PERIOD = timedelta(weeks=4)


def record(
    options: HistoryOptions,
    shown: list[Finding],
    accepted: list[Finding],
    groups: list[Group],
    missing: dict[str, list[Record]],
) -> tuple[HistorySummary, dict[str, list[TrendPoint]] | None, Scorecard | None]:
    """Record the run (`shown` and `accepted` findings are open), annotate `shown`, and
    return what happened, the trends to draw and the partner scorecard (None, None when
    nothing was recorded)."""
    everything = shown + accepted
    # The scores are those of the report: of the findings shown.
    partner_scores = {s.source: s.score for s in scores(shown, groups, missing)}
    try:
        done = history.record(
            options.path,
            everything,
            config_digest=options.config_digest,
            config_path=options.config_path,
            partial=options.partial,
            scores=partner_scores,
            slas=options.slas,
        )
        trends = trend_points(history.trends(options.path))
        card = compute(
            lives(options.path),
            now=history.now_utc(),
            since=SCORECARD_PERIOD,
            slas=options.slas,
            sources=list(options.partners) if options.partners is not None else None,
        )
    except history.HistoryError as exc:
        return HistorySummary(str(options.path), error=str(exc)), None, None
    for f in accepted:  # recorded as open; not shown, so not annotated
        f.first_seen = f.overdue = None
    summary = HistorySummary(
        str(options.path), run_id=done.run_id, new=done.new, fixed=done.fixed, overdue=done.overdue
    )
    return summary, trends, card


def trend_points(trends: dict[str, list[dict[str, Any]]]) -> dict[str, list[TrendPoint]]:
    """The store's trends as typed points."""
    return {
        source: [
            TrendPoint(
                p["time"], p.get("score"), int(p.get("findings", 0)), int(p.get("overdue", 0))
            )
            for p in points
        ]
        for source, points in trends.items()
    }
