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
from bisect import bisect_right
from dataclasses import dataclass, field

from msglint.vale.walk import Block, mask

_WORD_SPLIT = re.compile(r"\S+")


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
    #: Line starts of the file's contexts (masking keeps every newline where it is, so
    #: every context of a file has the same ones), with the context's length and whether
    #: the file is ASCII.
    starts: tuple[int, list[int], bool] | None = None


def _mask_all(text: str, char: str = "@") -> str:
    """Every rune of `text` but "\n" replaced by `char` (one call per line, not per rune)."""
    if "\n" not in text:
        return char * len(text)
    return "\n".join([char * len(part) for part in text.split("\n")])


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


def _word(c: str) -> bool:
    """A word character for Go's ASCII `\\b`."""
    return c.isascii() and (c.isalnum() or c == "_")


def initial_position(ctx: str, txt: str, match: str) -> tuple[int, str]:
    """Vale's initialPosition: 1-based column of `match` in `ctx` (-1: not found).

    Vale masks what precedes the block's text, then searches
    `(?:^|\\b|_)match(?:_|\\b|$)` (ASCII word boundaries), else any occurrence; the same
    first hit is found here with str.find, not a regex compiled per matched text (the
    tests check the two agree).
    """
    if match == "":
        return 1, ""
    offset = ctx.find(txt)
    if offset > 0:
        ctx = _mask_all(ctx[:offset]) + ctx[offset:]
    n = len(match)
    size = len(ctx)
    start = -1
    i = ctx.find(match)
    first = i
    while i >= 0:
        e = i + n
        right = e == size or ctx[e] == "_" or _word(ctx[e - 1]) != _word(ctx[e])
        if right:
            if i > 0 and ctx[i - 1] == "_":
                start = i - 1
                break
            if i == 0 or _word(ctx[i - 1]) != _word(ctx[i]):
                start = i
                break
        i = ctx.find(match, i + 1)
    if start < 0:
        if first < 0:
            return _guess(ctx, txt, match)
        start = first
    if ctx.startswith("_", start):
        start += 1
    return start + 1, match


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


def _lines_of(state: FileState, ctx: str) -> tuple[list[int], bool]:
    """Line start offsets of a context, and whether it is ASCII.

    Every context of a file (the walker's masked copies, and `_substitute`'s) keeps the
    file's length and newlines, so the offsets are computed once per file.
    """
    found = state.starts
    if found is None or found[0] != len(ctx):
        starts = [0]
        at = ctx.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = ctx.find("\n", at + 1)
        found = state.starts = (len(ctx), starts, all(line.isascii() for line in state.lines))
    if found[2]:  # every context of an ASCII file is ASCII
        return found[1], True
    return found[1], ctx.isascii()


def _assign_loc(
    state: FileState, ctx: str, blk: Block, alert: Alert, span: list[int]
) -> tuple[int, list[int]]:
    """Vale's assignLoc: on the first line where the block's span holds the match, or on
    the block's line, search the match in that line."""
    loc0, loc1 = span
    if loc0 < 0 or loc1 < 0:
        return blk.line + 1, span
    match = alert.match
    starts, ascii_ctx = _lines_of(state, ctx)
    count = len(starts)
    target = blk.line if 0 <= blk.line < count else -1
    if ascii_ctx and match:
        # `exact` (the line's [loc0:loc1] is the match) can only hold where the match
        # occurs; the first such line before the block's line wins.
        limit = starts[target + 1] if 0 <= target < count - 1 else len(ctx)
        at = ctx.find(match, 0, limit + len(match))
        while at >= 0:
            line = bisect_right(starts, at) - 1
            if target != -1 and line >= target:
                break
            end = starts[line + 1] if line + 1 < count else len(ctx)
            if at - starts[line] == loc0 and end - starts[line] > loc1:
                target = line
                break
            at = ctx.find(match, at + 1)
    else:
        match_bytes = match.encode("utf-8")
        for idx, text in enumerate(split_after(ctx)):
            if idx == target:
                break
            raw = text.encode("utf-8") if not text.isascii() else None
            if raw is None:
                exact = len(text) > loc1 and text[loc0:loc1] == match
            else:
                exact = len(raw) > loc1 and raw[loc0:loc1] == match_bytes
            if exact:
                target = idx
                break
    if target < 0:
        return blk.line + 1, span
    end = starts[target + 1] if target + 1 < count else len(ctx)
    line_text = ctx[starts[target] : end]
    pos, substring = initial_position(line_text, blk.text, match)
    start, stop = _clamp(pos, pos + len(substring) - 1, len(line_text))
    return target + 1, [start, stop]


def add_alert(
    state: FileState, alert: Alert, blk: Block, rule: str, limit: int, contexts: dict[str, str]
) -> Placed | None:
    """Vale's File.AddAlert: where `alert` is reported, or None when Vale drops it."""
    ctx = contexts.get(rule)
    if ctx is None:
        ctx = blk.ctx()
    match = alert.match
    span = [alert.start, alert.end]
    offsets: list[str] = []
    if len(ctx) < 1000 and ctx.count(match) > 1 and len(ctx.encode("utf-8")) < 1000:
        offsets = _WORD_SPLIT.findall(_byte_prefix(ctx, span[0]))
    count = len(state.lines)
    if not blk.lookup:
        line, span = _assign_loc(state, ctx, blk, alert, span)
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
