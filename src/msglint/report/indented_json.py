"""`json.dumps(obj, indent=2, ensure_ascii=False)`, byte for byte, faster.

Why: with `indent`, the standard library gives up its C encoder for a pure-Python one made
of nested generators, and a report with 90,000 findings (18 values each) took longer to
encode than to check on two cores. This encoder walks the same plain data (dicts, lists,
strings, numbers, None, booleans) with one recursive function that appends to a list,
and escapes strings with the standard library's own C escaper, so its output is the same
bytes. Anything else (a value the standard library would reject or pass to `default`)
makes `dumps` hand the whole object to `json.dumps`, so errors stay the standard ones.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_INF = float("inf")


class _Unsupported(Exception):
    """A value this encoder does not know: the standard library decides."""


def dumps(obj: Any) -> str:
    """The same string as `json.dumps(obj, indent=2, ensure_ascii=False)`."""
    out: list[str] = []
    try:
        _encode(obj, out, "\n")
    except (_Unsupported, RecursionError):
        return json.dumps(obj, indent=2, ensure_ascii=False)
    return "".join(out)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return '"' + int.__repr__(key) + '"'
    if isinstance(key, float):
        return '"' + _float(key) + '"'
    raise _Unsupported


_KEYS: dict[str, str] = {}


def _encode(value: Any, out: list[str], newline: str) -> None:
    """Append `value` at the indentation `newline` ("\\n" plus spaces) ends with."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        keys = _KEYS
        for key, item in value.items():
            head = keys.get(key) if type(key) is str else None
            if head is None:
                head = _key(key) + ": "
                if type(key) is str and len(keys) < 4096:
                    keys[key] = head
            kind = type(item)
            if kind is str:
                out.append(sep + head + encode_basestring(item))
            elif item is None:
                out.append(sep + head + "null")
            else:
                out.append(sep + head)
                _encode(item, out, inner)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            sep = "," + inner
            _encode(item, out, inner)
        out.append(newline + "]")
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    else:
        raise _Unsupported
