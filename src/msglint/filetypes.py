"""Which reader a file or page needs, from its name or its declared Content-Type.

Sources decide what to read and how (decoded text, or bytes for PDF, DOCX and catalogs), and
the parsers pick a parser, from the same tables; they live here, below both, so a source
never imports a parser to learn a file's format.
"""

from __future__ import annotations

from pathlib import PurePosixPath

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
