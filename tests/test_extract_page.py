"""extract.page on real-shaped pages: which reading wins, what each record holds, and
where its evidence is (line numbers are those of the fixture files)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from msglint.config import SelectorConfig, SourceConfig
from msglint.extract import ProblemCode
from msglint.extract.page import extract_page
from msglint.model import Role
from msglint.parse import parse

PAGES = Path(__file__).parent / "fixtures" / "pages"


def extract(name: str, source: SourceConfig | None = None):
    text = (PAGES / name).read_text(encoding="utf-8")
    doc = parse(text, "html", source="shop", role=Role.PARTNER, path=name)
    return extract_page(doc, source)


def test_jsonld_product_with_specs_filled_from_the_table() -> None:
    out = extract("jsonld.html")
    assert out.problems == []
    [rec] = out.records
    assert rec.origin == "json-ld"
    assert (rec.name, rec.sku, rec.gtin, rec.mpn, rec.brand) == (
        "Acme AirRouter AX5400 Pro",
        "ACM-RT-5400",
        "9501101530027",
        "RT5400-P1",
        "Acme",
    )
    assert rec.price is not None
    assert (rec.price.amount, rec.price.currency) == (Decimal("299.00"), "USD")
    assert rec.location("price").line == 15  # the "price" key inside the JSON-LD block
    assert set(rec.specs) >= {"weight", "range"}  # "Coverage" is a synonym of range
    assert rec.specs["range"].where.line == 27
    # The visible price is kept for the page's self-check.
    assert [p.amount for p in rec.page_prices] == [Decimal("279.00")]
    assert rec.page_prices[0].where.line == 24
    [claim] = rec.claims
    assert (claim.kind, claim.value) == ("warranty", Decimal(730))
    assert rec.claims[0].where.line == 29


def test_malformed_jsonld_is_reported_and_the_page_still_read() -> None:
    out = extract("broken-jsonld.html")
    [problem] = out.problems
    assert problem.where.line == 3 and "malformed JSON-LD" in problem.reason
    assert problem.code is ProblemCode.MALFORMED
    [rec] = out.records
    assert rec.origin == "heuristic"
    assert rec.name == "Acme HomeHub 2"
    assert rec.price is not None and rec.price.amount == Decimal("149.00")
    assert "weight" in rec.specs


def test_itemlist_gives_many_records() -> None:
    out = extract("listing-itemlist.html")
    assert [(r.name, r.sku, r.price.amount, r.price.currency) for r in out.records] == [
        ("Acme A1", "A1", Decimal(10), "EUR"),
        ("Acme B2", "B2", Decimal("20.50"), "EUR"),
    ]
    assert [r.index for r in out.records] == [0, 1]


def test_opengraph_product() -> None:
    [rec] = extract("opengraph.html").records
    assert rec.origin == "opengraph"
    assert (rec.name, rec.sku, rec.price.amount) == (
        "Acme SoundBar 300",
        "ACM-SB-300",
        Decimal("249.00"),
    )


def test_microdata_product() -> None:
    [rec] = extract("microdata.html").records
    assert rec.origin == "microdata"
    assert (rec.name, rec.sku, rec.price.amount, rec.price.currency) == (
        "Acme MeshPoint Mini",
        "ACM-MP-100",
        Decimal("129.00"),
        "USD",
    )
    assert rec.where["name"].line == 5


def test_selectors_on_a_listing_page() -> None:
    selectors = SelectorConfig(
        product="div.product", name="h2", sku=".sku", price=".price", specs="table.attrs"
    )
    source = SourceConfig(
        name="shop", role=Role.PARTNER, paths=["x"], selectors=selectors, currency="USD"
    )
    out = extract("listing-selectors.html", source)
    products = [r for r in out.records if r.kind == "product"]
    assert [(r.name, r.sku) for r in products] == [("Acme A1", "A1"), ("Acme B2", "B2")]
    assert products[0].price.amount == Decimal("10.00")
    assert products[0].specs["weight"].text == "900 g"
    assert products[1].prices == []
    [problem] = out.problems
    assert "USD twenty" in problem.reason and problem.where.line == 7
    assert problem.code is ProblemCode.VALUE
    # Claims on a page with many products are the site's policy, not one product's.
    [policy] = [r for r in out.records if r.kind == "policy"]
    assert {c.kind for c in policy.claims} >= {"returns"}


def test_page_without_product_data() -> None:
    out = extract("about.html")
    assert out.records == [] and out.problems == []


def test_woocommerce_sale_page() -> None:
    """WooCommerce's markup: JSON-LD whose offer has no `price` of its own, only two
    `UnitPriceSpecification`s (the price paid, and the regular one as `ListPrice`, each
    with its currency); on the page `<del>` and `<ins>` amounts, each followed by a
    screen-reader sentence ("Original price was: $229.00."). Both readings give the list
    price 229.00 and the sale price 199.00, so the page does not contradict its data (the
    hidden sentence once made 229.00 the sale price: a false self-price finding)."""
    from msglint.checks.builtin.self_price import SelfPriceMismatch

    [rec] = extract("woocommerce-sale.html").records
    assert rec.origin == "json-ld"
    assert [(p.amount, p.currency, p.kind) for p in rec.prices] == [
        (Decimal("229.00"), "USD", "list"),
        (Decimal("199.00"), "USD", "sale"),
    ]
    assert [(p.amount, p.kind) for p in rec.page_prices] == [
        (Decimal("229.00"), "list"),
        (Decimal("199.00"), "sale"),
    ]
    assert rec.sku == "ACM-RT-3000"
    assert SelfPriceMismatch.check(rec) is None


def test_shopify_product_group_of_options_is_one_product() -> None:
    """Shopify writes a product with options as a `ProductGroup` whose `hasVariant`
    products are "<name> - White" and "<name> - Black" at one price: one product (the
    group's name, the first variant's SKU and offer, the others' SKUs as codes), not a
    product per colour that the brand never listed. The Dawn theme's price block shows a
    regular and a sale price with hidden labels."""
    [rec] = extract("shopify-variants.html").records
    assert (rec.name, rec.sku, rec.codes) == (
        "Acme AirRouter AX3000",
        "ACM-RT-3000",
        ("ACM-RT-3000-B",),
    )
    assert [(p.amount, p.currency) for p in rec.prices] == [(Decimal("199.00"), "USD")]
    assert [(p.amount, p.kind) for p in rec.page_prices] == [
        (Decimal("229.00"), "list"),
        (Decimal("199.00"), "sale"),
    ]


def test_product_group_with_prices_per_variant_stays_products() -> None:
    """Variants at different prices (storage sizes) are products each, as before."""
    text = (PAGES / "shopify-variants.html").read_text(encoding="utf-8")
    text = text.replace('"price":"199.00","priceCurrency":"USD","url":"https://netstore.example/'
                        'products/acme-airrouter-ax3000?variant=2"',
                        '"price":"249.00","priceCurrency":"USD","url":"https://netstore.example/'
                        'products/acme-airrouter-ax3000?variant=2"')  # fmt: skip
    doc = parse(text, "html", source="shop", role=Role.PARTNER, path="v.html")
    names = [r.name for r in extract_page(doc).records]
    assert names == ["Acme AirRouter AX3000 - White", "Acme AirRouter AX3000 - Black"]


def test_magento_special_price_box() -> None:
    """Magento's price box: a special price and the old price, each a `price-wrapper`
    with `data-price-amount`, in a box of blocks; the SKU in `[itemprop=sku]` inside a
    `div.sku` that also holds the label "SKU". The SKU is the value alone, and the price's
    evidence has a line (the box's first text), not only a CSS path."""
    [rec] = extract("magento-special-price.html").records
    assert rec.sku == "ACM-CAM-4K"
    assert [(p.amount, p.kind) for p in rec.prices] == [
        (Decimal("149.00"), "list"),
        (Decimal("129.00"), "sale"),
    ]
    assert rec.location("price").line == 7
