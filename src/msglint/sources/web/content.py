"""A stored response as `Content`: its format from the URL's suffix or Content-Type, its
text decoded by `msglint.text.decode`, catalogs kept as bytes (as files.py does)."""

from __future__ import annotations

from urllib.parse import urlsplit

from msglint.config import SourceConfig
from msglint.filetypes import BINARY_FORMATS, BINARY_TYPES, format_for
from msglint.model import Role
from msglint.sources import Content, normalize_newlines
from msglint.sources.web.snapshot import Stored
from msglint.text.decode import decode

_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
}
_CATALOG_TYPES = (
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/ld+json",
    "application/x-ndjson",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


def page_format(url: str, content_type: str | None, role: Role) -> str | None:
    """html, markdown, text, pdf, docx or catalog; None for what msglint does not read."""
    from msglint.sources.files import CATALOG_SUFFIXES

    mime = (content_type or "").split(";")[0].strip().lower()
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    if mime in BINARY_TYPES:
        return BINARY_TYPES[mime]
    if mime in _TYPES:
        by_suffix = format_for(name) if "." in name else None
        return by_suffix if mime == "text/plain" and by_suffix else _TYPES[mime]
    catalog = mime in _CATALOG_TYPES or any(name.lower().endswith(s) for s in CATALOG_SUFFIXES)
    if catalog and role is not Role.DOCS:
        return "catalog"
    if not mime:
        return format_for(name) if "." in name else "html"
    return None


def to_content(source: SourceConfig, stored: Stored) -> Content | None:
    ctype = stored.headers.get("content-type")
    fmt = page_format(stored.url, ctype, source.role)
    if fmt is None:
        return None
    parts = urlsplit(stored.url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if fmt == "catalog" or fmt in BINARY_FORMATS:
        return Content(source.name, source.role, path, "", fmt, url=stored.url, data=stored.body)
    if stored.rendered is not None:
        text = stored.rendered.decode("utf-8", errors="replace")
    else:
        decoded = decode(stored.body, content_type=ctype, markup=fmt == "html", errors="replace")
        text = normalize_newlines(decoded.text)
    return Content(source.name, source.role, path, text, fmt, url=stored.url)
