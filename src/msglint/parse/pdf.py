"""PDF -> Document: the text in reading order, with page and line positions and table rows.

The reader is pypdfium2 (Google's PDFium, BSD/Apache licensed). Measured on this project's
machine (`python benchmarks/documents.py --part readers`, README "Documents"): its bare text
extraction was 5-27x faster than pypdf and about 100x faster than pdfplumber on generated
manuals and two real pdfTeX manuals, and it was the only one of the three that kept both
reading order (column by column, where pdfplumber's default layout interleaves two columns
line by line) and table rows on one line (pypdf puts every cell on a line of its own).
PDFium also joins words hyphenated at a line end (it marks the break with U+FFFE). The
layout pass below (font sizes, positions, gaps) costs 2.5-3.7x the bare extraction; with
it msglint read 68-93 pages/s on a 2-core machine under heavy load. PyMuPDF is not used: it is
AGPL-licensed, which would bind every distributor of msglint.

The document's `content` is the text of each page, one PDF line per content line, so a
finding's Location says "page 3, line 12": the twelfth line of text on page 3 as PDFium
reads it. Table cells come from wide gaps between runs of text on one line (a spec table
without ruling lines is found too); `Document.rows` keeps them for the spec reader.

Bounds, because a PDF is hostile input: the file size (the source's `max_file_size`), at
most MAX_PAGES pages (the rest is reported, not read), at most MAX_PAGE_CHARS characters
per page and MAX_CHARS per document, and time and memory: PDFium runs in a helper child
process (msglint.parse.isolate) that is stopped past the item's time budget, so a page
built to keep PDFium busy, or to crash it, costs that file only. Encrypted, corrupt and
image-only PDFs, and stopped reads, raise UnreadableDocument with the reason; the run goes
on with the other files.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import fields
from typing import Any

from msglint.model import Document, Role
from msglint.parse import UnreadableDocument
from msglint.parse.layout import Line, group

MAX_PAGES = 2000
MAX_PAGE_CHARS = 200_000
MAX_CHARS = 20_000_000
#: A gap wider than this many font sizes between two runs of text can separate table cells.
CELL_GAP = 1.5
_MARKER_CELL = re.compile(
    r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|[•·▪●○■–*-]|step\s+\d{1,3}:?)\s*$", re.I
)
_SPACES = re.compile(r" +")
_LINE_FIELDS = tuple(f.name for f in fields(Line))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")


def parse_pdf(
    data: bytes, *, source: str, role: Role, path: str, url: str | None = None
) -> Document:
    """Read a PDF's text layer into a paged Document (raises UnreadableDocument)."""
    total, lines, pages, starts, empty, problems = _read_isolated(data)
    if not any(line.text.strip() for line in lines):
        raise UnreadableDocument(
            f"the PDF has no text layer ({total} page(s) of images, a scan?); "
            "msglint reads text, it does not run OCR"
        )
    if empty:
        problems.append(f"{_ranges(empty)} ha{'s' if len(empty) == 1 else 've'} no text layer")
    content = "".join(lines_text for lines_text in pages)
    layout = group(lines, len(pages))
    doc = Document(
        source=source,
        role=role,
        path=path,
        format="pdf",
        content=content,
        segments=layout.segments,
        url=url,
        pages=starts,
        rows=layout.rows,
        title=layout.title,
        problems=problems,
    )
    return doc


#: Seconds a PDF's text layer may take to read when no time budget is armed (the engine
#: arms `document_timeout`; this bounds other callers, such as the benchmarks).
PDF_SECONDS = 60.0
#: How much sooner than the item's time budget a PDF read is stopped, so that the file
#: gets its own reason ("reading the PDF took longer than ...") rather than the budget's.
_MARGIN = 0.25


def _read_isolated(
    data: bytes,
) -> tuple[int, list[Line], list[str], list[int], list[int], list[str]]:
    """`_text_layer(data)` in a child process with a time and memory bound (see
    msglint.parse.isolate for why), or in-process where there is no fork."""
    from msglint import budget
    from msglint.parse import isolate

    if not isolate.can_isolate():
        total, rows, pages, starts, empty, problems = _text_layer(data, MAX_PAGES)
    else:
        left = budget.remaining()
        seconds = PDF_SECONDS if left is None else max(left - _MARGIN, 0.05)
        try:
            total, rows, pages, starts, empty, problems = isolate.call(
                _text_layer, (data, MAX_PAGES), seconds, "reading the PDF"
            )
        except isolate.Stopped as exc:
            raise UnreadableDocument(str(exc)) from None
    return total, [Line(*row) for row in rows], pages, starts, empty, problems


def _text_layer(
    data: bytes, max_pages: int
) -> tuple[int, list[tuple[Any, ...]], list[str], list[int], list[int], list[str]]:
    """PDFium's part: (page count, lines, page texts, page starts, empty pages, problems).

    `max_pages` is passed rather than read here: the helper child was forked earlier.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(_open_error(str(exc))) from None
    problems: list[str] = []
    try:
        total = len(pdf)
        if total > max_pages:
            problems.append(f"only the first {max_pages:,} of {total:,} pages were read")
        lines, pages, starts, empty = _read_pages(pdf, min(total, max_pages), problems)
    finally:
        pdf.close()
    # Lines travel back from the child as tuples: pickling slotted dataclasses cost 2.5x.
    rows = [astuple_line(line) for line in lines]
    return total, rows, pages, starts, empty, problems


def astuple_line(line: Line) -> tuple[Any, ...]:
    """A Line's fields in order (Line(*fields) is the line again)."""
    return tuple(getattr(line, name) for name in _LINE_FIELDS)


def _open_error(reason: str) -> str:
    if "password" in reason.lower():
        return "the PDF is encrypted (it needs a password to open); msglint cannot read it"
    if "format" in reason.lower() or "file" in reason.lower():
        return "not a readable PDF (the file is damaged or is not a PDF)"
    return f"not a readable PDF ({reason})"


def _read_pages(
    pdf: Any, count: int, problems: list[str]
) -> tuple[list[Line], list[str], list[int], list[int]]:
    lines: list[Line] = []
    pages: list[str] = []
    starts: list[int] = []
    empty: list[int] = []
    offset = 0
    for index in range(count):
        if offset >= MAX_CHARS:
            problems.append(f"only the first {index} pages were read ({MAX_CHARS:,} characters)")
            break
        starts.append(offset)
        page = pdf[index]
        try:
            text, page_lines = _page_lines(page, index, offset)
        finally:
            page.close()
        if not text.strip():
            empty.append(index + 1)
        lines.extend(page_lines)
        pages.append(text)
        offset += len(text)
    return lines, pages, starts, empty


def _page_lines(page: Any, index: int, offset: int) -> tuple[str, list[Line]]:
    """One page's text (each line ending in a newline) and its Lines."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        count = min(textpage.count_chars(), MAX_PAGE_CHARS)
        raw_text = textpage.get_text_range(0, count) if count > 0 else ""
        tp = textpage.raw
        same_index = len(raw_text) == count
        left, right, bottom, top, x, y = (ctypes.c_double() for _ in range(6))

        def char_index(i: int) -> int:
            return i if same_index else raw.FPDFText_GetCharIndexFromTextIndex(tp, i)

        def generated(i: int) -> bool:
            return raw.FPDFText_IsGenerated(tp, char_index(i)) == 1

        def box(i: int) -> tuple[float, float, float, float]:
            raw.FPDFText_GetCharBox(tp, char_index(i), left, right, bottom, top)
            return left.value, right.value, bottom.value, top.value

        mono = _MonoFonts(tp, char_index)
        out: list[Line] = []
        parts: list[str] = []
        pos = 0
        here = offset
        for raw_line in raw_text.split("\r\n"):
            start = pos
            pos += len(raw_line) + 2
            stripped = len(raw_line) - len(raw_line.lstrip())
            size = 0.0
            if raw_line.strip():
                size = raw.FPDFText_GetFontSize(tp, char_index(start + stripped))
            text, cells = _clean(raw_line, start, box, size, generated)
            line = Line(page=index, offset=here, text=text, cells=cells, size=size)
            if text.strip():
                line.code = mono.spans(raw_line, start)
                first = start + stripped
                last = start + len(raw_line.rstrip()) - 1
                ci = char_index(first)
                line.weight = raw.FPDFText_GetFontWeight(tp, ci)
                line.left, _, _, line.top = box(first)
                line.right = box(last)[1]
                raw.FPDFText_GetCharOrigin(tp, ci, x, y)
                line.bottom = y.value  # the baseline
            out.append(line)
            parts.append(text + "\n")
            here += len(text) + 1
        return "".join(parts), out
    finally:
        textpage.close()


#: Monospaced type faces by name, for fonts whose descriptor does not set FixedPitch (TeX's
#: CMTT embeds as Symbolic only, Ghostscript's NimbusMono likewise).
_MONO_FONT = re.compile(
    r"mono|nimbusmon|courier|consol|menlo|monaco|inconsolata|typewriter|cousine|"
    r"cmtt|cmsltt|cmitt|lmtt|sftt|code(?!2000)|fixed",
    re.IGNORECASE,
)
_WORD_START = re.compile(r"(?:^|(?<=\s))\S")


class _MonoFonts:
    """Which words of a line are set in a monospaced font: code, a command, a file name,
    as `<code>` is on a web page (layout.group keeps them out of prose). One font look-up
    per word, the answer kept per font name."""

    def __init__(self, tp: Any, char_index: Any) -> None:
        import pypdfium2.raw as raw

        self.tp, self.char_index = tp, char_index
        self.buffer = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)  # made once: a ctypes call per word
        self.font_info = raw.FPDFText_GetFontInfo
        self.known: dict[bytes, bool] = {}

    def is_mono(self, i: int) -> bool:
        if self.font_info(self.tp, self.char_index(i), self.buffer, 128, self.flags_ref) <= 0:
            return False
        name = self.buffer.value
        found = self.known.get(name)
        if found is None:  # FixedPitch is bit 1 of the font descriptor's flags
            found = bool(self.flags.value & 1) or bool(_MONO_FONT.search(name.decode("latin-1")))
            self.known[name] = found
        return found

    def spans(self, raw_line: str, start: int) -> list[tuple[int, int]]:
        """(start, end) in the cleaned line of each run of monospaced words."""
        out: list[tuple[int, int]] = []
        run_start = -1
        end = 0
        for m in _WORD_START.finditer(raw_line):
            k = m.start()
            word_end = raw_line.find(" ", k)
            word_end = len(raw_line) if word_end < 0 else word_end
            if self.is_mono(start + k):
                if run_start < 0:
                    run_start = k
                end = word_end
            elif run_start >= 0:
                out.append((run_start, end))
                run_start = -1
        if run_start >= 0:
            out.append((run_start, end))
        if out and _HYPHEN_MARK in raw_line:
            out = [(_cleaned(raw_line, a), _cleaned(raw_line, b)) for a, b in out]
        return out


#: PDFium's mark of a word hyphenated at a line end; `_clean` drops it.
_HYPHEN_MARK = "\ufffe"


def _cleaned(raw_line: str, k: int) -> int:
    """Offset `k` of the raw line in the cleaned line (without PDFium's hyphenation marks)."""
    return k - raw_line.count(_HYPHEN_MARK, 0, k)


def _clean(
    raw_line: str, start: int, box: Any, size: float, generated: Any
) -> tuple[str, list[tuple[int, int]]]:
    """The line without PDFium's markers, and its table cells.

    A gap between two runs of text is a cell break when it is wider than CELL_GAP font
    sizes and, when the line has other gaps, over 2.5 times its narrowest one (a word
    space): a justified line stretches every gap alike and stays one text. Only gaps that
    can be cells are measured: a space PDFium generated (two text objects apart: what
    table cells are) or a run of spaces; a single space character in the text is a word
    space, which saves two glyph-box look-ups per word on most pages.
    """
    runs = [
        (m.start(), m.end())
        for m in _SPACES.finditer(raw_line)
        if m.start() > 0
        and m.end() < len(raw_line)
        and (m.end() - m.start() > 1 or generated(start + m.start()))
    ]
    breaks: list[int] = []
    if runs and size > 0:
        gaps = [box(start + b)[0] - box(start + a - 1)[1] for a, b in runs]
        word_space = min(gaps) if len(gaps) >= 2 else None
        breaks = [
            a
            for (a, _), gap in zip(runs, gaps, strict=True)
            if gap > CELL_GAP * size and (word_space is None or gap > 2.5 * max(word_space, 0.5))
        ]
    # PDFium marks a word hyphenated at a line end with U+FFFE: the word is whole again.
    text = _CONTROL.sub(" ", raw_line.replace(_HYPHEN_MARK, ""))
    if not breaks:
        return text, []
    if _MARKER_CELL.match(raw_line[: breaks[0]]):
        breaks = breaks[1:]  # "1.<tab>Remove the cover", "2.3<tab>Installation": one text
        if not breaks:
            return text, []
    cells = []
    begin = 0
    for k in [*breaks, len(raw_line)]:
        a, b = _cleaned(raw_line, begin), _cleaned(raw_line, k)
        while a < b and text[a] == " ":
            a += 1
        while b > a and text[b - 1] == " ":
            b -= 1
        if b > a:
            cells.append((a, b))
        begin = k + 1
    return text, cells if len(cells) >= 2 else []


def _ranges(numbers: list[int]) -> str:
    """ "page 3", "pages 3-5, 9" for a message."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in spans[:10])
    more = ", ..." if len(spans) > 10 else ""
    return ("page " if len(numbers) == 1 else "pages ") + text + more
