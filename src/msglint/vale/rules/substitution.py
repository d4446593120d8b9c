"""substitution: a term and the term to use instead."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import Field

from msglint.vale.alternation import first_words, runs
from msglint.vale.place import Alert
from msglint.vale.rules.base import Check, Definition, string_list
from msglint.vale.text import is_phrase, to_sentence

_CAPTURE_OPEN = re.compile(r"(?<!\\)\((?!\?)")
_DOLLAR_GROUP = re.compile(r"\$\d+")


class SubstitutionOptions(Definition):
    swap: dict[str, Any]
    exceptions: list[str] = Field(default_factory=list)
    ignorecase: bool = False
    nonword: bool = False
    capitalize: bool = False
    pos: str = ""

    _lists = string_list("exceptions")


class Substitution(Check):
    """Vale `substitution`: suggest the preferred term for each `swap` key found.

    **What it checks**
    Every key of `swap` is a regular expression; all keys are compiled into one pattern,
    longest first, each in its own group, `\\b(?:(key1)|(key2)|...)\\b` (no `\\b` with
    `nonword: true`), so one scan finds every term and the group that matched names the
    replacement. A match already written as the replacement is fine. Several suggestions
    are separated by `|` ("phone|mobile phone"); with `action: replace` the message lists
    them ("'phone' or 'mobile phone'"). The message gets two `%s`: the suggestion, then
    the match. `$1` in a replacement refers to the key's own groups. The finding's
    expected text is the (first) suggestion.

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
    options: ClassVar[type[Definition]] = SubstitutionOptions
    d: SubstitutionOptions

    def setup(self) -> None:
        d = self.d
        if not d.swap:
            raise ValueError("a substitution rule needs a 'swap' mapping")
        if d.pos:
            raise ValueError("'pos' (part-of-speech filter) is deprecated in Vale and not read")
        terms = sorted((str(k) for k in d.swap), key=len, reverse=True)
        self.keys = terms
        self.repl = ["" if d.swap[t] is None else str(d.swap[t]) for t in terms]
        groups = []
        #: Per outer group: the key's index, or (a prefix tree of literal keys) text -> index.
        self.groups: list[Any] = [-1]
        for part, keys in runs(terms, d.ignorecase, not d.nonword):
            if keys is None:
                self.groups.append(terms.index(part))
                if part.count("(") != part.count("(?") + part.count(r"\("):
                    part = _CAPTURE_OPEN.sub("(?:", part)
            else:
                self.groups.append(keys)
            groups.append(f"({part})")
        body = "|".join(groups)
        self.pattern = self.compile(body if d.nonword else rf"\b(?:{body})\b", d.ignorecase)
        self.excepted = self.exception_matcher(d.exceptions, d.vocab)
        self.ignorecase = d.ignorecase
        self.first = None if d.nonword else first_words(terms, d.ignorecase)

    def _expected(self, index: int, observed: str) -> str:
        expected = self.repl[index]
        if self.d.capitalize and observed[:1].isupper():
            expected = expected[:1].upper() + expected[1:]
        if _DOLLAR_GROUP.search(expected):
            try:
                key = re.compile(self.keys[index], re.IGNORECASE if self.ignorecase else 0)
                expected = key.sub(
                    _DOLLAR_GROUP.sub(lambda m: "\\" + m.group()[1:], expected), observed
                )
            except re.error:
                pass
        return expected

    def run(self, blk: Any, file: Any) -> list[Alert]:
        alerts: list[Alert] = []
        excepted = self.excepted.search if self.excepted is not None else None
        text = blk.text
        action = self.action
        replace = action.name == "replace" and not action.params
        for m in file.matches(self.pattern, self, blk):
            group = m.lastindex
            if group is None:
                continue
            s, e = m.span(group)
            raw = text[s:e]
            observed = raw.strip()
            index = self.groups[group]
            if isinstance(index, dict):
                index = index[m.group(group).lower() if self.ignorecase else m.group(group)]
            expected = self._expected(index, observed)
            if _match_token(expected, observed, self.ignorecase):
                continue
            if excepted is not None and excepted(observed):
                continue
            fix = None
            shown = expected
            message = self.message
            if replace:
                options = expected.split("|")
                shown = to_sentence(options)
                # Vale quotes each suggestion itself (ToSentence), so "'%s'" loses its quotes.
                message = message.replace("'%s'", "%s", 1)
                fix = options[0]
            elif action.name:
                fix = None
            elif is_phrase(expected):
                fix = expected.split("|")[0]
            saved = self.message
            self.message = message
            alerts.append(self.alert(s, e, text, shown, observed, expected=fix))
            self.message = saved
        return alerts


def _match_token(expected: str, observed: str, ignorecase: bool) -> bool:
    """Vale's matchToken: is `observed` already the expected form?"""
    if is_phrase(expected):
        return expected == observed
    try:
        flags = re.IGNORECASE if ignorecase else 0
        return re.fullmatch(f"(?:{expected})", observed, flags) is not None
    except re.error:
        return expected == observed
