"""A quick RE2 test that lets a document skip a Vale pattern it cannot match.

Why: with the Microsoft, Google and write-good styles, most of a run is Python's `re`
scanning every block for some 70 patterns, and 85% of that time goes to (document,
pattern) pairs without a single match. RE2 (google-re2) answers "is there any match in
this text?" with a DFA, about fifteen times faster than `re` finds every match. When RE2
finds none, `re` is not run on those blocks; when it finds one, `re` runs as before, so
every finding still comes from `re` and stays exactly what it was.

RE2 may only say "no" where `re` would say "no" too, so the filter is built to accept a
*superset* of what the pattern matches, and used only where both engines read the same:

- lookarounds, which RE2 lacks, are dropped (an assertion removed only allows more);
- patterns whose syntax the two engines read differently are not filtered: `{,n}`,
  POSIX classes `[[:alpha:]]`, `\\A`/`\\Z`/`\\z`, backreferences and octal escapes,
  inline flags switched off `(?-m)`, flags other than i, m, s, non-ASCII patterns, and
  everything `re` could not compile (those run on the `regex` module);
- only blocks of plain ASCII text without \\v or \\x1c-\\x1f are filtered (there `\\w`,
  `\\b`, `\\d`, `\\s` and case folding agree); other blocks are always scanned by `re`.

The blocks are joined with "\\n", which `\\b`, `^` and `$` (always multi-line here) treat
as they treat the ends of a block, so a match inside a block is still one in the join.
Without google-re2 installed nothing is filtered: same findings, only slower.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from msglint.vale import alternation

try:
    import re2
except ImportError:  # pragma: no cover - google-re2 is a dependency
    re2 = None

#: Text RE2 and `re` may read differently: non-ASCII, \v and \x1c-\x1f (`re`'s \s has them).
_UNSAFE_TEXT = re.compile(r"[^\x00-\x0a\x0c-\x1b\x20-\x7f]")
#: Syntax the two engines accept but read differently, or that depends on where the text
#: starts and ends.
_UNSAFE_SYNTAX = re.compile(r"\{,|\[:|\\[AZzG0-9]|\(\?[a-zA-Z]*-")
_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")

_filters: dict[Any, Any] = {}


def quick_test(pattern: Any) -> Any:
    """The RE2 filter of a compiled pattern (cached): `find(text, pos)`, the start of its
    first match at or after `pos` (-1: none); None when the pattern cannot have one
    (nor with `alternation.OPTIMIZE` off: the plain form the tests compare against)."""
    if not alternation.OPTIMIZE:
        return None
    try:
        return _filters[pattern]
    except KeyError:
        pass
    except TypeError:  # pragma: no cover - an unhashable pattern object
        return None
    found = _build(pattern)
    _filters[pattern] = found
    return found


def relaxed_source(pattern: Any) -> str | None:
    """The RE2 superset of a compiled pattern (flags inline), or None when none is safe
    (see the module docstring). Patterns the `regex` module compiled (variable-length
    lookbehinds) qualify too: on the ASCII text the pre-test reads, and with their
    lookarounds relaxed, both engines read them alike."""
    if re2 is None or not isinstance(getattr(pattern, "pattern", None), str):
        return None
    flags = pattern.flags
    if not isinstance(pattern, re.Pattern):
        import regex

        if not isinstance(pattern, regex.Pattern):
            return None
        flags &= ~(regex.VERSION0 | regex.UNICODE | regex.VERSION1)
        if flags & ~(regex.IGNORECASE | regex.MULTILINE | regex.DOTALL):
            return None
    elif flags & ~_FLAGS:
        return None
    source = pattern.pattern
    if _UNSAFE_SYNTAX.search(source) or not _ascii_safe(source):
        return None
    relaxed = drop_lookarounds(source)
    if relaxed is None:
        return None
    flags = "".join(
        f
        for f, bit in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL))
        if pattern.flags & bit
    )
    return (f"(?{flags})" if flags else "") + relaxed


def _ascii_safe(source: str) -> bool:
    """A pattern whose non-ASCII characters cannot match ASCII text in either engine (no
    case folding to ASCII, as the Kelvin sign folds to "k"): on the ASCII blocks the
    pre-test reads, such characters simply never match, in RE2 as in `re`."""
    if source.isascii():
        return True
    for c in source:
        if c.isascii():
            continue
        if any(x.isascii() for x in (c.lower(), c.upper(), c.casefold())):
            return False
        if not c.isprintable():
            return False
    return "\\p" not in source and "\\N" not in source


def _options() -> Any:
    options = re2.Options()
    options.log_errors = False
    options.never_capture = True
    return options


def _build(pattern: Any) -> Any:
    source = relaxed_source(pattern)
    if source is None:
        return None
    try:
        compiled = re2.compile(source.encode(), _options())
    except Exception:  # RE2 rejects what it does not implement: no filter then
        return None
    return _finder(compiled)


class PatternSet:
    """Many patterns' RE2 supersets in one RE2::Set: one pass over a scope's text says
    which patterns may match anywhere in it, so a document is scanned once per scope
    instead of once per pattern (most patterns match nowhere in most documents)."""

    def __init__(self, patterns: list[Any]) -> None:
        self.index: dict[int, int] = {}
        self.set: Any = None
        if re2 is None or not alternation.OPTIMIZE:
            return
        regex_set = re2.Set.SearchSet(_options())
        for pattern in patterns:
            if id(pattern) in self.index or quick_test(pattern) is None:
                continue
            source = relaxed_source(pattern)
            if source is None:
                continue
            try:
                self.index[id(pattern)] = regex_set.Add(source.encode())
            except Exception:
                continue
        if self.index:
            regex_set.Compile()
            self.set = regex_set

    def matching(self, text: bytes) -> frozenset[int]:
        """Set indices of the patterns with a possible match in `text`."""
        if self.set is None or not text:
            return frozenset()
        return frozenset(self.set.Match(text) or ())


def _finder(compiled: Any) -> Any:
    """`find(text, pos)`: where the first match at or after `pos` starts, -1 for none.

    The public `search` goes through a generator and builds a match object, which cost
    more than the search itself on a block; the compiled RE2 object's own `Match` (what
    `search` calls, with the same context for `\\b` and `^` before `pos`) does not.
    """
    try:
        raw = compiled._regexp.Match
        anchor = re2._re2.RE2.Anchor.UNANCHORED
    except AttributeError:  # pragma: no cover - another google-re2 layout

        def find(text: bytes, pos: int) -> int:
            m = compiled.search(text, pos)
            return -1 if m is None else m.start()

        return find

    def find_raw(text: bytes, pos: int) -> int:
        return raw(anchor, text, pos, len(text))[0][0]

    return find_raw


def drop_lookarounds(source: str) -> str | None:
    """`source` relaxed for RE2, matching wherever it matches: lookbehinds and negative
    lookaheads dropped, a positive lookahead that nothing can follow kept as a plain
    group (a match then exists exactly where the original's does, and the filter stays
    sharp: `\\sI(?=\\s)` is not `\\sI`); None when a lookaround is quantified (dropping
    it would change what the quantifier applies to)."""
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif c == "[":
            end = _class_end(source, i)
            out.append(source[i:end])
            i = end
        elif c == "(" and source.startswith(_LOOKAROUND, i):
            end = _group_end(source, i)
            if end < n and source[end] in "*+?{":
                return None
            if source.startswith("(?=", i) and _ends_branch(source, end):
                out.append("(?:" + source[i + 3 : end - 1] + ")")
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _ends_branch(source: str, at: int) -> bool:
    """Nothing can follow `at` in a match: at every enclosing level only the group's end
    (without a quantifier) or other alternatives follow, up to the end of the pattern."""
    n = len(source)
    i = at
    while i < n:
        c = source[i]
        if c == ")":
            i += 1
            if i < n and source[i] in "*+?{":
                return False
        elif c == "|":
            i = _group_close(source, i)  # past the other alternatives, to the group's ')'
        else:
            return False
    return True


def _group_close(source: str, at: int) -> int:
    """Index of the `)` closing the group that `at` is in (len(source) at the top level)."""
    depth = 0
    j = at
    n = len(source)
    while j < n:
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(source, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return j
            depth -= 1
        j += 1
    return n


def _class_end(source: str, i: int) -> int:
    """Index after the character class opening at `i`."""
    j = i + 1
    if j < len(source) and source[j] == "^":
        j += 1
    if j < len(source) and source[j] == "]":
        j += 1
    while j < len(source) and source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    return j + 1


def _group_end(source: str, i: int) -> int:
    """Index after the group opening at `i` (nested groups, classes and escapes skipped)."""
    depth = 0
    j = i
    while j < len(source):
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(source, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return j


@dataclass(frozen=True, slots=True)
class Split:
    """A scope's units as the pre-test reads them: the ASCII-safe ones joined with "\\n"
    (`text`, each starting at `starts[k]`, unit index `safe[k]`), the others by index."""

    text: bytes
    starts: list[int]
    safe: list[int]
    unsafe: list[int]


def split_units(units: list[Any]) -> Split:
    """Cut a scope's units (segment, offset, text) into ASCII-safe ones and the others."""
    parts: list[str] = []
    starts: list[int] = []
    safe: list[int] = []
    unsafe: list[int] = []
    bad = _UNSAFE_TEXT.search
    at = 0
    for index, unit in enumerate(units):
        text = unit[2]
        if bad(text):
            unsafe.append(index)
            continue
        parts.append(text)
        starts.append(at)
        safe.append(index)
        at += len(text) + 1
    return Split("\n".join(parts).encode("ascii"), starts, safe, unsafe)


def candidates(quick: Any, split: Split, units: list[Any]) -> list[Any]:
    """The units `re` must scan: those where RE2 finds the start of a match, and the
    unsafe ones, in their order. A `re` match in a safe unit starts a match of the
    (superset) RE2 pattern there, and RE2 reports the leftmost start from a position on,
    so searching again from the next unit's start misses no unit that has one."""
    text, starts, safe = split.text, split.starts, split.safe
    hits: list[int] = []
    pos = 0
    last = len(starts) - 1
    while True:
        at = quick(text, pos)
        if at < 0:
            break
        k = bisect_right(starts, at) - 1
        hits.append(safe[k])
        if k >= last:
            break
        pos = starts[k + 1]
    if len(hits) == len(safe):
        return units
    keep = sorted(hits + split.unsafe) if split.unsafe else hits
    return [units[i] for i in keep]
