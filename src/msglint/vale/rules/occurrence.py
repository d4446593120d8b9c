"""occurrence: too many (or too few) matches of a token in a block."""

from __future__ import annotations

from typing import Any, ClassVar

from msglint.vale.place import Alert
from msglint.vale.rules.base import Check, Definition


class OccurrenceOptions(Definition):
    token: str
    max: int = 0
    min: int = 0
    ignorecase: bool = False


class Occurrence(Check):
    """Vale `occurrence`: count `token` in each block of the scope against `max`/`min`.

    **What it checks**
    `token` is a regular expression; when a block (a sentence with `scope: sentence`) has
    more than `max` or fewer than `min` matches, one alert is reported at the first match
    (at the block's start when there is none). The message gets the
    count (`%s` or `%d`).

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
    options: ClassVar[type[Definition]] = OccurrenceOptions
    d: OccurrenceOptions

    def setup(self) -> None:
        if not self.d.token:
            raise ValueError("an occurrence rule needs 'token'")
        if not self.d.max and not self.d.min:
            raise ValueError("an occurrence rule needs 'max' or 'min'")
        self.pattern = self.compile(f"(?:{self.d.token})", self.d.ignorecase)

    def run(self, blk: Any, file: Any) -> list[Alert]:
        text = blk.text
        count = len(self.pattern.findall(text))
        high, low = self.d.max, self.d.min
        if not ((high and count > high) or (low and count < low)):
            return []
        if not count:
            return [self.alert(0, 0, text, str(count))]
        # Vale 3.7 reports the first match (later versions skip code-like ones): the
        # first word of a long sentence, found in the file even when the sentence is
        # not (inline code in it).
        first = self.pattern.search(text)
        return [self.alert(first.start(), first.end(), text, str(count))]
