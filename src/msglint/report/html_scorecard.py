"""The HTML report's partner scorecard: time to fix and SLA compliance per partner, as
`msglint history --partners` computes them (the RunResult carries the figures; this module
only words them: hours as hours or days, shares as percentages, weeks as a small trend)."""

from __future__ import annotations

from typing import Any

from msglint.model.scorecard import Scorecard, duration, share


def scorecard_view(card: Scorecard | None) -> dict[str, Any] | None:
    """The rows the template shows, or None without a history."""
    if card is None or not card.cards:
        return None
    rows = []
    for c in card.cards:
        top = max((w.open_at_end for w in c.weeks), default=0)
        rows.append(
            {
                "source": c.source,
                "open": c.open,
                "fixed": c.fixed,
                "median": duration(c.median_hours),
                "p90": duration(c.p90_hours),
                "within_sla": share(c.within_sla),
                "judged": c.fixed_with_sla,
                "overdue": c.overdue,
                "sla": ", ".join(f"{sev} {text}" for sev, text in c.sla.items()) or None,
                "weeks": [
                    {
                        "label": w.week.split("-")[-1],
                        "title": f"week of {w.start[:10]}: {w.opened} new, {w.fixed} fixed, "
                        f"{w.open_at_end} open at its end",
                        "open": w.open_at_end,
                        # Bar height in tenths of the partner's busiest week (a CSS
                        # class: the report's CSP allows no inline style).
                        "bar": round(10 * w.open_at_end / top) if top else 0,
                    }
                    for w in c.weeks
                ],
            }
        )
    return {"start": card.start[:10], "end": card.end[:10], "rows": rows}
