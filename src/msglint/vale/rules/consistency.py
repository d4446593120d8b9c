"""consistency: one of two spellings, not both, in a document."""

from __future__ import annotations

from typing import Any, ClassVar

from msglint.vale.place import Alert
from msglint.vale.rules.base import Check, Definition


class ConsistencyOptions(Definition):
    either: dict[str, str]
    ignorecase: bool = False
    nonword: bool = False


class Consistency(Check):
    """Vale `consistency`: for each `either` pair, a document uses one form only.

    **What it checks**
    Each `key: value` of `either` is a pair of patterns (word-bounded unless `nonword`).
    Once both forms have appeared in a file, every later block that uses either form is
    an alert at its last use there; the message's `%s` is the form found.

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
    options: ClassVar[type[Definition]] = ConsistencyOptions
    d: ConsistencyOptions

    def setup(self) -> None:
        if not self.d.either:
            raise ValueError("a consistency rule needs an 'either' mapping")
        self.steps = []
        for n, (one, other) in enumerate(self.d.either.items()):
            body = f"(?P<_a>{one})|(?P<_b>{other})"
            pattern = body if self.d.nonword else rf"\b(?:{body})\b"
            self.steps.append((self.compile(pattern, self.d.ignorecase), (f"{n}a", f"{n}b")))

    def run(self, blk: Any, file: Any) -> list[Alert]:
        alerts: list[Alert] = []
        text = blk.text
        seen = file.sequences
        for pattern, subs in self.steps:
            last = None
            for m in pattern.finditer(text):
                seen.add((self.name, subs[0] if m.start("_a") != -1 else subs[1]))
                last = m
            if last is not None and all((self.name, s) in seen for s in subs):
                alerts.append(self.alert(last.start(), last.end(), text))
        return alerts
