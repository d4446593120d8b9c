"""HTML -> Document: the visible prose of a page, each segment traced to line, column and CSS path.

The parser is selectolax (Lexbor), not BeautifulSoup: on this project's product pages it
parses 20-50x faster (README, "Why selectolax"). Lexbor keeps no source positions, so
positions are recovered by scanning the source once, in document order, for each text node:
a text node always starts right after a `>` (the end of a tag or a comment), which makes the
search cheap and unambiguous. Text with character references (`&amp;`) is found by a small
pattern that accepts either form.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from msglint.model import Document, Role, Segment
from msglint.parse.textmap import SegmentBuilder

#: Elements whose content is not prose a reader sees.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "textarea",
        "select",
        "head",
    }
)

#: Elements that end the current segment and start their own, with the segment kind they give.
BLOCK_KINDS: dict[str, str] = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "p": "paragraph",
    "li": "list-item",
    "dt": "list-item",
    "dd": "list-item",
    "td": "table-cell",
    "th": "table-cell",
    "blockquote": "blockquote",
    "caption": "text",
    "figcaption": "text",
}
_BOUNDARY_TAGS = frozenset(
    {
        "html",
        "body",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "form",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "ul",
        "ol",
        "dl",
        "figure",
        "details",
        "summary",
        "address",
        "fieldset",
        "legend",
        "button",
        "label",
        "option",
        "hr",
    }
)
#: Nesting depth beyond which a subtree's text is read in one piece (see _Walker.walk).
MAX_DEPTH = 150
#: How far ahead the slow, entity-tolerant search looks; bounds hostile pages to linear time.
FALLBACK_WINDOW = 65536
_ENTITY = re.compile(r"&#?\w+;")


class _Locator:
    """Finds each text node's start in the source, moving forward only."""

    __slots__ = ("cursor", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self.cursor = 0

    def text(self, raw: str) -> list[tuple[str, int]]:
        """Pieces of `raw` with their source offsets (one piece unless entities were decoded)."""
        pos = self.src.find(">" + raw, self.cursor)
        if pos >= 0:
            self.cursor = pos + 1 + len(raw)
            return [(raw, pos + 1)]
        m = _entity_tolerant(raw).search(self.src, self.cursor, self.cursor + FALLBACK_WINDOW)
        if m:
            self.cursor = m.end()
            return _align(raw, self.src, m.start() + 1, m.end())
        return [(raw, self.cursor)]

    def attribute(self, value: str) -> list[tuple[str, int]]:
        pos = self.src.find(value, self.cursor)
        if pos >= 0:
            self.cursor = pos + len(value)
            return [(value, pos)]
        m = _entity_tolerant(value, anchored=False).search(
            self.src, self.cursor, self.cursor + FALLBACK_WINDOW
        )
        if m:
            self.cursor = m.end()
            return _align(value, self.src, m.start(), m.end())
        return [(value, self.cursor)]

    def skip(self, raw: str) -> None:
        """Move past the raw content of a skipped element (a script's body, say)."""
        if raw:
            pos = self.src.find(raw, self.cursor)
            if pos >= 0:
                self.cursor = pos + len(raw)


def _entity_tolerant(raw: str, anchored: bool = True) -> re.Pattern[str]:
    parts = []
    for ch in raw[:200]:
        if ch.isspace():
            parts.append(r"\s+" if not parts or parts[-1] != r"\s+" else "")
        elif ch.isalnum():
            parts.append(re.escape(ch))
        else:
            parts.append(f"(?:{re.escape(ch)}|&#?\\w+;)")
    return re.compile((">" if anchored else "") + "".join(parts))


def _align(raw: str, src: str, start: int, end: int) -> list[tuple[str, int]]:
    """Split decoded `raw` into pieces that each copy `src[start:end]` verbatim.

    A character reference (`&amp;`) in the source becomes a piece of its own, so the
    columns after it stay exact.
    """
    pieces: list[tuple[str, int]] = []
    i, j, piece_start, piece_src = start, 0, 0, start
    while j < len(raw) and i < end:
        entity = _ENTITY.match(src, i) if src[i] == "&" else None
        if entity is None and src[i] == raw[j]:
            i += 1
            j += 1
            continue
        if raw[piece_start:j]:
            pieces.append((raw[piece_start:j], piece_src))
        if entity is not None:
            pieces.append((raw[j], i))
            i, j = entity.end(), j + 1
        elif src[i].isspace() or raw[j].isspace():  # whitespace that differs in form
            ws_src = i
            while i < end and src[i].isspace():
                i += 1
            while j < len(raw) and raw[j].isspace():
                j += 1
            pieces.append((" ", ws_src))
        else:  # an unexpected difference: keep going, one character each
            pieces.append((raw[j], i))
            i, j = i + 1, j + 1
        piece_start, piece_src = j, i
    if raw[piece_start:]:
        pieces.append((raw[piece_start:], piece_src))
    return pieces


def css_path(node: LexborNode | None) -> str | None:
    """A CSS path that selects `node`: `#id` where an ancestor has one, else nth-of-type steps."""
    steps: list[str] = []
    while node is not None and node.tag not in (None, "-document", "html"):
        tag = node.tag
        if tag is None or tag.startswith("-"):
            node = node.parent
            continue
        node_id = node.attributes.get("id")
        if node_id and re.fullmatch(r"[A-Za-z][\w-]*", node_id):
            steps.append(f"{tag}#{node_id}")
            break
        if tag == "body":
            steps.append("body")
            break
        index, total = 1, 0
        sib = node.prev
        while sib is not None:
            if sib.tag == tag:
                index += 1
            sib = sib.prev
        parent = node.parent
        if parent is not None:
            total = sum(1 for c in parent.iter() if c.tag == tag)
        steps.append(f"{tag}:nth-of-type({index})" if total > 1 else tag)
        node = node.parent
    return " > ".join(reversed(steps)) or None


def _segment_selector(segment: Segment) -> str | None:
    return css_path(segment.node)


class _Walker:
    def __init__(self, src: str) -> None:
        self.loc = _Locator(src)
        self.segments: list[Segment] = []

    def flush(self, builder: SegmentBuilder) -> None:
        seg = builder.build()
        if seg is not None:
            self.segments.append(seg)

    def walk(self, node: LexborNode, builder: SegmentBuilder, depth: int = 0) -> SegmentBuilder:
        """Walk `node`'s children into `builder`; returns the builder open after them.

        Below MAX_DEPTH (hostile pages nest thousands of tags) a subtree's text is taken
        whole, so the walk is bounded whatever the page does.
        """
        if depth > MAX_DEPTH:
            text = node.text(deep=True, separator=" ")
            if text and not text.isspace():
                for piece, offset in self.loc.text(text):
                    builder.add(piece, offset)
            return builder
        items: set[int] | None = None
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                raw = child.text_content
                if raw and not raw.isspace():
                    for piece, offset in self.loc.text(raw):
                        builder.add(piece, offset)
                elif raw:
                    builder.space()
                continue
            if tag is None or tag.startswith("-"):  # comments, doctype
                continue
            if tag in SKIP_TAGS:
                if tag in ("script", "style", "code", "pre", "template", "textarea"):
                    self.loc.skip(child.text() or "")
                builder.space()
                continue
            if tag == "img":
                alt = child.attributes.get("alt")
                if alt and alt.strip():
                    alt_builder = SegmentBuilder("alt-text", child)
                    for piece, offset in self.loc.attribute(alt):
                        alt_builder.add(piece, offset)
                    self.flush(alt_builder)
                continue
            if tag == "br" or tag == "wbr":
                builder.space()
                continue
            kind = BLOCK_KINDS.get(tag) or _ROLE_KINDS.get(child.attributes.get("role") or "")
            if kind is None and tag not in _BOUNDARY_TAGS:
                if items is None:
                    items = _item_children(node)
                if child.mem_id in items:
                    kind = "text"  # one of a row of look-alike inline items (cells, tags)
            if kind is not None or tag in _BOUNDARY_TAGS:
                if builder.has_text:
                    self.flush(builder)
                    builder = SegmentBuilder(builder.kind, builder.node)
                inner = self.walk(child, SegmentBuilder(kind or "text", child), depth + 1)
                if inner.has_text:
                    self.flush(inner)
                continue
            builder = self.walk(child, builder, depth + 1)  # inline element: same segment
        return builder


#: ARIA roles that make an inline element a cell or item of its own.
_ROLE_KINDS = {
    "cell": "table-cell",
    "gridcell": "table-cell",
    "columnheader": "table-cell",
    "rowheader": "table-cell",
    "listitem": "list-item",
}


def _item_children(node: LexborNode) -> set[int]:
    """Inline children of `node` that a reader sees as separate items, not one phrase.

    Grids and flex rows of `<span class="cell">Free</span><span class="cell">Free</span>`
    are laid out as cells by CSS, which the parser does not apply; read as one run of text
    they join into "Free Free" (a repeated word) or "FreeFree". Two or more sibling
    elements with the same tag and class, in a parent with no text of its own between
    them, are such a row: each becomes a segment of its own. A sentence with inline markup
    (`<p>Use <b>SSO</b> or <b>SAML</b></p>`) has text between its elements and stays whole;
    differently classed parts of one price (`<span class="amount">` and `<span
    class="period">`) stay whole too.
    """
    shapes: dict[tuple[str, str], list[int]] = {}
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            if (child.text_content or "").strip():
                return set()
            continue
        if tag is None or tag.startswith("-") or tag in BLOCK_KINDS or tag in _BOUNDARY_TAGS:
            continue
        shapes.setdefault((tag, child.attributes.get("class") or ""), []).append(child.mem_id)
    return {i for ids in shapes.values() if len(ids) >= 2 for i in ids}


def parse_html(
    content: str, *, source: str, role: Role, path: str, url: str | None = None
) -> Document:
    """Parse an HTML page into its prose segments (title, meta description, body text)."""
    tree = LexborHTMLParser(content)
    walker = _Walker(content)
    title = tree.css_first("title")
    if title is not None:
        text = title.text() or ""
        if text.strip():
            b = SegmentBuilder("title", title)
            for piece, offset in walker.loc.text(text):
                b.add(piece, offset)
            walker.flush(b)
    for meta in tree.css('meta[name="description" i]'):
        value = meta.attributes.get("content")
        if value and value.strip():
            b = SegmentBuilder("meta-description", meta)
            for piece, offset in walker.loc.attribute(value):
                b.add(piece, offset)
            walker.flush(b)
    body = tree.body
    if body is not None:
        walker.loc.cursor = max(walker.loc.cursor, _body_start(content))
        walker.flush(walker.walk(body, SegmentBuilder("text", body)))
    lang = tree.css_first("html")
    meta = {"lang": lang.attributes.get("lang")} if lang is not None else {}
    doc = Document(
        source=source,
        role=role,
        path=path,
        format="html",
        content=content,
        segments=walker.segments,
        url=url,
        meta=meta,
        selector_of=_segment_selector,
        tree=tree,
    )
    return doc


def _body_start(content: str) -> int:
    m = re.search(r"<body\b[^>]*>", content, re.IGNORECASE)
    return m.start() if m else 0
