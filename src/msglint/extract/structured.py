"""schema.org data on a page -> product Records: JSON-LD, microdata, OpenGraph product tags.

These come first because the page's author stated them for machines: no guessing which
number on the page is the price. JSON-LD is read from the script elements of the tree the
page was already parsed into; microdata needs extruct's lxml-based extractor, so the page
is parsed a second time only when it has `itemscope` attributes at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from msglint.extract import Extraction, ProblemCode
from msglint.extract.locate import Locator
from msglint.extract.schemaorg import as_list as _as_list
from msglint.extract.schemaorg import offer_prices as _offer_prices
from msglint.extract.schemaorg import offers as _offers
from msglint.extract.schemaorg import text as _text
from msglint.model import Document, Location, Price, Record

PRODUCT_TYPES = frozenset({"product", "productmodel", "individualproduct", "productgroup"})
OFFER_TYPES = frozenset({"offer", "aggregateoffer"})
#: Non-product types whose `offers` are still what a customer pays (SaaS plans, services).
OFFERED_TYPES = frozenset({"softwareapplication", "webapplication", "service", "vehicle", "book"})
#: Direct schema.org properties that are specifications (QuantitativeValue or text).
SPEC_PROPERTIES = ("weight", "width", "height", "depth", "color", "material", "size", "pattern")
_GTIN_KEYS = ("gtin", "gtin13", "gtin12", "gtin14", "gtin8", "isbn")
_MAX_ITEMS = 500
_MACHINE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def jsonld_items(doc: Document, ev: Locator, out: Extraction) -> list[tuple[int, dict[str, Any]]]:
    """Every JSON-LD object on the page with the index of its script; bad blocks reported.

    extruct's JsonLdExtractor wants an lxml tree, and the page is already parsed by
    selectolax, so its decoding is applied to the script text directly: `json.loads` with
    `strict=False`, then jstyleson after stripping HTML/JS comment lines, as extruct does.
    """
    tree = doc.tree
    if tree is None:
        return []
    items: list[tuple[int, dict[str, Any]]] = []
    for index, node in enumerate(tree.css('script[type="application/ld+json" i]')):
        raw = node.text(deep=True) or ""
        if not raw.strip():
            continue
        try:
            data = _decode(raw)
        except ValueError as exc:
            out.problem(ev.script(index), ProblemCode.MALFORMED, f"malformed JSON-LD block: {exc}")
            continue
        except RecursionError:  # json's decoder recurses once per level
            out.problem(
                ev.script(index), ProblemCode.MALFORMED, "JSON-LD block nested too deeply to read"
            )
            continue
        for item in _flatten(data):
            items.append((index, item))
            if len(items) >= _MAX_ITEMS:
                return items
    return items


def _decode(raw: str) -> Any:
    try:
        return json.loads(raw, strict=False)
    except ValueError as first:
        import jstyleson
        from extruct.jsonld import HTML_OR_JS_COMMENTLINE

        try:
            return jstyleson.loads(HTML_OR_JS_COMMENTLINE.sub("", raw), strict=False)
        except ValueError:
            raise first from None


def _flatten(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Top-level objects, @graph members and ItemList elements, in page order."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _flatten(data["@graph"], depth + 1)
        types = _types(data)
        if "itemlist" in types:
            for element in _as_list(data.get("itemListElement")):
                if isinstance(element, dict) and "item" in element:
                    yield from _flatten(element["item"], depth + 1)
                else:
                    yield from _flatten(element, depth + 1)
        elif "productgroup" in types and data.get("hasVariant"):
            one = _one_product(data)
            if one is not None:
                yield one
            else:
                yield from _flatten(data["hasVariant"], depth + 1)
        elif types:
            yield data


#: Identifier properties a product group takes from its first variant when it has none.
_VARIANT_IDS = ("sku", "mpn", "gtin", "gtin13", "gtin12", "gtin14", "gtin8")


def _one_product(group: dict[str, Any]) -> dict[str, Any] | None:
    """A `ProductGroup` whose variants all cost the same, as one product: its options
    (colours, finishes) are one product to compare, not one product each; Shopify writes
    every product with options so ("Acme AirRouter AX3000 - Black" beside "- White"), and
    each variant was a product the brand did not list. The group keeps its name, takes the
    first variant's offer and identifiers where it states none, and the other variants'
    SKUs as its codes. Variants at different prices (storage sizes) stay products each;
    None then."""
    variants = [v for v in _as_list(group.get("hasVariant")) if isinstance(v, dict)]
    name = _text(group.get("name"))
    if not variants or not name:
        return None
    prices = set()
    for variant in variants:
        for offer in _offers(variant) or [{}]:
            prices.add(tuple((_text(v), _text(c)) for v, _k, _p, c in _offer_prices(offer)))
    if len(prices) > 1:
        return None
    first = variants[0]
    item = {k: v for k, v in group.items() if k != "hasVariant"}
    item["@type"] = "Product"
    if not group.get("offers") and first.get("offers"):
        item["offers"] = first["offers"]
    for key in _VARIANT_IDS:
        if key not in item and key in first:
            item[key] = first[key]
    skus = [_text(v.get("sku")) for v in variants[1:]]
    item[VARIANT_CODES] = [s for s in skus if s][:50]
    return item


#: Where `_one_product` keeps the other variants' SKUs (not a schema.org property).
VARIANT_CODES = "msglint:variantSkus"


def _types(item: dict[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1].lower() for t in _as_list(item.get("@type"))}


def is_product(item: dict[str, Any]) -> bool:
    types = _types(item)
    return bool(types & PRODUCT_TYPES) or bool(types & OFFERED_TYPES and item.get("offers"))


def schema_record(
    item: dict[str, Any],
    *,
    doc: Document,
    origin: str,
    at: Location,
    locate: Any,
    currency: str | None,
    out: Extraction,
) -> Record:
    """One schema.org Product (as JSON-LD or extruct's microdata JSON) -> a Record.

    `locate(key, value)` gives the Location of a property; `at` is the item's.
    """
    from msglint.values.prices import parse_price, price_trouble
    from msglint.values.specs import parse_spec

    rec = Record(source=doc.source, role=doc.role, path=doc.path, url=doc.url, origin=origin, at=at)
    rec.name = _text(item.get("name"))
    if rec.name:
        rec.where["name"] = locate("name", rec.name)
    rec.brand = _text(item.get("brand")) or _text(item.get("manufacturer"))
    rec.sku = _text(item.get("sku")) or _text(item.get("productID"))
    rec.mpn = _text(item.get("mpn"))
    for key in _GTIN_KEYS:
        gtin = _text(item.get(key))
        if gtin:
            rec.gtin = gtin
            break
    variant_skus = item.get(VARIANT_CODES)
    if isinstance(variant_skus, list):
        rec.codes = tuple(variant_skus)
    model = _text(item.get("model"))
    if model and not rec.mpn:
        rec.mpn = model
    rec.description = _text(item.get("description"))
    if rec.description:
        rec.where["description"] = locate("description", None)
    for offer in _offers(item):
        for price_value, kind, period, stated in _offer_prices(offer):
            cur = _text(stated) or currency
            text = _text(price_value)
            if text is None:
                continue
            machine = _MACHINE_NUMBER.match(text) is not None  # "12.500" is 12.5 in schema.org
            price = parse_price(
                text, currency=cur, kind=kind, decimal_separator="." if machine else None
            )
            if price is None:
                why = price_trouble(text)
                out.problem(
                    locate("price", text),
                    ProblemCode.VALUE,
                    f"price {text[:80]!r} cannot be read" + (f": {why}" if why else ""),
                )
                continue
            if period and price.period is None:
                price = Price(price.amount, price.currency, period, price.kind, price.text)
            rec.prices.append(price.located(locate("price", text)))
    for label, value in _spec_pairs(item):
        spec = parse_spec(label, value)
        if spec.key not in rec.specs:
            rec.specs[spec.key] = spec.located(locate(label, None))
    return rec


def _spec_pairs(item: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for prop in _as_list(item.get("additionalProperty"))[:200]:
        if not isinstance(prop, dict):
            continue
        label, value = _text(prop.get("name")), _quantity_text(prop)
        if label and value:
            yield label, value
    for key in SPEC_PROPERTIES:
        if key in item:
            value = item[key]
            text = _quantity_text(value) if isinstance(value, dict) else _text(value)
            if text:
                yield key, text


def _quantity_text(value: dict[str, Any]) -> str | None:
    """A PropertyValue/QuantitativeValue as written text: "2.5 kg" from value + unitText."""
    raw = value.get("value")
    if isinstance(raw, dict | list):
        raw = _text(raw)
    if raw is None:
        return None
    unit = value.get("unitText") or _unit_code(value.get("unitCode"))
    text = f"{raw} {unit}" if unit and str(unit) not in str(raw) else str(raw)
    return " ".join(text.split())[:500] or None


@cache
def _unit_code(code: Any) -> str | None:
    """UN/CEFACT common codes that schema.org pages use for units (KGM -> kg)."""
    return (
        {
            "KGM": "kg",
            "GRM": "g",
            "LBR": "lb",
            "ONZ": "oz",
            "CMT": "cm",
            "MMT": "mm",
            "MTR": "m",
            "INH": "in",
            "FOT": "ft",
            "WTT": "W",
            "KWT": "kW",
            "HUR": "h",
            "MIN": "min",
            "SEC": "s",
            "LTR": "l",
            "MLT": "ml",
            "DD": "°",
            "GB": "GB",
            "E34": "GB",
            "E35": "TB",
            "4H": "µm",
            "KMT": "km",
            "HTZ": "Hz",
            "A86": "GHz",
            "MAH": "mAh",
        }.get(str(code).strip().upper())
        if code
        else None
    )


# -- microdata ---------------------------------------------------------------------------------

_ITEMSCOPE = re.compile(r"\bitemscope\b", re.IGNORECASE)


def microdata_items(doc: Document) -> list[dict[str, Any]]:
    """schema.org microdata items as JSON-LD-shaped dicts, via extruct (lxml, second parse).

    Only pages that use microdata at all pay for the second parse: most product pages
    carry JSON-LD instead. Whether one does is asked of the tree already parsed (Lexbor's
    selector engine, microseconds): a case-insensitive regex search for `itemscope` over the
    source cost 2.4 ms on a 60 KB page, more than Lexbor's whole parse (issue 20).
    """
    if doc.tree is not None:
        if doc.tree.css_first("[itemscope]") is None:
            return []
    elif not _ITEMSCOPE.search(doc.content):
        return []
    import lxml.html
    from extruct.w3cmicrodata import MicrodataExtractor

    try:
        tree = lxml.html.fromstring(doc.content)
    except (ValueError, lxml.etree.ParserError):
        return []
    items = MicrodataExtractor(nested=True).extract_items(tree, doc.url)
    left = [_MAX_MICRODATA_NODES]
    return [_from_microdata(i, left) for i in items[:_MAX_ITEMS] if isinstance(i, dict)]


#: Items converted from one page's microdata. extruct hands nested items back shared, so
#: read as a tree they can be exponential: fuzz.py's 4.6 KB page of 18 nested, mis-quoted
#: itemscopes never finished converting. Past the bound, nested items keep their type only.
_MAX_MICRODATA_NODES = 10_000


def _from_microdata(item: dict[str, Any], left: list[int]) -> dict[str, Any]:
    """extruct's {type, properties} microdata shape -> the JSON-LD shape schema_record
    reads; `left` counts down the items this page may still convert."""
    out: dict[str, Any] = {"@type": item.get("type")}
    left[0] -= 1
    if left[0] < 0:
        return out
    for key, value in (item.get("properties") or {}).items():
        if isinstance(value, dict) and "properties" in value:
            out[key] = _from_microdata(value, left)
        elif isinstance(value, list):
            out[key] = [
                _from_microdata(v, left) if isinstance(v, dict) and "properties" in v else v
                for v in value
            ]
        else:
            out[key] = value
    return out


# -- OpenGraph -------------------------------------------------------------------------------


def opengraph_item(doc: Document) -> dict[str, Any] | None:
    """OpenGraph product tags (og:type product, product:price:amount) as a schema.org dict."""
    tree = doc.tree
    if tree is None:
        return None
    tags: dict[str, str] = {}
    for meta in tree.css("meta[property]"):
        prop = (meta.attributes.get("property") or "").strip().lower()
        if prop.startswith(("og:", "product:")) and prop not in tags:
            tags[prop] = (meta.attributes.get("content") or "").strip()
    amount = tags.get("product:price:amount") or tags.get("og:price:amount")
    if tags.get("og:type", "").lower() != "product" and not amount:
        return None
    item: dict[str, Any] = {"@type": "Product", "name": tags.get("og:title")}
    if tags.get("og:description"):
        item["description"] = tags["og:description"]
    for key, prop in (
        ("sku", "product:retailer_item_id"),
        ("brand", "product:brand"),
        ("gtin", "product:upc"),
        ("gtin13", "product:ean"),
    ):
        if tags.get(prop):
            item[key] = tags[prop]
    if amount:
        item["offers"] = {
            "@type": "Offer",
            "price": amount,
            "priceCurrency": tags.get("product:price:currency") or tags.get("og:price:currency"),
        }
        sale = tags.get("product:sale_price:amount")
        if sale:
            item["offers"] = {
                "@type": "Offer",
                "price": sale,
                "priceCurrency": tags.get("product:sale_price:currency")
                or item["offers"]["priceCurrency"],
                "priceSpecification": {"priceType": "ListPrice", "price": amount},
            }
    return item
