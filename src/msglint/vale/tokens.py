"""The HTML token stream Vale reads, as golang.org/x/net/html's tokenizer gives it.

Vale's walker (walk.py) only sees tag names, a few attributes (class, href, src, id, alt)
and text, so a small regex tokenizer is enough: start, end and self-closing tags with their
attributes, comments, text with character references decoded, and the raw-text elements
(`script`, `style`, ...) read up to their closing tag. Markdown becomes the same tokens in
goldmark.py.

A token is `(kind, data, attrs)`: TEXT with the decoded text, START/END/SELF with the
lower-case tag name, COMMENT with the comment's text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

TEXT, START, END, COMMENT, SELF = range(5)
Token = tuple[int, str, dict[str, str] | None]

# -- HTML ---------------------------------------------------------------------------------

#: Elements whose content the Go tokenizer reads as raw text up to the closing tag.
_RAW = frozenset(
    {"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "xmp"}
)
_RCDATA = frozenset({"textarea", "title"})
_MARKUP = re.compile(
    r"<(?:(/?)([A-Za-z][^\t\n\f\r />]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>"
    r"|!--(.*?)(?:--!?>|\Z)|[!?]([^>]*)>?|/[^A-Za-z>][^>]*>?|/>)",
    re.S,
)
_ATTR = re.compile(r"([^\t\n\f\r />=][^\t\n\f\r />=]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


def _attrs(text: str) -> dict[str, str] | None:
    if not text.strip():
        return None
    out: dict[str, str] = {}
    for m in _ATTR.finditer(text):
        name = m.group(1).lower()
        value = m.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        if name not in out:
            out[name] = html.unescape(value) if "&" in value else value
    return out or None


def tokenize_html(src: str) -> Iterator[Token]:
    """The tokens golang.org/x/net/html gives for `src` (text decoded as its Text() does)."""
    pos = 0
    n = len(src)
    while pos < n:
        lt = src.find("<", pos)
        if lt < 0:
            yield TEXT, _decode(src[pos:]), None
            return
        m = _MARKUP.match(src, lt) if lt + 1 < n else None
        if m is None:  # a "<" that starts nothing is text
            nxt = src.find("<", lt + 1)
            end = n if nxt < 0 else nxt
            yield TEXT, _decode(src[pos:end]), None
            pos = end
            continue
        if lt > pos:
            yield TEXT, _decode(src[pos:lt]), None
        pos = m.end()
        name = m.group(2)
        if name is None:
            comment = m.group(5)
            if comment is not None:
                yield COMMENT, comment, None
            elif m.group(6) is not None and not m.group(6).lower().startswith("doctype"):
                yield COMMENT, m.group(6), None
            continue
        name = name.lower()
        if m.group(1):
            yield END, name, None
            continue
        attrs = _attrs(m.group(3))
        if m.group(4):
            yield SELF, name, attrs
            continue
        yield START, name, attrs
        if name in _RAW or name in _RCDATA:
            close = re.compile(r"</" + re.escape(name) + r"[\s/>]", re.I).search(src, pos)
            end = n if close is None else close.start()
            if end > pos:
                raw = src[pos:end]
                yield TEXT, _decode(raw) if name in _RCDATA else raw, None
            pos = end


def _decode(text: str) -> str:
    text = text.replace("\x00", "\ufffd")
    return html.unescape(text) if "&" in text else text
