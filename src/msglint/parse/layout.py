"""Lines of a laid-out document (a PDF page's text) -> positioned prose segments.

A PDF has no paragraphs, headings or tables, only lines of glyphs. The reader (parse/pdf.py)
turns each page into `Line`s that know their text, font size and weight, where they sit on
the page and where their table cells start; this module groups them into what a reader
sees: headings (a larger or bold short line), list items (a bullet or number, with the
lines that continue it), table rows (one segment per cell) and paragraphs, and drops a
page's running header and footer (a line repeated at the top or bottom of most pages, page
numbers) so that neither text rules nor document comparison read them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from msglint.model import Segment
from msglint.parse.textmap import SegmentBuilder

#: A list item's marker: a bullet, "1." / "1)" / "a)", or "Step 3:".
LIST_MARKER = re.compile(
    r"^\s*(?:[•·▪▫◦●○■□‣⁃–—*-]\s+|\(?\d{1,3}[.)]\s+|[a-z][.)]\s+|step\s+\d{1,3}\s*[:.)–-]\s*)",
    re.IGNORECASE,
)
#: The label of a safety note; such a line always starts a block of its own.
NOTE_LABEL = re.compile(
    r"^\s*(?:⚠\s*)?(?:warning|caution|danger|notice|important|note|hinweis|warnung|achtung|vorsicht)\b",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|seite|p\.)\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/|von)\s*\d{1,4})?\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
#: A table-of-contents entry: leader dots and a page number ("Installation . . . . 12").
_TOC_ENTRY = re.compile(r"(?:\.\s*){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.IGNORECASE)
_END_OF_SENTENCE = re.compile(r"[.!?:;]['\")\]]?$")
#: Lines at the top and bottom of a page that can be a running header or footer.
CHROME_LINES = 2


@dataclass(slots=True)
class Line:
    """One line of a page: its text, where it starts in the document's content, its cells.

    `cells` holds (start, end) offsets into `text` of each table cell, when the line has
    wide gaps between runs of text; `size` and `weight` are the first glyph's font size
    and weight; `left`, `right`, `top` and `bottom` are in page units (y grows upwards).
    """

    page: int
    offset: int
    text: str
    size: float = 0.0
    weight: int = 400
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    cells: list[tuple[int, int]] = field(default_factory=list)
    #: (start, end) offsets into `text` of runs set in a monospaced font (code).
    code: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    """What grouping the lines gave: the segments and the table rows (cell text, offset)."""

    segments: list[Segment] = field(default_factory=list)
    rows: list[list[tuple[str, int]]] = field(default_factory=list)
    title: str | None = None


def chrome(lines: list[Line], pages: int) -> set[int]:
    """Indexes of running headers, footers and page numbers (repeated at a page's edge),
    and of table-of-contents entries (their page numbers differ in every reflowed copy)."""
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.text.strip():
            by_page.setdefault(line.page, []).append(i)
    edges: list[int] = []
    for indexes in by_page.values():
        edge = indexes[:CHROME_LINES] + indexes[-CHROME_LINES:]
        edges.extend(dict.fromkeys(edge))
    out = {i for i in edges if _PAGE_NUMBER.match(lines[i].text)}
    out.update(i for i, line in enumerate(lines) if _TOC_ENTRY.search(line.text))
    if pages >= 2:
        keys = Counter()
        for i in edges:
            keys[_key(lines[i].text)] += 1
        need = max(2, (pages + 1) // 2)
        out.update(i for i in edges if keys[_key(lines[i].text)] >= need)
    return out


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.casefold().split()))


def body_size(lines: list[Line]) -> float:
    """The font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_heading(line: Line, body: float) -> bool:
    text = line.text.strip()
    if not text or len(text) > 120 or len(text.split()) > 14 or line.cells:
        return False
    if text[-1] in ".,;":
        return False
    bigger = body > 0 and line.size >= body * 1.15
    if bigger:  # "1.2 Installation" set large is a numbered heading
        return True
    # A bold line of body size is a heading unless it is a list item ("1. Remove the cover").
    return line.weight >= 600 and line.size >= body * 0.95 and not LIST_MARKER.match(text)


def group(lines: list[Line], pages: int) -> Layout:
    """Headings, list items, table cells and paragraphs of `lines`, in reading order."""
    out = Layout()
    skip = chrome(lines, pages)
    body = body_size([x for i, x in enumerate(lines) if i not in skip])
    out.title = _title(lines, body)
    builder: SegmentBuilder | None = None
    prev: Line | None = None

    def flush() -> None:
        nonlocal builder
        if builder is not None:
            seg = builder.build()
            if seg is not None:
                out.segments.append(seg)
        builder = None

    if _mostly_code(lines):  # a typewriter-set document: monospace is its body text
        for line in lines:
            line.code = []
    for i, line in enumerate(lines):
        text = line.text
        if line.code and _all_code(line):
            skip.add(i)  # a line of code (a command, a listing) is not prose
        if i in skip or not text.strip():
            if i in skip or (prev is not None and line.page == prev.page):
                flush()
                prev = None if i in skip else prev
            continue
        if len(line.cells) >= 2:
            flush()
            row = []
            for start, end in line.cells:
                cell = SegmentBuilder("table-cell")
                cell.add(text[start:end], line.offset + start)
                seg = cell.build()
                if seg is not None:
                    out.segments.append(seg)
                    row.append((seg.text, line.offset + start))
            if row:
                out.rows.append(row)
            prev = None
            continue
        heading = _is_heading(line, body)
        if heading:
            if (
                builder is not None
                and builder.kind == "heading"
                and prev is not None
                and abs(prev.size - line.size) < 0.5
                and _close(prev, line)
            ):
                builder.space()
                _add(builder, line)
            else:
                flush()
                builder = SegmentBuilder("heading")
                _add(builder, line)
            prev = line
            continue
        starts_block = bool(LIST_MARKER.match(text) or NOTE_LABEL.match(text))
        if (
            builder is not None
            and builder.kind != "heading"
            and prev is not None
            and (not starts_block and _continues(prev, line))
        ):
            _join(builder, prev.text, line)
        else:
            flush()
            builder = SegmentBuilder("list-item" if LIST_MARKER.match(text) else "paragraph")
            _add(builder, line)
        prev = line
    flush()
    return out


def _title(lines: list[Line], body: float) -> str | None:
    """The first page's largest text (consecutive lines of that size), if larger than body."""
    first = [x for x in lines if x.page == 0 and x.text.strip() and not x.cells]
    first = [x for x in first if not _PAGE_NUMBER.match(x.text)][:40]
    if not first:
        return None
    size = max(x.size for x in first)
    if size < body * 1.15:
        return None
    parts: list[str] = []
    for x in first:
        if abs(x.size - size) < 0.5:
            parts.append(x.text.strip())
        elif parts:
            break
    return " ".join(parts) or None


def _close(prev: Line, line: Line) -> bool:
    """Whether `line` follows `prev` without a paragraph's gap (same page, the baselines
    at most 1.45 font sizes apart: normal leading is 1.2, a paragraph gap adds more)."""
    if line.page != prev.page:
        return False
    leading = prev.bottom - line.bottom
    return 0 < leading <= 1.45 * max(line.size, prev.size, 1.0)


def _continues(prev: Line, line: Line) -> bool:
    """Whether `line` continues the block `prev` ends (a wrapped line, or a sentence that
    runs on to the next page)."""
    if line.page != prev.page:
        first = line.text.lstrip()[:1]
        return not _END_OF_SENTENCE.search(prev.text.rstrip()) and first.islower()
    if abs(prev.size - line.size) > 0.5 or not _close(prev, line):
        return False
    # A short line ending a sentence ends its paragraph.
    return not (_END_OF_SENTENCE.search(prev.text.rstrip()) and prev.right < line.right - 40)


def _join(builder: SegmentBuilder, before: str, line: Line) -> None:
    """Append a wrapped line: a word broken with a hyphen is joined without a space."""
    tail = before.rstrip()
    if not (tail.endswith("-") and tail[-2:-1].isalpha() and line.text.lstrip()[:1].islower()):
        builder.space()
    _add(builder, line)


def _add(builder: SegmentBuilder, line: Line) -> None:
    """Append a line's text but its monospaced runs, each a gap (as `<code>` on a page)."""
    if not line.code:
        builder.add(line.text, line.offset)
        return
    pos = 0
    for a, b in line.code:
        if a > pos:
            builder.add(line.text[pos:a], line.offset + pos)
        builder.gap()
        pos = b
    if pos < len(line.text):
        builder.add(line.text[pos:], line.offset + pos)


def _all_code(line: Line) -> bool:
    """Whether every word of the line is set in a monospaced font."""
    text = line.text
    pos = 0
    for a, b in line.code:
        if text[pos:a].strip():
            return False
        pos = b
    return not text[pos:].strip()


def _mostly_code(lines: list[Line]) -> bool:
    """Whether most of the text is monospaced (a typewriter-style document, a plain-text
    file printed to PDF): then monospace says nothing about code."""
    total = code = 0
    for line in lines:
        total += len(line.text)
        code += sum(b - a for a, b in line.code)
    return total > 0 and code > 0.5 * total
