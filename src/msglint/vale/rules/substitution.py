"""substitution: a term and the term to use instead."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.model import Document, Finding
from msglint.vale.alternation import first_words, runs
from msglint.vale.rules.base import ValeRule
from msglint.vale.text import is_phrase, scan, to_sentence, words

_CAPTURE_OPEN = re.compile(r"(?<!\\)\((?!\?)")
_DOLLAR_GROUP = re.compile(r"\$\d+")


class Substitution(ValeRule):
    """Vale `substitution`: suggest the preferred term for each `swap` key found.

    **What it checks**
    Every key of `swap` is a regular expression; all keys are compiled into one pattern,
    longest first, each in its own group, `\\b(?:(key1)|(key2)|...)\\b` (no `\\b` with
    `nonword: true`), so one scan finds every term and the group that matched names the
    replacement. A match already written as the replacement is fine. Several suggestions
    are separated by `|` ("phone|mobile phone"); the message then lists them ("'phone' or
    'mobile phone'"). The message gets two `%s`: the suggestion, then the match. `$1`
    in a replacement refers to the key's own groups. The finding's expected text is the
    (first) suggestion.

    **Why it matters**
    Terminology lists are the core of every style guide: "e-mail" is "email".

    **Example (flagged)**
    With `swap: {e-mail: email}`: "Send us an e-mail."

    **Example (fine)**
    "Send us an email."

    **Options**
    - `swap` (required), `ignorecase`, `nonword`, `capitalize` (a capitalized match gets a
      capitalized suggestion), `exceptions`, `vocab`.
    """

    vale_type: ClassVar[str] = "substitution"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"swap", "ignorecase", "nonword", "exceptions", "capitalize", "pos"}
    )

    _pattern: Any = PrivateAttr(default=None)
    _repl: list[str] = PrivateAttr(default_factory=list)
    _keys: list[str] = PrivateAttr(default_factory=list)
    #: Per outer group: the key's index, or (a prefix tree of literal keys) text -> index.
    _groups: list[Any] = PrivateAttr(default_factory=list)
    _except: Any = PrivateAttr(default=None)
    _message: str = PrivateAttr(default="")
    _first: frozenset[str] | None = PrivateAttr(default=None)
    _ignorecase: bool = PrivateAttr(default=False)

    def setup(self) -> None:
        swap = self._d.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise ValueError("a substitution rule needs a 'swap' mapping")
        if self._d.get("pos"):
            raise ValueError("'pos' (part-of-speech filter) is deprecated in Vale and not read")
        terms = sorted((str(k) for k in swap), key=len, reverse=True)
        ignorecase = self.flag("ignorecase")
        nonword = self.flag("nonword")
        for term in terms:
            self._keys.append(term)
            value = swap[term]
            self._repl.append("" if value is None else str(value))
        groups = []
        self._groups = [-1]
        for part, keys in runs(terms, ignorecase, not nonword):
            if keys is None:
                self._groups.append(self._keys.index(part))
                if part.count("(") != part.count("(?") + part.count(r"\("):
                    part = _CAPTURE_OPEN.sub("(?:", part)
            else:  # a prefix tree of literal keys: the matched text names the key
                self._groups.append(keys)
            groups.append(f"({part})")
        body = "|".join(groups)
        pattern = body if nonword else rf"\b(?:{body})\b"
        self._pattern = self.compile(pattern, ignorecase)
        self._except = self.exception_matcher()
        self._ignorecase = ignorecase
        self._first = None if nonword else first_words(terms, ignorecase)
        message = self._vale_message
        if self._action.get("name") == "replace" and not self._action.get("params"):
            # Vale quotes each suggestion itself (ToSentence), so "'%s'" loses its quotes.
            for spec in ("'%s'", '"%s"'):
                if message.count(spec) == 2:
                    message = message.replace(spec, "%s", 1)
        self._message = message

    def _expected(self, index: int, observed: str) -> str:
        expected = self._repl[index]
        if self.flag("capitalize") and observed[:1].isupper():
            expected = expected[:1].upper() + expected[1:]
        if _DOLLAR_GROUP.search(expected):
            flags = re.IGNORECASE if self.flag("ignorecase") else 0
            try:
                key = re.compile(self._keys[index], flags)
                expected = key.sub(
                    _DOLLAR_GROUP.sub(lambda m: "\\" + m.group()[1:], expected), observed
                )
            except re.error:
                pass
        return expected

    def check(self, doc: Document) -> Iterator[Finding]:
        from msglint.vale.text import go_format

        first = self._first
        if first is not None and first.isdisjoint(words(doc, self._ignorecase)):
            return
        assert self._spec is not None
        excepted = self._except.search if self._except is not None else None
        replace = self._action.get("name") == "replace"
        ignorecase = self.flag("ignorecase")
        severity = None
        for seg, offset, m in scan(doc, self._pattern, self._spec):
            group = m.lastindex
            if group is None:
                continue
            observed = m.group(group)
            s, e = m.span(group)
            index = self._groups[group]
            if isinstance(index, dict):
                index = index[observed.lower() if ignorecase else observed]
            expected = self._expected(index, observed)
            if replace:
                options = [
                    o.replace("PIPE", "|") for o in expected.replace(r"\|", "PIPE").split("|") if o
                ]
                same = observed in options
            else:
                options = []
                same = _match_token(expected, observed)
            if same or (excepted is not None and excepted(observed)):
                continue
            shown = expected
            fix = None
            if replace:
                params = self._action.get("params") or options
                shown = to_sentence(list(params)) if not self._action.get("params") else expected
                fix = str(params[0]) if params else None
            elif self._action:
                fix = self.fix(observed)
            else:  # no action: the (first) expected term is still the evidence
                fix = expected.split("|")[0] if is_phrase(expected) else None
            if severity is None:
                severity = self.severity_for(doc)
            message = go_format(self._message, shown, observed)
            yield self.make(doc, severity, seg, s + offset, e + offset, message, fix)


def _match_token(expected: str, observed: str) -> bool:
    """Vale's matchToken: is `observed` already the expected form?"""
    if is_phrase(expected):
        return expected == observed
    try:
        return re.fullmatch(f"(?:{expected})", observed) is not None
    except re.error:
        return expected == observed
