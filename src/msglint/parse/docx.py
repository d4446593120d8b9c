"""DOCX -> Document: paragraphs, headings, numbered and bulleted lists and tables, bounded.

A DOCX is a zip of XML parts. It is read here with zipfile and lxml rather than python-docx
because a hostile file must fail in bounded time and memory: python-docx inflates and
parses every part whole, so a 10 MB zip bomb would become gigabytes. Here only the parts
msglint needs are inflated (the body, numbering, styles, core properties), each to at most
MAX_PART bytes whatever its header declares; a part that declares or inflates to more, a
DTD or entity declaration (DOCX never has one), or too many members is a source error with
the reason. The body is parsed incrementally (lxml iterparse) and each top-level paragraph
or table is dropped once read, so memory follows the largest paragraph, not the file.

The document's `content` is one line per paragraph and one per table row (its cells
separated by tabs), so a finding's line is the paragraph's number. Word numbers lists at
display time; the numbers ("3.") and bullets are written into the text as Word shows them,
so a procedure's steps read "1. ...", "2. ..." as in the document. Where Word saved its
page breaks (`lastRenderedPageBreak`, explicit page breaks), the Location also names the
page as Word last laid it out, and the line counts paragraphs from that page's top.
Deleted revisions, field codes, headers and footers are not the document's text.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from msglint.model import Document, Role
from msglint.parse import UnreadableDocument
from msglint.parse.textmap import SegmentBuilder

#: Largest part inflated (word/document.xml of a 1,000-page manual is about 10 MB).
MAX_PART = 32 * 1024 * 1024
#: Largest styles, numbering or properties part: these are parsed whole (kilobytes in a
#: real document).
MAX_AUX_PART = 4 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_PARAGRAPHS = 200_000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_HEADING_STYLE = re.compile(r"^(?:heading|title|subtitle|überschrift|titre|titel)\b", re.I)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def parse_docx(
    data: bytes, *, source: str, role: Role, path: str, url: str | None = None
) -> Document:
    """Read a DOCX file's body into a Document (raises UnreadableDocument)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnreadableDocument("not a readable DOCX (not a zip file, or a damaged one)") from None
    with zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS:
            raise UnreadableDocument(f"the DOCX has {len(members):,} parts (over {MAX_MEMBERS:,})")
        names = {m.filename for m in members}
        if "word/document.xml" not in names:
            raise UnreadableDocument("not a Word document (the zip has no word/document.xml)")
        body = _part(zf, "word/document.xml")
        styles = _styles(_aux(zf, "word/styles.xml")) if "word/styles.xml" in names else {}
        numbering = (
            _numbering(_aux(zf, "word/numbering.xml")) if "word/numbering.xml" in names else {}
        )
        title = _title(_aux(zf, "docProps/core.xml")) if "docProps/core.xml" in names else None
    reader = _Body(styles, numbering)
    try:
        reader.read(body)
    except UnreadableDocument:
        raise
    except Exception as exc:  # lxml's XMLSyntaxError and friends on a damaged part
        raise UnreadableDocument(f"not a readable DOCX (word/document.xml: {exc})") from None
    doc = Document(
        source=source,
        role=role,
        path=path,
        format="docx",
        content="".join(reader.lines),
        segments=reader.segments,
        url=url,
        pages=reader.pages if len(reader.pages) > 1 else None,
        rows=reader.rows,
        title=title or reader.title,
        problems=reader.problems,
    )
    return doc


def _aux(zf: zipfile.ZipFile, name: str) -> bytes:
    return _part(zf, name, MAX_AUX_PART)


def _part(zf: zipfile.ZipFile, name: str, limit: int = MAX_PART) -> bytes:
    """One member, inflated to at most `limit` bytes whatever its header says."""
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise UnreadableDocument(
            f"{name} inflates to {info.file_size:,} bytes (over {limit:,}): a zip bomb?"
        )
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise UnreadableDocument(f"not a readable DOCX ({name}: {exc})") from None
    except Exception as exc:  # zlib.error and NotImplementedError (encryption, compression)
        raise UnreadableDocument(f"not a readable DOCX ({name}: {exc})") from None
    if len(data) > limit:
        raise UnreadableDocument(f"{name} inflates to over {limit:,} bytes: a zip bomb?")
    if _DTD.search(data[:4096]):
        raise UnreadableDocument(f"{name} declares a DTD or entities, which a DOCX never does")
    return data


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _tree(data: bytes) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(f"not a readable DOCX (damaged XML: {exc})") from None


def _styles(data: bytes) -> dict[str, tuple[str, tuple[str, int] | None]]:
    """Paragraph style id -> (style name, the list numbering it applies, if any)."""
    out: dict[str, tuple[str, tuple[str, int] | None]] = {}
    for style in _tree(data).iter(f"{W}style"):
        sid = style.get(f"{W}styleId")
        if not sid:
            continue
        name_el = style.find(f"{W}name")
        name = name_el.get(f"{W}val") if name_el is not None else sid
        num = style.find(f"{W}pPr/{W}numPr")
        out[sid] = (name or sid, _num_pr(num) if num is not None else None)
    return out


def _num_pr(num: Any) -> tuple[str, int] | None:
    num_id = num.find(f"{W}numId")
    ilvl = num.find(f"{W}ilvl")
    if num_id is None or num_id.get(f"{W}val") in (None, "0"):
        return None
    level = ilvl.get(f"{W}val") if ilvl is not None else "0"
    return num_id.get(f"{W}val") or "", int(level) if (level or "").isdigit() else 0


def _numbering(data: bytes) -> dict[str, dict[int, tuple[str, str]]]:
    """numId -> level -> (numFmt, lvlText): "decimal", "%1." for "1.", "bullet" for "•"."""
    root = _tree(data)
    abstract: dict[str, dict[int, tuple[str, str]]] = {}
    for node in root.iter(f"{W}abstractNum"):
        levels: dict[int, tuple[str, str]] = {}
        for lvl in node.iter(f"{W}lvl"):
            ilvl = lvl.get(f"{W}ilvl") or "0"
            fmt = lvl.find(f"{W}numFmt")
            text = lvl.find(f"{W}lvlText")
            if ilvl.isdigit():
                levels[int(ilvl)] = (
                    (fmt.get(f"{W}val") or "decimal") if fmt is not None else "decimal",
                    (text.get(f"{W}val") or "") if text is not None else "",
                )
        abstract[node.get(f"{W}abstractNumId") or ""] = levels
    out = {}
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            out[num.get(f"{W}numId") or ""] = abstract.get(ref.get(f"{W}val") or "", {})
    return out


def _title(data: bytes) -> str | None:
    node = _tree(data).find(f".//{_DC_TITLE}")
    text = (node.text or "").strip() if node is not None else ""
    return text or None


class _Body:
    """Reads word/document.xml paragraph by paragraph into lines and segments."""

    def __init__(
        self,
        styles: dict[str, tuple[str, tuple[str, int] | None]],
        numbering: dict[str, dict[int, tuple[str, str]]],
    ) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[str] = []
        self.offset = 0
        self.segments: list[Any] = []
        self.rows: list[list[tuple[str, int]]] = []
        self.pages: list[int] = [0]
        self.title: str | None = None
        self.problems: list[str] = []
        self.counters: dict[str, list[int]] = {}
        self.paragraphs = 0
        self.page_next = False

    def read(self, data: bytes) -> None:
        from lxml import etree

        events = etree.iterparse(
            io.BytesIO(data),
            events=("end",),
            tag=(f"{W}p", f"{W}tbl"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        for _, elem in events:
            if any(a.tag in (f"{W}p", f"{W}tbl") for a in elem.iterancestors()):
                continue  # read with the paragraph or table that holds it
            if self.paragraphs >= MAX_PARAGRAPHS:
                self.problems.append(f"only the first {MAX_PARAGRAPHS:,} paragraphs were read")
                break
            if elem.tag == f"{W}tbl":
                self._table(elem)
            else:
                self._paragraph(elem)
            elem.clear()
            parent = elem.getparent()
            while parent is not None and elem.getprevious() is not None:
                del parent[0]

    def _line(self, text: str, breaks: bool, after: bool = False) -> int:
        """Append one content line; returns its offset. `breaks`: a page starts here;
        `after`: one starts with the next line."""
        if (breaks or self.page_next) and self.offset > self.pages[-1]:
            self.pages.append(self.offset)
        self.page_next = after
        start = self.offset
        self.lines.append(text + "\n")
        self.offset += len(text) + 1
        self.paragraphs += 1
        return start

    def _paragraph(self, p: Any) -> None:
        text, breaks, after = _text(p)
        style_id = _val(p.find(f"{W}pPr/{W}pStyle"))
        name, style_num = self.styles.get(style_id or "", (style_id or "", None))
        num = p.find(f"{W}pPr/{W}numPr")
        numbered = _num_pr(num) if num is not None else style_num
        outline = p.find(f"{W}pPr/{W}outlineLvl")
        heading = bool(_HEADING_STYLE.match(name or "")) or outline is not None
        label = self._label(*numbered) if numbered and not heading else ""
        line = label + text
        start = self._line(line, breaks, after)
        if not line.strip():
            return
        kind = "heading" if heading else "list-item" if label else "paragraph"
        if heading and self.title is None and (name or "").lower().startswith("title"):
            self.title = text.strip()
        builder = SegmentBuilder(kind)
        builder.add(line, start)
        seg = builder.build()
        if seg is not None:
            self.segments.append(seg)

    def _label(self, num_id: str, level: int) -> str:
        """The number or bullet Word shows for the next item of list `num_id` at `level`."""
        levels = self.numbering.get(num_id, {})
        fmt, pattern = levels.get(level, ("decimal", f"%{level + 1}."))
        if fmt == "bullet" or fmt == "none":
            return "• " if fmt == "bullet" else ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        level = min(level, 8)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        shown = pattern or f"%{level + 1}."

        def number(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            value = counts[i] if 0 <= i < 9 else 0
            f = levels.get(i, ("decimal", ""))[0]
            return _format_number(max(value, 1), f)

        return re.sub(r"%([1-9])", number, shown) + " "

    def _table(self, tbl: Any) -> None:
        for tr in tbl.iter(f"{W}tr"):
            cells = []
            breaks = False
            for tc in tr.iter(f"{W}tc"):
                parts = []
                for p in tc.iter(f"{W}p"):
                    text, brk, _ = _text(p)
                    breaks = breaks or brk
                    if text.strip():
                        parts.append(" ".join(text.split()))
                cells.append(" ".join(parts))
            line = "\t".join(cells)
            start = self._line(line, breaks)
            row = []
            pos = start
            for cell in cells:
                if cell:
                    builder = SegmentBuilder("table-cell")
                    builder.add(cell, pos)
                    seg = builder.build()
                    if seg is not None:
                        self.segments.append(seg)
                        row.append((seg.text, pos))
                pos += len(cell) + 1
            if row:
                self.rows.append(row)


def _val(node: Any) -> str | None:
    return node.get(f"{W}val") if node is not None else None


def _text(p: Any) -> tuple[str, bool, bool]:
    """A paragraph's visible text on one line; whether a new page starts with it (or in it:
    Word saved a page break there), and whether one starts after it (a page break ends it)."""
    out: list[str] = []
    breaks = p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    after = False
    for node in p.iter():
        tag = node.tag
        if tag == f"{W}t":
            if after and (node.text or "").strip():
                breaks, after = True, False  # text after the break: the page starts here
            out.append(node.text or "")
        elif tag in (f"{W}tab", f"{W}cr"):
            out.append(" ")
        elif tag == f"{W}br":
            out.append(" ")
            after = after or node.get(f"{W}type") == "page"
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}lastRenderedPageBreak":
            breaks = True
    text = "".join(out).replace("\n", " ").replace("\r", " ")
    return text, breaks, after


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for value, numeral in _ROMAN:
            while n >= value:
                out += numeral
                n -= value
        return out.upper() if fmt == "upperRoman" else out
    return str(n)
