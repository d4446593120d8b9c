"""`msglint.parse-error`: a file that was read but could not be parsed."""

from __future__ import annotations

from typing import ClassVar

from msglint.checks.builtin.base import BuiltinRule
from msglint.model import Code, Finding, Location, Role, Severity


class ParseError(BuiltinRule):
    """A file could not be parsed, so it was not checked.

    **What it checks**
    A file or page that was read as text but that the HTML or Markdown parser could not
    turn into a document (a parser failure on hostile or broken markup). The finding names
    the format and the parser's reason.

    **Why it matters**
    Like an unreadable file, an unparsed one has no findings, which must not pass for a
    clean one; and one broken page must not stop the run.

    **Example (flagged)**
    A page whose markup makes the parser fail: `could not parse html: ...`.

    **Example (fine)**
    Malformed but ordinary markup (unclosed tags, stray `</div>`): parsers recover, and the
    page is checked.

    **Options**
    None; `disable: [msglint.parse-error]` switches it off.
    """

    id: ClassVar[str] = "msglint.parse-error"
    level: ClassVar[Severity] = Severity.ERROR

    @classmethod
    def finding(
        cls, source: str, role: Role, path: str, reason: str, url: str | None = None
    ) -> Finding:
        return Finding(
            rule=cls.id,
            severity=cls.level,
            message=f"Could not check {url or path}: {reason}",
            source=source,
            role=role,
            location=Location(path=path, url=url),
            actual=reason,
            code=Code.UNPARSABLE,
        )
