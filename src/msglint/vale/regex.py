"""Vale's regular expressions, compiled for Python.

Vale compiles rule patterns with regexp2 (a port of .NET's engine, so lookarounds work) and
a few with Go's RE2. Python's `re` reads almost all of them unchanged; the differences that
occur in real styles are rewritten here rather than hoped away:

- inline flags in the middle of a pattern (`foo|(?i)bar`): Go applies them up to the end of
  the enclosing group, Python 3.11 rejects them; they become scoped groups `(?i:bar)`,
  closed and reopened at each `|` so alternation keeps its shape;
- `(?<name>...)` is `(?P<name>...)` in Python; `\\z` is `\\Z`;
- what `re` cannot compile at all (variable-length lookbehind such as Google.Colons'
  `(?<!:[^ ]+?)`, `\\p{L}` classes, POSIX `[[:alpha:]]`) is compiled with the `regex`
  module, which implements them with the same semantics.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Any

_FLAG = re.compile(r"\(\?([imsU-]+)\)")


class PatternError(ValueError):
    """A Vale pattern that neither `re` nor `regex` can compile."""


def _scope_inline_flags(pattern: str) -> str:
    """Rewrite mid-pattern `(?flags)` into scoped groups, as Go scopes them."""
    out: list[str] = []
    # Per open group: how many scoped-flag groups we opened inside it, and their flags.
    stack: list[list[str]] = [[]]
    i = 0
    n = len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("]")
                i += 1
            continue
        if c == "(":
            m = _FLAG.match(pattern, i)
            if m and (i > 0 or stack[-1]):
                flags = m.group(1)
                if "U" in flags:
                    raise PatternError("the ungreedy flag (?U) has no Python equivalent")
                out.append(f"(?{flags}:")
                stack[-1].append(flags)
                i = m.end()
                continue
            stack.append([])
            out.append(c)
            i += 1
            continue
        if c == "|":
            opened = stack[-1]
            out.append(")" * len(opened))
            out.append("|")
            out.extend(f"(?{f}:" for f in opened)
            i += 1
            continue
        if c == ")":
            if len(stack) > 1:
                out.append(")" * len(stack.pop()))
            out.append(c)
            i += 1
            continue
        out.append(c)
        i += 1
    while stack:
        out.append(")" * len(stack.pop()))
    return "".join(out)


def _leading_flags(pattern: str) -> tuple[int, str]:
    """Strip `(?i)`/`(?m)`/`(?s)` at the very start into re flags."""
    flags = 0
    while True:
        m = _FLAG.match(pattern)
        if not m or "-" in m.group(1) or "U" in m.group(1):
            return flags, pattern
        for f in m.group(1):
            flags |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}[f]
        pattern = pattern[m.end() :]


def translate(pattern: str) -> tuple[str, int]:
    """A Vale (regexp2/RE2) pattern as a Python pattern and `re` flags."""
    flags, body = _leading_flags(pattern)
    body = _scope_inline_flags(body)
    body = re.sub(r"\(\?<([A-Za-z_]\w*)>", r"(?P<\1>", body)
    body = re.sub(r"(?<!\\)((?:\\\\)*)\\z", r"\1\\Z", body)
    return body, flags


@lru_cache(maxsize=4096)
def compile_vale(pattern: str, flags: int = 0) -> Any:
    """Compile a Vale pattern: `re` when it can, the `regex` module when it cannot.

    Both give the same match API (finditer, search, span, lastindex) to the rules.
    Cached, so rules with the same pattern (Microsoft and Google share several) share
    one compiled object, and with it their scans (see `text.scan`).
    """
    body, extra = translate(pattern)
    flags |= extra
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # FutureWarning on "[[" in character classes
        try:
            return re.compile(body, flags)
        except re.error as first:
            try:
                import regex
            except ImportError:  # pragma: no cover - regex is a dependency
                raise PatternError(str(first)) from None
            try:
                return regex.compile(body, flags | regex.VERSION0)
            except regex.error as exc:
                raise PatternError(f"{first}; regex module: {exc}") from None
