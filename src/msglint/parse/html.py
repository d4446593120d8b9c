"""HTML -> Document: the visible prose of a page, each segment traced to line, column and CSS path.

The parser is selectolax (Lexbor), not BeautifulSoup: on this project's product pages it
parses 20-50x faster (README, "Why selectolax"). Lexbor keeps no source positions, so
positions are recovered by scanning the source once, in document order, for each text node:
a text node always starts right after a `>` (the end of a tag or a comment), which makes the
search cheap and unambiguous. Text with character references (`&amp;`) is found by a small
pattern that accepts either form.
"""

from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from msglint.model import Document, Role, Segment
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
#: How far ahead of the cursor a text is looked for first (see _Locator).
FALLBACK_WINDOW = 65536
#: A character reference as HTML5 reads one: `&amp;`, `&#38;`, `&#x26;`, and the legacy
#: named references without a semicolon (`&copy`), decoded by `html.unescape`.
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)")
#: The start of a text that is surely written as itself in the source (no references).
_PLAIN_HEAD = re.compile(r"[A-Za-z0-9 ,.:;!?()/+=_%$-]{1,16}")


class _Locator:
    """Finds each text node's start in the source, moving forward only.

    The common case is one `str.find` of `>` + the text. A text whose source has character
    references (`Tom &amp; Jerry`) is found by its plain head and aligned piece by piece
    (`_align`). Both look within FALLBACK_WINDOW characters of the cursor first; beyond it
    (a text after a megabyte-long `data:` URL, say) a search runs to the end of the source
    only while a budget of 4x the source's length lasts, so texts that are nowhere to be
    found (lexbor replaced a NUL, say) cost linear time in all, not the page's length each
    (issue 14: a page of 680,000 such texts never finished).
    """

    __slots__ = ("cursor", "spare", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self.cursor = 0
        #: Characters that fruitless searches may still read.
        self.spare = 4 * len(src) + FALLBACK_WINDOW

    def text(self, raw: str) -> list[tuple[str, int]]:
        """Pieces of `raw` with their source offsets (one piece unless entities were decoded)."""
        return self._locate(raw, ">")

    def attribute(self, value: str) -> list[tuple[str, int]]:
        return self._locate(value, "")

    def skip(self, raw: str) -> None:
        """Move past the raw content of a skipped element (a script's body, say)."""
        if raw:
            pos = self._find(raw, self.cursor, far=True)
            if pos >= 0:
                self.cursor = pos + len(raw)

    def _locate(self, raw: str, before: str) -> list[tuple[str, int]]:
        skip = len(before)
        pos = self._find(before + raw, self.cursor)
        if pos >= 0:
            self.cursor = pos + skip + len(raw)
            return [(raw, pos + skip)]
        for far in (False, True):
            for pos in self._candidates(raw, before, far):
                pieces, end, misses = _align(raw, self.src, pos + skip)
                if misses <= len(raw) // 8:
                    self.cursor = end
                    return pieces
            pos = self._find(before + raw, self.cursor, far=True) if far else -1
            if pos >= 0:
                self.cursor = pos + skip + len(raw)
                return [(raw, pos + skip)]
        return [(raw, self.cursor)]

    def _candidates(self, raw: str, before: str, far: bool) -> list[int]:
        """Where `raw` may start if its source differs from it (references, NULs): at its
        plain head, else at its first character or at a reference, nearest first."""
        head = _PLAIN_HEAD.match(raw)
        found = {self._find(before + head.group(), self.cursor, far)} if head else set()
        if -1 in found or not found:
            found |= {self._find(before + raw[0], self.cursor, far)}
            found |= {self._find(before + c, self.cursor, far) for c in "&\0"}
        return sorted(p for p in found if p >= 0)

    def _find(self, needle: str, start: int, far: bool = False) -> int:
        """`src.find(needle, start)` within the window after `start`, or (`far`) beyond it
        while the search budget lasts."""
        src = self.src
        end = start + len(needle) + FALLBACK_WINDOW
        if not far:
            return src.find(needle, start, end)
        if end >= len(src) or self.spare <= 0:
            return -1
        pos = src.find(needle, end - len(needle) + 1)
        if pos < 0:
            self.spare -= len(src) - end
        return pos


def _align(raw: str, src: str, start: int) -> tuple[list[tuple[str, int]], int, int]:
    """Split decoded `raw` into pieces that each copy the source from `start` on verbatim;
    returns the pieces, where the source of `raw` ends, and how many characters differed
    unexpectedly.

    A character reference (`&amp;`) in the source becomes a piece of its own, so the
    columns after it stay exact. Stretches between references are compared as slices, so
    a long text costs a few string comparisons, not a Python step per character.
    """
    pieces: list[tuple[str, int]] = []
    n, limit = len(raw), len(src)
    i, j, misses = start, 0, 0
    piece_j, piece_i = 0, start

    def close() -> None:
        if j > piece_j:
            pieces.append((raw[piece_j:j], piece_i))

    while j < n and i < limit:
        amp = src.find("&", i, min(limit, i + n - j))
        stop = amp if amp >= 0 else min(limit, i + n - j)
        same = _common_prefix(src, i, stop, raw, j)
        i, j = i + same, j + same
        if j >= n or i >= limit:
            break
        ref = _REFERENCE.match(src, i) if src[i] == "&" else None
        decoded = html.unescape(ref.group()) if ref else ""
        if ref and decoded != ref.group() and raw.startswith(decoded, j):
            close()
            pieces.append((decoded, i))
            i, j = ref.end(), j + len(decoded)
        elif src[i] == raw[j]:  # an "&" written as itself
            i, j = i + 1, j + 1
            continue
        elif src[i] == "\0":  # lexbor drops NULs from body text
            close()
            i += 1
        elif src[i].isspace() and raw[j].isspace():  # whitespace that differs in form
            close()
            pieces.append((" ", i))
            while i < limit and src[i].isspace():
                i += 1
            while j < n and raw[j].isspace():
                j += 1
        else:  # an unexpected difference (a NUL lexbor replaced, say): one character each
            close()
            pieces.append((raw[j], i))
            i, j, misses = i + 1, j + 1, misses + 1
        piece_j, piece_i = j, i
    close()
    if j < n:
        pieces.append((raw[j:], i))
        misses += n - j
    return pieces, i, misses


def _common_prefix(src: str, i: int, stop: int, raw: str, j: int) -> int:
    """How many characters `src[i:stop]` and `raw[j:]` have in common at their start.

    Galloping (16, 32, 64... characters) then a binary search, all by slice equality:
    time grows with the length in common, never with what follows it.
    """
    hi = min(stop - i, len(raw) - j)
    lo, step = 0, 16
    while lo < hi:
        probe = min(hi, lo + step)
        if src[i + lo : i + probe] != raw[j + lo : j + probe]:
            hi = probe - 1
            break
        lo, step = probe, step * 2
    while lo < hi:  # the first difference is in (lo, hi]: binary search
        mid = (lo + hi + 1) // 2
        if src[i + lo : i + mid] == raw[j + lo : j + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


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
        loc = self.loc
        if depth > MAX_DEPTH:
            text = node.text(deep=True, separator=" ")
            if text and not text.isspace():
                for piece, offset in loc.text(text):
                    builder.add(piece, offset)
            return builder
        items: set[int] | None = None
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
                cursor = loc.cursor
                pos = find(">" + raw, cursor, cursor + len(raw) + 1 + FALLBACK_WINDOW)
                if pos >= 0:  # the common case, inlined: the text as written after a tag
                    loc.cursor = pos + 1 + len(raw)
                    builder.add(raw, pos + 1)
                else:
                    for piece, offset in loc.text(raw):
                        builder.add(piece, offset)
            elif action in (_INLINE, _BLOCK):
                kind = known[1] or _ROLE_KINDS.get(child.attributes.get("role") or "")
                if kind is None and action == _INLINE:
                    if items is None:
                        items = _item_children(node)
                    if child.mem_id in items:
                        kind = "text"  # one of a row of look-alike inline items (cells, tags)
                if kind is None and action == _INLINE:
                    builder = self.walk(child, builder, depth + 1)  # same segment
                    continue
                if builder.has_text:
                    self.flush(builder)
                    builder = SegmentBuilder(builder.kind, builder.node)
                inner = self.walk(child, SegmentBuilder(kind or "text", child), depth + 1)
                if inner.has_text:
                    self.flush(inner)
            elif action == _SKIP_RAW:
                loc.skip(child.text() or "")
                builder.space()
            elif action in (_SKIP, _BREAK):
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
    content = bound_nesting(content)  # same length: offsets into it are offsets in the file
    tree = LexborHTMLParser(content)
    walker = _Walker(content)
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
