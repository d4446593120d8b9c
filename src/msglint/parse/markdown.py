"""Markdown -> Document: prose only (no front matter, code or link targets), with positions.

The parser is markdown-it-pyrs (the Rust port of markdown-it, from the markdown-it-py
maintainers): it gives every inline node a source span, so columns are exact, and it parses
about 16x faster than markdown-it-py on this project's corpus (0.13 vs 2.0 ms per KB).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

import markdown_it_pyrs
import yaml
from selectolax.lexbor import LexborHTMLParser

from msglint.model import Comment, Document, Role
from msglint.parse.html import _Walker
from msglint.parse.textmap import SegmentBuilder

_PARSER = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(
    ["table", "strikethrough", "front_matter"]
)

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_INLINE_CONTAINERS = {"paragraph": "paragraph", "heading": "heading", "tcell": "table-cell"}
_SKIP = {"fence", "code_block", "code_inline", "html_inline", "front_matter", "hr"}
#: A comment inside raw HTML of Markdown (an html_block or html_inline node's text).
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


class _ByteToChar:
    """Converts the parser's UTF-8 byte offsets to str offsets (identity for ASCII text)."""

    def __init__(self, content: str) -> None:
        self.identity = content.isascii()
        if not self.identity:
            # Byte offset just after each non-ASCII char, and the extra bytes up to there.
            self._marks: list[int] = []
            self._extra: list[int] = []
            extra = 0
            for m in _NON_ASCII.finditer(content):
                extra += len(m.group().encode("utf-8")) - 1
                self._marks.append(m.start() + extra + 1)
                self._extra.append(extra)

    def __call__(self, byte_offset: int) -> int:
        if self.identity:
            return byte_offset
        i = bisect_right(self._marks, byte_offset) - 1
        return byte_offset - (self._extra[i] if i >= 0 else 0)


class _MarkdownWalker:
    def __init__(self, content: str) -> None:
        self.content = content
        self.to_char = _ByteToChar(content)
        self.html = _Walker(content)
        self.segments = self.html.segments
        self.comments: list[Comment] = []

    def raw_html(self, node: Any) -> None:
        """Keep the comments of a raw HTML node (never inside code: fences are skipped)."""
        raw = node.meta.get("content", "")
        if "<!--" not in raw:
            return
        start = self.to_char(node.srcmap[0])
        for m in _COMMENT.finditer(raw):
            self.comments.append(Comment(m.group(1), start + m.start(), start + m.end()))

    def block(self, node: Any, kind: str) -> None:
        builder = SegmentBuilder(kind)
        self.inline(node, builder)
        self.html.flush(builder)

    def inline(self, node: Any, builder: SegmentBuilder) -> None:
        for child in node.children:
            name = child.name
            if name == "text" or name == "text_special":
                text = child.meta.get("content", "")
                if not text:
                    continue
                start = self.to_char(child.srcmap[0])
                builder.add(text, start)
            elif name in ("softbreak", "hardbreak"):
                builder.space()
            elif name == "image":
                alt = SegmentBuilder("alt-text")
                self.inline(child, alt)
                self.html.flush(alt)
            elif name in _SKIP:
                if name == "code_inline":
                    builder.gap()
                elif name == "html_inline":
                    self.raw_html(child)
            else:  # strong, em, link (its text is prose, its url is not), strikethrough
                self.inline(child, builder)

    def walk(self, node: Any, context: str | None = None) -> None:
        """The blocks under `node` in document order, depth first, with a stack of its own
        rather than Python's: "1. " 1,100 times on a line nests 1,100 lists (fuzz.py), past
        the interpreter's recursion limit."""
        stack: list[tuple[Iterator[Any], str | None]] = [(iter(node.children), context)]
        while stack:
            children, context = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                continue
            name = child.name
            if name in _INLINE_CONTAINERS:
                kind = _INLINE_CONTAINERS[name]
                self.block(child, context if name == "paragraph" and context else kind)
            elif name == "list_item":
                if any(c.name in ("text", "text_special") for c in child.children):
                    self.block(child, "list-item")  # tight list: inline children directly
                else:
                    stack.append((iter(child.children), "list-item"))
            elif name == "blockquote":
                stack.append((iter(child.children), "blockquote"))
            elif name == "html_block":
                self.html_block(child)
            elif name not in _SKIP:
                stack.append((iter(child.children), context))

    def html_block(self, node: Any) -> None:
        self.raw_html(node)
        raw = node.meta.get("content", "")
        if not raw.strip() or raw.lstrip().startswith("<!--"):
            return
        start = self.to_char(node.srcmap[0])
        tree = LexborHTMLParser(raw)
        if tree.body is None:
            return
        self.html.loc.cursor = start
        self.html.flush(self.html.walk(tree.body, SegmentBuilder("text")))


def parse_markdown(
    content: str, *, source: str, role: Role, path: str, url: str | None = None
) -> Document:
    """Parse Markdown into prose segments; front matter is kept, never linted."""
    try:
        tree = _PARSER.tree(content)
    except BaseException as exc:
        # markdown-it-pyrs panics on some hostile input (an index out of bounds in its link
        # label scanner, found by benchmarks/fuzz.py); pyo3 raises a PanicException, which
        # is a BaseException, so without this one file would stop the whole run.
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise  # KeyboardInterrupt, msglint.budget.BudgetExceeded
        raise ValueError(f"the Markdown parser failed: {str(exc)[:200]}") from None
    walker = _MarkdownWalker(content)
    raw_front: str | None = None
    for child in tree.children:
        if child.name == "front_matter":
            # Kept raw: parsing YAML costs more than the rest of a small file, and only
            # features that read front matter (suppressions) need it; see front_matter().
            raw_front = child.meta.get("content", "")
    walker.walk(tree)
    return Document(
        source=source,
        role=role,
        path=path,
        format="markdown",
        content=content,
        segments=walker.segments,
        url=url,
        comments=walker.comments,
        front_matter=raw_front,
    )


def front_matter(doc: Document) -> dict[str, Any]:
    """The document's YAML front matter as data ({} when absent or not a mapping)."""
    text = doc.front_matter
    if not text:
        return {}
    from msglint.yamlsource import load_data

    try:
        data = load_data(text)  # bounded: front matter is content, and content is hostile
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
