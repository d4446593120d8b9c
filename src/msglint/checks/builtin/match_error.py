"""`msglint.match-error`: the match model or a confirmed-pairs row could not be used."""

from __future__ import annotations

from typing import ClassVar

from msglint.checks.builtin.base import BuiltinRule
from msglint.model import Finding, Location, Severity


class MatchError(BuiltinRule):
    """The match model file or a row of the confirmed-pairs file could not be used.

    **What it checks**
    The model file named by `match.model` (or the shipped one) must load; each row of the
    confirmed-pairs file (`match.pairs`) must name a reference id and a partner id that
    exist and are unambiguous, with the verdict `match` or `different`.

    **Why it matters**
    A pin that silently does nothing lets a wrong match (or a missed one) come back on
    every run. Without a model, matching falls back to identifiers and shared model codes,
    which finds fewer pairs: the run says so instead of reporting products as missing.

    **Example (flagged)**
    `confirmed-pairs.csv:7: unknown partner id 'SKU-999'`.

    **Example (fine)**
    `A-100,shop/tv.html#2,match` where both ids exist.

    **Options**
    None; `disable: [msglint.match-error]` switches it off. The other rows still apply.
    """

    id: ClassVar[str] = "msglint.match-error"
    level: ClassVar[Severity] = Severity.WARNING

    @classmethod
    def finding(cls, path: str, line: int | None, message: str, source: str) -> Finding:
        """The finding for a problem in `path` (at `line`, or the whole file)."""
        return Finding(
            rule=cls.id,
            severity=cls.level,
            message=f"{path}{f':{line}' if line else ''}: {message}",
            source=source,
            location=Location(path=path, line=line),
            actual=message,
            context=f"match-error|{path}|{message}",
        )
