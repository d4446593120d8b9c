"""The HTML report in a real browser: headless Chromium (Debian's) driven by Playwright.

The report must show the scores, filter by partner, and execute nothing that a hostile
partner page (or a tampered saved JSON report) smuggles into it. Screenshots go to
test-artifacts/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from browser import CHROMIUM_ARGS, chromium_path
from conftest import EXAMPLE, REPO
from msglint.report import ReportOptions
from msglint.report.html import island, render, safe_url
from msglint.report.json import read

HOSTILE = Path(__file__).parent / "fixtures" / "html_report" / "hostile"
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every dialog, console message, page error and request recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.dialogs: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


def _html(run_cli, cwd: Path, out: Path, extra: list[str] | None = None) -> Path:
    result = run_cli(["check", "-f", "html", "-o", str(out), *(extra or [])], cwd)
    assert result.exit_code in (0, 1), result.output
    return out


def _no_live_attack_surface(page) -> None:
    """No element carries an event handler attribute or a non-http(s) link (the contents'
    links to the report's own sections, `#id`, excepted)."""
    bad = page.evaluate(
        """() => {
          const out = [];
          for (const e of document.querySelectorAll('*')) {
            for (const a of e.attributes) {
              if (/^on/i.test(a.name)) out.push(e.tagName + ' ' + a.name);
              if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name)
                  && !/^https?:\\/\\//i.test(a.value)
                  && !(e.tagName === 'IMG' && a.name === 'src'
                       && /^data:image\\/png;base64,[A-Za-z0-9+\\/]+=*$/.test(a.value))
                  && !(e.closest('#toc') && /^#[a-z-]+$/.test(a.value)))
                out.push(e.tagName + ' ' + a.name + '=' + a.value);
            }
          }
          return out;
        }"""
    )
    assert bad == []


def test_example_report_shows_scores_and_filters_by_partner(browser, run_cli, tmp_path):
    from playwright.sync_api import expect

    report = _html(run_cli, EXAMPLE, tmp_path / "report.html")
    w = Watched(browser, report)
    page = w.page
    try:
        cards = page.locator(".score")
        assert cards.count() == 5
        berlin = page.locator('.score[data-source="berlin-store"]')
        assert berlin.locator(".value").inner_text() == "62.5"
        assert page.locator('.score[data-source="shopright"] .value').inner_text() == "75"
        assert page.locator("#f-count").inner_text() == "24 of 24 findings"
        assert page.get_by_text("How the score is computed").is_visible()
        # The price difference is highlighted in the shopright column of its product card.
        diff = page.locator("td.diff", has_text="USD 279.00")
        assert diff.count() == 1 and diff.get_attribute("data-source") == "shopright"
        # A text finding shows its prose with the match highlighted.
        assert page.locator("#list mark", has_text="{{price}}").count() == 1

        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "html-report-example.png"), full_page=True)

        # Plain words for a partner manager; the matcher's and extractor's terms one click away.
        products = page.locator("#products")
        visible = products.evaluate("e => e.innerText")
        for jargon in ("gtin 100.0", "application/ld+json", "heuristic", "selectors", "Claim:"):
            assert jargon not in visible, jargon
        assert "same GTIN" in visible and "Support channel" in visible
        assert "from the page's structured data" in visible
        stand = page.locator("article.product", has_text="Acme SoundBar 300")
        assert stand.locator("th[scope=row]", has_text="Warranty").count() == 1
        lifetime = stand.locator("td.diff", has_text="lebenslanger Garantie")
        assert lifetime.get_attribute("data-source") == "berlin-store"
        assert page.locator("th[scope=row]", has_text="Other findings").count() == 0
        details = stand.locator("tr.details details").first
        assert not details.locator("code").first.is_visible()
        details.locator("summary").click()
        assert "json-ld" in details.inner_text()
        assert page.locator("#toc a").count() == 5

        page.select_option("#f-source", "shopright")
        assert page.locator("#f-count").inner_text() == "6 of 24 findings"
        # The count tables follow the partner filter.
        rules = page.locator("#rule-counts tr[data-rule]:visible")
        counted = dict(
            zip(
                rules.locator("td:first-child").all_inner_texts(),
                [int(n) for n in rules.locator("td.num").all_inner_texts()],
                strict=True,
            )
        )
        assert counted == {
            "acme.brand-names": 1,
            "acme.retired-names": 1,
            "acme.sign-in": 1,
            "msglint.claim-mismatch": 1,
            "msglint.email-spelling": 1,
            "msglint.price-mismatch": 1,
        }
        by_source = page.locator("table.counts tr[data-source]:visible")
        assert by_source.count() == 1
        assert by_source.locator("td").all_inner_texts() == ["shopright", "3", "3", "0"]
        assert page.locator("#counts-note").is_visible()
        page.select_option("#f-sev", "warning")
        assert page.locator("#rule-counts tr[data-rule]:visible").count() == 3
        page.select_option("#f-sev", "")
        rows = page.locator("#list > li")
        assert rows.count() == 6
        assert set(rows.evaluate_all("els => els.map(e => e.dataset.source)")) == {"shopright"}
        assert berlin.is_hidden()
        assert page.locator('.score[data-source="shopright"]').is_visible()
        assert page.locator('td[data-source="berlin-store"]').first.is_hidden()
        page.select_option("#f-source", "")
        page.select_option("#f-sev", "info")
        assert page.locator("#list > li").count() == 3
        page.select_option("#f-sev", "")
        page.fill("#f-q", "lorem")
        expect(page.locator("#f-count")).to_have_text("1 of 24 findings")
        assert "Lorem ipsum" in page.locator("#list > li").inner_text()
        assert w.dialogs == [] and w.errors == []
        assert [m for m in w.console if m[0] == "error"] == []
        assert all(u.startswith("file://") for u in w.requests), w.requests
    finally:
        w.close()


def test_hostile_partner_page_executes_nothing(browser, run_cli, tmp_path):
    report = _html(run_cli, HOSTILE, tmp_path / "hostile.html")
    html = report.read_text(encoding="utf-8")
    island_text = html.split('<script type="application/json" id="data">')[1].split("</script>")[0]
    assert "<" not in island_text  # nothing in the data island can close or open a tag
    w = Watched(browser, report)
    page = w.page
    try:
        # The payloads are shown as text...
        assert page.locator("td.diff", has_text="onerror=alert('name')").count() == 1
        assert page.locator("#list mark", has_text="TBD").count() == 1
        assert "</script><script>alert('island')</script>" in page.locator("#list").inner_text()
        # ...and nothing ran, loaded or became live.
        page.fill("#f-q", "alert")
        page.wait_for_timeout(300)
        page.select_option("#f-source", "evil")
        assert page.locator("img").count() == 0
        assert page.locator("script:not([type])").count() == 1  # the report's own
        _no_live_attack_surface(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "html-report-hostile.png"), full_page=True)
        assert w.dialogs == []
        assert w.errors == []
        assert [m for m in w.console if m[0] in ("error", "warning")] == []
        assert all(u.startswith("file://") for u in w.requests), w.requests
    finally:
        w.close()


def _tampered_report() -> dict:
    report = json.loads((EXAMPLE / "expected-findings.json").read_text(encoding="utf-8"))
    f = report["findings"][1]
    f["location"]["url"] = "javascript:alert('loc')"
    f["link"] = "JaVaScRiPt:alert('link')"
    f["message"] = "</script><script>alert('msg')</script>"
    report["findings"][2]["location"]["url"] = "https://partner.example/p?a=1&b=<x>"
    records = report["records"]
    first, second = report["groups"][0]["matches"][:2]
    records[first["record"][0]][first["record"][1]]["location"]["url"] = "javascript:alert('r')"
    records[second["record"][0]][second["record"][1]]["url"] = "data:text/html,<script>1</script>"
    return report


def test_saved_report_with_javascript_urls_renders_only_http_links(browser, run_cli, tmp_path):
    saved = tmp_path / "run.json"
    saved.write_text(json.dumps(_tampered_report()), encoding="utf-8")
    out = tmp_path / "saved.html"
    result = run_cli(["report", str(saved), "-f", "html", "-o", str(out)], tmp_path)
    assert result.exit_code == 0, result.output
    w = Watched(browser, out)
    try:
        page = w.page
        assert page.locator(".score").count() == 5
        _no_live_attack_surface(page)
        links = page.locator("a").evaluate_all("els => els.map(e => e.href)")
        assert "https://partner.example/p?a=1&b=%3Cx%3E" in links
        assert "javascript:alert('loc')" in page.locator("#list").inner_text()  # as text
        assert w.dialogs == [] and w.errors == []
    finally:
        w.close()


def test_csp_allows_only_the_reports_own_style_and_script() -> None:
    result, fail_on = read(EXAMPLE / "expected-findings.json")
    html = render(result, ReportOptions(fail_on=fail_on))
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    csp = unescape(found.group(1))
    assert csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "img-src data:;" in csp


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://a.example/x", True),
        ("HTTP://a.example", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,x", False),
        ("//a.example/x", False),
        ("https:alert(1)", False),
        (None, False),
    ],
)
def test_only_absolute_http_urls_are_links(url, safe) -> None:
    assert (safe_url(url) is not None) is safe


def test_island_escapes_everything_that_could_end_the_script() -> None:
    text = island({"x": "</script><!-- \u2028 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!-- \u2028 & >"}


def test_document_findings_show_both_passages_side_by_side(browser, run_cli, tmp_path):
    """The AquaFlow example: a PDF manual and its Word copy, each finding's two passages
    next to each other with the changed words marked, and the page named."""
    report = _html(run_cli, REPO / "examples" / "aquaflow", tmp_path / "report.html")
    w = Watched(browser, report)
    page = w.page
    try:
        torque = page.locator("#list > li", has_text="25 Nm where the brand's says 30 Nm")
        assert torque.count() == 1
        assert torque.locator(".sbs-expected mark").inner_text() == "30"
        assert torque.locator(".sbs-actual mark").inner_text() == "25"
        assert "(page 1, line 15)" in torque.locator(".extra").first.inner_text()
        sheet = page.locator("#list > li", has_text="is 14 kg")
        assert "(page 1, line 7)" in sheet.locator(".where").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "html-report-documents.png"), full_page=True)
        assert w.dialogs == [] and w.errors == []
        assert [m for m in w.console if m[0] == "error"] == []
    finally:
        w.close()


def test_uncertain_matches_are_marked_not_compared_side_by_side(browser, run_cli, tmp_path):
    """A match below the confidence level shows in its product card, next to the reference,
    marked "not compared, to confirm", and none of its cells is flagged as a difference
    (its $99 against $129 is no finding); a confirmed pair's price difference is."""
    (tmp_path / "reference.csv").write_text(
        "id,name,price\nR1,Acme Nimbus Mesh Router - NM100,199.00\n"
        "R2,Acme Orbit Video Doorbell,129.00\n",
        encoding="utf-8",
    )
    (tmp_path / "partner.csv").write_text(
        "id,name,price\nP1,Acme NM100 Nimbus Mesh Router,189.00\n"
        "P2,Acme Orbit Video Doorbell,99.00\n",
        encoding="utf-8",
    )
    (tmp_path / "pairs.csv").write_text("reference,partner,verdict\nR1,P1,match\n", "utf-8")
    (tmp_path / "msglint.yaml").write_text(
        "sources:\n"
        "  - {name: brand, role: reference, paths: [reference.csv], currency: USD}\n"
        "  - {name: shop, role: partner, paths: [partner.csv], currency: USD}\n"
        "packs: [consistency]\n"
        "match: {confidence: 99, pairs: pairs.csv}\n",
        encoding="utf-8",
    )
    report = _html(run_cli, tmp_path, tmp_path / "report.html")
    w = Watched(browser, report)
    page = w.page
    try:
        orbit = page.locator("article.product", has_text="Acme Orbit Video Doorbell")
        assert orbit.count() == 1
        head = orbit.locator('th[data-source="shop"]')
        assert "uncertain" in (head.get_attribute("class") or "")
        assert "not compared, to confirm" in head.inner_text()
        price = orbit.locator("tr", has=page.locator("th", has_text="Price"))
        cell = price.locator('td[data-source="shop"]')
        assert cell.inner_text().strip() == "USD 99.00"
        assert cell.get_attribute("class") == "uncertain"
        assert orbit.locator("td.diff").count() == 0
        assert "not compared" in orbit.locator(".why").inner_text()
        assert cell.is_visible() and head.locator(".tag").is_visible()
        # The confirmed pair is compared: its price differs and is flagged, not marked.
        nimbus = page.locator("article.product", has_text="Acme Nimbus Mesh Router")
        assert nimbus.locator("th.uncertain").count() == 0
        assert nimbus.locator("td.diff", has_text="USD 189.00").count() == 1
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "html-report-uncertain.png"), full_page=True)
        assert w.dialogs == [] and w.errors == []
    finally:
        w.close()


def _png(path: Path, size: tuple[int, int]) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (255, 233, 168)).save(path, "PNG")


def test_saved_report_embeds_only_png_screenshots_inside_the_project(browser, run_cli, tmp_path):
    """A saved report may name any file as a finding's screenshot: only a PNG inside the
    project folder is embedded (once, however many findings share it); a path outside it, a
    file that is not a PNG and a missing one each say why, as text, and nothing runs."""
    project = tmp_path / "project"
    shots = project / ".msglint" / "snapshots" / "shop" / "screenshots"
    _png(shots / "ok.png", (321, 40))
    _png(tmp_path / "outside.png", (50, 50))
    (shots / "fake.png").write_text("<svg onload=alert(1)></svg>", encoding="utf-8")
    (shots / "link.png").symlink_to(tmp_path / "outside.png")
    report = _tampered_report()
    named = [
        ".msglint/snapshots/shop/screenshots/ok.png",
        ".msglint/snapshots/shop/screenshots/ok.png",
        "../outside.png",
        ".msglint/snapshots/shop/screenshots/link.png",
        ".msglint/snapshots/shop/screenshots/fake.png",
        ".msglint/snapshots/shop/screenshots/gone.png",
    ]
    for f, shot in zip(report["findings"], named, strict=False):
        f["screenshot"] = shot
    report["findings"][6]["screenshot_note"] = "<img src=x onerror=alert('note')>"
    saved = project / "run.json"
    saved.write_text(json.dumps(report), encoding="utf-8")
    out = tmp_path / "saved.html"
    result = run_cli(["report", str(saved), "-f", "html", "-o", str(out)], project)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("data:image/png;base64,") == 1  # one image, two findings
    w = Watched(browser, out)
    try:
        page = w.page
        page.locator("#f-sev").select_option("")
        figures = page.locator("figure.shot")
        imgs = page.locator("figure.shot img")
        assert imgs.count() == 2
        page.wait_for_function(
            "() => [...document.querySelectorAll('figure.shot img')]"
            ".every(e => e.complete && e.naturalWidth === 321)",
            timeout=10_000,
        )
        captions = figures.locator("figcaption").all_inner_texts()
        assert "screenshot not shown: outside the project folder (../outside.png)" in captions
        assert (
            "screenshot not shown: outside the project folder "
            "(.msglint/snapshots/shop/screenshots/link.png)" in captions
        )
        assert any(c.startswith("screenshot not shown: not a PNG image") for c in captions)
        assert any(c.startswith("screenshot not shown: no such file") for c in captions)
        assert "<img src=x onerror=alert('note')>" in captions  # as text
        _no_live_attack_surface(page)
        assert w.dialogs == [] and w.errors == []
    finally:
        w.close()
