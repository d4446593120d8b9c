"""End to end: `msglint check` on the Corvala example (SaaS plans on a pricing page, two
partner portals, a partner price list) gives exactly the expected report, that report is
the hand-written answer key (PLANTED.md), and the HTML report shows the plans side by
side in Chromium.

After an intended change, regenerate with
`cd examples/corvala && msglint check -f json -o expected-findings.json` and review the
diff; the answer-key test keeps a regression from being accepted by regenerating alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import CHROMIUM_ARGS, chromium_path
from conftest import REPO

CORVALA = REPO / "examples" / "corvala"


def _report(run_cli) -> tuple[int, dict]:
    result = run_cli(["check", "--format", "json"], CORVALA)
    return result.exit_code, json.loads(result.stdout)


def test_report_is_exactly_the_expected_one(run_cli) -> None:
    code, report = _report(run_cli)
    expected = json.loads((CORVALA / "expected-findings.json").read_text(encoding="utf-8"))
    assert report == expected
    assert code == 1


def _answer_key() -> list[tuple[str, str, int | None, str, str]]:
    text = (CORVALA / "PLANTED.md").read_text(encoding="utf-8")
    section = text.split("## PLANTED")[1].split("\n## ")[0]
    rows = []
    for row in re.finditer(
        r"^\| S\d+ \| (\S+) \| `([^`]+)` \| (\d+|-) \| .*? \| `([\w.-]+)` \| (\w+) \|$",
        section,
        re.MULTILINE,
    ):
        source, path, line, rule, severity = row.groups()
        rows.append((source, path, None if line == "-" else int(line), rule, severity))
    return rows


def test_findings_are_the_planted_answer_key(run_cli) -> None:
    _, report = _report(run_cli)
    got = sorted(
        (
            (f["source"], f["location"]["path"], f["location"]["line"], f["rule"], f["severity"])
            for f in report["findings"]
        ),
        key=str,
    )
    key = _answer_key()
    assert len(key) == 14
    assert got == sorted(key, key=str)


def test_plan_findings_are_typed_evidence(run_cli) -> None:
    _, report = _report(run_cli)
    by_code = {(f["code"], f["field"]["name"]) for f in report["findings"]}
    assert {
        ("other-period", "price"),
        ("other-basis", "price"),
        ("feature-missing", "feature"),
        ("feature-added", "feature"),
        ("missing-plan", "plan"),
        ("unknown-plan", "plan"),
        ("retired-name", "name"),
    } <= by_code
    annual = next(
        f for f in report["findings"] if f["source"] == "licensehub" and f["code"] == "differs"
    )
    assert annual["actual"]["type"] == "price"
    assert annual["actual"]["price"]["amount"] == "100"
    assert annual["actual"]["price"]["period"] == "year"
    assert annual["expected"]["text"] == "USD 10.00/month per user, billed yearly"
    assert annual["reference"]["source"] == "corvala"
    assert annual["reference"]["location"]["path"] == "site/pricing.html"
    limit = next(f for f in report["findings"] if f["field"] == {"name": "limit", "key": "storage"})
    assert limit["actual"]["type"] == "spec" and limit["expected"]["text"] == "1 TB"


def test_pricing_pages_are_plans_not_products(run_cli) -> None:
    """A pricing page once became a product "Pricing" at the first plan's price."""
    _, report = _report(run_cli)
    kinds = {r["kind"] for recs in report["records"].values() for r in recs}
    assert kinds <= {"policy"}
    assert not any(f["rule"].startswith("msglint.") for f in report["findings"])
    plans = report["plans"]
    brand = [g["reference"]["name"] for g in plans if g["reference"]]
    assert brand == ["Free", "Pro", "Business", "Enterprise"]
    pro = plans[1]["partners"]
    assert pro["stackhub"]["plan"]["name"] == "Team" and pro["stackhub"]["method"] == "retired"
    assert pro["licensehub"]["plan"]["name"] == "Corvala Pro (monthly)"
    extra = [g for g in plans if g["reference"] is None]
    assert [g["partners"]["licensehub"]["plan"]["name"] for g in extra] == ["Corvala Starter"]


def test_saved_report_renders_the_same_plans(run_cli, tmp_path: Path) -> None:
    saved = tmp_path / "run.json"
    run_cli(["check", "--format", "json", "--output", str(saved)], CORVALA)
    again = run_cli(["report", str(saved), "--format", "json"], CORVALA)
    assert json.loads(again.stdout)["plans"] == json.loads(saved.read_text())["plans"]


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_html_report_shows_plans_side_by_side(browser, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run_cli(["check", "--format", "html", "--output", str(out)], CORVALA)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(out.as_uri())
    cards = page.locator("#plans article")
    assert cards.count() == 5  # four brand plans, then the partner's Starter
    business = cards.nth(2)
    assert business.locator("h3").inner_text() == "Corvala Business"
    heads = business.locator("thead th").all_inner_texts()
    assert [h.split()[0] for h in heads[1:]] == ["corvala", "cloudmart", "stackhub", "licensehub"]

    def row(card, title: str):
        return card.locator("tbody tr").filter(
            has=page.locator("th", has_text=re.compile(rf"^{re.escape(title)}$"))
        )

    cells = row(business, "Annual price").locator("td")
    assert "USD 20.00/month per user, billed yearly" in cells.nth(0).inner_text()
    assert cells.nth(1).get_attribute("class") == "diff"  # cloudmart's $22
    assert "USD 22.00" in cells.nth(1).inner_text()
    assert cells.nth(2).get_attribute("class") is None  # stackhub's $240/year: the same
    storage = row(business, "Limit: storage").locator("td")
    assert storage.nth(2).get_attribute("class") == "diff"
    assert "500 GB" in storage.nth(2).inner_text()
    # a feature worded differently ("SSO") stands on the brand feature's row, not its own
    sso = row(business, "Single sign-on (SSO)").locator("td")
    assert sso.nth(1).inner_text() == "✓ SSO"
    assert row(business, "SSO").count() == 0
    enterprise = cards.nth(3)
    missing = enterprise.locator("td[data-source=licensehub]").first
    assert "missing" in missing.inner_text()
    # the partner filter hides the other partners' columns
    page.select_option("#f-source", "stackhub")
    assert business.locator("th[data-source=cloudmart]").is_hidden()
    assert business.locator("th[data-source=stackhub]").is_visible()
    assert errors == []
    page.close()
