"""JSON and JSON Lines catalogs: a list of product objects (or an object holding one), or one
object per line; nested values are reached by dotted paths ("offers.price") as headers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from msglint.extract import ProblemCode
from msglint.extract.catalog.build import HEADER_SAMPLE, MAX_ROWS, Builder, Ctx, Numeric
from msglint.extract.catalog.headers import Header, norm, synonyms, to_header
from msglint.extract.catalog.jsonscan import DECODER, WS, LineIndex, parse_with_offsets
from msglint.extract.catalog.plan import plan_columns
from msglint.model import Location, Record
from msglint.text.decode import UndecodableError, decode
from msglint.text.tables import load

_LEAF_IS_PARENT = frozenset({"name", "value", "@value", "#text", "text"})
_BARE_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


@cache
def _list_keys() -> tuple[str, ...]:
    """Keys that hold a document's product list, in order of preference (data)."""
    return tuple(k.casefold() for k in load("catalog_headers.yaml")["json_lists"])


def load_json(ctx: Ctx, data: bytes, columns: dict[str, str], encoding: str | None) -> None:
    """A JSON list of objects, or an object holding one ("products", "items", "data"...).

    Floats are read as Decimal so "1299.00" stays exactly that. The list's elements get the
    line they start on when the list is the document or a top-level member of it (found in
    the same pass as parsing, at no extra cost); deeper lists get no line.
    """
    text = _decode_json_text(ctx, data, encoding)
    if text is None:
        return
    try:
        doc, offsets = parse_with_offsets(text)
    except json.JSONDecodeError as exc:
        ctx.problem(
            Location(path=ctx.path, line=exc.lineno),
            ProblemCode.UNREADABLE,
            f"invalid JSON: {exc.msg}",
        )
        return
    except RecursionError:
        ctx.problem(ctx.file_loc, ProblemCode.UNREADABLE, "invalid JSON: nested too deeply")
        return
    found = _record_list(doc)
    if found is None:
        ctx.problem(
            ctx.file_loc,
            ProblemCode.UNREADABLE,
            "no list of product objects found in the JSON document",
        )
        return
    key_path, items = found
    lines = LineIndex(text)
    if items is None:  # the document is one product
        start = lines.line(WS.match(text, 0).end())
        _load_objects(ctx, [(0, start, "$", doc)], columns, Location(path=ctx.path, line=start))
        return
    prefix = "$" + "".join(_json_step(k) for k in key_path)
    starts = offsets.get(key_path[0] if key_path else None, []) if len(key_path) <= 1 else []
    entries = []
    for i, item in enumerate(items):
        line = lines.line(starts[i]) if i < len(starts) else None
        entries.append((i, line, f"{prefix}[{i}]", item))
    _load_objects(ctx, entries, columns, Location(path=ctx.path, line=1 if items else None))


def load_jsonl(ctx: Ctx, data: bytes, columns: dict[str, str], encoding: str | None) -> None:
    """One JSON object per line; a bad line is a problem with its line number."""
    text = _decode_json_text(ctx, data, encoding)
    if text is None:
        return
    entries = []
    index = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        if index >= MAX_ROWS:
            ctx.problem(
                Location(path=ctx.path, line=number),
                ProblemCode.LIMIT,
                f"stopped after {MAX_ROWS:,} rows",
            )
            break
        position = index
        index += 1
        if ctx.suppressed and raw.lstrip()[:1] != "{":
            ctx.suppressed += 1  # a problem past the listed ones: no need to decode it
            continue
        try:
            item = DECODER.decode(raw)
        except json.JSONDecodeError as exc:
            ctx.problem(
                Location(path=ctx.path, line=number), ProblemCode.ROW, f"invalid JSON: {exc.msg}"
            )
            continue
        except RecursionError:
            ctx.problem(
                Location(path=ctx.path, line=number),
                ProblemCode.ROW,
                "invalid JSON: nested too deeply",
            )
            continue
        if not isinstance(item, dict):
            ctx.problem(
                Location(path=ctx.path, line=number), ProblemCode.ROW, "line is not a JSON object"
            )
            continue
        entries.append((position, number, "$", item))
    _load_objects(ctx, entries, columns, Location(path=ctx.path, line=1))


def _decode_json_text(ctx: Ctx, data: bytes, encoding: str | None) -> str | None:
    """JSON is UTF-8 by standard (RFC 8259); a BOM or a given encoding is honoured."""
    try:
        return decode(data, declared=encoding).text
    except UndecodableError as exc:
        ctx.problem(Location(path=ctx.path, line=exc.line), ProblemCode.UNREADABLE, str(exc))
    return None


def _load_objects(
    ctx: Ctx,
    entries: list[tuple[int, int | None, str, Any]],
    columns: dict[str, str],
    header_loc: Location,
) -> None:
    """JSON objects -> Records through the dotted-path headers seen in the first objects."""
    objects = [e for e in entries if isinstance(e[3], dict)]
    for _index, line, prefix, _item in (e for e in entries if not isinstance(e[3], dict)):
        ctx.problem(
            Location(path=ctx.path, line=line, selector=prefix),
            ProblemCode.ROW,
            "not a JSON object",
        )
    if len(objects) > MAX_ROWS:
        ctx.problem(ctx.file_loc, ProblemCode.LIMIT, f"stopped after {MAX_ROWS:,} objects")
        objects = objects[:MAX_ROWS]
    paths: dict[str, int] = {}
    for _, _, _, item in objects[:HEADER_SAMPLE]:
        _collect_paths(item, "", 0, paths)
    headers = [_jsonheader(p, depth) for p, depth in paths.items()]
    keys = list(paths)

    def lookup(wanted: str) -> int | None:
        for _, _, _, item in objects:
            if _resolve(item, wanted)[0] is not None:
                keys.append(wanted)
                headers.append(_jsonheader(wanted, wanted.count(".")))
                return len(keys) - 1
        return None

    plan = plan_columns(ctx, headers, columns, header_loc, lookup)
    if plan is None:
        return
    builder = Builder(ctx, plan, headers)
    width = len(keys)
    path = ctx.path
    for index, line, prefix, item in objects:
        values: list[str | None] = [None] * width
        steps: dict[int, str] = {}
        for pos in plan.used:
            value, sel = _resolve(item, keys[pos])
            values[pos] = _json_text(value)
            steps[pos] = sel

        def loc(pos: int, _line: int | None = line, _prefix: str = prefix, _s=steps) -> Location:
            return Location(path=path, line=_line, selector=_prefix + _s[pos])

        rec = builder.build(index, Location(path=path, line=line, selector=prefix), values, loc)
        _additional_properties(builder, rec, item, line, prefix)
        ctx.out.records.append(rec)


def _jsonheader(dotted: str, depth: int) -> Header:
    """A JSON path as a header: "offers.price" is detected as "price".

    A generic leaf ("name", "value") stands for its parent: "brand.name" is "brand".
    """
    parts = dotted.split(".")
    leaf = parts[-1]
    if len(parts) > 1 and leaf.casefold() in _LEAF_IS_PARENT:
        leaf = parts[-2]
    return to_header(dotted, rank=depth, detect_from=leaf)


def _collect_paths(obj: dict[str, Any], prefix: str, depth: int, out: dict[str, int]) -> None:
    """Dotted paths to scalar values (lists of objects are looked into at their first one)."""
    if depth > 4:
        return
    for key, value in obj.items():
        if not isinstance(key, str) or "." in key:
            continue
        dotted = f"{prefix}{key}"
        if isinstance(value, list):
            value = next((v for v in value if v is not None), None)
        if isinstance(value, dict):
            _collect_paths(value, dotted + ".", depth + 1, out)
        elif value is not None and dotted not in out:
            out[dotted] = depth


def _resolve(obj: Any, dotted: str) -> tuple[Any, str]:
    """The value at a dotted path and its JSONPath tail (".offers[0].price")."""
    steps = []
    for part in dotted.split("."):
        if isinstance(obj, list):
            if not obj:
                return None, ""
            obj = obj[0]
            steps.append("[0]")
        if not isinstance(obj, dict):
            return None, ""
        obj = obj.get(part)
        steps.append(_json_step(part))
        if obj is None:
            return None, ""
    if isinstance(obj, list) and obj and all(isinstance(v, dict) for v in obj):
        return None, ""
    return obj, "".join(steps)


def _json_step(key: str) -> str:
    return f".{key}" if key.replace("_", "a").isalnum() else f"[{json.dumps(key)}]"


def _json_text(value: Any) -> str | None:
    """A JSON scalar as the text a cell would hold; lists of scalars joined with ", "."""
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = [t for t in (_json_text(v) for v in value[:100]) if t]
        return ", ".join(parts) or None
    return Numeric(value)


def _additional_properties(
    builder: Builder, rec: Record, item: dict[str, Any], line: int | None, prefix: str
) -> None:
    """schema.org `additionalProperty`: PropertyValue name/value pairs are specs."""
    props = item.get("additionalProperty")
    if not isinstance(props, list):
        return
    for i, prop in enumerate(props[:200]):
        if not isinstance(prop, dict):
            continue
        label, value = _json_text(prop.get("name")), _json_text(prop.get("value"))
        unit = _json_text(prop.get("unitText"))
        if label and value:
            text = f"{value} {unit}" if unit and _BARE_NUMBER.match(value) else value
            where = Location(path=rec.path, line=line, selector=f"{prefix}.additionalProperty[{i}]")
            numeric = isinstance(value, Numeric)
            builder.add_spec(rec, label.strip(), text.strip(), where, numeric=numeric)


def _record_list(doc: Any) -> tuple[tuple[str, ...], list[Any] | None] | None:
    """The list of product objects: the document itself, a well-known key, or the first.

    Preferred keys ("products", "items", ...) are searched up to three levels deep; then a
    top-level object that has a name of its own is one product (its `offers` list is not
    a catalog), returned as ((), None); then the first list of objects near the top.
    """
    if isinstance(doc, list):
        return (), doc
    if not isinstance(doc, dict):
        return None
    found = _search(doc, _preferred_key)
    if found is not None:
        return found
    if any(norm(k) in synonyms()["name"] for k in doc if isinstance(k, str)):
        return (), None
    return _search(doc, _first_key)


def _is_object_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def _preferred_key(obj: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The list under a catalog-like key ("products", "items", ...), in that key order."""
    for key in _list_keys():
        for actual, value in obj.items():
            if isinstance(actual, str) and actual.casefold() == key and _is_object_list(value):
                return actual, value
    return None


def _first_key(obj: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The first list of objects in `obj`, whatever its key."""
    for key, value in obj.items():
        if _is_object_list(value):
            return key, value
    return None


def _search(
    obj: dict[str, Any],
    pick: Callable[[dict[str, Any]], tuple[str, list[Any]] | None],
    path: tuple[str, ...] = (),
    depth: int = 0,
) -> tuple[tuple[str, ...], list[Any]] | None:
    """`pick` in `obj`, then in its nested objects, at most three levels deep."""
    found = pick(obj)
    if found is not None:
        return (*path, found[0]), found[1]
    if depth >= 2:
        return None
    for key, value in obj.items():
        if isinstance(value, dict):
            nested = _search(value, pick, (*path, key), depth + 1)
            if nested is not None:
                return nested
    return None
