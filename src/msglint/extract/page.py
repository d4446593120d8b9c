"""One parsed page -> its Records, trying each way of reading products in order of trust.

1. schema.org JSON-LD, then microdata, then OpenGraph product tags (stated for machines);
2. the source's CSS selectors from config (listing pages hold many products);
3. heuristics: the `h1`, the price element, spec tables and definition lists.

A page with one product gets the fields its structured data lacks from the later steps
(JSON-LD rarely lists every spec the table shows), and keeps the visible price so the page
can be checked against itself. Support claims in the page's prose belong to its product;
on a page with none or many products they are the site's policy (a `policy` Record).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msglint.extract import Extraction, ProblemCode
from msglint.extract.cellcontext import CellContexts
from msglint.extract.heuristics import (
    description_node,
    identifier_nodes,
    identifier_value,
    identifiers_in_text,
    name_node,
    price_nodes,
    several_offers,
    spec_rows,
    text_of,
    visible_prices,
)
from msglint.extract.locate import Locator
from msglint.extract.selectors import selector_records
from msglint.extract.structured import (
    is_product,
    jsonld_items,
    microdata_items,
    opengraph_item,
    schema_record,
)
from msglint.model import Claim, Document, Location, Record

#: Segment kinds whose prose can state a support claim.
CLAIM_SEGMENTS = frozenset(
    {"paragraph", "list-item", "table-cell", "text", "heading", "blockquote"}
)

if TYPE_CHECKING:
    from msglint.config import SourceConfig


def extract_page(doc: Document, source: SourceConfig | None = None) -> Extraction:
    """Every product Record on an HTML page (and its policy claims), with what failed."""
    out = Extraction()
    if doc.tree is None:
        return out
    currency = source.currency if source else None
    ev = Locator(doc)
    records = _structured(doc, ev, currency, out)
    if source is not None and source.selectors is not None:
        selected = selector_records(doc, ev, source.selectors, currency, out)
        if not records:
            records = selected
        elif len(records) == 1 and len(selected) == 1:
            _fill(records[0], selected[0])
    heuristic = _heuristic(doc, ev, currency, out) if len(records) <= 1 else None
    if (
        not records
        and heuristic is not None
        and heuristic.name
        and (heuristic.prices or heuristic.sku or heuristic.gtin or heuristic.mpn)
    ):
        records = [heuristic]
    elif len(records) == 1 and heuristic is not None:
        _fill(records[0], heuristic)
        if records[0].origin != heuristic.origin:
            records[0].page_prices = heuristic.prices
    for index, rec in enumerate(records):
        rec.index = index
    claims = _claims(doc)
    if claims:
        if len(records) == 1:
            _attach(records[0], claims)
        else:
            records.append(_policy(doc, claims, len(records)))
    out.records = records
    return out


def policy_record(doc: Document) -> Record | None:
    """The support claims of a page that is not a product page (Markdown, text, HTML)."""
    claims = _claims(doc)
    return _policy(doc, claims, 0) if claims else None


def _policy(doc: Document, claims: list[Claim], index: int) -> Record:
    return Record(
        source=doc.source,
        role=doc.role,
        path=doc.path,
        url=doc.url,
        kind="policy",
        origin="prose",
        index=index,
        claims=claims,
        at=claims[0].where,
    )


def _attach(record: Record, claims: list[Claim]) -> None:
    record.claims.extend(claims)


def _structured(doc: Document, ev: Locator, currency: str | None, out: Extraction) -> list[Record]:
    records: list[Record] = []
    for index, item in jsonld_items(doc, ev, out):
        if is_product(item):
            at = ev.script(index)

            def locate(key: str, value: Any, _i: int = index) -> Location:
                return ev.script(_i, key, value)

            records.append(
                schema_record(
                    item,
                    doc=doc,
                    origin="json-ld",
                    at=at,
                    locate=locate,
                    currency=currency,
                    out=out,
                )
            )
    if records:
        return records
    for item in microdata_items(doc):
        if is_product(item):
            fallback = Location(path=doc.path, url=doc.url)

            def find(key: str, value: Any, _f: Location = fallback) -> Location:
                return (ev.text(str(value)) if value else None) or _f

            records.append(
                schema_record(
                    item,
                    doc=doc,
                    origin="microdata",
                    at=fallback,
                    locate=find,
                    currency=currency,
                    out=out,
                )
            )
    if records:
        return records
    item = opengraph_item(doc)
    if item is not None and item.get("name"):
        head = Location(path=doc.path, url=doc.url, selector='meta[property^="og:"]')
        records.append(
            schema_record(
                item,
                doc=doc,
                origin="opengraph",
                at=head,
                locate=lambda key, value: head,
                currency=currency,
                out=out,
            )
        )
    return records


def _heuristic(doc: Document, ev: Locator, currency: str | None, out: Extraction) -> Record | None:
    from msglint.values.specs import parse_spec

    tree = doc.tree
    root = tree.body
    if root is None:
        return None
    rec = Record(source=doc.source, role=doc.role, path=doc.path, url=doc.url, origin="heuristic")
    node = name_node(root)
    if node is not None:
        rec.name = text_of(node)[:500]
        rec.where["name"] = rec.at = ev.element(node)
    for fieldname, id_node in identifier_nodes(root):
        setattr(rec, fieldname, identifier_value(id_node))
        rec.where[fieldname] = ev.element(id_node)
    if node is not None and not (rec.sku or rec.gtin):
        _identifiers_near_name(doc, rec)
    shown = _single_price(root, currency)
    if shown is not None:
        prices, price_node = shown
        where = ev.element(price_node)
        rec.prices = [p.located(where) for p in prices]
    else:
        _price_trouble(root, ev, out)
        if rec.name:
            _price_near_name(doc, rec, currency)
    for label, value, value_node in spec_rows(root):
        spec = parse_spec(label, value)
        if spec.key not in rec.specs:
            rec.specs[spec.key] = spec.located(ev.element(value_node))
    desc = description_node(root)
    if desc is not None:
        rec.description = text_of(desc)[:5000]
        rec.where["description"] = ev.element(desc)
    return rec


def _identifiers_near_name(doc: Document, rec: Record) -> None:
    """SKU/EAN written in the prose just below the product name ("Art. no. X · EAN Y")."""
    from msglint.model import match_location

    segments = doc.segments
    start = next((i for i, s in enumerate(segments) if s.kind == "heading"), None)
    if start is None:
        return
    for seg in segments[start : start + 6]:
        for fieldname, (value, a, b) in identifiers_in_text(seg.text).items():
            if not getattr(rec, fieldname):
                setattr(rec, fieldname, value)
                rec.where[fieldname] = match_location(doc, seg, a, b)


def _price_near_name(doc: Document, rec: Record, currency: str | None) -> None:
    """A price written in one of the few short blocks right below the product's name, for
    pages whose price element carries no telling class ("buybox", "amount")."""
    from msglint.model import match_location
    from msglint.values.prices import find_prices

    segments = doc.segments
    start = next(
        (i for i, s in enumerate(segments) if s.kind == "heading" and s.text == rec.name), None
    )
    if start is None:
        return
    for seg in segments[start + 1 : start + 1 + NEAR_NAME]:
        if seg.kind == "heading":
            return
        if len(seg.text) > 120:
            continue
        found = find_prices(seg.text, currency=currency)
        if found:
            if len({p.amount for _, _, p in found}) > 2 or several_offers(seg.text, found):
                return
            a, b = found[0][0], found[-1][1]
            where = match_location(doc, seg, a, b)
            rec.prices = [p.located(where) for _, _, p in found[:2]]
            return


#: How many blocks below the product name are searched for its price.
NEAR_NAME = 4


def _single_price(root: Any, currency: str | None) -> tuple[list[Any], Any] | None:
    """The page's price element, unless the page shows several different prices (a pricing
    or listing page, whose prices belong to no single product)."""
    first: tuple[list[Any], Any] | None = None
    for node in price_nodes(root):
        prices = visible_prices(node, currency)
        if not prices:
            continue
        if first is None:
            first = (prices, node)
        elif {p.amount for p in prices} - {p.amount for p in first[0]}:
            return None
    return first


def _price_trouble(root: Any, ev: Locator, out: Extraction) -> None:
    """Say why the page's price element gave no price when its amount is one msglint will
    not read ("-$100.00", "$1e308"), instead of dropping the price without a word."""
    from msglint.values.prices import price_trouble

    for node in price_nodes(root):
        text = text_of(node)
        why = price_trouble(text) if len(text) <= 300 else None
        if why:
            out.problem(
                ev.element(node), ProblemCode.VALUE, f"price {text[:80]!r} cannot be read: {why}"
            )
            return


def _fill(target: Record, extra: Record) -> None:
    """Give `target` the fields it lacks from a less trusted reading of the same page."""
    if (
        target.name
        and extra.name
        and " ".join(target.name.split()) == " ".join(extra.name.split())
        and "name" in extra.where
    ):
        target.where["name"] = extra.where["name"]  # the visible heading is better evidence
    for fieldname in ("name", "brand", "sku", "mpn", "gtin", "description"):
        if not getattr(target, fieldname) and getattr(extra, fieldname):
            setattr(target, fieldname, getattr(extra, fieldname))
            if fieldname in extra.where:
                target.where.setdefault(fieldname, extra.where[fieldname])
    if not target.prices and extra.prices:
        target.prices = list(extra.prices)
    for key, spec in extra.specs.items():
        if key not in target.specs:
            target.specs[key] = spec


def region_of(lang: str | None) -> str | None:
    """The region of a page's declared language ("en-US" -> "US"), for phone numbers
    written without a country code; None when the language names none ("en")."""
    if not lang:
        return None
    parts = lang.replace("_", "-").split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return region.upper() if region else None


def _claims(doc: Document) -> list[Claim]:
    """The support claims in the page's prose, each with its place.

    A cell of an HTML table is read with its row's first cell and its column's header in
    front ("Priority 1: pump failure: First response: within 4 business hours"): an SLA
    table states the priority in the row and "response" or "resolution" in the header.
    Claims found in that prefix belong to the other cells and are read there.
    """
    from msglint.model import match_location
    from msglint.values.claims import find_claims
    from msglint.values.claims.triggers import has_claim_words, with_claim_words

    found = []
    region = region_of(doc.lang)
    prose = [seg for seg in doc.segments if seg.kind in CLAIM_SEGMENTS]
    plain = [seg for seg in prose if seg.kind != "table-cell"]
    wanted = {id(plain[i]) for i in with_claim_words([seg.text for seg in plain])}
    contexts = CellContexts(doc)
    for seg in prose:  # in reading order
        prefix = ""
        if seg.kind == "table-cell":
            prefix = contexts.of(seg)
            if not has_claim_words(prefix + seg.text):
                continue
        elif id(seg) not in wanted:
            continue
        text = prefix + seg.text
        for claim in find_claims(text, region):
            start, end = claim.start - len(prefix), claim.end - len(prefix)
            if start < 0:
                continue
            found.append(claim.located(match_location(doc, seg, start, end)))
    return found
