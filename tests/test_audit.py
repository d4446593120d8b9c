"""Reference bundles and `msglint audit`: the Acme partner example end to end, and bad input.

The example's to-do list is pinned byte for byte (`examples/acme/partner-audit/
expected-todo.csv`), like the main example's report. The committed bundle must be what a
fresh export of examples/acme gives (apart from its creation time and digest), so it
cannot go stale when the example brand changes.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLE
from msglint.bundle import digest_of
from msglint.schemas import generate

PARTNER = EXAMPLE / "partner-audit"


@pytest.fixture
def exported(run_cli, tmp_path: Path) -> Path:
    out = tmp_path / "acme-reference.json"
    result = run_cli(["reference", "export", "--output", str(out)], EXAMPLE)
    assert result.exit_code == 0, result.stderr
    assert "8 product(s)" in result.stderr
    return out


def _audit(run_cli, bundle: Path, *args: str, cwd: Path = PARTNER):
    return run_cli(["audit", "--reference", str(bundle), *args], cwd)


def test_export_then_audit_gives_exactly_the_expected_todo_list(run_cli, exported) -> None:
    result = _audit(run_cli, exported, "catalog.csv", "--format", "csv")
    assert result.exit_code == 1  # error-level to-dos, default --fail-on error
    expected = (PARTNER / "expected-todo.csv").read_text(encoding="utf-8")
    assert result.stdout == expected


def test_committed_bundle_is_current_and_verifies(run_cli, exported) -> None:
    fresh = json.loads(exported.read_text(encoding="utf-8"))
    committed = json.loads((PARTNER / "acme-reference.json").read_text(encoding="utf-8"))
    assert committed["content"] == fresh["content"], (
        "re-export: cd examples/acme && msglint reference export -o "
        "partner-audit/acme-reference.json"
    )
    assert committed["digest"]["value"] == digest_of(committed)
    jsonschema.validate(committed, generate("bundle"))
    result = _audit(run_cli, PARTNER / "acme-reference.json", "catalog.csv", "-f", "csv")
    assert result.stdout == (PARTNER / "expected-todo.csv").read_text(encoding="utf-8")


def test_bundle_holds_products_policies_and_brand_rules(exported) -> None:
    data = json.loads(exported.read_text(encoding="utf-8"))
    content = data["content"]
    assert content["brand"] == "Acme" and content["source"] == "acme"
    router = next(p for p in content["products"] if p["sku"] == "ACM-RT-5400")
    assert router["prices"][0] == {
        "amount": "299.00",
        "currency": "USD",
        "period": None,
        "kind": "list",
        "text": "299.00",
    }
    assert {"key": "weight", "label": "Weight", "text": "1.2 kg"} in router["specs"]
    assert any(c["kind"] == "sla" for c in content["policies"])
    ids = [r["id"] for r in content["rules"]]
    # the brand's voice and its consistency tuning; not msglint's general pack, not rules
    # about the brand's own pages (required), not the disabled shipped rules
    assert "acme.retired-names" in ids and "acme.product-names" in ids
    assert "msglint.price-mismatch" in ids
    assert "acme.pricing-vat-disclaimer" not in ids
    assert "msglint.name-mismatch" not in ids
    assert not any(i.startswith("general.") for i in ids)


def test_console_output_is_a_todo_list_per_product(run_cli, exported) -> None:
    result = _audit(run_cli, exported, "catalog.csv")
    out = result.stdout
    assert result.exit_code == 1
    assert "Acme AirRouter AX5400 Pro  SKU ACM-RT-5400" in out
    assert "Change the price from USD 279.00 to USD 299.00." in out
    assert "catalog.csv:3 (Unit Price)" in out
    assert (
        "6 to-do(s) for 6 product(s) in 7 record(s) read (3 row(s) of other brands skipped)" in out
    )
    # other brands' products (and their "cheap") are not the partner's Acme to-dos
    assert "Anker" not in out and "Netgear" not in out and "Generic" not in out


def test_json_output_and_fail_levels(run_cli, exported) -> None:
    result = _audit(run_cli, exported, "catalog.csv", "-f", "json", "--fail-on", "never")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["summary"]["todos"] == 6
    assert report["bundle"]["brand"] == "Acme"
    assert report["todos"][0]["action"].startswith("Change the price")
    ok = _audit(run_cli, exported, "catalog.csv", "--fail-on", "info")
    assert ok.exit_code == 1


def test_missing_products_are_listed_on_request(run_cli, exported) -> None:
    result = _audit(run_cli, exported, "catalog.csv", "-f", "csv", "--missing")
    assert "Add the missing product 'Acme SoundBar 300'." in result.stdout
    plain = _audit(run_cli, exported, "catalog.csv", "-f", "csv")
    assert "SoundBar" not in plain.stdout


def test_a_clean_catalog_passes(run_cli, exported, tmp_path: Path) -> None:
    rows = (PARTNER / "catalog.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "clean.csv").write_text("\n".join([rows[0], rows[1]]) + "\n", encoding="utf-8")
    result = _audit(run_cli, exported, "clean.csv", cwd=tmp_path)
    assert result.exit_code == 0
    assert "Nothing to fix: 1 product record(s) agree with the Acme reference." in result.stdout


def test_columns_detected_or_given(run_cli, exported, tmp_path: Path) -> None:
    (tmp_path / "odd.csv").write_text(
        "Kennung;Artikel;Cost\nACM-RT-5400;Acme AirRouter AX5400 Pro;279,00 USD\n", encoding="utf-8"
    )
    bad = _audit(run_cli, exported, "odd.csv", cwd=tmp_path)
    assert bad.exit_code == 2
    assert "columns cannot be mapped" in bad.stderr
    assert "no name and no identifier" in bad.stderr
    assert "Traceback" not in bad.stderr + bad.stdout
    good = _audit(
        run_cli,
        exported,
        "odd.csv",
        "--column",
        "sku=Kennung",
        "--column",
        "name=Artikel",
        "--column",
        "price=Cost",
        "-f",
        "csv",
        cwd=tmp_path,
    )
    assert good.exit_code == 1, good.stderr
    assert "Change the price from USD 279.00 to USD 299.00." in good.stdout
    wrong = _audit(run_cli, exported, "odd.csv", "--column", "price=Unit", cwd=tmp_path)
    assert wrong.exit_code == 2 and "headers the file does not have" in wrong.stderr
    unknown = _audit(run_cli, exported, "odd.csv", "--column", "cost=Cost", cwd=tmp_path)
    assert unknown.exit_code == 2 and "unknown field 'cost'" in unknown.stderr


def test_zip_bundle_and_validity(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "acme.zip"
    made = run_cli(["reference", "export", "-o", str(out), "--valid-days", "30"], EXAMPLE)
    assert made.exit_code == 0, made.stderr
    with zipfile.ZipFile(out) as archive:
        data = json.loads(archive.read("reference.json"))
    assert data["valid_until"] is not None
    result = _audit(run_cli, out, "catalog.csv", "-f", "csv")
    assert result.stdout == (PARTNER / "expected-todo.csv").read_text(encoding="utf-8")
    assert "expired" not in result.stderr


def _rewrite(path: Path, change, *, resign: bool) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    if resign:
        data["digest"]["value"] = digest_of(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_expired_bundle_warns_but_audits(run_cli, exported) -> None:
    _rewrite(exported, lambda d: d.update(valid_until="2020-01-31"), resign=True)
    result = _audit(run_cli, exported, "catalog.csv", "-f", "csv")
    assert result.exit_code == 1
    assert "warning: the reference bundle expired on 2020-01-31" in result.stderr.replace("\n", " ")
    assert result.stdout == (PARTNER / "expected-todo.csv").read_text(encoding="utf-8")


def _set_price(d: dict) -> None:
    d["content"]["products"][0]["prices"][0]["amount"] = "1.00"


@pytest.mark.parametrize(
    ("change", "resign", "message"),
    [
        (_set_price, False, "digest mismatch: the content was changed after export"),
        (lambda d: d.update(format_version=2), True, "bundle format version 2 is newer"),
        (lambda d: d.update(format_version="one"), True, "unknown bundle format version 'one'"),
        (lambda d: d.update(format="something"), True, "not a msglint reference bundle"),
        (lambda d: d.pop("digest"), False, "the bundle has no digest"),
        (
            lambda d: d["content"]["products"][0]["prices"][0].update(amount="cheap"),
            True,
            "content.products.0.prices.0.amount",
        ),
        (
            lambda d: d["content"]["rules"].append({"id": "x.y", "kind": "pattern"}),
            True,
            "content.rules.",
        ),
        (
            lambda d: d["content"]["products"][0]["claims"][0].update(value="two years"),
            True,
            "is not a decimal number",
        ),
    ],
    ids=[
        "tampered",
        "newer",
        "unknown-version",
        "not-a-bundle",
        "no-digest",
        "schema",
        "rule",
        "claim",
    ],
)
def test_bad_bundles_exit_2_with_a_clear_message(
    run_cli, exported, change, resign, message
) -> None:
    _rewrite(exported, change, resign=resign)
    result = _audit(run_cli, exported, "catalog.csv")
    assert result.exit_code == 2
    assert message in result.stderr.replace("\n", " ")
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not a reference bundle: invalid JSON"),
        ("[1, 2]", "not a msglint reference bundle"),
        ("", "invalid JSON"),
    ],
)
def test_unreadable_bundles(run_cli, tmp_path: Path, text: str, message: str) -> None:
    bundle = tmp_path / "b.json"
    bundle.write_text(text, encoding="utf-8")
    shutil.copy(PARTNER / "catalog.csv", tmp_path / "catalog.csv")
    result = _audit(run_cli, bundle, "catalog.csv", cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr


def test_usage_errors(run_cli, exported, tmp_path: Path) -> None:
    url = _audit(run_cli, exported, "https://user:secret@shop.example/products/")
    assert url.exit_code == 2 and "not in a URL" in url.stderr and "secret" not in url.stderr
    gone = _audit(run_cli, exported, "nope.csv")
    assert gone.exit_code == 2 and "nope.csv: no such file or folder" in gone.stderr
    missing = _audit(run_cli, tmp_path / "none.json", "catalog.csv")
    assert missing.exit_code == 2 and "reference bundle not found" in missing.stderr
    fmt = _audit(run_cli, exported, "catalog.csv", "-f", "xml")
    assert fmt.exit_code == 2 and "unknown format 'xml'" in fmt.stderr
    both = run_cli(
        ["reference", "export", "-o", "x.json", "--valid-days", "3", "--valid-until", "2030-01-01"],
        EXAMPLE,
    )
    assert both.exit_code == 2 and "not both" in both.stderr
    day = run_cli(["reference", "export", "-o", "x.json", "--valid-until", "soon"], EXAMPLE)
    assert day.exit_code == 2 and "YYYY-MM-DD" in day.stderr


def test_audit_of_html_pages(run_cli, exported) -> None:
    """Saved partner pages are audited like a catalog (the shopright reseller's pages)."""
    result = run_cli(["audit", "-r", str(exported), "partners/shopright/", "-f", "csv"], EXAMPLE)
    assert result.exit_code == 1
    assert "Change the price from USD 279.00 to USD 299.00." in result.stdout
    assert "Replace 'CloudBox' with 'AcmeCloud Drive'" in result.stdout


def test_schema_command_prints_the_bundle_schema(run_cli) -> None:
    result = run_cli(["schema", "bundle"], EXAMPLE)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"].startswith("msglint reference bundle")


def test_csv_cells_cannot_become_formulas(run_cli, exported, tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(
        "SKU,Product Name,Unit Price,Currency,Description\n"
        'ACM-MP-100,Acme MeshPoint Mini,129.00,USD,"=HYPERLINK(""x"") cheap"\n',
        encoding="utf-8",
    )
    result = _audit(run_cli, exported, "c.csv", "-f", "csv", cwd=tmp_path)
    assert "cheap" in result.stdout
    for line in result.stdout.splitlines():
        assert ",=" not in line


def test_audit_of_an_xlsx_price_list(run_cli, exported, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Artikelnummer", "Bezeichnung", "Preis", "Währung"])
    sheet.append(["ACM-PB-20K", "Acme PowerBank 20K", 64.0, "USD"])
    book.save(tmp_path / "preisliste.xlsx")
    result = _audit(run_cli, exported, "preisliste.xlsx", "-f", "csv", cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    assert "Change the price from USD 64.00 to USD 59.00." in result.stdout


def test_audit_of_a_website_crawls_it_politely_and_lists_its_todos(
    run_cli, exported, tmp_path: Path
) -> None:
    """A partner audits their live shop: the pages under the URL are fetched from a real
    server on 127.0.0.1 (examples/acme served as a website) and checked like files."""
    from tests.webserver import Site

    site = Site().start()
    try:
        start = f"{site.base}/partners/shopright/index.html"
        result = _audit(run_cli, exported, start, "--delay", "0", cwd=tmp_path)
    finally:
        site.stop()
    assert result.exit_code == 1, result.stderr
    out = result.stdout
    assert "Change the price from USD 279.00 to USD 299.00." in out
    assert f"{site.base}/partners/shopright/products/airrouter-ax5400-pro.html:34" in out
    assert "Change the warranty from '1-year warranty' to '2-year limited warranty'." in out
    assert "Replace 'CloudBox' with 'AcmeCloud Drive' in the paragraph." in out
    assert "5 to-do(s) for 2 product(s)" in out
    assert not any(path.startswith("/partners/berlin") for path, _ in site.requests)


def test_one_unmappable_input_does_not_stop_the_others(run_cli, exported, tmp_path: Path) -> None:
    """Issue 14: with four inputs and one unmappable, the audit exited 2 and the three good
    ones were not audited; its message printed raw control bytes (a header's ESC)."""
    rows = (PARTNER / "catalog.csv").read_text(encoding="utf-8").splitlines()
    shutil.copy(PARTNER / "catalog.csv", tmp_path / "good0.csv")  # with to-dos
    for n in (1, 2):
        (tmp_path / f"good{n}.csv").write_text(rows[0] + "\n" + rows[1] + "\n", encoding="utf-8")
    (tmp_path / "odd.csv").write_text("Ref\x1b[31m;Cost\nX-1;279,00\n", encoding="utf-8")
    inputs = ["good0.csv", "good1.csv", "good2.csv", "odd.csv"]
    result = _audit(run_cli, exported, *inputs, "-f", "json", cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    warning = result.stderr.replace("\n", " ")
    assert "warning: odd.csv: no name and no identifier" in warning
    assert "Ref\\x1b[31m" in warning and "not audited" in warning
    report = json.loads(result.stdout)
    files = {item["file"] for item in report["todos"]}
    assert {"good0.csv", "odd.csv"} <= files, files
    assert len(report["summary"]["records"]) == 4, report["summary"]
    assert any(w.startswith("odd.csv: no name") for w in report["warnings"])
    alone = _audit(run_cli, exported, "odd.csv", cwd=tmp_path)  # nothing else: a usage error
    assert alone.exit_code == 2 and "\x1b" not in alone.stderr and "Ref\\x1b" in alone.stderr
