"""A parsed file or page (Document, Segment) and where evidence is in it (Location)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Any

from msglint.model.common import Role
from msglint.model.state import quick_state

#: The kinds of prose segment a parser emits; rule scopes select among them.
SEGMENT_KINDS: tuple[str, ...] = (
    "heading",
    "paragraph",
    "list-item",
    "table-cell",
    "blockquote",
    "alt-text",
    "title",
    "meta-description",
    "text",
)


@dataclass(slots=True)
class Segment:
    """A run of prose as the reader sees it, with a map back to the source text.

    `runs` holds `(text_offset, source_offset)` pairs, one per stretch of `text` that was
    copied verbatim from the source; whitespace collapsing and skipped markup start a new
    stretch. That keeps every match traceable to its exact line and column at the cost of a
    few tuples per segment instead of one integer per character.
    """

    kind: str
    text: str
    runs: list[tuple[int, int]]
    node: Any = None  # parser-specific handle, used only to build a CSS path on demand
    #: Where the whole segment is when it is not in the document's text (a catalog cell):
    #: evidence inside it points here.
    where: Location | None = None
    #: The spans of `text` that are not prose (addresses, codes: values/tokens.py),
    #: computed on first use by the text rules; None until then.
    nonprose: Any = None
    #: Offsets in `text` where skipped inline content stood (`<code>`, `<kbd>`, an inline
    #: code span): the words either side were not next to each other for the reader.
    gaps: tuple[int, ...] = ()

    def spans_gap(self, start: int, end: int) -> bool:
        """Whether `text[start:end]` joins words that skipped content stood between
        ("Set to <code>false</code> to ..." is no repeated "to to")."""
        gaps = self.gaps  # in increasing order: the first gap after `start` decides
        i = bisect_right(gaps, start)
        return i < len(gaps) and end > gaps[i] + 1

    def source_offset(self, text_offset: int) -> int:
        """Offset in the document's source of the character at `text_offset` in `text`."""
        if not self.runs:
            return 0
        i = bisect_right(self.runs, (text_offset, float("inf"))) - 1
        if i < 0:
            i = 0
        t0, s0 = self.runs[i]
        return s0 + (text_offset - t0)


@quick_state
@dataclass(frozen=True, slots=True)
class Comment:
    """A markup comment as the parser found it (`<!-- ... -->`): its text between the
    delimiters and its span in the source (offsets), for inline suppressions."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """One parsed file or page: its prose segments and enough of its source for evidence.

    Besides prose, the parser hands on what later stages read from the markup itself: the
    comments (outside code: a suppression directive), the raw front matter, the page's
    language. `meta` holds what later stages compute once per document (a cache).
    """

    source: str
    role: Role
    path: str
    format: str
    content: str
    segments: list[Segment] = field(default_factory=list)
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    selector_of: Callable[[Segment], str | None] | None = None
    #: The parsed HTML tree (selectolax), for extraction; None for other formats.
    tree: Any = None
    #: The HTML parser's per-page memory of element positions, so CSS paths for
    #: extraction's evidence cost one pass per parent (parse/htmlmarks.py `Places`).
    places: Any = None
    #: Comments outside code, in source order.
    comments: list[Comment] = field(default_factory=list)
    #: Markdown front matter as written (YAML), None without one.
    front_matter: str | None = None
    #: The language the page declares (`<html lang>`), if any.
    lang: str | None = None
    #: The title a PDF or DOCX declares (its metadata, else its first heading).
    title: str | None = None
    #: Table rows of a PDF or DOCX: each cell's text and its offset in `content`.
    rows: list[list[tuple[str, int]]] = field(default_factory=list)
    #: What the parser could not read of a document it read in part (pages without text).
    problems: list[str] = field(default_factory=list)
    #: Paged documents (PDF, a DOCX with page breaks): the `content` offset where each page
    #: begins, so evidence reads "page 3, line 12" (the line within its page).
    pages: list[int] | None = None
    _line_starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; the line table is built on first use."""
        if self._line_starts is None:
            # Line lengths by one split, summed by accumulate: C loops, where a `find` per
            # line was a Python step per line (a 60 KB page has about 1,000).
            lengths = map(len, self.content.split("\n"))
            self._line_starts = [0, *accumulate(n + 1 for n in lengths)][:-1]
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def page_line(self, offset: int) -> tuple[int | None, int, int]:
        """(page, line within that page, column) of a source offset; page None if unpaged."""
        line, column = self.position(offset)
        if not self.pages:
            return None, line, column
        page = max(1, bisect_right(self.pages, offset))
        first, _ = self.position(self.pages[page - 1])
        return page, line - first + 1, column


@quick_state
@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding's evidence is: file or URL, line and column, CSS path for HTML.

    In a paged document (PDF) `page` is set and `line` counts from the top of that page.
    """

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    selector: str | None = None
    url: str | None = None
    segment: str | None = None
    #: A catalog cell's column, as the file names it ("Unit Price", "g:price").
    cell: str | None = None
    #: In a paged document (PDF): the page, and `line` counts from its top.
    page: int | None = None

    @property
    def anchor(self) -> str | None:
        """The place inside the file or page, for a person: the CSS path, or the catalog
        column ("column 'Unit Price'")."""
        if self.selector:
            return self.selector
        return f"column {self.cell!r}" if self.cell else None


def match_location(doc: Document, segment: Segment, start: int, end: int) -> Location:
    """The Location of `segment.text[start:end]` in `doc`, for a finding's evidence."""
    if segment.where is not None:
        return replace(segment.where, segment=segment.kind)
    page, line, column = doc.page_line(segment.source_offset(start))
    end_page, end_line, end_column = doc.page_line(segment.source_offset(max(start, end - 1)) + 1)
    if end_page != page:  # a match running over a page break ends at its first page's end
        end_line, end_column = line, column + (end - start)
    return Location(
        path=doc.path,
        page=page,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        selector=doc.selector_of(segment) if doc.selector_of else None,
        url=doc.url,
        segment=segment.kind,
    )


def document_location(doc: Document) -> Location:
    """The Location of a whole document (a required statement that is missing, say)."""
    return Location(path=doc.path, line=1, column=1, url=doc.url, page=1 if doc.pages else None)


def place_text(loc: Location) -> str:
    """`page 3, line 12` for a paged document, `12:5` otherwise ("" when there is no line):
    the one wording every reporter uses for a position."""
    if loc.page is not None:
        return f"page {loc.page}" + (f", line {loc.line}" if loc.line else "")
    if not loc.line:
        return ""
    return f"{loc.line}:{loc.column}" if loc.column else str(loc.line)
