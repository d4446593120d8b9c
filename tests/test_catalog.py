"""Catalog loading: every fixture file under fixtures/catalog/ against its expected records.

`fixtures/catalog/cases.yml` names a file, its detected format, the options passed to
`load_catalog`, and the exact records (every non-empty field, prices as
"kind amount currency", specs as key -> text, evidence as "line selector") and problems.
The Abt/Buy slices are the first rows of the Abt-Buy benchmark (Database Group Leipzig;
Köpcke, Thor, Rahm, PVLDB 2010), bytes unchanged: Latin-1 with CRLF line ends.
Formats that need building (XLSX) or hostile input are tested in code below.
"""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from msglint.extract import Extraction, ProblemCode
from msglint.extract.catalog import CATALOG_FORMATS, catalog_format, load_catalog
from msglint.model import Location, Record, Role, Spec

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "catalog"
ABT_BUY = HERE.parents[1] / "shared" / "data" / "abt-buy"
TEXT_FIELDS = ("item_id", "name", "brand", "sku", "mpn", "gtin", "url", "description")


def where_text(loc: Location) -> str:
    line = "-" if loc.line is None else str(loc.line)
    return f"{line} {loc.anchor}" if loc.anchor else line


def spec_text(spec: Spec) -> str:
    """The value as written, and what the spec parser made of it when it is a quantity."""
    if spec.magnitude is None:
        return spec.text
    return f"{spec.text} = {spec.magnitude:g} {spec.unit}"


def record_dict(rec: Record) -> dict[str, Any]:
    out: dict[str, Any] = {"index": rec.index}
    if rec.lang is not None:  # the file's language (`language:` or its headers)
        out["lang"] = rec.lang
    for name in TEXT_FIELDS:
        value = getattr(rec, name)
        if value is not None:
            out[name] = value
    if rec.prices:
        out["prices"] = [f"{p.kind} {p.amount} {p.currency}" for p in rec.prices]
    if rec.specs:
        out["specs"] = {key: spec_text(spec) for key, spec in rec.specs.items()}
    out["where"] = {key: where_text(loc) for key, loc in evidence(rec).items()}
    return out


def evidence(rec: Record) -> dict[str, Location]:
    """Where each fact of a record was read, by field: the record, its text fields, then the
    evidence each price and spec carries ("price", "sale_price", "spec:<key>")."""
    out: dict[str, Location] = {"record": rec.at} if rec.at is not None else {}
    out.update(rec.where)
    for price in rec.prices:
        key = "sale_price" if price.kind == "sale" else "price"
        if price.where is not None:
            out.setdefault(key, price.where)
    for key, spec in rec.specs.items():
        if spec.where is not None:
            out[f"spec:{key}"] = spec.where
    return out


def problem_texts(ex: Extraction) -> list[str]:
    return [f"{where_text(p.where)}: {p.reason}" for p in ex.problems]


def load(name: str, fmt: str | None = None, **options: Any) -> Extraction:
    data = (FIXTURES / name).read_bytes()
    fmt = fmt or catalog_format(name, data[:4096])
    assert fmt is not None
    return load_catalog(data, fmt, source="partner", role=Role.PARTNER, path=name, **options)


def load_cases() -> list[Any]:
    cases = yaml.safe_load((FIXTURES / "cases.yml").read_text(encoding="utf-8"))
    return [pytest.param(case, id=name) for name, case in cases.items()]


@pytest.mark.parametrize("case", load_cases())
def test_catalog_case(case: dict[str, Any]) -> None:
    data = (FIXTURES / case["file"]).read_bytes()
    assert catalog_format(case["file"], data[:4096]) == case["format"]
    ex = load(case["file"], case["format"], **case.get("options", {}))
    assert [record_dict(r) for r in ex.records] == case.get("records", [])
    assert problem_texts(ex) == case.get("problems", [])
    for rec in ex.records:
        assert (rec.source, rec.role, rec.path, rec.origin, rec.kind) == (
            "partner",
            Role.PARTNER,
            case["file"],
            "catalog",
            "product",
        )
        assert rec.codes == ()


# --- format detection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "head", "expected"),
    [
        ("export.csv", b"sku,name,price\n", "csv"),
        ("export.CSV", b"sku;name;price\n", "csv"),
        ("feed.csv", b"id\ttitle\tprice\n", "tsv"),
        ("feed.tsv", b"id,title\n", "tsv"),
        ("feed.txt", b"id\ttitle\tprice\n", "tsv"),
        ("notes.txt", b"hello world\n", None),
        ("dump.json", b"[{}]", "json"),
        ("dump.jsonl", b"{}\n", "jsonl"),
        ("dump.ndjson", b"{}\n", "jsonl"),
        ("list.xlsx", b"PK\x03\x04rest", "xlsx"),
        ("list.xlsx", b"not a zip", None),
        ("feed.xml", b'<rss xmlns:g="http://base.google.com/ns/1.0">', "feed-xml"),
        ("feed.atom", b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><g:id>', "feed-xml"),
        ("sitemap.xml", b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', None),
        ("page.html", b"<html>", None),
        ("README", b"sku,name\n", None),
    ],
)
def test_catalog_format(path: str, head: bytes, expected: str | None) -> None:
    assert catalog_format(path, head) == expected
    assert expected is None or expected in CATALOG_FORMATS


# --- the Abt-Buy benchmark ---------------------------------------------------------------------


def test_abt_slice_latin1_crlf() -> None:
    ex = load("abt_slice.csv")
    assert ex.problems == []
    assert len(ex.records) == 15
    first, last = ex.records[0], ex.records[-1]
    assert (first.item_id, first.name, first.sku, first.at.line) == (
        "552",
        "Sony Turntable - PSLX350H",
        None,
        2,
    )
    assert (last.item_id, last.price and last.price.amount, last.location("price").line) == (
        "9312",
        Decimal("14.95"),
        16,
    )
    changer = next(r for r in ex.records if r.item_id == "9071")
    assert changer.description is not None
    assert changer.description.endswith("Remote Commander® Remote Control")
    priced = [
        (r.item_id, str(r.prices[0].amount), r.prices[0].currency) for r in ex.records if r.prices
    ]
    assert priced == [
        ("580", "399.00", "USD"),
        ("4696", "49.00", "USD"),
        ("6284", "158.00", "USD"),
        ("6493", "375.00", "USD"),
        ("7936", "44.00", "USD"),
        ("9312", "14.95", "USD"),
    ]


def test_buy_slice_manufacturer_is_brand() -> None:
    ex = load("buy_slice.csv")
    assert ex.problems == []
    assert [r.brand for r in ex.records[:3]] == ["LINKSYS", "LINKSYS", "Netgear"]
    assert [r.where["brand"].cell for r in ex.records[:1]] == ["manufacturer"]
    assert [(r.item_id, r.at.line) for r in ex.records if r.prices] == [
        ("10326220", 8),
        ("10333848", 11),
    ]


@pytest.mark.skipif(not ABT_BUY.is_dir(), reason="the shared Abt-Buy data is not here")
@pytest.mark.parametrize(("name", "count"), [("Abt.csv", 1081), ("Buy.csv", 1092)])
def test_abt_buy_full_files(name: str, count: int) -> None:
    data = (ABT_BUY / name).read_bytes()
    ex = load_catalog(data, "csv", source="s", role=Role.REFERENCE, path=name)
    assert ex.problems == []
    assert len(ex.records) == count
    assert all(r.name and r.item_id for r in ex.records)
    assert all(r.sku is None for r in ex.records)  # a bare "id" is not a product identifier


# --- XLSX ----------------------------------------------------------------------------------------


def _workbook_bytes() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes["A1"] = "read me first"
    ws = wb.create_sheet("Price list 2024")
    ws.append([])
    ws.append([None, "Item No.", "Product", "List price", "Sale", "EAN", "Weight (kg)", "Updated"])
    ws.append(
        [None, "AX-5400", "Acme AX5400 Router", 1299, 1199.5, 4006381333931, 2.5, date(2024, 5, 1)]
    )
    ws["D3"].number_format = "[$€-407]#,##0.00"
    ws["E3"].number_format = '"$"#,##0.00'
    ws.append([])
    ws.append([None, "AX-3000", "Acme AX3000 Router", 249.9, None, None, None, None])
    ws["D5"].number_format = "#,##0.00"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_xlsx_price_list(tmp_path: Path) -> None:
    path = tmp_path / "prices.xlsx"
    path.write_bytes(_workbook_bytes())
    data = path.read_bytes()
    assert catalog_format(str(path), data[:8]) == "xlsx"
    ex = load_catalog(
        data, "xlsx", source="partner", role=Role.PARTNER, path="prices.xlsx", currency="GBP"
    )
    assert problem_texts(ex) == []
    ref = "'Price list 2024'"
    assert [record_dict(r) for r in ex.records] == [
        {
            "index": 0,
            "name": "Acme AX5400 Router",
            "sku": "AX-5400",
            "gtin": "4006381333931",
            "prices": ["list 1299.00 EUR", "sale 1199.50 USD"],
            "specs": {"weight": "2.5 = 2.5 kilogram"},
            "where": {
                "record": f"3 {ref}!3:3",
                "name": f"3 {ref}!C3",
                "sku": f"3 {ref}!B3",
                "gtin": f"3 {ref}!F3",
                "price": f"3 {ref}!D3",
                "sale_price": f"3 {ref}!E3",
                "spec:weight": f"3 {ref}!G3",
            },
        },
        {
            "index": 1,
            "name": "Acme AX3000 Router",
            "sku": "AX-3000",
            "prices": ["list 249.90 GBP"],
            "where": {
                "record": f"5 {ref}!5:5",
                "name": f"5 {ref}!C5",
                "sku": f"5 {ref}!B5",
                "price": f"5 {ref}!D5",
            },
        },
    ]


def test_xlsx_not_a_workbook() -> None:
    ex = load_catalog(b"PK\x03\x04garbage", "xlsx", source="s", role=Role.PARTNER, path="x.xlsx")
    assert ex.records == []
    assert [p.reason.split(" (")[0] for p in ex.problems] == ["not an XLSX file"]


def test_xlsx_without_name_or_identifier() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["id", "Price"])
    wb.active.append([1, 10])
    buffer = io.BytesIO()
    wb.save(buffer)
    ex = load_catalog(buffer.getvalue(), "xlsx", source="s", role=Role.PARTNER, path="x.xlsx")
    assert ex.records == []
    assert problem_texts(ex) == [
        "1 Sheet!1:1: no name and no identifier (SKU, MPN, GTIN) column found; "
        "headers are: 'id', 'Price'"
    ]


# --- hostile and odd input -----------------------------------------------------------------------


def test_feed_with_entities_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
        b'<!ENTITY a "aaaaaaaaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        b'<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item>'
        b"<g:id>1</g:id><title>&c; &xxe;</title></item></channel></rss>"
    )
    ex = load_catalog(laughs, "feed-xml", source="s", role=Role.PARTNER, path="f.xml")
    assert ex.records == []
    assert problem_texts(ex) == [
        "-: the feed declares XML entities; refused (entities are not expanded)"
    ]


def test_invalid_feed_xml_is_one_problem() -> None:
    ex = load_catalog(b"<rss><channel><item>", "feed-xml", source="s", role=Role.PARTNER, path="f")
    assert ex.records == []
    assert len(ex.problems) == 1
    assert ex.problems[0].reason.startswith("invalid feed XML")


def test_invalid_json_is_one_problem_with_its_line() -> None:
    ex = load_catalog(
        b'[\n{"name": "a"},\n{"name": }\n]', "json", source="s", role=Role.PARTNER, path="d.json"
    )
    assert ex.records == []
    assert problem_texts(ex) == ["3: invalid JSON: Expecting value"]


def test_single_product_object_is_not_read_as_its_offers() -> None:
    data = b'{"name": "Acme AX5400", "sku": "AX5400", "offers": [{"price": "9.00"}]}'
    ex = load_catalog(data, "json", source="s", role=Role.PARTNER, path="p.json", currency="USD")
    assert [record_dict(r) for r in ex.records] == [
        {
            "index": 0,
            "name": "Acme AX5400",
            "sku": "AX5400",
            "prices": ["list 9.00 USD"],
            "where": {
                "record": "1 $",
                "name": "1 $.name",
                "sku": "1 $.sku",
                "price": "1 $.offers[0].price",
            },
        }
    ]


def test_long_cell_is_truncated_with_a_problem() -> None:
    name = "A" * 100_050
    data = f"sku,name\nX1,{name}\n".encode()
    ex = load_catalog(data, "csv", source="s", role=Role.PARTNER, path="c.csv")
    assert [len(r.name or "") for r in ex.records] == [100_000]
    assert problem_texts(ex) == ["2 column 'name': cell of 100,050 characters truncated to 100,000"]


def test_field_over_the_csv_limit_is_a_problem_and_the_rest_loads() -> None:
    data = b'sku,name\nX1,"' + b"a" * 200_000 + b'"\nX2,Acme Two\n'
    ex = load_catalog(data, "csv", source="s", role=Role.PARTNER, path="c.csv")
    assert [r.sku for r in ex.records] == ["X2"]
    assert [where_text(p.where) for p in ex.problems] == ["2"]
    assert ex.problems[0].reason.startswith("unreadable row: field larger than field limit")
    assert ex.problems[0].code is ProblemCode.ROW


def test_given_encoding_and_delimiter_win() -> None:
    data = "sku|name|price\nA1|Müsli|3,50\n".encode("utf-16")
    ex = load_catalog(
        data,
        "csv",
        source="s",
        role=Role.PARTNER,
        path="c.csv",
        encoding="utf-16",
        delimiter="|",
        currency="EUR",
    )
    assert [(r.sku, r.name, str(r.prices[0].amount), r.prices[0].currency) for r in ex.records] == [
        ("A1", "Müsli", "3.50", "EUR")
    ]


def test_unknown_format_and_encoding_are_problems() -> None:
    ex = load_catalog(b"x", "yaml", source="s", role=Role.PARTNER, path="c.yaml")
    assert ex.records == [] and len(ex.problems) == 1
    ex = load_catalog(b"x", "csv", source="s", role=Role.PARTNER, path="c.csv", encoding="nope")
    assert problem_texts(ex) == ["-: unknown encoding 'nope'"]


def test_problems_are_capped() -> None:
    data = b"sku,name\n" + b"a,b,c\n" * 1_500
    ex = load_catalog(data, "csv", source="s", role=Role.PARTNER, path="c.csv")
    assert len(ex.problems) == 1_001
    assert ex.problems[-1].reason == "500 further problems not listed"
    assert ex.problems[-1].code is ProblemCode.LIMIT
    assert {p.code for p in ex.problems[:-1]} == {ProblemCode.ROW}


def test_empty_and_header_only_files() -> None:
    assert problem_texts(load_catalog(b"", "csv", source="s", role=Role.PARTNER, path="e.csv")) == [
        "-: no header row: the file is empty"
    ]
    ex = load_catalog(b"sku,name\r\n\r\n", "csv", source="s", role=Role.PARTNER, path="h.csv")
    assert ex.records == []  # said, not silent (issue 14)
    assert problem_texts(ex) == ["-: the catalog has no product rows"]


def test_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from msglint.extract.catalog import delimited

    monkeypatch.setattr(delimited, "MAX_ROWS", 2)
    data = b"sku,name\nA,a\nB,b\nC,c\nD,d\n"
    ex = load_catalog(data, "csv", source="s", role=Role.PARTNER, path="c.csv")
    assert [r.sku for r in ex.records] == ["A", "B"]
    assert problem_texts(ex) == ["4: stopped after 2 rows"]


def test_currency_in_the_header_and_in_a_column() -> None:
    data = "SKU;Name;Preis (EUR);Angebotspreis;Währung\nA1;Eins;1.299,00;999,00;CHF\n"
    ex = load_catalog(data.encode(), "csv", source="s", role=Role.PARTNER, path="c.csv")
    assert [record_dict(r)["prices"] for r in ex.records] == [
        ["list 1299.00 CHF", "sale 999.00 CHF"]
    ]
    data = "SKU;Name;Preis (EUR)\nA1;Eins;1.299,00\n"
    ex = load_catalog(data.encode(), "csv", source="s", role=Role.PARTNER, path="c.csv")
    assert [record_dict(r)["prices"] for r in ex.records] == [["list 1299.00 EUR"]]


def test_json_list_nested_deeper_has_no_lines() -> None:
    data = b'{"export": {"catalog": {"items": [\n{"sku": "A1", "name": "One"}]}}}'
    ex = load_catalog(data, "json", source="s", role=Role.PARTNER, path="d.json")
    assert [record_dict(r) for r in ex.records] == [
        {
            "index": 0,
            "name": "One",
            "sku": "A1",
            "where": {
                "record": "- $.export.catalog.items[0]",
                "name": "- $.export.catalog.items[0].name",
                "sku": "- $.export.catalog.items[0].sku",
            },
        }
    ]


def test_json_mapping_to_a_path_only_later_objects_have() -> None:
    items: list[dict[str, Any]] = [{"sku": f"S{i}", "name": f"n{i}"} for i in range(1_001)]
    items[-1]["extra"] = {"mpn": "M-1"}
    data = json.dumps(items).encode()
    ex = load_catalog(
        data, "json", source="s", role=Role.PARTNER, path="d.json", columns={"mpn": "extra.mpn"}
    )
    assert ex.problems == []
    assert [(r.index, r.mpn) for r in ex.records if r.mpn] == [(1000, "M-1")]
    assert ex.records[-1].where["mpn"].selector == "$[1000].extra.mpn"


def test_unmapped_catalog_columns_are_not_specs() -> None:
    data = (
        b"id\ttitle\tavailability\tcondition\tbrand\tmanufacturer\tcolor\n"
        b"1\tA\tin stock\tnew\tAcme\tAcme Corp\tRed\n"
    )
    ex = load_catalog(data, "tsv", source="s", role=Role.PARTNER, path="f.tsv")
    assert [(r.brand, sorted(r.specs)) for r in ex.records] == [("Acme", ["color"])]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1299, "#,##0.00", "1299.00"),
        (0.1 + 0.2, "General", "0.3"),
        (1199.5, "General", "1199.5"),
        (4006381333931.0, "General", "4006381333931"),
        (19.99, "[$€-407]#,##0.00", "€19.99"),
        (7, '"$"#,##0.00', "$7.00"),
        (12.5, '#,##0.00 "EUR"', "12.50 EUR"),
        (2.5, '0.0 "kg"', "2.5"),
        (0.155, "0.0%", "15.5%"),
        (1.5e-7, "General", "0.00000015"),
    ],
)
def test_xlsx_numbers_as_the_sheet_shows_them(value: float, number_format: str, shown: str) -> None:
    from msglint.extract.catalog.xlsx import _number_text

    assert _number_text(value, number_format) == shown


def test_problem_codes_say_what_kind_of_trouble_it_was() -> None:
    def codes(data: bytes, **options: Any) -> list[ProblemCode]:
        ex = load_catalog(data, "csv", source="s", role=Role.PARTNER, path="c.csv", **options)
        return [p.code for p in ex.problems]

    assert codes(b"colour,size\nred,XL\n") == [ProblemCode.COLUMNS]
    assert codes(b"sku,name\nA,a\n", columns={"price": "Cost"}) == [ProblemCode.COLUMNS]
    assert codes(b"sku,name,price\nA,a,twelve\n") == [ProblemCode.VALUE]
    assert codes(b"x", encoding="nope") == [ProblemCode.UNREADABLE]


def test_the_garbage_collector_is_back_as_it_was_after_a_load() -> None:
    import gc

    assert gc.isenabled()
    load_catalog(b"sku,name\nA,a\n", "csv", source="s", role=Role.PARTNER, path="c.csv")
    load_catalog(b"[" * 100_000, "json", source="s", role=Role.PARTNER, path="c.json")
    assert gc.isenabled()
    gc.disable()
    try:
        load_catalog(b"sku,name\nA,a\n", "csv", source="s", role=Role.PARTNER, path="c.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_marketplace_inventory_headers() -> None:
    """An Amazon-style inventory file: `item-name`, `seller-sku`, `product-id` (here EANs,
    with `product-id-type` 4), `item-description`. The product id is read as the GTIN (an
    ASIN there is no valid GTIN and counts for nothing), the description as the
    description, and no column is reported as unrecognized."""
    data = (
        b"item-name,seller-sku,price,product-id,product-id-type,brand_name,item-description\n"
        b'"Acme SoundBar 300 - 300 W, 3.1, Black",AMZ-SB-300,249.00,9501101530058,4,Acme,'
        b"Room-filling sound from a slim bar.\n"
    )
    ex = load_catalog(data, "csv", source="s", role=Role.PARTNER, path="inventory.csv")
    [rec] = ex.records
    assert (rec.sku, rec.gtin, rec.brand) == ("AMZ-SB-300", "9501101530058", "Acme")
    assert rec.description == "Room-filling sound from a slim bar."
    assert [p.reason for p in ex.problems] == []
