"""conditional: if `first` appears, `second` must appear too (acronyms defined)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.model import Document, Finding
from msglint.vale.rules.base import ValeRule


class Conditional(ValeRule):
    """Vale `conditional`: every match of `first` needs a match of `second`.

    **What it checks**
    When `second` has a capture group (an acronym's definition, "World Health Organization
    (WHO)"), each match of `first` ("WHO") is fine only if the same text was captured by
    `second` earlier in the document, in a block before it or in the same block. Without a
    capture group, `first` anywhere in a block needs `second` somewhere in that block.
    Matches equal to an exception (or the Vocab accept list) are fine.

    **Why it matters**
    An undefined acronym loses every reader who does not know it.

    **Example (flagged)**
    "Ask the WHO." (WHO never defined)

    **Example (fine)**
    "The World Health Organization (WHO) advises. Ask the WHO."

    **Options**
    - `first`, `second` (required), `ignorecase`, `exceptions`, `vocab`.
    """

    vale_type: ClassVar[str] = "conditional"
    keys: ClassVar[frozenset[str]] = frozenset({"first", "second", "ignorecase", "exceptions"})

    _first: Any = PrivateAttr(default=None)
    _second: Any = PrivateAttr(default=None)
    _grouped: bool = PrivateAttr(default=False)
    _except: Any = PrivateAttr(default=None)
    _phrase: Any = PrivateAttr(default=None)

    def setup(self) -> None:
        first, second = self._d.get("first"), self._d.get("second")
        if not isinstance(first, str) or not isinstance(second, str):
            raise ValueError("a conditional rule needs 'first' and 'second'")
        # Vale compiles both without `ignorecase` (its own flag is read but not applied).
        self._first = self.compile(first)
        self._second = self.compile(second)
        self._grouped = second.count("(") > second.count("(?") + second.count(r"\(")
        self._except = self.exception_matcher()
        self._phrase = self.phrase_matcher()

    def check(self, doc: Document) -> Iterator[Finding]:
        defined: set[str] = set()
        severity = self.severity_for(doc)
        for seg, offset, text in self.units(doc):
            if not self._grouped:
                if self._second.search(text):
                    continue
            else:
                for m in self._second.finditer(text):
                    defined.update(g for g in m.groups() if g)
            for m in self._first.finditer(text):
                found = m.group()
                if found in defined and self._grouped:
                    continue
                if self._except is not None and self._except.search(found):
                    continue
                s, e = m.span()
                if self._phrase is not None and any(
                    p.start() <= s and e <= p.end() for p in self._phrase.finditer(text)
                ):
                    continue
                yield self.make(doc, severity, seg, s + offset, e + offset, self.format(found))
