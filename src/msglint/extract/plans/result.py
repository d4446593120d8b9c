"""What the plan readers hand back: a page's plans and problems, and a source's own selectors.

Its own module so that the readers (`build`, `pageclaims`, `pricelist`) all import it
without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from msglint.extract import Problem, ProblemCode
from msglint.model import Location, Plan


@dataclass(frozen=True)
class PlanSelectors:
    """A source's own CSS selectors for its plans (the override for unusual markup)."""

    plan: str
    plan_name: str | None = None
    plan_price: str | None = None
    plan_features: str | None = None


@dataclass
class PlanExtraction:
    """The plans read from one page or price list, and what could not be read."""

    plans: list[Plan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, where: Location, code: ProblemCode, reason: str) -> None:
        self.problems.append(Problem(where, code, reason))
