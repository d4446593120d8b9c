"""A partner scorecard as typed values: time to fix and SLA compliance per source over a
period (computed from the run history by msglint.scorecard, whose docstring defines every
figure), and the wording of its durations and shares, so that `history --partners`, the
JSON report and the HTML report say the same thing."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Week:
    """One ISO week of a source's trend."""

    week: str  # "2025-W09"
    start: str
    opened: int = 0
    fixed: int = 0
    open_at_end: int = 0
    median_hours: float | None = None


@dataclass(slots=True)
class PartnerCard:
    """One source's figures over the period (msglint.scorecard defines them)."""

    source: str
    open: int = 0
    fixed: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None
    within_sla: float | None = None
    fixed_with_sla: int = 0
    overdue: int = 0
    sla: dict[str, str] = field(default_factory=dict)
    weeks: list[Week] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Scorecard:
    """Every source's card over one period."""

    start: str
    end: str
    cards: list[PartnerCard]

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": {"start": self.start, "end": self.end},
            "partners": [c.to_dict() for c in self.cards],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scorecard:
        """`to_dict` reversed (a saved JSON report); a malformed one raises KeyError,
        TypeError or ValueError, which the report reader turns into a usage error."""
        period = data["period"]
        cards = []
        for c in data["partners"]:
            weeks = [Week(**{k: w[k] for k in Week.__slots__ if k in w}) for w in c["weeks"]]
            fields = {k: c[k] for k in PartnerCard.__slots__ if k in c and k != "weeks"}
            card = PartnerCard(**fields, weeks=weeks)
            if not isinstance(card.source, str) or not isinstance(card.sla, dict):
                raise TypeError("a scorecard's source is text and its sla a mapping")
            cards.append(card)
        return cls(str(period["start"]), str(period["end"]), cards)


def duration(hours: float | None) -> str:
    """36.0 -> '36h', 84.0 -> '3.5d', None -> '-'."""
    if hours is None:
        return "-"
    if hours < 48:
        return f"{round(hours, 1):g}h"
    return f"{round(hours / 24, 1):g}d"


def share(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f} %"
