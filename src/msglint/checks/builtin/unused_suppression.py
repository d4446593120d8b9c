"""`msglint.unused-suppression`: an inline suppression that hid nothing."""

from __future__ import annotations

from typing import ClassVar

from msglint.checks.builtin.base import BuiltinRule
from msglint.model import Code, Finding, Location, Role, Severity
from msglint.model.result import Suppression


class UnusedSuppression(BuiltinRule):
    """An inline suppression comment that suppresses nothing.

    **What it checks**
    With `msglint check --report-unused-suppressions`: every `msglint-disable...` comment,
    Vale control comment or front-matter `msglint: {disable: [...]}` that hid no finding in
    this run.

    **Why it matters**
    A suppression outlives the text it was written for; a stale one would silently hide
    the next real finding on those lines.

    **Example (flagged)**
    `<!-- msglint-disable-next-line acme.sign-in -->` above a line that says "sign in".

    **Example (fine)**
    The same comment above "log in", which the rule would flag.

    **Options**
    None; reported only with `--report-unused-suppressions`.
    """

    id: ClassVar[str] = "msglint.unused-suppression"
    level: ClassVar[Severity] = Severity.WARNING

    @classmethod
    def finding(cls, found: Suppression, role: Role | None) -> Finding:
        return Finding(
            rule=cls.id,
            severity=cls.level,
            message=f"Unused suppression: '{found.text}' silences no finding.",
            source=found.source,
            role=role,
            location=Location(path=found.path, line=found.line, column=1),
            actual=found.text,
            context=found.text,
            code=Code.UNUSED_SUPPRESSION,
        )
