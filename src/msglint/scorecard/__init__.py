"""Time to fix and SLA compliance per partner, from the run history (a partner scorecard).

Read from the history database (msglint.history): `lives` holds every finding's current
life (open when `fixed_at` is empty) and `fixes` every life that was ever fixed, including
earlier lives of a finding that came back. Each life is an interval from `first_seen` (the
first run that found it) to `fixed_at` (the first full run that no longer found it), so a
time to fix is measured in runs: a partner fixing on Tuesday is seen fixed by the next run.

The figures, per source, over a period that ends `now` (definitions are the contract; the
README's "Partner scorecard" repeats them):

- `open`: lives open now.
- `fixed`: lives fixed within the period.
- `median_hours`, `p90_hours`: the median (mean of the two middle values for an even count)
  and the 90th percentile by nearest rank (the smallest time that at least 90 % of the
  period's fixes took no longer than) of `fixed_at - first_seen`, in hours.
- `within_sla`: of the period's fixes whose severity has an SLA for that source, the share
  fixed within it (None when no fix had an SLA).
- `overdue`: open lives older than their SLA at `now`.
- `weeks`: one row per ISO week (Monday 00:00 UTC) the period touches: lives opened and
  fixed in it, lives open at its end (at `now` for the current week) and the week's median.

Everything is computed in Python from the intervals (one row per life): a history of
100,000 lives is a few MB and a fraction of a second; SQL percentiles are not portable.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from msglint import history
from msglint.model.scorecard import PartnerCard, Scorecard, Week

__all__ = ["Life", "PartnerCard", "Scorecard", "Week", "compute", "lives"]

HOUR = 3600.0


@dataclass(frozen=True, slots=True)
class Life:
    """One finding's life: from first seen to fixed (None while open)."""

    fingerprint: str
    source: str
    severity: str
    first_seen: datetime
    fixed_at: datetime | None

    def hours_to_fix(self) -> float | None:
        if self.fixed_at is None:
            return None
        return (self.fixed_at - self.first_seen).total_seconds() / HOUR


def lives(path: Path) -> list[Life]:
    """Every life in the history: the fixed ones (`fixes`) and the open ones (`lives`)."""
    if not path.is_file():
        raise history.HistoryError(f"no history at {path} yet: run 'msglint check' first")
    # connect(), not a read-only reader: a database from before `fixes` gets it (and its
    # fixed lives copied into it) on first open.
    with closing(history.connect(path)) as conn:
        fixed = conn.execute(
            "SELECT fingerprint, source, severity, first_seen, fixed_at FROM fixes"
        ).fetchall()
        still_open = conn.execute(
            "SELECT fingerprint, source, severity, first_seen, NULL FROM lives "
            "WHERE fixed_at IS NULL"
        ).fetchall()
    parse = history.parse_iso
    return [
        Life(fp, source, sev, parse(first), parse(done) if done else None)
        for fp, source, sev, first, done in [*fixed, *still_open]
    ]


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `pct` % of values at or
    below it (values need not be sorted; at least one)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def week_start(moment: datetime) -> datetime:
    """Monday 00:00 (UTC) of the ISO week holding `moment`."""
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def compute(
    all_lives: Iterable[Life],
    *,
    now: datetime,
    since: timedelta,
    slas: dict[str, dict[str, tuple[int, str]]],
    sources: list[str] | None = None,
) -> Scorecard:
    """The scorecard of the period `(now - since, now]`.

    `slas` is source -> severity -> (hours, as written) (config.slas_of); `sources`
    limits and orders the cards (default: every source in the history, by name).
    """
    start = now - since
    by_source: dict[str, list[Life]] = {}
    for life in all_lives:
        by_source.setdefault(life.source, []).append(life)
    names = sources if sources is not None else sorted(by_source)
    cards = [_card(name, by_source.get(name, []), start, now, slas.get(name, {})) for name in names]
    return Scorecard(history.iso(start), history.iso(now), cards)


def _card(
    source: str,
    source_lives: list[Life],
    start: datetime,
    now: datetime,
    sla: dict[str, tuple[int, str]],
) -> PartnerCard:
    card = PartnerCard(source, sla={sev: text for sev, (_, text) in sorted(sla.items())})
    period_fixes = [
        life for life in source_lives if life.fixed_at is not None and start < life.fixed_at <= now
    ]
    for life in source_lives:
        if life.fixed_at is None and life.first_seen <= now:
            card.open += 1
            limit = sla.get(life.severity)
            if limit is not None and now - life.first_seen > timedelta(hours=limit[0]):
                card.overdue += 1
    card.fixed = len(period_fixes)
    hours = [h for life in period_fixes if (h := life.hours_to_fix()) is not None]
    if hours:
        card.median_hours = round(statistics.median(hours), 2)
        card.p90_hours = round(percentile(hours, 90), 2)
    judged = [life for life in period_fixes if life.severity in sla]
    card.fixed_with_sla = len(judged)
    if judged:
        met = sum(
            1 for life in judged if (life.hours_to_fix() or 0.0) <= sla[life.severity][0] + 1e-9
        )
        card.within_sla = round(met / len(judged), 4)
    card.weeks = _weeks(source_lives, start, now)
    return card


def _weeks(source_lives: list[Life], start: datetime, now: datetime) -> list[Week]:
    """Weeks are [Monday, next Monday); nothing after `now` counts, and the current week
    ends at `now` (a life open at `now` is open at its end)."""
    out: list[Week] = []
    monday = week_start(start)
    while monday <= now:
        following = monday + timedelta(days=7)

        def inside(moment: datetime, lo: datetime = monday, hi: datetime = following) -> bool:
            return lo <= moment < hi and moment <= now

        current = following > now
        iso_year, iso_week, _ = monday.isocalendar()
        week = Week(f"{iso_year}-W{iso_week:02d}", history.iso(monday))
        fixes: list[float] = []
        for life in source_lives:
            done = life.fixed_at
            if inside(life.first_seen):
                week.opened += 1
            if done is not None and inside(done):
                week.fixed += 1
                fixes.append(life.hours_to_fix() or 0.0)
            if current:
                still = life.first_seen <= now and (done is None or done > now)
            else:
                still = life.first_seen < following and (done is None or done >= following)
            week.open_at_end += still
        if fixes:
            week.median_hours = round(statistics.median(fixes), 2)
        out.append(week)
        monday = following
    return out
