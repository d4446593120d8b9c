"""conditional: if `first` appears, `second` must appear too (acronyms defined)."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from msglint.vale.place import Alert
from msglint.vale.rules.base import Check, Definition, string_list


class ConditionalOptions(Definition):
    first: str
    second: str
    ignorecase: bool = False
    exceptions: list[str] = Field(default_factory=list)

    _lists = string_list("exceptions")


class Conditional(Check):
    """Vale `conditional`: every match of `first` needs a match of `second`.

    **What it checks**
    In each block, the first group of every match of `second` (an acronym's definition,
    "World Health Organization (WHO)") is remembered for the rest of the file; then each
    match of `first` ("WHO") not remembered so far, and not an exception, is an alert.
    The definitions are shared by every conditional rule of the file, as in Vale.

    **Why it matters**
    An undefined acronym loses every reader who does not know it.

    **Example (flagged)**
    "Ask the WHO." (WHO never defined)

    **Example (fine)**
    "The World Health Organization (WHO) advises. Ask the WHO."

    **Options**
    - `first`, `second` (required), `ignorecase` (read but, as in Vale, not applied),
      `exceptions`, `vocab`.
    """

    vale_type: ClassVar[str] = "conditional"
    options: ClassVar[type[Definition]] = ConditionalOptions
    d: ConditionalOptions

    def setup(self) -> None:
        if not self.d.first or not self.d.second:
            raise ValueError("a conditional rule needs 'first' and 'second'")
        self.first_re = self.compile(self.d.first)
        self.second_re = self.compile(self.d.second)
        #: A file without a match of `first` anywhere cannot alert (its definitions only
        #: matter to alerts of `first`), so the linter skips it there.
        self.gate = self.first_re
        self.excepted = self.exception_matcher(self.d.exceptions, self.d.vocab)

    def run(self, blk: Any, file: Any) -> list[Alert]:
        text = blk.text
        seen = file.sequences
        if self.second_re.groups:
            for m in self.second_re.finditer(text):
                seen.add(m.group(1) or "")
        alerts: list[Alert] = []
        for m in self.first_re.finditer(text):
            found = m.group()
            if found in seen:
                continue
            if self.excepted is not None and self.excepted.search(found):
                continue
            alerts.append(self.alert(m.start(), m.end(), text))
        return alerts
