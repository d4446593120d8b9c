"""Bytes -> Document. Picks the parser by file extension or declared content type.

HTML, Markdown, reStructuredText and text arrive decoded; PDF and DOCX arrive as bytes
(`parse_binary`).
"""

from __future__ import annotations

from msglint.filetypes import (  # re-exported: the parsers pick by these
    BINARY_FORMATS,
    BINARY_SUFFIXES,
    BINARY_TYPES,
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    TEXT_SUFFIXES,
    format_for,
)
from msglint.model import Document, Role

__all__ = [
    "BINARY_FORMATS",
    "BINARY_SUFFIXES",
    "BINARY_TYPES",
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "TEXT_SUFFIXES",
    "UnreadableDocument",
    "format_for",
    "parse",
    "parse_binary",
]


class UnreadableDocument(ValueError):
    """A PDF or DOCX that cannot be read (encrypted, damaged, no text layer, a zip bomb);
    the message is the reason, shown as the file's source error."""


def parse_binary(
    data: bytes,
    fmt: str,
    *,
    source: str,
    role: Role,
    path: str,
    url: str | None = None,
) -> Document:
    """Parse a PDF or DOCX file's bytes into a Document (raises UnreadableDocument)."""
    if fmt == "pdf":
        from msglint.parse.pdf import parse_pdf

        return parse_pdf(data, source=source, role=role, path=path, url=url)
    from msglint.parse.docx import parse_docx

    return parse_docx(data, source=source, role=role, path=path, url=url)


def parse(
    content: str,
    fmt: str,
    *,
    source: str,
    role: Role,
    path: str,
    url: str | None = None,
) -> Document:
    """Parse decoded `content` of format `fmt` into a Document."""
    if fmt == "html":
        from msglint.parse.html import parse_html

        return parse_html(content, source=source, role=role, path=path, url=url)
    if fmt == "markdown":
        from msglint.parse.markdown import parse_markdown

        return parse_markdown(content, source=source, role=role, path=path, url=url)
    if fmt == "rst":
        from msglint.parse.rst import parse_rst

        return parse_rst(content, source=source, role=role, path=path, url=url)
    from msglint.parse.text import parse_text

    return parse_text(content, source=source, role=role, path=path, url=url)
