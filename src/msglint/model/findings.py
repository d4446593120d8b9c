"""A finding: one inconsistency with its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from msglint.model.common import Role, Severity
from msglint.model.document import Location


@dataclass(slots=True)
class Finding:
    """One inconsistency, with its evidence: the rule, where, what was expected and found.

    `context` is the surrounding prose; it feeds the fingerprint, which must survive line
    shifts, so it never includes line numbers.
    """

    rule: str
    severity: Severity
    message: str
    source: str
    location: Location
    actual: str | None = None
    expected: str | None = None
    role: Role | None = None
    context: str | None = None
    link: str | None = None
    fingerprint: str = ""
    #: Consistency findings: the product, and where the expected (reference) value came from.
    product: str | None = None
    reference: Location | None = None
    reference_source: str | None = None
    #: From the run history (when it is on): when this finding was first seen (ISO 8601),
    #: and, past the partner's SLA for its severity, why it is overdue ("open 9 days; SLA 7d").
    first_seen: str | None = None
    overdue: str | None = None
    #: Consistency findings: the record field compared ("price", "spec:weight",
    #: "claim:warranty"), for reports that turn findings into edits (not in to_dict).
    field: str | None = None
    #: The replacement for `actual` when the rule knows it for sure (terminology,
    #: capitalization); `msglint check --fix` writes it over the exact source span. Not in
    #: to_dict: the JSON report's schema (and the example's pinned report) stays as it was.
    fix: str | None = None
    #: Web findings: a screenshot of the element (a path relative to the config's folder),
    #: or why there is none although one was asked for (the text evidence stands).
    screenshot: str | None = None
    screenshot_note: str | None = None

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (self.source, loc.path, loc.line or 0, loc.column or 0, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "source": self.source,
            "role": self.role.value if self.role else None,
            "location": self.location.to_dict(),
            "expected": self.expected,
            "actual": self.actual,
            "link": self.link,
            "fingerprint": self.fingerprint,
            "product": self.product,
            "reference": None
            if self.reference is None
            else {"source": self.reference_source, **self.reference.to_dict()},
            **({"first_seen": self.first_seen} if self.first_seen else {}),
            **({"overdue": self.overdue} if self.overdue else {}),
            **({"screenshot": self.screenshot} if self.screenshot else {}),
            **({"screenshot_note": self.screenshot_note} if self.screenshot_note else {}),
        }
