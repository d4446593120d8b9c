"""repetition: the same token twice in a row ("the the")."""

from __future__ import annotations

from itertools import pairwise
from typing import Any, ClassVar

from pydantic import Field

from msglint.vale.place import Alert
from msglint.vale.rules.base import Check, Definition, string_list


class RepetitionOptions(Definition):
    tokens: list[str]
    max: int = 0
    ignorecase: bool = False
    alpha: bool = False
    exceptions: list[str] = Field(default_factory=list)

    _lists = string_list("tokens", "exceptions")


class Repetition(Check):
    """Vale `repetition`: a match of `tokens` equal to the match just before it.

    **What it checks**
    The `tokens` are one pattern; each match (trimmed) is compared with the previous one
    in the block (case-insensitively with `ignorecase`; only all-letter matches with
    `alpha: true`). More than `max` repeats (default 0) is an alert spanning both, unless
    the two run over a line break; the message's `%s` is the repeated text.

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
    options: ClassVar[type[Definition]] = RepetitionOptions
    d: RepetitionOptions

    def setup(self) -> None:
        if not self.d.tokens:
            raise ValueError("a repetition rule needs 'tokens'")
        self.pattern = self.compile("(" + "|".join(self.d.tokens) + ")", self.d.ignorecase)
        self.excepted = self.exception_matcher(self.d.exceptions, self.d.vocab)
        self.plain = self.d.tokens in (["[^\\s]+"], ["\\S+"])

    def run(self, blk: Any, file: Any) -> list[Alert]:
        alerts: list[Alert] = []
        text = blk.text
        if self.plain:
            # `[^\s]+` tokens are the whitespace-separated words: without two equal
            # neighbours there is nothing to report, and most blocks have none.
            toks = text.lower().split() if self.d.ignorecase else text.split()
            if not any(a == b for a, b in pairwise(toks)):
                return alerts
        ignorecase, alpha, most = self.d.ignorecase, self.d.alpha, self.d.max
        prev = ""
        pstart = 0
        count = 0
        for m in self.pattern.finditer(text):
            converted = m.group()
            curr = converted.strip()
            if ignorecase:
                hit = curr != "" and curr.lower() == prev.lower()
            else:
                hit = curr != "" and curr == prev
            hit = hit and (not alpha or curr.isalpha())
            if hit:
                count += 1
            if hit and count > most:
                span = text[pstart : m.end()]
                if "\n" in span:  # a repeat across a line break is not reported
                    pass
                elif self.excepted is None or not self.excepted.search(span):
                    alerts.append(self.alert(pstart, m.end(), text, curr))
                    count = 0
            pstart = m.start()
            prev = curr
        return alerts
