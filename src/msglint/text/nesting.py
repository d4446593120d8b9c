"""Bound a page's nesting and its tags' attributes before Lexbor parses it, so parsing
stays linear.

Why: Lexbor follows the HTML5 tree construction algorithm, and several of its steps walk
the stack of open elements or the list of active formatting elements, so their cost grows
with nesting: 100,000 nested `<div>`s took 35 s (issue 14), 20,000 distinct unclosed
`<b id=…>` 3 s, one `<select>` with 20,000 options 1.7 s, each doubling of the input
quadrupling the time. Browsers bound this too (Chromium stops nesting at 512 levels). Its
tokenizer checks each attribute of a tag against the tag's earlier ones (duplicates are
dropped), so one tag with many distinct attributes is quadratic too: 16,000 of them (140
KB) took 0.38 s, 8,000 0.096 s.

How: one linear scan over the tags (comments and raw-text elements such as `<script>`
skipped) keeps a model of the open elements: void elements and those whose end tag is
optional (`p`, `li`, `td`...) are not pushed, an end tag closes up to its element, and an
unclosed formatting element (`b`, `font`, `a`...) stays open, as the parser reconstructs
it. A start tag that would open more than MAX_OPEN elements, or an `<option>` beyond
MAX_OPTIONS in one `<select>`, is blanked with spaces of the same length (and so is its end
tag), so every source offset stays exact and the text inside merges into its parent, as a
reader would see it; a tag's attributes past MAX_ATTRIBUTES are blanked the same way (a
reader sees none of them). Tags are read as the HTML5 tokenizer reads them: quoted values
may hold `>` and `<`, and a tag that never closes runs to the end of the page. Blanking
keeps line breaks, so line numbers stay exact too. Pages with fewer than SCAN_FROM tags
and no tag with more than MAX_ATTRIBUTES attributes (one regular expression search finds
such a tag) are returned untouched without a scan: their worst case is a few hundredths of
a second.
"""

from __future__ import annotations

import re

MAX_OPEN = 256
MAX_OPTIONS = 1_000
#: Attributes kept per tag: 256 distinct ones cost Lexbor 0.1 ms a tag (about 0.13 s for a
#: megabyte of such tags); real pages stay far below (a framework's element: a few dozen).
MAX_ATTRIBUTES = 256
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
# A tag as the HTML5 tokenizer reads it, possessive throughout (linear, no backtracking): the
# name, then attributes (a name; then, after "=", a quoted value, which may hold ">", or an
# unquoted one), separated by white space or "/" (or nothing after a quoted value); then ">".
# Only a tag that runs to the end of the page (an unclosed quote, no ">") fails to match.
_WS = r"[\t\n\f\r ]"
_ATTR = (
    rf"[\t\n\f\r /]*+[^\t\n\f\r />][^\t\n\f\r />=]*+"
    rf"""(?:{_WS}*+={_WS}*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >"'][^\t\n\f\r >]*+|(?=>))"""
    rf"|(?!{_WS}*+=))"
)
_NAME = r"<(/?)([A-Za-z][^\t\n\f\r />]*+)"
_TAG = re.compile(rf"{_NAME}(?:{_ATTR})*+[\t\n\f\r /]*+>")
_ONE_ATTR = re.compile(_ATTR)
#: A tag with more than MAX_ATTRIBUTES attributes, found by one search (at C speed).
_MANY_ATTRIBUTES = re.compile(rf"{_NAME}(?:{_ATTR}){{{MAX_ATTRIBUTES + 1}}}")
_RAW_END = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in _RAW}


def bound_nesting(src: str) -> str:
    """`src` with the tags that would nest it beyond MAX_OPEN, and the attributes of a tag
    beyond MAX_ATTRIBUTES, blanked (same length, same lines)."""
    if src.count("<") < SCAN_FROM and (
        len(src) <= 2 * MAX_ATTRIBUTES or _MANY_ATTRIBUTES.search(src) is None
    ):
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
            if _NAME_ONLY.match(src, i):
                break  # a tag that never closes: the rest of the page is inside it
            i += 1
            continue
        closing, name = m.group(1) == "/", m.group(2).lower()
        i = m.end()
        if i - m.start() > 2 * MAX_ATTRIBUTES:  # only so long a tag can have so many
            _extra_attributes(src, m.end(2), blank)
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
        piece = src[a:b]
        parts += [src[pos:a], _LINE.sub(_spaces, piece) if "\n" in piece else " " * (b - a)]
        pos = b
    parts.append(src[pos:])
    return "".join(parts)


_NAME_ONLY = re.compile(_NAME)
_LINE = re.compile(r"[^\n]+")


def _spaces(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def _extra_attributes(src: str, at: int, blank: list[tuple[int, int]]) -> None:
    """Blank the attributes of the tag whose name ends at `at` beyond MAX_ATTRIBUTES: one
    span, from the end of the last kept attribute to the end of the last attribute."""
    match = _ONE_ATTR.match
    kept_end = last_end = at
    count = 0
    while (m := match(src, last_end)) is not None:
        count += 1
        last_end = m.end()
        if count == MAX_ATTRIBUTES:
            kept_end = last_end
    if count > MAX_ATTRIBUTES:
        blank.append((kept_end, last_end))
