"""Bytes -> Document. Picks the parser by file extension or declared content type.

HTML, Markdown, reStructuredText and text arrive decoded; PDF and DOCX arrive as bytes
(`parse_binary`).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from msglint.model import Document, Role

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
RST_SUFFIXES = frozenset({".rst", ".rest"})
#: Document formats read from bytes, by suffix and by Content-Type.
BINARY_SUFFIXES = {".pdf": "pdf", ".docx": "docx"}
BINARY_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
BINARY_FORMATS = frozenset(BINARY_SUFFIXES.values())


class UnreadableDocument(ValueError):
    """A PDF or DOCX that cannot be read (encrypted, damaged, no text layer, a zip bomb);
    the message is the reason, shown as the file's source error."""


def format_for(path: str, content_type: str | None = None) -> str | None:
    """The parser to use for `path` ("html", "markdown", "rst", "text", "pdf", "docx"), or
    None."""
    if content_type:
        ct = content_type.split(";")[0].strip().lower()
        if ct in BINARY_TYPES:
            return BINARY_TYPES[ct]
        if ct in ("text/html", "application/xhtml+xml"):
            return "html"
        if ct == "text/markdown":
            return "markdown"
        if ct == "text/plain":
            return "text"
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in RST_SUFFIXES:
        return "rst"
    return BINARY_SUFFIXES.get(suffix)


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
