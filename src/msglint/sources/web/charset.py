"""Character set of a fetched page: the Content-Type header, then <meta>, then a byte-order
mark, in that order of trust (as the issue asks), each used only if the bytes decode with it.

A server that declares a wrong charset is common on old partner portals; rather than
producing mojibake or failing, the next signal is tried. The last resort is UTF-8 with
replacement characters, so one bad byte never hides a whole page.
"""

from __future__ import annotations

import codecs
import re

from msglint.sources import BOMS, normalize_newlines

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1) if m else None


def decode_body(body: bytes, content_type: str | None, html: bool = True) -> str:
    """Decode a response body; never raises."""
    candidates: list[str] = []
    declared = header_charset(content_type)
    if declared:
        candidates.append(declared)
    if html:
        m = _META_CHARSET.search(body[:4096])
        if m:
            candidates.append(m.group(1).decode("ascii"))
    for bom, name in BOMS:
        if body.startswith(bom):
            candidates.append(name)
            break
    candidates.append("utf-8")
    for name in candidates:
        try:
            codecs.lookup(name)
        except LookupError:
            continue
        if name.lower().replace("_", "-") in ("utf-8", "utf8") and body.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        try:
            text = body.decode(name)
        except UnicodeDecodeError:
            continue
        return normalize_newlines(text)
    return normalize_newlines(body.decode("utf-8", errors="replace"))
