"""pattern: a regular expression that must not match, with its own message."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import Field, PrivateAttr, field_validator

from msglint.checks.base import TextRule
from msglint.model import Document, Finding


class Pattern(TextRule):
    """Flag text matching a regular expression (Python `re` syntax).

    **What it checks**
    Every match of `pattern` in the prose segments in scope is a finding. Use it for shapes
    no word list covers: prices with a missing currency, "24/7" written "24x7", template
    placeholders such as "{{price}}".

    **Why it matters**
    Some slips are patterns, not words: a template variable that was never filled in shows
    "{{price}}" to every customer.

    **Example (flagged)**
    With `pattern: '\\{\\{\\s*\\w+\\s*\\}\\}'`: "Now only {{price}}!"

    **Example (fine)**
    "Now only $59.00!"

    **Options**
    - `pattern` (required): the regular expression.
    - `ignore_case` (default false).
    - `suggestion` (optional): text offered as the replacement, shown as {suggestion}.
    """

    kind: Literal["pattern"]
    pattern: str = Field(description="A Python regular expression.")
    ignore_case: bool = False
    suggestion: str | None = None

    default_message: ClassVar[str] = "Unexpected '{match}'."

    _regex: re.Pattern[str] | None = PrivateAttr(default=None)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None
        if compiled.match(""):
            raise ValueError("pattern matches the empty string, so it would match everywhere")
        return value

    def prepare(self) -> None:
        super().prepare()
        self._regex = re.compile(self.pattern, re.IGNORECASE if self.ignore_case else 0)

    def check(self, doc: Document) -> Iterator[Finding]:
        regex = self._regex  # bound once: pydantic private attributes are slow to read
        assert regex is not None
        for segment in self.segments(doc):
            for m in regex.finditer(segment.text):
                if m.end() == m.start() or self.excepted(segment, *m.span()):
                    continue
                yield self.finding(doc, segment, *m.span(), suggestion=self.suggestion)
