"""Product facts at the CSS selectors a source's config names, for pages without schema.org.

Partner portals are often listing pages: one element per product (`selectors.product`)
with the name, SKU and price inside it. Each container yields one Record; without a
`product` selector the whole page is one product.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msglint.extract import Extraction, ProblemCode
from msglint.extract.heuristics import spec_rows, split_spec, text_of, visible_prices
from msglint.extract.locate import Locator
from msglint.model import Document, Price, Record

MAX_PRODUCTS = 5000

if TYPE_CHECKING:
    from msglint.config import SelectorConfig


def selector_records(
    doc: Document,
    ev: Locator,
    selectors: SelectorConfig,
    currency: str | None,
    out: Extraction,
) -> list[Record]:
    """One Record per product container (or one for the page) with what the selectors find."""
    tree = doc.tree
    if tree is None:
        return []
    root = tree.body or tree.root
    containers = tree.css(selectors.product)[:MAX_PRODUCTS] if selectors.product else [root]
    records = []
    for index, node in enumerate(containers):
        rec = _record(doc, ev, selectors, node, currency, out)
        if rec.name or rec.sku or rec.prices:
            rec.index = index
            records.append(rec)
    return records


def _record(
    doc: Document,
    ev: Locator,
    sel: SelectorConfig,
    node: Any,
    currency: str | None,
    out: Extraction,
) -> Record:
    from msglint.values.prices import parse_price, price_trouble
    from msglint.values.specs import parse_spec

    rec = Record(
        source=doc.source,
        role=doc.role,
        path=doc.path,
        url=doc.url,
        origin="selectors",
        at=ev.element(node, text_of(node)[:60]),
    )
    for fieldname in ("name", "sku", "mpn", "gtin", "brand", "description"):
        selector = getattr(sel, fieldname)
        found = node.css_first(selector) if selector else None
        if found is None:
            continue
        value = found.attributes.get("content") or text_of(found)
        if value:
            setattr(rec, fieldname, value[:2000])
            rec.where[fieldname] = ev.element(found)
    for fieldname, kind in (("price", "list"), ("sale_price", "sale")):
        selector = getattr(sel, fieldname)
        found = node.css_first(selector) if selector else None
        if found is None:
            continue
        text = found.attributes.get("content") or text_of(found)
        prices = visible_prices(found, currency) if kind == "list" else []
        if not prices:
            price = parse_price(text, currency=currency, kind=kind) if text else None
            prices = [price] if price else []
        if not prices:
            why = price_trouble(text)
            out.problem(
                ev.element(found),
                ProblemCode.VALUE,
                f"price {text[:80]!r} cannot be read" + (f": {why}" if why else ""),
            )
            continue
        where = ev.element(found)
        for price in prices:
            if kind == "sale":
                price = Price(price.amount, price.currency, price.period, "sale", price.text)
            rec.prices.append(price.located(where))
    if sel.specs:
        for label, value, where in _specs(node, sel.specs):
            spec = parse_spec(label, value)
            if spec.key not in rec.specs:
                rec.specs[spec.key] = spec.located(ev.element(where))
    return rec


def _specs(node: Any, selector: str) -> list[tuple[str, str, Any]]:
    pairs: list[tuple[str, str, Any]] = []
    for found in node.css(selector):
        if found.tag in ("table", "dl", "tbody"):
            pairs.extend(spec_rows(found))
            continue
        cells = [c for c in found.iter() if c.tag in ("th", "td", "dt", "dd")]
        if len(cells) == 2:
            pairs.append((text_of(cells[0]).rstrip(":"), text_of(cells[1]), cells[1]))
            continue
        split = split_spec(text_of(found))
        if split:
            pairs.append((split[0], split[1], found))
    return pairs
