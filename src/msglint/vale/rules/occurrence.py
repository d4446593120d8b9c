"""occurrence: too many (or too few) matches of a token in a block."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.model import Document, Finding
from msglint.vale.rules.base import ValeRule


class Occurrence(ValeRule):
    """Vale `occurrence`: count `token` in each block of the scope against `max`/`min`.

    **What it checks**
    `token` is a regular expression; when a block (a sentence with `scope: sentence`) has
    more than `max` or fewer than `min` matches, one finding points at the first match
    (at the block's start when there is none). The message gets the count (`%s` or `%d`).

    **Why it matters**
    Long sentences are hard to read: Microsoft's style keeps them under 30 words.

    **Example (flagged)**
    With `token: '\\b(\\w+)\\b'`, `max: 3`, `scope: sentence`: "One two three four."

    **Example (fine)**
    "One two three."

    **Options**
    - `token` (required), `max`, `min`, `ignorecase`.
    """

    vale_type: ClassVar[str] = "occurrence"
    keys: ClassVar[frozenset[str]] = frozenset({"token", "max", "min", "ignorecase"})

    _pattern: Any = PrivateAttr(default=None)
    _max: int = PrivateAttr(default=0)
    _min: int = PrivateAttr(default=0)

    def setup(self) -> None:
        token = self._d.get("token")
        if not isinstance(token, str) or not token:
            raise ValueError("an occurrence rule needs 'token'")
        self._max = int(self._d.get("max") or 0)
        self._min = int(self._d.get("min") or 0)
        if not self._max and not self._min:
            raise ValueError("an occurrence rule needs 'max' or 'min'")
        self._pattern = self.compile(f"(?:{token})", self.flag("ignorecase"))

    def check(self, doc: Document) -> Iterator[Finding]:
        finditer = self._pattern.finditer
        high, low = self._max, self._min
        for seg, offset, text in self.units(doc):
            first = None
            count = 0
            for m in finditer(text):
                count += 1
                if first is None and m.group().strip() and set(m.group()) - {"*", "@"}:
                    first = m.span()
            if (high and count > high) or (low and count < low):
                if count and first is None:
                    continue  # only code-like matches: Vale stays silent too
                s, e = first if first else (0, 0)
                yield self.make(
                    doc, self.severity_for(doc), seg, s + offset, e + offset, self.format(count)
                )
