"""pattern: a regular expression that must not match, with its own message.

Patterns are user input, and Python's `re` backtracks: `(a+)+$` took 33 s on 28 a's and
never ended on 5,000. So a pattern runs on RE2 (google-re2: linear time, no backtracking)
wherever RE2 reads it as `re` does: RE2 must compile it (no backreferences, no lookaround,
none of the syntax the two engines read differently), and where the pattern uses `\\w`,
`\\b`, `\\d`, `\\s` (ASCII-only in RE2) or ignores case, only on segments of plain ASCII
text. Everything else runs on `re` under the document's time budget (msglint.budget),
whose message then names this rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, PrivateAttr, field_validator

from msglint import budget
from msglint.checks.base import TextRule
from msglint.model import Document, Finding

#: Syntax RE2 accepts but reads differently from `re` (as in vale/prefilter.py): `{,n}`,
#: POSIX classes, `\\A`/`\\Z`/`\\z`/`\\G`, octal escapes and backreferences, flags turned off.
_UNSAFE_SYNTAX = re.compile(r"\{,|\[:|\\[AZzG0-9]|\(\?[a-zA-Z]*-")
#: Classes and case folding that are Unicode-aware in `re` and ASCII-only in RE2.
_ASCII_ONLY = re.compile(r"\\[wWbBdDsS]")
#: Text where those agree: ASCII without \\v and \\x1c-\\x1f (`re`'s \\s has them).
_UNSAFE_TEXT = re.compile(r"[^\x00-\x0a\x0c-\x1b\x20-\x7f]")


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
    #: The pattern on RE2, and whether RE2 may read every segment or only ASCII ones.
    _re2: Any = PrivateAttr(default=None)
    _re2_any_text: bool = PrivateAttr(default=False)

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
        self._re2 = _on_re2(self.pattern, self.ignore_case)
        self._re2_any_text = not self.ignore_case and not _ASCII_ONLY.search(self.pattern)

    @property
    def engine(self) -> str:
        """ "re2" when RE2 runs this pattern on every segment, "re2+re" when on ASCII ones
        only, "re" when RE2 cannot read it (then it is bounded by the time budget)."""
        if self._re2 is None:
            return "re"
        return "re2" if self._re2_any_text else "re2+re"

    def check(self, doc: Document) -> Iterator[Finding]:
        regex = self._regex  # bound once: pydantic private attributes are slow to read
        fast, any_text = self._re2, self._re2_any_text
        assert regex is not None
        for segment in self.segments(doc):
            text = segment.text
            # (RE2's `$` does not match before a final newline; segments never end in one)
            if fast is not None and (any_text or not _UNSAFE_TEXT.search(text)):
                spans = [m.span() for m in fast.finditer(text)]
            else:
                budget.note(f"pattern rule {self.id} (Python re)")
                spans = [m.span() for m in regex.finditer(text)]
                budget.note(None)
            for start, end in spans:
                if end == start or self.excepted(segment, start, end):
                    continue
                yield self.finding(doc, segment, start, end, suggestion=self.suggestion)


def _on_re2(pattern: str, ignore_case: bool) -> Any:
    """The pattern compiled by RE2, or None where RE2 would read it differently."""
    if not pattern.isascii() or _UNSAFE_SYNTAX.search(pattern):
        return None
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return None
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(pattern, options)
    except Exception:  # RE2 rejects what it does not implement (backreferences, lookaround)
        return None
