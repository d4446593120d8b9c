"""Bound a page's nesting before Lexbor parses it, so parsing stays linear.

Why: Lexbor follows the HTML5 tree construction algorithm, and several of its steps walk
the stack of open elements or the list of active formatting elements, so their cost grows
with nesting: 100,000 nested `<div>`s took 35 s (issue 14), 20,000 distinct unclosed
`<b id=…>` 3 s, one `<select>` with 20,000 options 1.7 s, each doubling of the input
quadrupling the time. Browsers bound this too (Chromium stops nesting at 512 levels).

How: one linear scan over the tags (comments and raw-text elements such as `<script>`
skipped) keeps a model of the open elements: void elements and those whose end tag is
optional (`p`, `li`, `td`...) are not pushed, an end tag closes up to its element, and an
unclosed formatting element (`b`, `font`, `a`...) stays open, as the parser reconstructs
it. A start tag that would open more than MAX_OPEN elements, or an `<option>` beyond
MAX_OPTIONS in one `<select>`, is blanked with spaces of the same length (and so is its end
tag), so every source offset stays exact and the text inside merges into its parent, as a
reader would see it. Pages with fewer than SCAN_FROM tags are returned untouched without a
scan: their worst case is a few hundredths of a second.
"""

from __future__ import annotations

import re

MAX_OPEN = 256
MAX_OPTIONS = 1_000
SCAN_FROM = 4_096
#: Only up to this many open elements are searched for the one an end tag closes.
_SEARCH = 512

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    ]
)
_OPTIONAL_END = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
        "rb",
        "rt",
        "rtc",
        "rp",
        "html",
        "head",
        "body",
    ]
)
_FORMATTING = frozenset(
    [
        "a",
        "b",
        "big",
        "code",
        "em",
        "font",
        "i",
        "nobr",
        "s",
        "small",
        "strike",
        "strong",
        "tt",
        "u",
    ]
)
_RAW = frozenset(
    ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]
)
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>\x00]*)[^>]{0,4096}>")
_RAW_END = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in _RAW}


def bound_nesting(src: str) -> str:
    """`src` with the tags that would nest it beyond MAX_OPEN blanked (same length)."""
    if src.count("<") < SCAN_FROM:
        return src
    blank: list[tuple[int, int]] = []
    stack: list[tuple[str, bool]] = []  # (tag name, blanked)
    counts: dict[str, int] = {}
    options = 0
    find, n, i = src.find, len(src), 0
    while True:
        i = find("<", i)
        if i < 0 or i + 1 >= n:
            break
        if src.startswith("<!--", i):
            end = find("-->", i + 4)
            if end < 0:
                break  # the rest of the page is a comment
            i = end + 3
            continue
        m = _TAG.match(src, i)
        if m is None:
            i += 1
            continue
        closing, name = m.group(1) == "/", m.group(2).lower()
        i = m.end()
        if closing:
            if counts.get(name):
                kept: list[tuple[str, bool]] = []
                depth = 0
                while stack and depth < _SEARCH:
                    top, blanked = stack.pop()
                    counts[top] -= 1
                    depth += 1
                    if top == name:
                        if blanked:
                            blank.append(m.span())
                        break
                    if top in _FORMATTING:  # left open: the parser reconstructs it
                        kept.append((top, blanked))
                for entry in reversed(kept):
                    stack.append(entry)
                    counts[entry[0]] += 1
            if name == "select":
                options = 0
            continue
        if name in _RAW:
            end = _RAW_END[name].search(src, i)
            if end is None:
                break  # raw text to the end of the page
            i = end.start()
            continue
        if name == "select":
            options = 0
        if name == "option":
            options += 1
            if options > MAX_OPTIONS:
                blank.append(m.span())
            continue
        if name in _VOID or name in _OPTIONAL_END:
            continue
        too_deep = len(stack) >= MAX_OPEN
        if too_deep:
            blank.append(m.span())
        stack.append((name, too_deep))
        counts[name] = counts.get(name, 0) + 1
    if not blank:
        return src
    blank.sort()
    parts: list[str] = []
    pos = 0
    for a, b in blank:
        parts += [src[pos:a], " " * (b - a)]
        pos = b
    parts.append(src[pos:])
    return "".join(parts)
