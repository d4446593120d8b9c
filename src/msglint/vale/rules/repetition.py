"""repetition: the same token twice in a row ("the the")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.model import Document, Finding
from msglint.vale.rules.base import ValeRule
from msglint.vale.text import sentences


class Repetition(ValeRule):
    """Vale `repetition`: a match of `tokens` equal to the match just before it.

    **What it checks**
    The `tokens` are one pattern; each match is compared with the previous match in the
    same block (case-insensitively with `ignorecase`; only all-letter matches with
    `alpha: true`). More than `max` repeats (default 0) within one sentence is a finding
    spanning both; the message's `%s` is the repeated text.

    **Why it matters**
    "the the" survives every proofreading pass.

    **Example (flagged)**
    With `tokens: ['[^\\s]+']`: "Restart the the router."

    **Example (fine)**
    "Restart the router."

    **Options**
    - `tokens` (required), `max`, `ignorecase`, `alpha`, `exceptions`, `vocab`.
    """

    vale_type: ClassVar[str] = "repetition"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"tokens", "max", "ignorecase", "alpha", "exceptions"}
    )

    _pattern: Any = PrivateAttr(default=None)
    _except: Any = PrivateAttr(default=None)
    _phrase: Any = PrivateAttr(default=None)

    def setup(self) -> None:
        tokens = self.strings("tokens")
        if not tokens:
            raise ValueError("a repetition rule needs 'tokens'")
        self._pattern = self.compile("(" + "|".join(tokens) + ")", self.flag("ignorecase"))
        self._except = self.exception_matcher()
        self._phrase = self.phrase_matcher()

    def check(self, doc: Document) -> Iterator[Finding]:
        ignorecase = self.flag("ignorecase")
        alpha = self.flag("alpha")
        most = int(self._d.get("max") or 0)
        for seg, offset, text in self.units(doc):
            prev = ""
            pstart = 0
            count = 0
            for m in self._pattern.finditer(text):
                curr = m.group().strip()
                hit = curr != "" and (
                    curr.casefold() == prev.casefold() if ignorecase else curr == prev
                )
                hit = hit and (not alpha or curr.isalpha())
                if hit:
                    count += 1
                if hit and count > most:
                    s, e = pstart, m.end()
                    span = text[s:e]
                    if len(sentences(span)) == 1 and not self._excepted(text, span, s, e):
                        yield self.make(
                            doc,
                            self.severity_for(doc),
                            seg,
                            s + offset,
                            e + offset,
                            self.format(curr),
                            self.fix(span) if self._action else None,
                        )
                        count = 0
                pstart = m.start()
                prev = curr

    def _excepted(self, text: str, span: str, s: int, e: int) -> bool:
        if self._except is not None and self._except.search(span):
            return True
        if self._phrase is not None:
            return any(p.start() <= s and e <= p.end() for p in self._phrase.finditer(text))
        return False
