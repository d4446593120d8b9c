"""Product facts read from how pages are usually laid out, for pages with no schema.org data.

A product page names its product in the `h1`, shows its price in an element whose class or
id says "price" (the struck-through one being the list price), and lists specs in a
two-column table or a definition list. These helpers read exactly that and nothing looser:
a wrong guess becomes a false finding, while a missed fact is only a missed comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from msglint.model import Price

#: Where a page keeps things that are not the product itself.
_CHROME = frozenset({"nav", "footer", "header", "aside", "form"})
_CHROME_CLASS = re.compile(
    r"related|recommend|similar|upsell|cross-?sell|footer|nav|cart|"
    r"breadcrumb|newsletter|also-bought|carousel",
    re.IGNORECASE,
)
_LIST_CLASS = re.compile(r"\b(was|old|regular|list|strike|compare|rrp|msrp|before)", re.I)
#: Text for screen readers only, not shown on the page (WordPress, Bootstrap, Tailwind).
_SCREEN_READER_ONLY = ".screen-reader-text, .sr-only, .visually-hidden, .visuallyhidden"
_PRICE_SELECTOR = (
    '[itemprop="price"], [class*="price" i], [id*="price" i], [class*="preis" i], '
    '[class*="prix" i], [class*="precio" i], [class*="prezzo" i]'
)
#: "EAN 9501101530508", "Art. no. ACM-LS-250", "SKU: X-1" written in a product page's prose.
_ID_IN_TEXT = re.compile(
    r"\b(?:(?P<gtin_label>EAN|GTIN(?:-?1[34])?|UPC)[:#\s]*(?P<gtin>\d{8,14})\b"
    r"|(?P<sku_label>SKU|Art(?:icle)?\.?\s?(?:no|nr|number)\.?|Item\s(?:no\.?|number)"
    r"|Part\s(?:no\.?|number)|MPN)[:#\s]*(?P<sku>[A-Z0-9][A-Z0-9._/-]{2,39})\b)",
    re.IGNORECASE,
)
_DESCRIPTION_SELECTOR = (
    '[itemprop="description"], .product-description, #product-description, '
    ".description, #description"
)
#: Identifier fields and the elements that usually hold them.
#: A label leading an identifier's text: "SKU", "SKU:", "Item #", "Art.-Nr.", "EAN".
_ID_LABEL = re.compile(
    r"\s*(?:SKU|MPN|EAN|UPC|GTIN(?:-?1[34])?|Item\s?(?:#|no\.?|number)|Part\s?(?:#|no\.?|number)"
    r"|Art(?:icle)?\.?[\s-]?(?:no|nr|number)\.?|Artikelnummer|Réf(?:érence)?\.?)\s*[:#]?\s+",
    re.IGNORECASE,
)
#: Per identifier, its selectors in order of trust (tried one by one: see identifier_nodes).
IDENTIFIER_SELECTORS = {
    "sku": ('[itemprop="sku"]', ".sku", ".product-sku", '[class*="item-number" i]'),
    "gtin": ('[itemprop^="gtin"]', ".gtin", ".ean", ".upc"),
    "mpn": ('[itemprop="mpn"]', ".mpn"),
}
MAX_SPEC_ROWS = 200
MAX_LABEL = 80
MAX_VALUE = 300


def in_chrome(node: Any, stop: Any = None) -> bool:
    """Whether `node` sits in navigation, a footer or a related-products block."""
    current, depth = node.parent, 0
    while current is not None and depth < 30 and current is not stop:
        tag = current.tag
        if tag in _CHROME:
            return True
        attrs = current.attributes
        cls = (attrs.get("class") or "") + " " + (attrs.get("id") or "")
        if cls.strip() and _CHROME_CLASS.search(cls):
            return True
        if tag in ("body", "html", "main", "article"):
            return False
        current = current.parent
        depth += 1
    return False


def text_of(node: Any) -> str:
    return " ".join((node.text(deep=True, separator=" ") or "").split())


def name_node(root: Any) -> Any:
    """The product's name element: the first `h1` (or `[itemprop=name]`) outside page chrome."""
    for node in root.css('h1, [itemprop="name"]'):
        if text_of(node) and not in_chrome(node, root):
            return node
    return None


def identifiers_in_text(text: str) -> dict[str, tuple[str, int, int]]:
    """Identifiers a page states in prose: field -> (value, start, end) in `text`."""
    found: dict[str, tuple[str, int, int]] = {}
    for m in _ID_IN_TEXT.finditer(text):
        if m.group("gtin") and "gtin" not in found:
            found["gtin"] = (m.group("gtin"), m.start("gtin"), m.end("gtin"))
        elif m.group("sku"):
            fieldname = "mpn" if m.group("sku_label").upper() == "MPN" else "sku"
            if fieldname not in found and any(c.isdigit() for c in m.group("sku")):
                found[fieldname] = (m.group("sku"), m.start("sku"), m.end("sku"))
    return found


def identifier_nodes(root: Any) -> Iterator[tuple[str, Any]]:
    """(field, element) for the SKU, GTIN and MPN elements a product page shows."""
    for fieldname, selectors in IDENTIFIER_SELECTORS.items():
        # selector by selector: one CSS group gives document order, and Magento's
        # `<div class="product attribute sku">` (label and value) comes before the
        # `[itemprop="sku"]` value inside it
        found = None
        for selector in selectors:
            for node in root.css(selector):
                value = node.attributes.get("content") or text_of(node)
                if value and len(value) <= 64 and not in_chrome(node, root):
                    found = node
                    break
            if found is not None:
                yield fieldname, found
                break


def identifier_value(node: Any) -> str:
    """An identifier element's value, without a label written in it ("SKU ACM-CAM-4K",
    "Art.-Nr.: 4711")."""
    value = node.attributes.get("content") or text_of(node)
    m = _ID_LABEL.match(value)
    return value[m.end() :] if m and m.end() < len(value) else value


def description_node(root: Any) -> Any:
    for node in root.css(_DESCRIPTION_SELECTOR):
        if text_of(node) and not in_chrome(node, root):
            return node
    return None


def price_nodes(root: Any) -> Iterator[Any]:
    """Elements that hold a price, outermost first, outside page chrome."""
    seen: set[int] = set()
    for node in root.css(_PRICE_SELECTOR):
        if node.tag in ("meta", "link", "script", "style", "input", "img"):
            continue
        parent, nested = node.parent, False
        for _ in range(6):
            if parent is None:
                break
            if parent.mem_id in seen:
                nested = True
                break
            parent = parent.parent
        if nested or in_chrome(node, root):
            continue
        seen.add(node.mem_id)
        yield node


def visible_prices(node: Any, currency: str | None) -> list[Price]:
    """The prices one price element shows: struck-through or "was" parts are the list price.

    With a list price and another price, the other is the sale price; a single price is
    the list price.
    """
    from msglint.values.prices import find_prices, parse_price

    content = node.attributes.get("content")
    if content:
        dot = "." if re.fullmatch(r"\d+(?:\.\d+)?", content.strip()) else None
        price = parse_price(content, currency=currency, decimal_separator=dot)
        return [price] if price else []
    struck = [text_of(n) for n in node.css("del, s, strike") if text_of(n)] + [
        text_of(n)
        for n in node.css("[class]")
        if _LIST_CLASS.search(n.attributes.get("class") or "") and text_of(n)
    ]
    if node.tag in ("del", "s", "strike"):
        struck.append(text_of(node))
    text = text_of(node)
    for hidden in node.css(_SCREEN_READER_ONLY):  # "Original price was: $229.00." (Woo)
        said = text_of(hidden)
        if said:
            text = text.replace(said, " ", 1)
    if len(text) > 300:
        return []
    spans = [s for s in find_prices(text, currency=currency) if not _qualified(text, s[0], s[1])]
    found = [p for _, _, p in spans]
    if not found:
        return []
    if len(found) == 1:
        return [_as(found[0], "list")]
    listed = [p for p in found if any(p.text and p.text in s for s in struck)]
    if listed:
        rest = [p for p in found if p not in listed and p.amount != listed[0].amount]
        return [_as(listed[0], "list")] + [_as(p, "sale") for p in rest[:1]]
    if several_offers(text, spans):  # nothing struck through: two plans, not one price
        return []
    return found[:2]


#: An amount that is not the product's price: a unit price ("14,95 € / 1 l", "$0.33/oz",
#: "£1.20 per 100g"), an instalment ("4 interest-free payments of $49.75"), or a charge
#: on top ("+ $9.99 shipping"). Left in, the block read as "two prices side by side" and
#: no price was read at all.
_UNIT_AFTER = re.compile(
    r"\s*\)?\s*(?:/|per\b|pro\b|je\b|par\b|le\b|al\b)\s*(?:\d+\s*)?"
    r"(?:kg|g|mg|l|ml|cl|oz|fl\.?\s*oz|lb|lbs|m|cm|m²|m2|sq\.?\s*ft|st(?:ück|k)?\.?|piece|"
    r"pc|pcs|unit|count|ct|liter|litre|kilo|gram|pound|ounce)\b",
    re.IGNORECASE,
)
_INSTALMENT_BEFORE = re.compile(
    r"(?:payments?|instal?lments?|raten|mensualités|cuotas|rate)\s+(?:of|à|de|von|da)\s*$"
    r"|(?:pay\s+in\s+\d+|\d+\s*[x×])\s*$|(?:grundpreis|unit\s+price|prix\s+au\s+kg)\s*:?\s*\(?\s*$"
    r"|\+\s*$",
    re.IGNORECASE,
)
_CHARGE_AFTER = re.compile(
    r"\s*(?:shipping|delivery|handling|versand|livraison|env[ií]o|spedizione|verzending)\b",
    re.IGNORECASE,
)


def _qualified(text: str, start: int, end: int) -> bool:
    """Whether the amount at text[start:end] is a unit price, an instalment or a charge."""
    return bool(
        _UNIT_AFTER.match(text, end)
        or _CHARGE_AFTER.match(text, end)
        or _INSTALMENT_BEFORE.search(text[max(0, start - 40) : start])
    )


_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|bis|à|a)\s*", re.IGNORECASE)


def several_offers(text: str, spans: list[tuple[int, int, Price]]) -> bool:
    """Whether one block shows two or more different prices side by side that are neither a
    list and sale price nor a range: "Starter is $49 a month and Pro is $89 a month" is two
    plans, not one product's price. A pricing page read as a product named "Pricing" at
    the first plan's price gave false price, name and coverage findings; it is not read as
    a product's price at all (plans are read by the plans extraction)."""
    listed = [(a, b, p) for a, b, p in spans if p.kind == "list"]
    if len({p.amount for _, _, p in listed}) < 2 or any(p.kind == "sale" for *_, p in spans):
        return False
    return any(
        not _RANGE_JOIN.fullmatch(text[end:start])
        for (_, end, _), (start, _, _) in pairwise(listed)
    )


def _as(price: Price, kind: str) -> Price:
    if price.kind == kind:
        return price
    return Price(price.amount, price.currency, price.period, kind, price.text)


def spec_rows(root: Any, limit: int = MAX_SPEC_ROWS) -> Iterator[tuple[str, str, Any]]:
    """(label, value, value element) from two-column tables, definition lists and lists of
    "Label: value" items."""
    count = 0
    for table in root.css("table, dl, ul, ol"):
        if in_chrome(table, root):
            continue
        if table.tag in ("ul", "ol"):
            pairs = _list_pairs(table)
        else:
            pairs = _dl_pairs(table) if table.tag == "dl" else _table_pairs(table)
        for label, value, node in pairs:
            label = label.rstrip(":").strip()
            if not label or not value or len(label) > MAX_LABEL or len(value) > MAX_VALUE:
                continue
            yield label, value, node
            count += 1
            if count >= limit:
                return


def _table_pairs(table: Any) -> Iterator[tuple[str, str, Any]]:
    for row in table.css("tr"):
        cells = [c for c in row.iter() if c.tag in ("th", "td")]
        if len(cells) == 2:
            yield text_of(cells[0]), text_of(cells[1]), cells[1]


def _dl_pairs(dl: Any) -> Iterator[tuple[str, str, Any]]:
    label = None
    for child in dl.iter():
        if child.tag == "div":  # <dl><div><dt/><dd/></div></dl> is allowed HTML
            yield from _dl_pairs(child)
        elif child.tag == "dt":
            label = text_of(child)
        elif child.tag == "dd" and label is not None:
            yield label, text_of(child), child
            label = None


def _list_pairs(lst: Any) -> Iterator[tuple[str, str, Any]]:
    """A list is a spec list only when every item reads "<strong>Label:</strong> value":
    the label must be marked up, or any list of "Name: blurb" links would pass."""
    items = [c for c in lst.iter() if c.tag == "li"]
    if len(items) < 2:
        return
    pairs = []
    for item in items:
        label_node = next((c for c in item.iter() if c.tag not in ("-text", None)), None)
        split = split_spec(text_of(item))
        if (
            split is None
            or label_node is None
            or label_node.tag not in _LABEL_TAGS
            or text_of(label_node).rstrip(":").strip() != split[0]
        ):
            return
        pairs.append((split[0], split[1], item))
    yield from pairs


_LABEL_TAGS = frozenset({"strong", "b", "span", "em", "label", "dfn"})


def split_spec(text: str) -> tuple[str, str] | None:
    """ "Weight: 2.5 kg" -> ("Weight", "2.5 kg"), for spec lists written as one line each."""
    label, sep, value = text.partition(":")
    if not sep or not label.strip() or not value.strip() or len(label) > MAX_LABEL:
        return None
    return label.strip(), value.strip()
