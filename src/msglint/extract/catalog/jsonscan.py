"""JSON parsed with the line each product starts on, at no extra cost.

The standard library's decoder keeps no positions, and a second pass to find them would
double the cost of a large dump. This scanner walks only the outer array (or the arrays
that are direct members of the outer object) element by element with the C decoder's
`raw_decode`, noting where each element starts: the positions come with the parse. No
library in the dependencies does this (streaming parsers such as ijson give byte offsets
only through their slower Python backends), so it is kept, at 80 lines.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from decimal import Decimal
from typing import Any

DECODER = json.JSONDecoder(parse_float=Decimal)
_SCANSTRING = json.decoder.scanstring
WS = re.compile(r"[ \t\n\r]*")


def parse_with_offsets(text: str) -> tuple[Any, dict[str | None, list[int]]]:
    """json.loads, but noting where each element of the top-level list(s) starts.

    The document's outer array, or each array that is a direct member of its outer object,
    is walked element by element with the C decoder's `raw_decode`, so the offsets come
    with the parse instead of costing a second one. Returns (value, {key or None: offsets}).
    """
    offsets: dict[str | None, list[int]] = {}
    i = WS.match(text, 0).end()
    if text.startswith("\ufeff", i):
        i = WS.match(text, i + 1).end()
    if text.startswith("[", i):
        value, end, starts = _scan_array(text, i)
        offsets[None] = starts
    elif text.startswith("{", i):
        value, end = _scan_object(text, i, offsets)
    else:
        value, end = DECODER.raw_decode(text, i)
    end = WS.match(text, end).end()
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value, offsets


def _scan_array(text: str, i: int) -> tuple[list[Any], int, list[int]]:
    items: list[Any] = []
    starts: list[int] = []
    j = WS.match(text, i + 1).end()
    if text.startswith("]", j):
        return items, j + 1, starts
    while True:
        starts.append(j)
        value, j = DECODER.raw_decode(text, j)
        items.append(value)
        j = WS.match(text, j).end()
        if text.startswith(",", j):
            j = WS.match(text, j + 1).end()
        elif text.startswith("]", j):
            return items, j + 1, starts
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, j)


def _scan_object(
    text: str, i: int, offsets: dict[str | None, list[int]]
) -> tuple[dict[str, Any], int]:
    obj: dict[str, Any] = {}
    j = WS.match(text, i + 1).end()
    if text.startswith("}", j):
        return obj, j + 1
    while True:
        if not text.startswith('"', j):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, j)
        key, j = _SCANSTRING(text, j + 1)
        j = WS.match(text, j).end()
        if not text.startswith(":", j):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, j)
        j = WS.match(text, j + 1).end()
        if text.startswith("[", j):
            value, j, starts = _scan_array(text, j)
            offsets[key] = starts
        else:
            value, j = DECODER.raw_decode(text, j)
        obj[key] = value
        j = WS.match(text, j).end()
        if text.startswith(",", j):
            j = WS.match(text, j + 1).end()
        elif text.startswith("}", j):
            return obj, j + 1
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, j)


class LineIndex:
    """Offsets -> 1-based lines, with the newline table built once."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)
