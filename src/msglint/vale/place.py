"""Where Vale puts an alert: its line and columns, found by searching the file's context.

A rule matches in a block's *text* (markup removed); Vale then looks for the matched text
in the block's *context* (the file, with what was already linted masked) to report a line
and column. This is a port of Vale 3.7's `File.AddAlert`, `assignLoc`, `FindLoc` and
`initialPosition` (internal/core/file.go, location.go), quirks included, because the
alerts are only Vale's if they land where Vale lands them:

- a single-line block is looked for on its own line; a block with a line break (and the
  summary and raw scopes) in the whole context, after the block's text when it is found
  verbatim, at the first occurrence of the match with a word boundary (`_` counts);
- when the match occurs more than once in a small context (< 1000 bytes), the words
  before the match's offset *in the block* are masked first;
- after an alert, its match is masked (`#`) in the context the same rule uses for the
  rest of the block, so a second match finds the next occurrence;
- an alert at a line, column and rule already reported is dropped, and a rule's `limit`
  caps its alerts per file.

Offsets are code points, as Vale's are runes; where Vale slices bytes with rune offsets
(the two small-context heuristics) non-ASCII text is sliced as UTF-8 bytes too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from msglint.vale.walk import Block, mask

_WORD_SPLIT = re.compile(r"\S+")
_patterns: dict[str, re.Pattern[str]] = {}


@dataclass(slots=True)
class Alert:
    """A rule's match in a block: [start, end) in the block's text, and what to report."""

    start: int
    end: int
    match: str
    message: str
    #: The replacement a finding proposes (its `fix` when the rule has an action).
    expected: str | None = None
    fixable: bool = False


@dataclass(slots=True)
class Placed:
    """An alert where Vale reports it: 1-based line and inclusive [start, end] columns."""

    alert: Alert
    line: int
    start: int
    end: int


@dataclass
class FileState:
    """Per-file state Vale keeps while placing alerts."""

    lines: list[str]
    markup: bool = True
    history: set[tuple[int, int, str]] = field(default_factory=set)
    limits: dict[str, int] = field(default_factory=dict)


def _mask_all(text: str, char: str = "@") -> str:
    return "".join(c if c == "\n" else char for c in text)


def _substitute(src: str, sub: str, char: str) -> str:
    """core.Substitute: the first `sub`, every rune but a newline replaced by `char`."""
    idx = src.find(sub)
    if idx < 0:
        return src
    return src[:idx] + _mask_all(sub, char) + src[idx + len(sub) :]


def split_after(text: str) -> list[str]:
    """Go's strings.SplitAfter(text, "\\n"): only "\\n" ends a line (splitlines() has more)."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def _byte_prefix(text: str, n: int) -> str:
    """text[0:n] where Go slices bytes with a rune offset."""
    if text.isascii():
        return text[:n]
    return text.encode("utf-8")[:n].decode("utf-8", "ignore")


def _pattern(sub: str) -> re.Pattern[str]:
    pat = _patterns.get(sub)
    if pat is None:
        pat = re.compile(r"(?:^|\b|_)" + re.escape(sub) + r"(?:_|\b|\Z)", re.ASCII)
        if len(_patterns) > 20000:
            _patterns.clear()
        _patterns[sub] = pat
    return pat


def initial_position(ctx: str, txt: str, match: str) -> tuple[int, str]:
    """Vale's initialPosition: 1-based column of `match` in `ctx` (-1: not found)."""
    if match == "":
        return 1, ""
    offset = ctx.find(txt)
    if offset > 0:
        ctx = _mask_all(ctx[:offset]) + ctx[offset:]
    m = _pattern(match).search(ctx)
    if m is None:
        idx = ctx.find(match)
        if idx < 0:
            return _guess(ctx, txt, match)
    else:
        idx = m.start()
    if ctx.startswith("_", idx):
        idx += 1
    return idx + 1, match


def _guess(ctx: str, txt: str, match: str) -> tuple[int, str]:
    """Vale's guessLocation: the line holding every word of the sentence with the match."""
    from msglint.vale.segment import sentences, words

    target = ""
    for s in sentences(txt):
        if s == match or s.find(match) > 0:
            target = s
    if not target:
        return -1, txt
    tokens = words(target)
    for text in ctx.split("\n"):
        if all(t in text for t in tokens):
            return ctx.find(text) + 1, text
    return -1, txt


def _clamp(loc0: int, loc1: int, extent: int) -> tuple[int, int]:
    if loc1 > extent:
        loc1 = extent
    elif loc1 <= 0:
        loc1 = 1
    return loc0, loc1


def _find_loc(
    state: FileState,
    ctx: str,
    txt: str,
    count: int,
    alert: Alert,
    offsets: list[str],
    span: list[int],
) -> tuple[int, list[int]]:
    for word in offsets:
        ctx = _substitute(ctx, word, "@")
    pos, substring = initial_position(ctx, txt, alert.match)
    if pos < 0:
        return pos, [0, 0]
    lines = state.lines if state.markup else split_after(ctx)
    counter = 0
    for idx, line in enumerate(lines):
        length = len(line)
        if counter + length >= pos:
            loc0 = pos - counter
            loc0, loc1 = _clamp(loc0, loc0 + len(substring) - 1, length)
            return count - (len(lines) - (idx + 1)), [loc0, loc1]
        counter += length
    return count, span


def _assign_loc(ctx: str, blk: Block, alert: Alert, span: list[int]) -> tuple[int, list[int]]:
    loc0, loc1 = span
    if loc0 < 0 or loc1 < 0:
        return blk.line + 1, span
    match = alert.match
    match_bytes = None
    for idx, line in enumerate(split_after(ctx)):
        if line.isascii():
            exact = len(line) > loc1 and line[loc0:loc1] == match
        else:
            raw = line.encode("utf-8")
            if match_bytes is None:
                match_bytes = match.encode("utf-8")
            exact = len(raw) > loc1 and raw[loc0:loc1] == match_bytes
        if exact or idx == blk.line:
            pos, substring = initial_position(line, blk.text, match)
            start, end = _clamp(pos, pos + len(substring) - 1, len(line))
            return idx + 1, [start, end]
    return blk.line + 1, span


def add_alert(
    state: FileState, alert: Alert, blk: Block, rule: str, limit: int, contexts: dict[str, str]
) -> Placed | None:
    """Vale's File.AddAlert: where `alert` is reported, or None when Vale drops it."""
    ctx = contexts.get(rule, blk.context)
    match = alert.match
    span = [alert.start, alert.end]
    offsets: list[str] = []
    if len(ctx) < 1000 and ctx.count(match) > 1 and len(ctx.encode("utf-8")) < 1000:
        offsets = _WORD_SPLIT.findall(_byte_prefix(ctx, span[0]))
    count = len(state.lines)
    if not blk.lookup:
        line, span = _assign_loc(ctx, blk, alert, span)
    if blk.lookup or span[0] < 0:
        line, span = _find_loc(state, ctx, blk.text, count, alert, offsets, span)
    if span[0] <= 0:
        return None
    contexts[rule] = _substitute(ctx, match, "#")
    entry = (line, span[0], rule)
    if entry in state.history:
        return None
    if limit:
        used = state.limits.get(rule, 0)
        if used >= limit:
            return None
        state.limits[rule] = used + 1
    state.history.add(entry)
    return Placed(alert, line, span[0], span[1])


__all__ = ["Alert", "FileState", "Placed", "add_alert", "initial_position", "mask"]
