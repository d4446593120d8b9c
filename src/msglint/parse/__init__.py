"""Bytes -> Document. Picks the parser by file extension or declared content type."""

from __future__ import annotations

from pathlib import PurePosixPath

from msglint.model import Document, Role

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
RST_SUFFIXES = frozenset({".rst", ".rest"})


def format_for(path: str, content_type: str | None = None) -> str | None:
    """The parser to use for `path` ("html", "markdown", "rst", "text"), or None if not prose."""
    if content_type:
        ct = content_type.split(";")[0].strip().lower()
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
    return None


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
