"""`msglint.source-empty`: a source whose paths match no file."""

from __future__ import annotations

from typing import ClassVar

from msglint.checks.builtin.base import BuiltinRule
from msglint.model import Code, Finding, Location, Role, Severity


class SourceEmpty(BuiltinRule):
    """A source matched no files: usually a typo that hides findings.

    **What it checks**
    A source of the config whose `paths` (or web locations) gave no file or page at all in
    a full run (a run limited to some paths or to changed files does not report it).

    **Why it matters**
    A misspelt folder or glob silently checks nothing, and nothing checked looks exactly
    like nothing wrong.

    **Example (flagged)**
    `paths: ["partners/shopright/**/*.htm"]` when the pages end in `.html`.

    **Example (fine)**
    `paths: ["partners/shopright/**/*.html"]` matching the partner's pages.

    **Options**
    None; `disable: [msglint.source-empty]` switches it off.
    """

    id: ClassVar[str] = "msglint.source-empty"
    level: ClassVar[Severity] = Severity.WARNING

    @classmethod
    def finding(cls, name: str, role: Role, paths: list[str]) -> Finding:
        return Finding(
            rule=cls.id,
            severity=cls.level,
            message=f"Source '{name}' matched no files (paths: {', '.join(paths)}).",
            source=name,
            role=role,
            location=Location(path=paths[0] if paths else ""),
            code=Code.NO_FILES,
        )
