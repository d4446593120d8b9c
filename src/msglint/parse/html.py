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
from msglint.parse.htmllocate import FALLBACK_WINDOW, Locator
from msglint.parse.htmlmarks import Places, markup_comments
from msglint.parse.textmap import SegmentBuilder
from msglint.text.nesting import bound_nesting

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

#: What the walk does with an element, by kind (see `_action`).
_TEXT, _IGNORE, _SKIP_RAW, _SKIP, _IMG, _BREAK, _BLOCK, _INLINE = range(8)
_RAW_SKIPS = frozenset({"script", "style", "code", "pre", "template", "textarea"})
#: Lexbor numbers the tags of the HTML standard with small fixed ids (lexbor/tag/const.h)
#: and any other tag name with an address, different in every page: actions are
#: remembered by id only for the former.
_FIXED_IDS = 1 << 16
_ACTIONS: dict[int, tuple[int, str | None]] = {}


def _action(tag: str | None) -> tuple[int, str | None]:
    """What the walk does with an element of this tag, and the block's segment kind."""
    if tag == "-text":
        return _TEXT, None
    if tag is None or tag.startswith("-"):  # comments, doctype
        return _IGNORE, None
    if tag in SKIP_TAGS:
        return (_SKIP_RAW if tag in _RAW_SKIPS else _SKIP), None
    if tag == "img":
        return _IMG, None
    if tag == "br" or tag == "wbr":
        return _BREAK, None
    kind = BLOCK_KINDS.get(tag)
    if kind is not None or tag in _BOUNDARY_TAGS:
        return _BLOCK, kind  # None: the kind comes from an ARIA role or is "text"
    return _INLINE, None


class _Walker:
    """The page's prose segments, in one recursive walk over the elements.

    The walk is the parser's hot loop (about 700 nodes on a 60 KB product page): each
    node's tag is looked up by Lexbor's integer id in a table (`_ACTIONS`) instead of
    comparing its name with several sets, and a text found verbatim right after a `>`
    (nearly all of them) skips the Locator's general path (issue 20 profile).
    """

    def __init__(self, src: str, roles: dict[int, str] | None = None) -> None:
        self.loc = Locator(src)
        self.segments: list[Segment] = []
        #: The kinds ARIA roles give elements, by `mem_id` (see `_role_kinds`).
        self.roles = roles or {}

    def flush(self, builder: SegmentBuilder) -> None:
        seg = builder.build()
        if seg is not None:
            self.segments.append(seg)

    def walk(self, node: LexborNode, builder: SegmentBuilder, depth: int = 0) -> SegmentBuilder:
        """Walk `node`'s children into `builder`; returns the builder open after them.

        Below MAX_DEPTH (hostile pages nest thousands of tags) a subtree's text is taken
        whole, so the walk is bounded whatever the page does.
        """
        loc = self.loc
        if depth > MAX_DEPTH:
            text = node.text(deep=True, separator=" ")
            if text and not text.isspace():
                for piece, offset in loc.text(text):
                    builder.add(piece, offset)
            return builder
        items: frozenset[int] | None = None
        roles = self.roles
        actions = _ACTIONS
        src = loc.src
        find = src.find
        for child in node.iter(include_text=True):
            tag_id = child.tag_id
            known = actions.get(tag_id)
            if known is None:
                known = _action(child.tag)
                if tag_id < _FIXED_IDS:
                    actions[tag_id] = known
            action = known[0]
            if action == _TEXT:
                raw = child.text_content
                if not raw:
                    continue
                if raw.isspace():
                    builder.space()
                    continue
                if items is None:  # text of its own: no row of items (see _item_children)
                    items = _NO_ITEMS
                cursor = loc.cursor
                pos = find(">" + raw, cursor, cursor + len(raw) + 1 + FALLBACK_WINDOW)
                if pos >= 0:  # the common case, inlined: the text as written after a tag
                    loc.cursor = pos + 1 + len(raw)
                    builder.add(raw, pos + 1)
                else:
                    for piece, offset in loc.text(raw):
                        builder.add(piece, offset)
            elif action in (_INLINE, _BLOCK):
                kind = known[1]
                if kind is None and roles:
                    kind = roles.get(child.mem_id)
                if kind is None and action == _INLINE:
                    if items is None:
                        items = _item_children(node)
                    if child.mem_id in items:
                        kind = "text"  # one of a row of look-alike inline items (cells, tags)
                if kind is None and action == _INLINE:
                    builder = self.walk(child, builder, depth + 1)  # same segment
                    continue
                if builder.length:
                    self.flush(builder)
                    builder = SegmentBuilder(builder.kind, builder.node)
                inner = self.walk(child, SegmentBuilder(kind or "text", child), depth + 1)
                if inner.length:
                    self.flush(inner)
            elif action == _SKIP_RAW:
                loc.skip(child.text() or "")
                builder.gap()
            elif action == _SKIP:
                builder.gap()
            elif action == _BREAK:
                builder.space()
            elif action == _IMG:
                alt = child.attributes.get("alt")
                if alt and alt.strip():
                    alt_builder = SegmentBuilder("alt-text", child)
                    for piece, offset in loc.attribute(alt):
                        alt_builder.add(piece, offset)
                    self.flush(alt_builder)
        return builder


#: ARIA roles that make an inline element a cell or item of its own.
_ROLE_KINDS = {
    "cell": "table-cell",
    "gridcell": "table-cell",
    "columnheader": "table-cell",
    "rowheader": "table-cell",
    "listitem": "list-item",
}


def _role_kinds(tree: LexborHTMLParser) -> dict[int, str]:
    """The segment kinds ARIA roles give elements (`role="cell"`), by `mem_id`: one CSS
    query per page (20 µs) instead of every element's attributes read in the walk."""
    kinds = {}
    for node in tree.css("[role]"):
        kind = _ROLE_KINDS.get(node.attributes.get("role") or "")
        if kind is not None:
            kinds[node.mem_id] = kind
    return kinds


def _item_children(node: LexborNode) -> frozenset[int]:
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
    # Only inline children are ever asked about, and only a tag seen twice can make a row:
    # classes (a dict of every attribute per call) are read for those alone. About 200
    # calls on a 60 KB product page (issue 20 profile: 0.77 ms a page before).
    inline: list[tuple[int, LexborNode]] = []
    counts: dict[int, int] = {}
    for child in node.iter(include_text=True):
        tag_id = child.tag_id
        known = _ACTIONS.get(tag_id)
        if known is None:
            known = _action(child.tag)
        action = known[0]
        if action == _TEXT:
            raw = child.text_content
            if raw and not raw.isspace():
                return _NO_ITEMS
        elif action == _INLINE:
            inline.append((tag_id, child))
            counts[tag_id] = counts.get(tag_id, 0) + 1
    if len(counts) == len(inline):  # no tag twice
        return _NO_ITEMS
    shapes: dict[tuple[int, str], list[int]] = {}
    for tag_id, child in inline:
        if counts[tag_id] >= 2:
            shapes.setdefault((tag_id, child.attributes.get("class") or ""), []).append(
                child.mem_id
            )
    return frozenset(i for ids in shapes.values() if len(ids) >= 2 for i in ids)


_NO_ITEMS: frozenset[int] = frozenset()


def parse_html(
    content: str, *, source: str, role: Role, path: str, url: str | None = None
) -> Document:
    """Parse an HTML page into its prose segments (title, meta description, body text)."""
    content = bound_nesting(content)  # same length: offsets into it are offsets in the file
    tree = LexborHTMLParser(content)
    walker = _Walker(content, _role_kinds(tree))
    places = Places()
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
    root = tree.css_first("html")
    doc = Document(
        source=source,
        role=role,
        path=path,
        format="html",
        content=content,
        segments=walker.segments,
        url=url,
        selector_of=places.selector_of,
        comments=markup_comments(tree, content) if "<!--" in content else [],
        lang=root.attributes.get("lang") if root is not None else None,
        tree=tree,
        places=places,
    )
    return doc


def _body_start(content: str) -> int:
    m = re.search(r"<body\b[^>]*>", content, re.IGNORECASE)
    return m.start() if m else 0
