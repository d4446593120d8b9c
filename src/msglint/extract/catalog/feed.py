"""Google Merchant Center feeds as XML: RSS 2.0 `<item>`s or Atom `<entry>`s in the `g:`
namespace (their TSV form is read as a delimited file)."""

from __future__ import annotations

from typing import Any

from msglint.extract import ProblemCode
from msglint.extract.catalog.build import HEADER_SAMPLE, MAX_CELL, MAX_ROWS, Builder, Ctx
from msglint.extract.catalog.headers import to_header
from msglint.extract.catalog.plan import plan_columns
from msglint.model import Location, Record

GOOGLE_NS = "http://base.google.com/ns/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"
_PRODUCT_DETAIL = f"{{{GOOGLE_NS}}}product_detail"
_RSS_ITEM_TAGS = ("item", "{http://purl.org/rss/1.0/}item")


def load_feed_xml(ctx: Ctx, data: bytes, columns: dict[str, str], encoding: str | None) -> None:
    """RSS 2.0 `<item>`s or Atom `<entry>`s with Merchant Center `g:` fields.

    Parsed with lxml set against hostile XML: no network, no DTD loading, no entity
    substitution, libxml2's size limits on (huge_tree=False). A feed that declares
    entities at all is refused: real feeds never do, and hostile ones do little else.
    A `g:` field wins over a plain one of the same name (g:title over title), Atom's
    `<link href>` is the link, `g:product_detail` attribute name/value pairs and
    `g:shipping_weight` are specs. Lines come from lxml's `sourceline`.
    """
    root = _parse_xml(ctx, data, encoding)
    if root is None:
        return
    items = [el for el in root.iter(*_RSS_ITEM_TAGS, f"{{{ATOM_NS}}}entry", "entry")]
    if not items:
        ctx.problem(
            ctx.file_loc, ProblemCode.UNREADABLE, "no <item> or <entry> elements in the feed"
        )
        return
    if len(items) > MAX_ROWS:
        ctx.problem(ctx.file_loc, ProblemCode.LIMIT, f"stopped after {MAX_ROWS:,} items")
        items = items[:MAX_ROWS]
    noun = "entry" if items[0].tag.endswith("entry") else "item"
    fields_of = [_feed_fields(item) for item in items]
    first_label: dict[str, str] = {}
    for fields in fields_of[:HEADER_SAMPLE]:
        for local, (_, _, label) in fields.items():
            first_label.setdefault(local, label)
    keys = list(first_label)
    headers = [to_header(first_label[k]) for k in keys]
    header_loc = Location(path=ctx.path, line=items[0].sourceline)

    def lookup(wanted: str) -> int | None:
        local = wanted.removeprefix("g:")
        if any(local in f for f in fields_of):
            keys.append(local)
            headers.append(to_header(wanted))
            return len(keys) - 1
        return None

    plan = plan_columns(ctx, headers, columns, header_loc, lookup)
    if plan is None:
        return
    builder = Builder(ctx, plan, headers)
    for index, (item, fields) in enumerate(zip(items, fields_of, strict=True)):
        rec = _feed_record(builder, index, f"{noun} {index + 1}", item, fields, keys)
        _product_details(builder, rec, item, f"{noun} {index + 1}")
        ctx.out.records.append(rec)


def _feed_record(
    builder: Builder,
    index: int,
    name: str,
    item: Any,
    fields: dict[str, tuple[str, int | None, str]],
    keys: list[str],
) -> Record:
    """One feed item through the plan; each field points at the element it came from."""
    path = builder.ctx.path
    values: list[str | None] = [None] * len(keys)
    found: dict[int, tuple[int | None, str]] = {}
    for pos in builder.plan.used:
        got = fields.get(keys[pos])
        if got is not None:
            values[pos] = got[0]
            found[pos] = got[1], got[2]

    def loc(pos: int) -> Location:
        line, label = found.get(pos, (item.sourceline, keys[pos]))
        return Location(path=path, line=line, selector=f"{name} {label}")

    record_loc = Location(path=path, line=item.sourceline, selector=name)
    return builder.build(index, record_loc, values, loc)


def _parse_xml(ctx: Ctx, data: bytes, encoding: str | None) -> Any:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        encoding=encoding,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError, LookupError) as exc:
        line = getattr(exc, "lineno", None)
        ctx.problem(
            Location(path=ctx.path, line=line), ProblemCode.UNREADABLE, f"invalid feed XML: {exc}"
        )
        return None
    if root is None:
        ctx.problem(ctx.file_loc, ProblemCode.UNREADABLE, "empty feed XML")
        return None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        ctx.problem(
            ctx.file_loc,
            ProblemCode.UNREADABLE,
            "the feed declares XML entities; refused (entities are not expanded)",
        )
        return None
    return root


def _feed_fields(item: Any) -> dict[str, tuple[str, int | None, str]]:
    """An item's simple child elements: local name -> (text, line, label as written).

    `g:title` and a plain `title` are one field; the `g:` one wins, the other is the
    fallback (RSS items often carry only the plain title and link).
    """
    fields: dict[str, tuple[str, int | None, str]] = {}
    for child in item:
        tag = child.tag
        if not isinstance(tag, str) or len(child):
            continue
        ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        if local == "link" and child.get("href") is not None:
            text = child.get("href") if child.get("rel", "alternate") == "alternate" else None
        else:
            text = child.text
        if text is None:
            continue
        if ns == GOOGLE_NS:
            if local not in fields or not fields[local][2].startswith("g:"):
                fields[local] = (text, child.sourceline, f"g:{local}")
        elif local not in fields:
            fields[local] = (text, child.sourceline, local)
    return fields


def _product_details(builder: Builder, rec: Record, item: Any, name: str) -> None:
    """g:product_detail (section_name, attribute_name, attribute_value) -> specs."""
    for k, detail in enumerate(item.iterchildren(_PRODUCT_DETAIL), start=1):
        label = detail.findtext(f"{{{GOOGLE_NS}}}attribute_name")
        value = detail.findtext(f"{{{GOOGLE_NS}}}attribute_value")
        if label and value and label.strip() and value.strip():
            where = Location(
                path=rec.path, line=detail.sourceline, selector=f"{name} g:product_detail[{k}]"
            )
            builder.add_spec(rec, label.strip()[:200], value.strip()[:MAX_CELL], where)
