"""Plain text -> Document: one paragraph segment per block of lines."""

from __future__ import annotations

import re

from msglint.model import Document, Role
from msglint.parse.textmap import SegmentBuilder

_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*", re.MULTILINE)


def parse_text(
    content: str, *, source: str, role: Role, path: str, url: str | None = None
) -> Document:
    """Split plain text into paragraphs (blank-line separated); every character is prose."""
    segments = []
    for m in _PARAGRAPH.finditer(content):
        builder = SegmentBuilder("paragraph")
        builder.add(m.group(), m.start())
        seg = builder.build()
        if seg is not None:
            segments.append(seg)
    return Document(
        source=source,
        role=role,
        path=path,
        format="text",
        content=content,
        segments=segments,
        url=url,
    )
