"""Vale's message formatting: Go's fmt verbs, ToSentence lists, and what counts as a phrase."""

from __future__ import annotations

import re
from typing import Any

# -- Go's fmt, as Vale's messages use it ---------------------------------------------------

_VERB = re.compile(r"%(?:%|[-+# 0]*\d*(?:\.\d+)?[svdqf])")


def go_format(message: str, *args: Any) -> str:
    """`fmt.Sprintf` for the verbs Vale messages use; extra arguments are ignored
    (Vale's CondSprintf), a missing one prints as Go prints it."""
    values = iter(args)

    def sub(m: re.Match[str]) -> str:
        verb = m.group()
        if verb == "%%":
            return "%"
        try:
            value = next(values)
        except StopIteration:
            return f"%!{verb[-1]}(MISSING)"
        if verb[-1] == "f" and isinstance(value, int | float):
            return ("%" + verb[1:]) % value
        if verb[-1] == "q":
            return '"' + str(value) + '"'
        return str(value)

    return _VERB.sub(sub, message)


def to_sentence(words: list[str], conjunction: str = "or") -> str:
    """Vale's core.ToSentence: 'a', 'a' or 'b', 'a', 'b', or 'c'."""
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {conjunction} '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{conjunction} {quoted[-1]}"
    return ", ".join(quoted)


def is_phrase(s: str) -> bool:
    """Vale's core.IsPhrase: letters, digits, spaces and hyphens only (so not a regex)."""
    return all(c.isalpha() or c.isdigit() or c in " -" for c in s)
