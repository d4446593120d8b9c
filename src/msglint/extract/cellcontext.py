"""A table cell's context for claim reading: "<the row's first cell>: <the column's header>: ".

An SLA table states the priority in the row and "response" or "resolution" in the header,
so a cell is read with both in front ("Priority 1: First response: within 4 business
hours"). `CellContexts` reads each row and each table's header once per page and keeps
them: reading them again for every cell made a wide row or a long table quadratic (a
fuzzed page with one row of 9,669 cells took 89 s, a Markdown file of 42,000 table lines
over 120 s; issue 14's bound is linear time).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from msglint.model import Document

#: Characters of a cell kept in the context.
MAX_CELL = 200


def _plain(text: str) -> str:
    return " ".join(text.split())[:MAX_CELL]


class CellContexts:
    """The context of each table cell of one page, HTML (by its node) or Markdown (by its
    segment's place in the source)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        #: HTML: row mem_id -> (cell mem_id -> index, the first cell's text, the header)
        self._rows: dict[int, tuple[dict[int, int], str, _Header | None]] = {}
        self._headers: dict[int, _Header | None] = {}
        #: Markdown: line start -> (line end, "|" offsets, leading "|", cells)
        self._lines: dict[int, tuple[int, list[int], bool, list[str] | None]] = {}
        self._table_start: dict[int, int] = {}
        self._last = (-1, -1)  # the last line looked up: its start and end

    def of(self, seg: Any) -> str:
        """The context of a `table-cell` segment, or ""."""
        if seg.node is not None:
            return self._html(seg.node)
        if self.doc.format != "markdown":
            return ""
        return self._markdown(seg.source_offset(0))

    # -- HTML ------------------------------------------------------------------------------

    def _html(self, node: Any) -> str:
        row = getattr(node, "parent", None)
        if row is None or row.tag != "tr":
            return ""
        known = self._rows.get(row.mem_id)
        if known is None:
            cells = [c for c in row.iter() if c.tag in ("td", "th")]
            first = _plain(cells[0].text(separator=" ")) if cells else ""
            known = ({c.mem_id: i for i, c in enumerate(cells)}, first, self._header(row))
            if known[2] is not None and len(known[2].cells) != len(cells):
                known = (known[0], first, None)
            self._rows[row.mem_id] = known
        index = known[0].get(node.mem_id, -1)
        if index <= 0:
            return ""
        head, header = known[1], known[2]
        column = header.text(index) if header is not None and index < len(header.cells) else ""
        parts = [p for p in (head, column) if p]
        return ": ".join(parts) + ": " if parts else ""

    def _header(self, row: Any) -> _Header | None:
        """The cells of the first row of `row`'s table, unless `row` is that row."""
        table = row.parent
        while table is not None and table.tag != "table":
            table = table.parent
        if table is None:
            return None
        if table.mem_id not in self._headers:
            first = table.css_first("tr")
            cells = [c for c in first.iter() if c.tag in ("td", "th")] if first else []
            self._headers[table.mem_id] = _Header(first.mem_id, cells) if first else None
        header = self._headers[table.mem_id]
        return None if header is None or header.row == row.mem_id else header

    # -- Markdown --------------------------------------------------------------------------

    def _markdown(self, offset: int) -> str:
        content = self.doc.content
        start = self._line_start(offset)
        end, bars, lead, _ = self._line(start)
        index = bisect_left(bars, offset) - (1 if lead else 0)
        if index <= 0 or start == 0:
            return ""
        header_start = self._first_line(start)
        if header_start == start:
            return ""
        header_end = content.find("\n", header_start)
        row = self._cells(start, end if end >= 0 else len(content))
        header = self._cells(header_start, header_end)
        if len(header) != len(row) or index >= len(row):
            return ""
        return f"{row[0]}: {header[index]}: "

    def _line_start(self, offset: int) -> int:
        start, end = self._last
        if start < 0 or offset < start or (end >= 0 and offset > end):
            start = self.doc.content.rfind("\n", 0, offset) + 1
            self._last = (start, self._line(start)[0])
        return start

    def _line(self, start: int) -> tuple[int, list[int], bool, list[str] | None]:
        known = self._lines.get(start)
        if known is None:
            content = self.doc.content
            end = content.find("\n", start)
            stop = end if end >= 0 else len(content)
            line = content[start:stop]
            bars = [start + i for i, ch in enumerate(line) if ch == "|"] if "|" in line else []
            known = (end, bars, line.lstrip().startswith("|"), None)
            self._lines[start] = known
        return known

    def _first_line(self, start: int) -> int:
        """The table's first line: up from the line at `start` while lines hold "|"; each
        line is walked over once per page."""
        content = self.doc.content
        walked = []
        top = start
        while top > 0:
            if top in self._table_start:
                top = self._table_start[top]
                break
            walked.append(top)
            prev = content.rfind("\n", 0, top - 1) + 1
            if not self._line(prev)[1]:  # no "|" in the line above
                break
            top = prev
        for line in walked:
            self._table_start[line] = top
        return top

    def _cells(self, start: int, end: int) -> list[str]:
        known = self._line(start)
        if known[3] is None:
            text = self.doc.content[start:end].strip()
            text = text[1:] if text.startswith("|") else text
            text = text[:-1] if text.endswith("|") else text
            known = (*known[:3], [_plain(c) for c in text.split("|")])
            self._lines[start] = known
        return known[3] or []


class _Header:
    """A table's first row: its cells, their texts read when first asked for."""

    __slots__ = ("cells", "row", "texts")

    def __init__(self, row: int, cells: list[Any]) -> None:
        self.row, self.cells = row, cells
        self.texts: dict[int, str] = {}

    def text(self, index: int) -> str:
        if index not in self.texts:
            self.texts[index] = _plain(self.cells[index].text(separator=" "))
        return self.texts[index]
