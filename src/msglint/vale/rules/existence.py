"""existence: the tokens (or raw pattern) must not appear."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.model import Document, Finding
from msglint.vale.alternation import first_words, runs
from msglint.vale.rules.base import ValeRule
from msglint.vale.text import scan, words


class Existence(ValeRule):
    """Vale `existence`: flag every occurrence of the rule's tokens.

    **What it checks**
    The `tokens` are joined into one pattern, `\\b(?:tok1|tok2|...)\\b` (word boundaries
    unless `nonword: true`), case-insensitive with `ignorecase: true`; `raw` entries are
    concatenated verbatim in front of it (behind it with `append: true`). Every match in
    the scope is a finding; the message's `%s` is the matched text.

    **Why it matters**
    Most style guides are lists of words to avoid: "simply", "utilize", "please".

    **Example (flagged)**
    With `tokens: [simply]`: "Simply restart the router."

    **Example (fine)**
    "Restart the router."

    **Options**
    - `tokens`, `raw`, `append`, `ignorecase`, `nonword`.
    - `exceptions`: a match containing one of these words is fine; with `vocab` (default
      true, word rules only) the Vocab accept list counts as exceptions too.
    """

    vale_type: ClassVar[str] = "existence"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"tokens", "raw", "append", "ignorecase", "nonword", "exceptions"}
    )

    _pattern: Any = PrivateAttr(default=None)
    _except: Any = PrivateAttr(default=None)
    _first: frozenset[str] | None = PrivateAttr(default=None)
    _ignorecase: bool = PrivateAttr(default=False)

    def setup(self) -> None:
        tokens = [t for t in self.strings("tokens") if t.strip()]
        raw = "".join(self.strings("raw"))
        nonword = self.flag("nonword")
        if not tokens and not raw:
            raise ValueError("an existence rule needs 'tokens' or 'raw'")
        word = not nonword and bool(tokens)
        ignorecase = self.flag("ignorecase")
        body = "|".join(part for part, _keys in runs(tokens, ignorecase, word))
        template = rf"\b(?:{body})\b" if word else (f"(?:{body})" if tokens else "")
        pattern = template + raw if self.flag("append") else raw + template
        self._pattern = self.compile(pattern, ignorecase)
        self._except = self.exception_matcher(vocab_ok=not nonword)
        self._ignorecase = ignorecase
        self._first = None if (nonword or raw) else first_words(tokens, ignorecase)

    def check(self, doc: Document) -> Iterator[Finding]:
        first = self._first
        if first is not None and first.isdisjoint(words(doc, self._ignorecase)):
            return
        excepted = self._except.search if self._except is not None else None
        severity = None
        assert self._spec is not None
        for seg, offset, m in scan(doc, self._pattern, self._spec):
            s, e = m.span()
            if s == e:
                continue
            s += offset
            e += offset
            observed = m.group()
            if excepted is not None and excepted(observed.strip()):
                continue
            if severity is None:
                severity = self.severity_for(doc)
            fix = self.fix(observed) if self._action else None
            yield self.make(doc, severity, seg, s, e, self.format(observed, fix or observed), fix)
