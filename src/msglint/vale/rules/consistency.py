"""consistency: one of two spellings, not both, in a document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.model import Document, Finding
from msglint.vale.rules.base import ValeRule


class Consistency(ValeRule):
    """Vale `consistency`: for each `either` pair, a document uses one form only.

    **What it checks**
    Each `key: value` of `either` is a pair of patterns (word-bounded unless `nonword`).
    Once both forms have appeared in a document, every later block that uses either form
    is a finding at its last use there; the message's `%s` is the form found.

    **Why it matters**
    "advisor" in one paragraph and "adviser" in the next looks like two people wrote it.

    **Example (flagged)**
    With `either: {advisor: adviser}`: "Ask an advisor. An adviser helps."

    **Example (fine)**
    "Ask an advisor. An advisor helps."

    **Options**
    - `either` (required), `ignorecase`, `nonword`.
    """

    vale_type: ClassVar[str] = "consistency"
    keys: ClassVar[frozenset[str]] = frozenset({"either", "ignorecase", "nonword"})

    _steps: list[Any] = PrivateAttr(default_factory=list)

    def setup(self) -> None:
        either = self._d.get("either")
        if not isinstance(either, dict) or not either:
            raise ValueError("a consistency rule needs an 'either' mapping")
        for one, other in either.items():
            body = f"(?P<_a>{one})|(?P<_b>{other})"
            pattern = body if self.flag("nonword") else rf"\b(?:{body})\b"
            self._steps.append(self.compile(pattern, self.flag("ignorecase")))

    def check(self, doc: Document) -> Iterator[Finding]:
        seen: list[set[int]] = [set() for _ in self._steps]
        severity = self.severity_for(doc)
        for seg, offset, text in self.units(doc):
            for step, sides in zip(self._steps, seen, strict=True):
                last = None
                for m in step.finditer(text):
                    sides.add(0 if m.start("_a") != -1 else 1)
                    last = m
                if last is not None and len(sides) == 2:
                    s, e = last.span()
                    yield self.make(
                        doc, severity, seg, s + offset, e + offset, self.format(last.group())
                    )
