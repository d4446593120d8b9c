"""Document -> DocDigest: the passages, steps, warnings and edition a copy is compared on.

Runs on every reference and partner document that is not a product page (manuals,
datasheets, knowledge-base articles, policies), in the worker that parsed it, so only the
compact digest travels back to the engine. What it reads:

- passages: each paragraph split into sentences (the rule-based splitter of
  text/sentences.py), each table row as one passage (" | " between cells), each list item;
- steps: items of a numbered list ("1." written in a PDF or DOCX, an `<ol>`, a Markdown
  "1." list), numbered as a reader sees them, grouped into procedures (a heading, or a
  list starting again at 1, starts a new one);
- warnings: a paragraph labelled WARNING, CAUTION, DANGER, IMPORTANT or NOTICE (in English
  or German), or any passage in a section headed Safety, Warnings or Sicherheit;
- the edition: "Version 4.1", "Rev. C" in the title, a heading or one of the first short
  lines; "Last updated: 12 March 2024" anywhere;
- a bottom-k MinHash sketch of 5-word shingles (CRC-32, so runs are reproducible) for
  pairing copies by content.
"""

from __future__ import annotations

import heapq
import re
import zlib
from typing import Any

from msglint.model import DocDigest, Document, Edition, Location, Passage, Segment, match_location
from msglint.parse.layout import NOTE_LABEL
from msglint.values.editions import edition_dates, edition_version

SKETCH = 64
SHINGLE = 5
MAX_PASSAGES = 20_000
#: Passages near the top of a document where a bare "Version 4.1" is the document's own.
EDITION_HEAD = 12
_PROSE = frozenset({"paragraph", "list-item", "text", "blockquote", "heading"})
_STEP_NUMBER = re.compile(r"^\s*(?:step\s+)?\(?(\d{1,3})\s*[.):–-]\s+", re.IGNORECASE)
_SAFETY_HEADING = re.compile(
    r"\b(?:safety|warnings?|cautions?|hazards?|sicherheit\w*|warnhinweise?|sécurité)\b", re.I
)
_WORD = re.compile(r"\w+")
_MD_ORDERED = re.compile(r"^\s*(?:>\s*)*(\d{1,9})[.)]\s+$")


def digest(doc: Document, *, product: bool = False) -> DocDigest:
    """The digest of `doc`; `product`: its spec rows feed a product record already."""
    from msglint.text.sentences import sentences

    out = DocDigest(
        source=doc.source,
        role=doc.role,
        path=doc.path,
        format=doc.format,
        url=doc.url,
        title=_title(doc),
        canonical=_canonical(doc),
    )
    rows = _rows(doc)
    section = -1
    safety = False
    steps = _Steps(doc)
    words: list[str] = []
    pending_row: tuple[Any, list[Segment]] | None = None

    def add(p: Passage) -> None:
        if len(out.passages) < MAX_PASSAGES:
            out.passages.append(p)
            words.extend(_WORD.findall(p.text.casefold()))

    def flush_row() -> None:
        nonlocal pending_row
        if pending_row is not None:
            add(_row_passage(doc, pending_row[1], section, safety, product))
            pending_row = None

    for block, seg in enumerate(doc.segments):
        kind = seg.kind
        if _chrome(doc, seg):
            continue  # a site's navigation and footer are not the document's text
        if kind == "table-cell":
            key = rows.get(id(seg)) if rows else _row_key(doc, seg)
            if pending_row is not None and pending_row[0] != key:
                flush_row()
            if pending_row is None:
                pending_row = (key, [])
            pending_row[1].append(seg)
            continue
        flush_row()
        if kind not in _PROSE:
            continue
        if kind == "heading":
            out.headings.append(seg.text)
            section = len(out.headings) - 1
            safety = bool(_SAFETY_HEADING.search(seg.text))
            steps.reset()
            # Only a heading near the top states the document's version: "Source map v3
            # support" deep in an article is a section about something else.
            _edition(out, doc, seg, 0, len(seg.text), head=len(out.passages) < EDITION_HEAD)
            continue
        number = steps.number(seg) if kind == "list-item" else None
        warning = safety or bool(NOTE_LABEL.match(seg.text))
        if number is not None:
            add(
                Passage(
                    kind="step",
                    text=seg.text,
                    location=match_location(doc, seg, 0, len(seg.text)),
                    section=section,
                    warning=warning,
                    step=number,
                    procedure=steps.procedure,
                    block=block,
                    gaps=_gaps_in(seg, 0, len(seg.text)),
                )
            )
            continue
        steps.other()
        head = len(out.passages) < EDITION_HEAD
        short = len(seg.text) <= 100  # "Rev. C - March 2024" is one statement, not two
        if short:
            _edition(out, doc, seg, 0, len(seg.text), head=head)
        for a, b in sentences(seg.text):
            text = seg.text[a:b]
            if not _WORD.search(text):
                continue
            if not short:
                _edition(out, doc, seg, a, b, head=head)
            add(
                Passage(
                    kind="sentence",
                    text=text,
                    location=match_location(doc, seg, a, b),
                    section=section,
                    warning=warning or bool(NOTE_LABEL.match(text)),
                    block=block,
                    gaps=_gaps_in(seg, a, b),
                )
            )
    flush_row()
    out.words = len(words)
    out.sketch = sketch(words)
    return out


def sketch(words: list[str]) -> tuple[int, ...]:
    """The SKETCH smallest CRC-32 hashes of the text's distinct 5-word shingles."""
    if len(words) < SHINGLE:
        shingles = {zlib.crc32(" ".join(words).encode())} if words else set()
    else:
        shingles = {
            zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
            for i in range(len(words) - SHINGLE + 1)
        }
    return tuple(heapq.nsmallest(SKETCH, shingles))


def _title(doc: Document) -> str | None:
    """The document's title: its own (PDF, DOCX), else its first heading (an `<h1>` says
    the article's name; the `<title>` often adds the site's), else the `<title>`."""
    title = doc.title
    if isinstance(title, str) and title.strip():
        return " ".join(title.split())
    for kind in ("heading", "title"):
        for seg in doc.segments:
            if seg.kind == kind and seg.text.strip() and not _chrome(doc, seg):
                return _PERMALINK.sub("", seg.text).strip() or seg.text.strip()
    return None


#: The permalink mark documentation generators put after a heading's text (Node.js "#",
#: Sphinx and MkDocs "¶", others "§" or a link symbol): not part of the title.
_PERMALINK = re.compile(r"\s*[#¶§🔗]\s*$")


def _chrome(doc: Document, seg: Segment) -> bool:
    """Whether an HTML segment sits in navigation, a header, footer or sidebar, or is an
    entry of the page's table of contents."""
    if doc.format != "html" or seg.node is None or seg.kind == "title":
        return False
    from msglint.extract.heuristics import in_chrome

    return in_chrome(seg.node) or (seg.kind == "list-item" and _toc_entry(seg.node))


def _gaps_in(seg: Segment, a: int, b: int) -> tuple[int, ...]:
    """Where skipped code stood inside `seg.text[a:b]`, relative to `a`."""
    if not seg.gaps:
        return ()
    return tuple(g - a for g in seg.gaps if a < g < b)


def _toc_entry(node: Any) -> bool:
    """A list item that is only a link to a place in the same page (`<li><a href="#x">`,
    perhaps with the nested list of its subsections): a table of contents repeats the
    headings, and a copy that leaves it out lacks nothing ("Note about UDP datagram size"
    in Node.js's contents is no safety note)."""
    anchor = False
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            if (child.text_content or "").strip():
                return False
        elif tag == "a":
            if anchor or not (child.attributes.get("href") or "").startswith("#"):
                return False
            anchor = True
        elif tag not in ("ul", "ol", "-comment"):
            return False
    return anchor


def _canonical(doc: Document) -> str | None:
    tree = doc.tree
    if tree is None:
        return None
    for node in tree.css('link[rel="canonical" i]'):
        href = (node.attributes.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    return None


def _edition(out: DocDigest, doc: Document, seg: Segment, a: int, b: int, *, head: bool) -> None:
    """Record a version or date statement found in `seg.text[a:b]`."""
    from msglint.text.language import document_language

    text = seg.text[a:b]
    dates = edition_dates(text, document_language(doc))
    version = edition_version(text) if head and len(text) <= 100 else None
    if dates or version:
        where = match_location(doc, seg, a, b)
        out.editions.append(Edition(text=text, location=where, version=version, dates=dates or ()))


def _rows(doc: Document) -> dict[int, int]:
    """Segment id -> row number for documents whose reader kept table rows (PDF, DOCX)."""
    rows = doc.rows
    if not rows:
        return {}
    starts = {offset: i for i, row in enumerate(rows) for _, offset in row}
    out = {}
    for seg in doc.segments:
        if seg.kind == "table-cell" and seg.runs:
            row = starts.get(seg.runs[0][1])
            if row is not None:
                out[id(seg)] = row
    return out


def _row_key(doc: Document, seg: Segment) -> Any:
    """Cells of one row share their `<tr>` (HTML) or their source line (Markdown)."""
    node = seg.node
    parent = getattr(node, "parent", None) if node is not None else None
    if parent is not None:
        return ("node", getattr(parent, "mem_id", id(parent)))
    return ("line", doc.position(seg.source_offset(0))[0])


def _row_passage(
    doc: Document, cells: list[Segment], section: int, safety: bool, product: bool
) -> Passage:
    first, last = cells[0], cells[-1]
    start = match_location(doc, first, 0, len(first.text))
    end = match_location(doc, last, 0, len(last.text))
    where = Location(
        path=start.path,
        page=start.page,
        line=start.line,
        column=start.column,
        end_line=end.end_line,
        end_column=end.end_column,
        selector=start.selector,
        url=start.url,
        segment="table-cell",
    )
    text = " | ".join(c.text for c in cells)
    spec = product and len(cells) == 2 and any(ch.isdigit() for ch in cells[1].text)
    return Passage(kind="row", text=text, location=where, section=section, warning=safety,
                   spec=spec)  # fmt: skip


class _Steps:
    """Numbers list items the way a reader sees them, and groups them into procedures."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.procedure = 0
        self.last = 0
        self.parent: Any = None
        self.open = False
        self.gap = False

    def reset(self) -> None:
        self.open = False
        self.last = 0

    def number(self, seg: Segment) -> int | None:
        """The step number of a list item, or None when it is not a numbered item."""
        written = _STEP_NUMBER.match(seg.text)
        if written is not None:
            return self._next(int(written.group(1)), None)
        node = seg.node
        parent = getattr(node, "parent", None) if node is not None else None
        if parent is not None:
            if getattr(parent, "tag", None) != "ol":
                return None
            key = getattr(parent, "mem_id", id(parent))
            if self.open and key == self.parent:
                return self._next(self.last + 1, key)
            start = (getattr(parent, "attributes", {}) or {}).get("start") or "1"
            first = int(start) if start.isdigit() else 1
            return self._next(first, key, fresh=first == 1)
        if self.doc.format == "markdown":
            offset = seg.source_offset(0)
            line_start = self.doc.content.rfind("\n", 0, offset) + 1
            marker = _MD_ORDERED.match(self.doc.content[line_start:offset])
            if marker is None:
                return None
            written_number = int(marker.group(1))
            if self.open and not (written_number == 1 and self.gap):
                return self._next(self.last + 1, None)
            return self._next(written_number, None, fresh=True)
        return None

    def other(self) -> None:
        """A passage that is not a numbered item: a list written "1." again after it is a
        new procedure (Markdown numbers every item "1." as often as "1.", "2.")."""
        self.gap = True

    def _next(self, number: int, key: Any, fresh: bool = False) -> int:
        if fresh or not self.open or number <= self.last:
            self.procedure += 1
        self.gap = False
        self.open = True
        self.last = number
        self.parent = key
        return number
