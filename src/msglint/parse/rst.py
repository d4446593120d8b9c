"""reStructuredText -> Document: the prose of titles, paragraphs, list items, table cells and
block quotes, each piece traced to its line and column in the source.

docutils (the reference reStructuredText parser, also what Vale converts .rst files with)
builds the document tree; code (literal blocks, inline literals), comments, raw HTML and
link targets are not prose. docutils keeps line numbers but no columns, so each text piece
is found in the source moving forward only (as the HTML reader finds text nodes), which
keeps positions exact for ordinary prose and the search linear in the file's size.
Problems docutils reports (an unknown directive, say) are not findings: the rest of the
file is still read.
"""

from __future__ import annotations

from typing import Any

from msglint.model import Document, Role
from msglint.parse.textmap import SegmentBuilder

#: A block of prose and the segment kind it gives (ancestors refine it, see _kind).
_BLOCKS = ("title", "subtitle", "paragraph", "term", "rubric", "caption", "line")
_SKIP = (
    "literal",
    "literal_block",
    "doctest_block",
    "raw",
    "comment",
    "target",
    "substitution_definition",
    "math",
    "math_block",
    "system_message",
    "problematic",
)
_SETTINGS = {
    "report_level": 5,
    "halt_level": 5,
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "warning_stream": False,
    "traceback": True,
}
#: Invisible in the text (a link's target, a comment): nothing, not even a space.
_SILENT = ("target", "comment", "substitution_definition", "system_message")
#: How far ahead a text piece is looked for before it is placed at the cursor.
WINDOW = 65536


def _kind(node: Any) -> str:
    name = node.tagname
    if name in ("title", "subtitle", "rubric"):
        return "heading"
    parent = node.parent
    while parent is not None:
        tag = parent.tagname
        if tag == "list_item" or tag == "definition":
            return "list-item"
        if tag == "entry":
            return "table-cell"
        if tag == "block_quote":
            return "blockquote"
        parent = parent.parent
    return "paragraph"


class _Locator:
    __slots__ = ("cursor", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self.cursor = 0

    def find(self, text: str) -> int:
        at = self.src.find(text, self.cursor, self.cursor + WINDOW + len(text))
        if at < 0:
            return -1
        self.cursor = at + len(text)
        return at


def _text_pieces(node: Any, out: list[str]) -> None:
    from docutils import nodes

    for child in node.children:
        if isinstance(child, nodes.Text):
            out.append(str(child))
        elif child.tagname in _SILENT:
            continue
        elif child.tagname in _SKIP:
            out.append("")  # code the reader sees as a break, read as a space
        else:
            _text_pieces(child, out)


def parse_rst(
    content: str, *, source: str, role: Role, path: str, url: str | None = None
) -> Document:
    """Parse reStructuredText into prose segments with source positions."""
    from docutils.core import publish_doctree

    tree = publish_doctree(content, settings_overrides=dict(_SETTINGS))
    locator = _Locator(content)
    segments = []
    for node in tree.findall(lambda n: getattr(n, "tagname", "") in _BLOCKS):
        if any(getattr(a, "tagname", "") in _SKIP for a in _ancestors(node)):
            continue
        builder = SegmentBuilder(_kind(node))
        pieces: list[str] = []
        _text_pieces(node, pieces)
        for piece in pieces:
            if not piece:
                builder.gap()
                continue
            for i, line in enumerate(piece.split("\n")):
                if i:
                    builder.space()  # a line break inside a paragraph reads as a space
                if not line.strip():
                    continue
                at = locator.find(line)
                if at < 0:
                    at = locator.cursor
                builder.add(line, at)
        seg = builder.build()
        if seg is not None:
            segments.append(seg)
    return Document(
        source=source, role=role, path=path, format="rst", content=content, segments=segments,
        url=url,
    )  # fmt: skip


def _ancestors(node: Any) -> list[Any]:
    out = []
    parent = node.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out
