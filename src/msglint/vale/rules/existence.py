"""existence: the tokens (or raw pattern) must not appear."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from msglint.vale.alternation import first_words, runs
from msglint.vale.place import Alert
from msglint.vale.rules.base import Check, Definition, string_list


class ExistenceOptions(Definition):
    tokens: list[str] = Field(default_factory=list)
    raw: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    append: bool = False
    ignorecase: bool = False
    nonword: bool = False

    _lists = string_list("tokens", "raw", "exceptions")


class Existence(Check):
    """Vale `existence`: flag every occurrence of the rule's tokens.

    **What it checks**
    The `tokens` are joined into one pattern, `\\b(?:tok1|tok2|...)\\b` (word boundaries
    unless `nonword: true`), case-insensitive with `ignorecase: true`; `raw` entries are
    concatenated verbatim in front of it (behind it with `append: true`). Every match in
    the scope is an alert unless the match (trimmed) contains an exception word; the
    message's `%s` is the matched text.

    **Why it matters**
    Most style guides are lists of words to avoid: "simply", "utilize", "please".

    **Example (flagged)**
    With `tokens: [simply]`: "Simply restart the router."

    **Example (fine)**
    "Restart the router."

    **Options**
    - `tokens`, `raw`, `append`, `ignorecase`, `nonword`.
    - `exceptions`: a match containing one of these words is fine; with `vocab` (default
      true) the Vocab accept list counts as exceptions too.
    """

    vale_type: ClassVar[str] = "existence"
    options: ClassVar[type[Definition]] = ExistenceOptions
    d: ExistenceOptions

    def setup(self) -> None:
        d = self.d
        tokens = [t for t in d.tokens if t.strip()]
        raw = "".join(d.raw)
        if not tokens and not raw:
            raise ValueError("an existence rule needs 'tokens' or 'raw'")
        word = not d.nonword and bool(tokens)
        body = "|".join(part for part, _keys in runs(tokens, d.ignorecase, word))
        template = rf"\b(?:{body})\b" if word else f"(?:{body})"
        pattern = template + raw if d.append else raw + template
        self.pattern = self.compile(pattern, d.ignorecase)
        self.excepted = self.exception_matcher(d.exceptions, d.vocab)
        self.ignorecase = d.ignorecase
        #: Words one of which a document must contain for the rule to match at all.
        self.first = None if (d.nonword or raw) else first_words(tokens, d.ignorecase)

    def run(self, blk: Any, file: Any) -> list[Alert]:
        alerts: list[Alert] = []
        excepted = self.excepted.search if self.excepted is not None else None
        text = blk.text
        for m in file.matches(self.pattern, self, blk):
            s, e = m.span()
            if s == e:
                continue
            observed = m.group()
            if excepted is not None and excepted(observed.strip()):
                continue
            alerts.append(self.alert(s, e, text))
        return alerts
