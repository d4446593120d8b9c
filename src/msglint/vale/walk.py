"""Vale's walk over HTML tokens: the blocks it lints, their scopes, and its running context.

A port of Vale 3.7's `lintHTMLTokens` and its walker (internal/lint/ast.go, walk.go),
kept statement for statement where the result depends on it, because Vale's alerts are
only where Vale puts them if its quirks are kept too:

- a block is the text gathered up to the next end tag of a non-inline element; its scope
  comes from the first tag of the block's tag history that has one (`li` -> `text.list`,
  `th` -> `text.table.header`, `h2` -> `text.heading.h2`, ...), and text with none is
  prose (`lintProse`: sentences, then the paragraph as `text`);
- text tokens are trimmed; after an inline tag (`a`, `code`, `strong`, ...) the next text
  gets a leading space unless it starts with `.?!,:;`; inline code, and a link whose text
  is its URL, become `*` of the same length;
- the *context* is the file's text in which everything already linted is replaced by `@`
  (ASCII characters only, as Vale does in place), and the block's line is where the last
  line of its text was found in it; alerts are placed by searching this context
  (place.py).

Comment controls (`<!-- vale off -->`, `<!-- vale Style.Rule = NO -->`) change the state
each block is linted under, exactly as the walker meets them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from msglint.vale.context import Masks, Snapshot, mask
from msglint.vale.tokens import COMMENT, END, START, TEXT, Token

SKIP_TAGS = ("script", "style", "pre", "figure", "noscript", "iframe")
SKIP_CLASSES = ("problematic", "pre", "code")
INLINE_TAGS = frozenset(
    {
        "b",
        "big",
        "i",
        "small",
        "abbr",
        "acronym",
        "cite",
        "dfn",
        "em",
        "kbd",
        "strong",
        "a",
        "br",
        "img",
        "span",
        "sub",
        "sup",
        "code",
        "tt",
        "del",
    }
)
TAG_TO_SCOPE = {
    "th": "text.table.header",
    "td": "text.table.cell",
    "caption": "text.table.caption",
    "li": "text.list",
    "blockquote": "text.blockquote",
    "figcaption": "text.figure.caption",
}
_HEADING = re.compile(r"h\d")
_PUNCT_START = frozenset(".?!,:;")
#: Go's unicode.IsSpace (strings.TrimSpace), which Python's str.strip() does not match.
GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_COMMENT_RULE = re.compile(r"^vale (.+\..+) = (YES|NO)$")
_COMMENT_MATCHES = re.compile(r"^vale (.+\..+)(\[.+\]) = (YES|NO)$")


def substitute_all(src: str, sub: str, char: str) -> tuple[str, bool]:
    """Vale's core.Substitute: the first `sub` in `src`, every rune but "\\n" as `char`."""
    idx = src.find(sub)
    if idx < 0:
        return src, False
    repl = "".join(char if c != "\n" else c for c in sub)
    return src[:idx] + repl + src[idx + len(sub) :], True


@dataclass(slots=True)
class Block:
    """One piece of text Vale lints: its text, scope, context and where to look for it."""

    text: str
    scope: str
    #: The file as Vale searches it for this block (a str, or the walker's Snapshot).
    context: str | Snapshot
    line: int
    lookup: bool
    #: The comment controls in force (None: none seen), see `Comments`.
    comments: dict[str, bool] | None = None
    #: The scope's sections ("text.heading.h1.md" -> {text, heading, h1, md}).
    sections: frozenset[str] = field(default_factory=frozenset)
    #: Position in the document's list of blocks (set by view.build).
    index: int = -1

    def ctx(self) -> str:
        context = self.context
        return context if isinstance(context, str) else context.text()


class Comments:
    """Vale's File.Comments: `off`, and rules (or `Rule[match]`) switched off or on."""

    def __init__(self) -> None:
        self.state: dict[str, bool] = {}
        self.snapshot: dict[str, bool] | None = None

    def update(self, comment: str) -> None:
        if comment == "vale off":
            self.state["off"] = True
        elif comment == "vale on":
            self.state["off"] = False
        else:
            m = _COMMENT_MATCHES.match(comment)
            if m is not None:
                import json

                try:
                    parts = json.loads(m.group(2))
                except ValueError:
                    parts = None
                if isinstance(parts, list):
                    for part in parts:
                        self.state[f"{m.group(1)}[{part}]"] = m.group(3) == "NO"
            else:
                m = _COMMENT_RULE.match(comment)
                if m is None:
                    return
                self.state[m.group(1)] = m.group(2) == "NO"
        self.snapshot = None

    def reset(self) -> None:
        for key in self.state:
            if key != "off":
                self.state[key] = False
        self.snapshot = None

    def current(self) -> dict[str, bool] | None:
        if not self.state:
            return None
        if self.snapshot is None:
            self.snapshot = dict(self.state)
        return self.snapshot


def query(comments: dict[str, bool] | None, name: str) -> bool:
    """Vale's QueryComments: is `name` switched off here?"""
    if comments is None:
        return False
    off = comments.get("off", False)
    if not off and name in comments:
        return comments[name]
    return off


class Walker:
    """The walker's state: context, line, queue of text to consume, tag history."""

    __slots__ = (
        "active_cls",
        "active_tag",
        "begin",
        "context",
        "end",
        "idx",
        "masks",
        "queue",
        "tag_history",
    )

    def __init__(self, context: str) -> None:
        self.context = context
        self.masks = Masks(context)
        self.idx = 0
        self.queue: list[str] = []
        self.tag_history: list[str] = []
        self.active_tag = ""
        self.active_cls = ""
        self.begin = 0
        self.end = 0

    def sub(self, s: str) -> bool:
        ctx = self.context
        i = ctx.find(s)
        if i < 0:
            return False
        if s:
            self.context = ctx[:i] + mask(s) + ctx[i + len(s) :]
            self.masks.ranges.append((i, i + len(s)))
        return True

    def snapshot(self) -> Snapshot:
        return Snapshot(self.masks, len(self.masks.ranges))

    def update(self, txt: str) -> None:
        if not txt:
            return
        for s in txt.split("\n"):
            if not self.sub(s):
                for f in s.split():
                    self.sub(f)

    def reset(self) -> None:
        for s in self.queue:
            self.update(s)
        self.queue = []
        self.tag_history = []

    def advance(self, text: str) -> int:
        pos = 0
        ctx = self.context
        for s in text.split("\n"):
            pos = ctx.find(s)
            if pos < 0:
                for ss in s.split():
                    pos = ctx.find(ss)
        if pos >= 0:
            line = ctx.count("\n", 0, pos)
            if line > self.idx:
                return line
        return -1

    def append(self, text: str) -> None:
        if text:
            pos = self.advance(text)
            if pos > -1:
                self.idx = pos
            self.queue.append(text)

    def last_tag(self) -> str:
        return self.tag_history[-1] if self.tag_history else self.active_tag

    def block(self, text: str, scope: str) -> tuple[str, str, int]:
        line = self.idx
        pos = self.advance(text)
        if pos != line and pos > -1:
            line = pos
        return text, scope, line


@dataclass
class Walked:
    """What a walk gives: the blocks (prose ones not yet split), summary text, counts."""

    blocks: list[tuple[Block, bool]] = field(default_factory=list)  # (block, is prose)
    summary: list[str] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)
    comments: Comments = field(default_factory=Comments)


@dataclass(frozen=True)
class Ignores:
    """`.vale.ini` settings the walk reads (core settings, every format)."""

    skipped_scopes: tuple[str, ...] = ()
    ignored_scopes: tuple[str, ...] = ()
    ignored_classes: tuple[str, ...] = ()


def go_trim(text: str) -> str:
    return text.strip(GO_SPACE)


def walk(
    tokens: list[Token], context: str, ext: str, ignores: Ignores = Ignores(), rst: bool = False
) -> Walked:
    """Vale's lintHTMLTokens over `tokens` (the file's text is `context`)."""
    skip_tags = ignores.skipped_scopes or SKIP_TAGS
    skip_classes = SKIP_CLASSES + ignores.ignored_classes
    skipped = ignores.ignored_scopes or ("tt", "code", "kbd")
    alt_ignored = "alt" in ignores.skipped_scopes
    out = Walked()
    w = Walker(context)
    buf: list[str] = []
    attr = parent_class = ""
    in_block = inline = skip = False
    comments = out.comments
    for kind, data, attrs in tokens:
        if kind == TEXT:
            txt = go_trim(data)
            if "&" in txt:
                txt = html.unescape(txt)
        else:
            txt = data.strip() if kind == COMMENT else data
        if w.active_cls and txt == w.active_cls:
            if kind == START:
                w.begin += 1
            else:
                w.end += 1
        closed = bool(w.active_cls) and w.begin == w.end and w.begin > 0
        cls = attrs.get("class", "") if attrs else ""
        skip_class = bool(cls) and _has_class(cls, skip_classes)
        block_skip = skip_class and txt not in INLINE_TAGS
        if kind == START and (txt in skip_tags or block_skip):
            if block_skip:
                w.active_cls = txt
                w.begin = 1
                w.end = 0
            in_block = True
            out.metrics[txt] = out.metrics.get(txt, 0) + 1
        elif in_block and (txt in skip_tags or closed):
            in_block = False
            if closed:
                w.active_cls = ""
                w.begin = w.end = 0
        elif kind == START:
            if txt in ("em", "b") and w.last_tag() == "code":
                txt = "code"
            inline = txt in INLINE_TAGS
            skip = txt in skipped
            w.tag_history.append(txt)
            w.active_tag = txt
        elif kind == END and txt in INLINE_TAGS:
            w.active_tag = ""
        elif kind == COMMENT:
            comments.update(txt)
            w.update(txt)
        elif kind == TEXT:
            skip = skip or (rst and _rst_skipped(w.tag_history))
            w.append(txt)
            if not in_block and txt:
                skip_class = bool(parent_class) and _has_class(parent_class, skip_classes)
                txt, skip = _clean(txt, attr, skip or skip_class, inline)
                buf.append(txt)
        if kind == END and txt not in INLINE_TAGS:
            content = "".join(buf)
            if content.strip():
                _lint_scope(out, w, content, ext)
            w.reset()
            buf = []
        attr = attrs.get("href", "") if attrs else ""
        parent_class = cls
        if attrs and data in ("img", "a", "p", "script"):
            for key in ("href", "id", "src"):
                value = attrs.get(key)
                if value is not None:
                    if key == "href" and "%" in value:
                        value = _query_unescape(value)
                    w.update(value)
        if attrs and data == "img" and not alt_ignored and "alt" in attrs:
            text, scope, line = w.block(attrs["alt"], "text.attr.alt")
            out.blocks.append(
                (Block(text, scope, w.snapshot(), line, False, comments.current()), False)
            )
            # The alt text is consumed with the block around the image (Vale masks it in
            # the context at the next block end, as it does the block's own text).
            w.queue.append(attrs["alt"])
    return out


def _lint_scope(out: Walked, w: Walker, txt: str, ext: str) -> None:
    for tag in w.tag_history:
        scope = TAG_TO_SCOPE.get(tag)
        if (scope is not None and tag not in INLINE_TAGS) or _HEADING.fullmatch(tag):
            if scope in ("text.blockquote", "text.list"):
                out.summary.append(txt)
            if scope is None:
                scope = "text.heading." + tag
            key = scope[5:]
            out.metrics[key] = out.metrics.get(key, 0) + 1
            txt = txt.lstrip(" ")
            text, sel, line = w.block(txt, scope + ext)
            out.blocks.append(
                (Block(text, sel, w.snapshot(), line, False, out.comments.current()), False)
            )
            return
    out.summary.append(txt)
    text, sel, line = w.block(txt, "txt")
    out.blocks.append((Block(text, sel, w.snapshot(), line, False, out.comments.current()), True))


def _has_class(attr: str, ignore: tuple[str, ...]) -> bool:
    return any(c in ignore for c in attr.split(" "))


def _clean(txt: str, attr: str, skip: bool, inline: bool) -> tuple[str, bool]:
    starter = txt[0] in _PUNCT_START and not skip
    if skip or attr == txt:
        txt = "*" * len(txt) if "\n" not in txt else "".join(c if c == "\n" else "*" for c in txt)
        skip = False
    if inline and not starter:
        txt = " " + txt
    return txt, skip


def _rst_skipped(history: list[str]) -> bool:
    n = len(history)
    for i in range(n - 1, -1, -1):
        if history[i] == "span":
            continue
        return history[i] == "tt" and i + 1 != n
    return False


def _query_unescape(value: str) -> str:
    from urllib.parse import unquote_plus

    try:
        return unquote_plus(value, errors="strict")
    except UnicodeDecodeError:
        return value
