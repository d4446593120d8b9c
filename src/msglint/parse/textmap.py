"""Build a segment's reader-visible text while remembering where each piece came from.

Parsers feed pieces of source text with their source offsets; the builder collapses
whitespace the way a browser does and records a `(text_offset, source_offset)` run each time
the text stops being a verbatim copy of the source. `Segment.source_offset` inverts it.
"""

from __future__ import annotations

import re

from msglint.model import Segment

# Whitespace that a reader does not see as-is: anything but one plain space.
_COLLAPSIBLE = re.compile(r" ?[\t\n\r\f\v][ \t\n\r\f\v]*| {2,}")


class SegmentBuilder:
    """Accumulates one segment's text; `build()` returns it, or None when it is blank."""

    __slots__ = ("_gaps", "_parts", "_pending_space", "_runs", "kind", "length", "node")

    def __init__(self, kind: str, node: object = None) -> None:
        self.kind = kind
        self.node = node
        self._parts: list[str] = []
        self._runs: list[tuple[int, int]] = []
        #: Characters of text so far; 0 while the segment is blank (the walk reads it for
        #: every element: an attribute, not a property call).
        self.length = 0
        self._pending_space = False
        self._gaps: list[int] = []

    def add(self, text: str, source_offset: int) -> None:
        """Append `text`, which starts at `source_offset` in the document's source."""
        if text.isprintable() and "  " not in text:  # most texts: nothing to collapse
            # (`isprintable` is False for every character `_COLLAPSIBLE` reads, and for
            # no-break spaces and the like, which take the general path below.)
            if self._pending_space or text.startswith(" "):
                self._emit(text, source_offset)
            else:  # `_emit` inlined: no space to add or drop
                self._runs.append((self.length, source_offset))
                self._parts.append(text)
                self.length += len(text)
            return
        if _COLLAPSIBLE.search(text) is None:
            self._emit(text, source_offset)
            return
        pos = 0
        for m in _COLLAPSIBLE.finditer(text):
            if m.start() > pos:
                self._emit(text[pos : m.start()], source_offset + pos)
            self._pending_space = True
            pos = m.end()
        if pos < len(text):
            self._emit(text[pos:], source_offset + pos)

    def space(self) -> None:
        """A break the reader sees as a space (a `<br>`, a soft line break, an inline block)."""
        self._pending_space = True

    def gap(self) -> None:
        """Skipped inline content (code, a keyboard key): read as a space, and remembered
        so that text rules do not join the words either side (`Segment.gaps`)."""
        self._pending_space = True
        if self.length and (not self._gaps or self._gaps[-1] != self.length):
            self._gaps.append(self.length)

    def _emit(self, chunk: str, offset: int) -> None:
        if chunk.startswith(" ") and (self.length == 0 or self._ends_with_space()):
            chunk = chunk[1:]
            offset += 1
            if not chunk:
                return
        if self._pending_space and self.length and not self._ends_with_space():
            # The space stands for the source whitespace just before this chunk.
            self._parts.append(" ")
            self._runs.append((self.length, max(offset - 1, 0)))
            self.length += 1
        self._pending_space = False
        self._runs.append((self.length, offset))
        self._parts.append(chunk)
        self.length += len(chunk)

    def _ends_with_space(self) -> bool:
        return bool(self._parts) and self._parts[-1].endswith(" ")

    def build(self) -> Segment | None:
        if not self._parts:  # most block elements of a page hold no text of their own
            return None
        text = "".join(self._parts).rstrip()
        if not text:
            return None
        gaps = tuple(g for g in self._gaps if g < len(text))
        return Segment(kind=self.kind, text=text, runs=self._runs, node=self.node, gaps=gaps)
