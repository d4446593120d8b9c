"""Where a fact was read from: an element or a JSON-LD value turned into a Location.

Extraction works on the parsed tree, but evidence must point at the source a person can
open: line and column in the file, plus a CSS path. The parser already traced every prose
segment back to the source, so an element's location is found through the segment that
holds its text, and a JSON-LD value through its place inside the script's raw text.
"""

from __future__ import annotations

from typing import Any

from msglint.model import Document, Location, Segment, match_location
from msglint.parse.htmlmarks import css_path


class Locator:
    """Locations in one HTML Document, with the element -> segment index built once."""

    __slots__ = ("_by_node", "_scripts", "doc")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._by_node: dict[int, Segment] | None = None
        self._scripts: list[int] | None = None

    def _segments_by_node(self) -> dict[int, Segment]:
        if self._by_node is None:
            self._by_node = {s.node.mem_id: s for s in self.doc.segments if s.node is not None}
        return self._by_node

    def element(self, node: Any, text: str | None = None) -> Location:
        """The Location of `node` (of `text` inside it when given), with its CSS path.

        An inline element (a `<span class="price">` inside a paragraph) has no segment of
        its own; the nearest enclosing one is used and the text searched within it.
        """
        by_node = self._segments_by_node()
        current, depth = node, 0
        while current is not None and depth < 40:
            seg = by_node.get(current.mem_id)
            if seg is not None:
                needle = " ".join((text if text is not None else node.text(deep=True)).split())
                start = seg.text.find(needle) if needle else -1
                if start < 0:
                    start, end = 0, len(seg.text)
                else:
                    end = start + len(needle)
                loc = match_location(self.doc, seg, start, end)
                return _with_selector(loc, css_path(node, self.doc.places))
            current = current.parent
            depth += 1
        # A block of blocks (a price box holding a special and a regular price) has no
        # segment of its own nor above it: its first segment inside gives the line.
        for inner in node.traverse(include_text=False):
            seg = by_node.get(inner.mem_id)
            if seg is not None:
                loc = match_location(self.doc, seg, 0, len(seg.text))
                return _with_selector(loc, css_path(node, self.doc.places))
        return Location(
            path=self.doc.path,
            url=self.doc.url,
            selector=css_path(node, self.doc.places),
        )

    def script(self, index: int, key: str | None = None, value: Any = None) -> Location:
        """The Location of the `index`-th JSON-LD script, or of `"key": value` inside it."""
        content = self.doc.content
        if self._scripts is None:
            starts, find = [], content.find
            pos = find("application/ld+json")
            while pos != -1:
                starts.append(content.rfind("<", 0, pos))
                pos = find("application/ld+json", pos + 1)
            self._scripts = starts
        if index >= len(self._scripts):
            return Location(path=self.doc.path, url=self.doc.url)
        offset = self._scripts[index]
        if key is not None:
            end = content.find("</script", offset)
            found = content.find(f'"{key}"', offset, end if end > 0 else len(content))
            if found >= 0:
                offset = found
                if value is not None:
                    at = content.find(str(value), found, found + 400)
                    if at >= 0:
                        offset = at
        line, column = self.doc.position(offset)
        return Location(
            path=self.doc.path,
            line=line,
            column=column,
            url=self.doc.url,
            selector=f'script[type="application/ld+json"]:nth-of-type({index + 1})'
            if index
            else 'script[type="application/ld+json"]',
        )

    def text(self, needle: str) -> Location | None:
        """The first body segment holding `needle` (for facts whose element is not known)."""
        needle = " ".join(needle.split())
        if not needle:
            return None
        for seg in self.doc.segments:
            if seg.kind in ("title", "meta-description"):
                continue
            start = seg.text.find(needle)
            if start >= 0:
                return match_location(self.doc, seg, start, start + len(needle))
        return None


def _with_selector(loc: Location, selector: str | None) -> Location:
    if not selector or selector == loc.selector:
        return loc
    return Location(
        path=loc.path,
        line=loc.line,
        column=loc.column,
        end_line=loc.end_line,
        end_column=loc.end_column,
        selector=selector,
        url=loc.url,
        segment=loc.segment,
    )
