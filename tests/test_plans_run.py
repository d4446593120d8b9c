"""Plans in a whole run: bad input from issue 17 ("Bad input"), the selectors override, and
pricing pages that must not become products. Each case is a small project in a temporary
folder checked with the CLI, so the findings are what a user sees.

Bad input: a pricing page with prices but no discernible plans, a toggle whose second price
set is missing, JSON-LD contradicting the visible prices, a malformed price list and a
price list with an unreadable row are each a finding with its location and reason, and
every other page and source is still read and compared.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO

CORVALA = REPO / "examples" / "corvala"
FIXTURES = Path(__file__).parent / "fixtures" / "plans"
BRAND = (CORVALA / "site" / "pricing.html").read_text(encoding="utf-8")
CLOUDMART = (CORVALA / "partners" / "cloudmart" / "corvala-pricing.html").read_text(
    encoding="utf-8"
)

CONFIG = """\
sources:
  - name: corvala
    role: reference
    paths: ["site/"]
  - name: broken
    role: partner
    paths: ["broken/"]
  - name: cloudmart
    role: partner
    paths: ["cloudmart/"]
packs: [consistency]
"""


def _project(root: Path, broken: dict[str, str], config: str = CONFIG) -> Path:
    (root / "site").mkdir()
    (root / "site" / "pricing.html").write_text(BRAND, encoding="utf-8")
    (root / "cloudmart").mkdir()
    (root / "cloudmart" / "pricing.html").write_text(CLOUDMART, encoding="utf-8")
    (root / "broken").mkdir()
    for name, text in broken.items():
        (root / "broken" / name).write_text(text, encoding="utf-8")
    (root / "msglint.yaml").write_text(config, encoding="utf-8")
    return root


def _check(run_cli, root: Path) -> tuple[int, list[dict]]:
    result = run_cli(["check", "--no-history", "--format", "json"], root)
    return result.exit_code, json.loads(result.stdout)["findings"]


def _of(findings: list[dict], source: str, rule: str | None = None) -> list[dict]:
    return [f for f in findings if f["source"] == source and (rule is None or f["rule"] == rule)]


def _cloudmart_still_compared(findings: list[dict]) -> None:
    plans = _of(findings, "cloudmart", "msglint.plan-mismatch")
    assert {(f["code"], f["field"]["name"]) for f in plans} >= {
        ("feature-missing", "feature"),
        ("differs", "price"),
        ("differs", "trial"),
    }


def test_prices_without_plans_is_an_extraction_problem_at_the_first_price(run_cli, tmp_path):
    page = (FIXTURES / "prices_without_plans.html").read_text(encoding="utf-8")
    code, findings = _check(run_cli, _project(tmp_path, {"pricing.html": page}))
    [problem] = _of(findings, "broken")
    assert problem["rule"] == "msglint.extract-error"
    assert problem["location"]["path"] == "broken/pricing.html"
    assert problem["location"]["line"] == 5
    assert "no plans could be told apart" in problem["message"]
    assert "plan selectors" in problem["message"]
    _cloudmart_still_compared(findings)
    assert code == 1


def test_toggle_without_its_second_price_set(run_cli, tmp_path):
    page = (FIXTURES / "missing_toggle.html").read_text(encoding="utf-8")
    _, findings = _check(run_cli, _project(tmp_path, {"pricing.html": page}))
    [problem] = [f for f in _of(findings, "broken") if f["rule"] == "msglint.extract-error"]
    assert problem["location"]["line"] == 9  # the plan whose annual price is missing
    assert "'Plus' shows only its monthly price" in problem["message"]
    assert "second price set is missing" in problem["message"]
    _cloudmart_still_compared(findings)


def test_json_ld_contradicting_the_visible_prices(run_cli, tmp_path):
    page = BRAND.replace('"price": "240.00"', '"price": "288.00"')
    assert page != BRAND
    _, findings = _check(run_cli, _project(tmp_path, {"pricing.html": page}))
    [problem] = [f for f in _of(findings, "broken") if f["rule"] == "msglint.extract-error"]
    assert "JSON-LD gives plan 'Business' the price USD 288.00/year per user" in problem["message"]
    assert problem["location"]["path"] == "broken/pricing.html"
    assert problem["location"]["line"] is not None
    # the page's visible prices are the brand's: no plan finding for the broken partner
    assert not _of(findings, "broken", "msglint.plan-mismatch")
    _cloudmart_still_compared(findings)


def test_malformed_price_list_and_unreadable_row(run_cli, tmp_path):
    lists = {
        "prices.json": '{"plans": [{"plan": "Pro", "period": "monthly", "price": 12',
        "prices.csv": "Plan,Billing period,Price,Currency\n"
        "Corvala Pro,monthly,12.00,USD\n"
        "Corvala Business,monthly,call us maybe,USD\n"
        "Corvala Business,annual,240.00,USD\n",
    }
    _, findings = _check(run_cli, _project(tmp_path, lists))
    problems = {f["location"]["path"]: f for f in _of(findings, "broken", "msglint.extract-error")}
    assert "invalid JSON" in problems["broken/prices.json"]["message"]
    row = problems["broken/prices.csv"]
    assert row["location"]["line"] == 3 and row["code"] == "row-skipped"
    # the readable rows are compared: Pro and Business annual agree, Free/Enterprise missing
    missing = {
        f["expected"]["text"]
        for f in _of(findings, "broken", "msglint.plan-mismatch")
        if f["code"] == "missing-plan"
    }
    assert missing == {"Free", "Enterprise"}
    _cloudmart_still_compared(findings)


ODD_MARKUP = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Corvala at Oddshop</title></head>
<body><main>
<div class="offer-grid">
  <div class="tier"><b class="t-name">Corvala Pro</b>
    <em class="t-cost">USD 12 per user per month</em>
    <div class="t-feat"><span>Guest access</span><span>Priority support</span></div></div>
  <div class="tier"><b class="t-name">Corvala Business</b>
    <em class="t-cost">USD 26 per user per month</em>
    <div class="t-feat"><span>Audit log</span></div></div>
</div>
</main></body></html>
"""


def test_plan_selectors_override_the_readers(run_cli, tmp_path):
    config = CONFIG.replace(
        '    paths: ["broken/"]\n',
        '    paths: ["broken/"]\n'
        "    selectors:\n"
        "      plan: div.tier\n"
        "      plan_name: b.t-name\n"
        "      plan_price: em.t-cost\n"
        "      plan_features: div.t-feat span\n",
    )
    _, findings = _check(run_cli, _project(tmp_path, {"pricing.html": ODD_MARKUP}, config))
    price = [
        f
        for f in _of(findings, "broken", "msglint.plan-mismatch")
        if f["field"] == {"name": "price", "key": "month"}
    ]
    assert [(f["actual"]["text"], f["expected"]["text"]) for f in price] == [
        ("USD 26.00/month per user", "USD 24.00/month per user")
    ]
    assert price[0]["location"]["line"] == 9


def test_plan_selector_without_a_name_is_a_config_error(run_cli, tmp_path):
    config = CONFIG.replace(
        '    paths: ["broken/"]\n', '    paths: ["broken/"]\n    selectors:\n      plan: div.tier\n'
    )
    result = run_cli(["check", "--no-history"], _project(tmp_path, {}, config))
    assert result.exit_code == 2
    assert "msglint.yaml:" in result.output and "plan needs plan_name" in result.output


def test_a_product_page_with_a_subscription_price_is_still_a_product(run_cli, tmp_path):
    page = """<!doctype html><html><head><title>Hub X</title></head><body><main>
<h1>Hub X smart home hub</h1>
<p class="price">$129.00</p>
<p>Cloud backup: $5/month or $50/year.</p>
</main></body></html>"""
    root = _project(tmp_path, {"hub.html": page})
    result = run_cli(["check", "--no-history", "--format", "json"], root)
    report = json.loads(result.stdout)
    products = [r for r in report["records"]["broken"] if r["kind"] == "product"]
    assert [r["name"] for r in products] == ["Hub X smart home hub"]
    assert not _of(report["findings"], "broken", "msglint.extract-error")


def test_hostile_price_list_line_of_quotes_reads_quickly() -> None:
    """csv.Sniffer backtracks exponentially on a line of quotes; the price list reader
    takes its delimiter from the header instead."""
    import time

    from msglint.extract.plans import read_price_list
    from msglint.model import Role

    text = "Plan;Billing period;Price;Currency\n" + '"' * 900 + "\nPro;monthly;12;USD\n"
    start = time.perf_counter()
    found = read_price_list(text, source="p", role=Role.PARTNER, path="p.csv")
    assert time.perf_counter() - start < 2.0
    assert [p.name for p in found.plans] == ["Pro"]


def test_recurring_pretest_answers_as_the_full_pattern() -> None:
    """The RE2 pre-test and `_RECURRING` together decide exactly as `_RECURRING` alone: on
    every HTML fixture and example page, and on texts where case folding, Unicode spaces
    and word edges matter (RE2 reads `\\s` and `\\b` as ASCII)."""
    from msglint.extract.plans.page import _RECURRING, _recurring

    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for folder in ("tests/fixtures", "examples")
        for p in sorted((REPO / folder).rglob("*.htm*"))
    ]
    assert len(texts) > 50
    texts += [
        "$9 / MO",
        "$9/Month billed Annually",
        "€5 PRO MONAT",
        "5 € par   Utilisateur",
        "Billed",
        "rebilled",
        "annualized",
        "per monthly",
        "/monument",
        "/an.",
        "BILLINGDURATION",
        "unitPriceSpecification",
        "9 € / Jahr",
        "10 por AÑO",
        "$4 per ſeat",
        "PER USER",
        "PER USİR",
        "biİled",
        "jährlich",
        "JÄHRLICH",
        "performance per meter",
        "$9 /\xa0mo",
        "per\u2009month",
        "pro\u3000Jahr",
        "per\x1cuser",
        "per\x0bseat",
        "/mo\u00e9",
        "annual\u00e9",
        "\u00e9billed",
        "\u212amonthly",
        "$4 per ſeat",
        "5 / moiſ",
        "\ud800 billed",
        "",
    ]
    for text in texts:
        assert _recurring(text) == (_RECURRING.search(text) is not None), text[:80]
    assert any(_recurring(t) for t in texts) and not all(_recurring(t) for t in texts)
