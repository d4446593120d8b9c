"""The planted-mutation benchmark's generator and scorer (benchmarks/planted.py).

The benchmark's figures are only as good as its answer key, so these tests check that a
generated set is deterministic, that the manifest names every page it claims, that each
planted mutation is really in its page (and nothing else differs on unmutated pages), and
that the scorer attributes findings as documented, on a hand-made report.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURE = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "planted" / "score_case.yml").read_text(encoding="utf-8")
)


def _load_planted() -> Any:
    spec = importlib.util.spec_from_file_location("planted", REPO / "benchmarks" / "planted.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["planted"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


planted = _load_planted()

OPTS = planted.Options(products=20, partners=2, seed=11, page_kb=40, rate=0.05, stack_rate=0.5)
JSONLD = re.compile(r'<script type="application/ld\+json">\n(.*?)\n</script>', re.S)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
CELLS = re.compile(  # label and value of a spec row: th/td, dt/dd or td/td
    r"<(?:th|dt|td)[^>]*>([^<]*)</(?:th|dt|td)>\s*<(?:td|dd)[^>]*>([^<]*)</(?:td|dd)>"
)
WARRANTY = re.compile(r"(\d+)-year (?:manufacturer |limited )?warranty")


PRODUCTS = {p.sku: p for p in planted.build_catalog(OPTS.products, OPTS.seed)}
PARTNERS = {p.name: p for p in planted.build_partners(OPTS.partners)}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    workdir = tmp_path_factory.mktemp("planted")
    planted.generate(workdir, OPTS)
    manifest = json.loads((workdir / "manifest.json").read_text(encoding="utf-8"))
    return workdir, manifest


def _pages(workdir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(workdir).as_posix(): p.read_bytes()
        for p in sorted(workdir.rglob("*"))
        if p.is_file()
    }


def _main(page: str) -> str:
    """The page without the related-products cards, which show other products' facts."""
    return page.split('<aside class="related"')[0]


def test_same_seed_same_bytes(generated: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    workdir, _manifest = generated
    planted.generate(tmp_path, OPTS)
    assert _pages(tmp_path) == _pages(workdir)


def test_another_seed_other_bytes(generated: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    workdir, _manifest = generated
    other = planted.Options(**{**planted.asdict(OPTS), "seed": 12})
    planted.generate(tmp_path, other)
    assert _pages(tmp_path) != _pages(workdir)


def test_manifest_names_every_page_and_kind(generated: tuple[Path, dict[str, Any]]) -> None:
    workdir, manifest = generated
    html = {p.relative_to(workdir).as_posix() for p in workdir.rglob("*.html")}
    assert manifest["pages"] == len(html)
    catalog = {c["sku"]: c for c in manifest["catalog"]}
    assert len(catalog) == OPTS.products
    assert all(c["path"] in html for c in catalog.values())
    seen = set()
    for m in manifest["mutations"]:
        assert m["kind"] in planted.HARMFUL + planted.BENIGN
        assert m["harmful"] == (m["kind"] in planted.HARMFUL)
        assert m["reference_path"] == catalog[m["sku"]]["path"]
        key = (m["partner"], m["sku"], m["kind"])
        assert key not in seen
        seen.add(key)
        if m["kind"] == "product-missing":
            assert m["path"] is None
        else:
            assert m["path"] in html
    for partner in manifest["partners"]:
        kinds = Counter(m["kind"] for m in manifest["mutations"] if m["partner"] == partner["name"])
        assert set(kinds) == set(planted.HARMFUL + planted.BENIGN), partner["name"]
        missing = kinds["product-missing"]
        pages = [p for p in html if p.startswith(f"partners/{partner['name']}/")]
        duplicates = kinds["duplicate-listing"]
        assert partner["pages"] == len(pages) == OPTS.products - missing + duplicates


def test_missing_products_have_no_page_and_no_card(generated: tuple[Path, dict[str, Any]]) -> None:
    workdir, manifest = generated
    for m in manifest["mutations"]:
        if m["kind"] != "product-missing":
            continue
        folder = workdir / "partners" / m["partner"]
        for page in folder.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert m["sku"] not in text and m["expected"] not in text


def test_gtins_are_valid_and_unique(generated: tuple[Path, dict[str, Any]]) -> None:
    workdir, manifest = generated
    assert planted.gtin_valid("4006381333931")
    assert not planted.gtin_valid("4006381333932")
    gtins = [c["gtin"] for c in manifest["catalog"]]
    assert len(set(gtins)) == len(gtins)
    assert all(planted.gtin_valid(g) for g in gtins)
    for c in manifest["catalog"]:
        page = (workdir / c["path"]).read_text(encoding="utf-8")
        data = json.loads(JSONLD.search(page).group(1))
        assert (data["gtin13"], data["sku"], data["name"]) == (c["gtin"], c["sku"], c["name"])


def test_pages_fill_to_the_requested_size(generated: tuple[Path, dict[str, Any]]) -> None:
    workdir, _manifest = generated
    size = OPTS.page_kb * 1024
    for page in workdir.rglob("*.html"):
        assert size - 200 <= page.stat().st_size <= size, page


def test_each_mutation_is_in_its_page(generated: tuple[Path, dict[str, Any]]) -> None:
    workdir, manifest = generated
    for m in manifest["mutations"]:
        if m["path"] is None:
            continue
        page = (workdir / m["path"]).read_text(encoding="utf-8")
        main = _main(page)
        kind, expected, actual = m["kind"], m["expected"], m["actual"]
        assert actual and actual in main, m
        if kind in ("retired-name", "renamed-product", "words-reordered", "case-and-whitespace"):
            assert H1.search(main).group(1).strip() == actual
            assert f"<title>{actual} |" in page
            if kind != "case-and-whitespace":  # a title-only change
                assert expected not in page, m
        elif kind in ("price-changed", "price-reformatted", "duplicate-listing"):
            assert expected not in main, m
        elif kind in ("spec-changed", "unit-converted"):
            locale = PARTNERS[m["partner"]].locale
            reference = [s.text(locale) for s in PRODUCTS[m["sku"]].specs]
            values = [v for _k, v in CELLS.findall(main)]
            changed = [(r, v) for r, v in zip(reference, values, strict=True) if r != v]
            assert (expected, actual) in changed, m
        elif kind == "warranty-changed":
            assert [f"{y}-year" for y in WARRANTY.findall(main)] == [actual], m
        data = _jsonld(page)
        if data is None:
            continue
        if kind in ("retired-name", "renamed-product", "words-reordered", "case-and-whitespace"):
            assert data["name"] == actual
        if kind in ("price-changed", "duplicate-listing"):
            assert data["offers"]["price"] != _amount(expected)


def _jsonld(page: str) -> dict[str, Any] | None:
    found = JSONLD.search(page)
    return json.loads(found.group(1)) if found else None


def _amount(text: str) -> str:
    digits = re.sub(r"[^\d,.]", "", text)
    if re.search(r",\d\d$", digits):
        digits = digits.replace(".", "").replace(",", ".")
    return f"{Decimal(digits.replace(',', '')):.2f}"


def test_unmutated_partner_pages_state_the_reference_facts(
    generated: tuple[Path, dict[str, Any]],
) -> None:
    """No drift sneaks in beside the planted one: name, price, specs and warranty agree."""
    workdir, manifest = generated
    mutated = {(m["partner"], m["sku"]) for m in manifest["mutations"]}
    checked = 0
    for (name, partner), (sku, product) in (
        (pair, item) for pair in PARTNERS.items() for item in PRODUCTS.items()
    ):
        if (name, sku) in mutated:
            continue
        main = _main((workdir / partner.page_path(product)).read_text(encoding="utf-8"))
        assert H1.search(main).group(1) == product.name
        assert planted.money(product.price, OPTS.currency, partner.locale) in main
        values = [v for _k, v in CELLS.findall(main)]
        assert values == [s.text(partner.locale) for s in product.specs]
        assert WARRANTY.findall(main) == [str(product.warranty_years)]
        assert f"{product.returns_days}-day returns" in main
        checked += 1
    kinds = len(planted.HARMFUL + planted.BENIGN)  # one product per kind at this rate
    assert checked >= len(PARTNERS) * (OPTS.products - kinds)


def test_config_and_rules(generated: tuple[Path, dict[str, Any]]) -> None:
    workdir, manifest = generated
    config = yaml.safe_load((workdir / "msglint.yaml").read_text(encoding="utf-8"))
    roles = {s["name"]: s["role"] for s in config["sources"]}
    assert roles == {"brand": "reference", "shopright": "partner", "berlin-store": "partner"}
    assert config["packs"] == ["rules/planted.yaml"]
    rules = yaml.safe_load((workdir / "rules" / "planted.yaml").read_text(encoding="utf-8"))
    assert rules["pack"] == "planted"
    assert {r["kind"] for r in rules["rules"]} == set(planted.RULE_KINDS)
    retired = next(r for r in rules["rules"] if r["kind"] == "name")["retired"]
    for m in manifest["mutations"]:
        if m["kind"] in ("retired-name", "renamed-product"):
            assert retired[m["actual"]] == m["expected"]


def test_scorer_on_a_hand_made_report() -> None:
    result = planted.score(FIXTURE["manifest"], FIXTURE["report"]).to_dict()
    expected = FIXTURE["expected"]
    assert result["findings"] == expected["findings"]
    for kind, figures in expected["harmful"].items():
        assert result["harmful"][kind] == figures, kind
    assert result["benign"] == expected["benign"]
    assert result["unmutated"] == expected["unmutated"]
    assert result["cross_findings"] == expected["cross_findings"]
    assert result["other_rules"] == expected["other_rules"]
    assert [m["sku"] for m in result["examples"]["missed"]] == expected["missed_skus"]
    assert result["by_severity"] == expected["by_severity"]
    assert result["unattributed_by_source"] == expected["unattributed_by_source"]


def test_scorer_leaves_findings_under_min_severity_unscored() -> None:
    result = planted.score(FIXTURE["manifest"], FIXTURE["report"], "warning").to_dict()
    expected = FIXTURE["expected_min_warning"]
    assert result["below_threshold"] == expected["below_threshold"]
    assert result["harmful"]["price-changed"] == expected["price-changed"]
    assert result["unmutated"] == expected["unmutated"]


@pytest.mark.parametrize(("amount", "currency", "locale", "style", "text"), FIXTURE["money"])
def test_money(amount: str, currency: str, locale: str, style: str, text: str) -> None:
    assert planted.money(Decimal(amount), currency, locale, style) == text


@pytest.mark.parametrize(("rule", "kind"), FIXTURE["rule_kinds"].items())
def test_rule_kind(rule: str, kind: str | None) -> None:
    assert planted.rule_kind(rule) == kind


def test_score_only_on_a_perfect_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI end to end without msglint: a report with exactly one finding per harmful
    mutation scores 1.0 everywhere, and the text table names every target."""
    args = ["--products", "30", "--partners", "2", "--page-kb", "4", "--workdir", str(tmp_path)]
    assert planted.main([*args, "--generate-only"]) == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    findings = [
        {
            "rule": f"planted.{planted.RULE_KIND[m['kind']]}",
            "source": m["partner"],
            "location": {"path": m["path"] or m["reference_path"]},
        }
        for m in manifest["mutations"]
        if m["harmful"]
    ]
    (tmp_path / "report.json").write_text(json.dumps({"findings": findings}), encoding="utf-8")
    capsys.readouterr()
    assert planted.main(["--workdir", str(tmp_path), "--score-only", "--json"]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["run"] is None
    for kind, figures in data["harmful"].items():
        assert figures["precision"] == figures["recall"] == 1.0, kind
    assert data["unmutated"]["findings"] == 0
    assert all(t["met"] for t in data["targets"] if t["met"] is not None)
    assert "retired-name recall >= 0.95" in out.err


def test_msglint_accepts_the_config_and_rules(tmp_path: Path) -> None:
    """The generated files validate with msglint's own loaders (selectors included)."""
    from msglint.config import load
    from msglint.packs import load_packs

    opts = planted.Options(products=12, partners=3, page_kb=4, selectors=True)
    planted.generate(tmp_path, opts)
    loaded = load(tmp_path / "msglint.yaml")
    sources = {s.name: s for s in loaded.config.sources}
    assert sources["berlin-store"].selectors.price == ".produkt .preis"
    assert sources["shopright"].selectors is None  # it has JSON-LD
    assert all(s.currency == "USD" for s in sources.values())
    rules = [r.id for p in load_packs(loaded.config.packs, tmp_path) for r in p.rules]
    assert rules == [f"planted.{k}" for k in ("price", "spec", "name", "claim", "coverage")]
