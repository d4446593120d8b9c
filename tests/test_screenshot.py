"""Screenshot evidence in headless Chromium: a page served from 127.0.0.1 is crawled and
checked, and the element of each finding is captured with a caption band; the JSON and
SARIF reports link the image; a hidden or vanished element keeps its text evidence."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest

from browser import chromium_path
from msglint.config import load
from msglint.model import Finding, Location, Severity
from msglint.sources.web import screenshot

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
PAGE = """<!doctype html>
<html><head><title>Shop</title><meta http-equiv="refresh" content="0; url=/away.html">
<style>body{font:16px sans-serif;margin:40px;background:#fff}
.box{background:#ffe9a8;padding:24px;width:420px}</style></head>
<body><h1>AirRouter AX3000</h1>
<p>Fast and quiet router for the whole home.</p>
<div class="box"><p>Release date: TBD.</p></div>
<p style="display:none">Lorem ipsum dolor.</p>
<p>Ships in two days.</p>
</body></html>
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path):
    www = tmp_path / "www"
    www.mkdir()
    (www / "shot.html").write_text(PAGE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=www))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _project(root: Path, base: str, extra: str = "") -> Path:
    (root / "msglint.yaml").write_text(
        f"""\
sources:
  - name: shop
    role: partner
    urls: ["{base}/shot.html"]
    crawl: {{max_depth: 0}}
    evidence: screenshot
packs: [general]
crawl:
  delay: 0
  chromium: {chromium_path()}
{extra}"""
    )
    return root


def test_a_finding_on_a_page_gets_a_captioned_screenshot_of_its_element(
    tmp_path: Path, served: str, run_cli
) -> None:
    from PIL import Image

    root = _project(tmp_path, served)
    result = run_cli(["check", "-f", "json", "--fail-on", "never"], root)
    assert result.exit_code == 0, result.output
    findings = {f["actual"]["text"]: f for f in json.loads(result.stdout)["findings"]}
    tbd, hidden = findings["TBD"], findings["Lorem ipsum"]
    image = root / tbd["screenshot"]
    assert tbd["screenshot"].startswith(".msglint/snapshots/shop/screenshots/")
    assert image.is_file() and "screenshot_note" not in tbd
    with Image.open(image) as shot:
        rgb = shot.convert("RGB")
        width, height = rgb.size
        # The <p> (420 px wide, one line) plus 60 px of context on each side, and a
        # caption band of two lines below.
        assert width == 540 and 170 <= height <= 230, rgb.size
        colours = rgb.getcolors(maxcolors=1 << 16) or []
        assert len(colours) > 20  # text, the yellow box, the outline: not blank
        assert rgb.getpixel((width // 2, 70)) == (255, 233, 168)  # inside the yellow box
        band = [rgb.getpixel((x, height - 20)) for x in range(0, width, 2)]
        assert (32, 33, 36) in band and any(sum(p) > 600 for p in band)  # caption text
    assert "screenshot" not in hidden
    assert "is not visible on the page; the text evidence stands" in hidden["screenshot_note"]
    page = findings["no product data or support claims found"]  # about the whole page
    assert page["screenshot_note"] == (
        "the finding is about the whole page; the image is the top of the page"
    )
    with Image.open(root / page["screenshot"]) as top:
        assert top.size == (1280, 900 + 48)

    sarif = run_cli(["check", "-f", "sarif", "--fail-on", "never", "--offline"], root)
    log = json.loads(sarif.stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(log)
    attached = [r for r in log["runs"][0]["results"] if r["ruleId"].endswith("placeholder-text")]
    assert "attachments" not in attached[1]  # the hidden one
    assert attached[0]["attachments"][0]["artifactLocation"] == {
        "uri": tbd["screenshot"],
        "uriBaseId": "SRCROOT",
    }


def test_screenshots_are_bounded_per_run(tmp_path: Path, served: str, run_cli) -> None:
    root = tmp_path
    _project(root, served, "  screenshots: {max_per_run: 0}\n")
    result = run_cli(["check", "-f", "json", "--fail-on", "never"], root)
    findings = json.loads(result.stdout)["findings"]
    assert findings and all("screenshot" not in f for f in findings)
    assert {f.get("screenshot_note") for f in findings} == {
        "no screenshot: the run's limit of 0 was reached"
    }
    assert not (root / ".msglint/snapshots/shop/screenshots").exists()


def test_an_element_gone_before_the_screenshot_keeps_its_text_evidence(
    tmp_path: Path, served: str, run_cli
) -> None:
    root = _project(tmp_path, served)
    assert run_cli(["crawl"], root).exit_code == 0
    loaded = load(root / "msglint.yaml")
    url = f"{served}/shot.html"

    def finding(selector: str, fp: str) -> Finding:
        return Finding(
            rule="msglint.placeholder-text",
            severity=Severity.ERROR,
            message="Placeholder text 'TBD' left in the page.",
            source="shop",
            location=Location(path="/shot.html", url=url, selector=selector),
            actual="TBD",
            fingerprint=fp,
        )

    gone = finding("body > div:nth-of-type(7) > p", "gone:1")
    seo = finding('script[type="application/ld+json"]', "seo:1")
    outcome = screenshot.take([gone, seo], loaded)
    assert outcome.taken == 1 and outcome.notes == []
    assert gone.screenshot is None and gone.actual_text == "TBD"
    assert gone.screenshot_note == (
        "no screenshot: the element (body > div:nth-of-type(7) > p) was not on the page when "
        "the screenshot was taken; the text evidence stands"
    )
    assert seo.screenshot is not None and (root / seo.screenshot).is_file()
    assert "structured data" in (seo.screenshot_note or "")


def test_a_missing_chromium_is_a_warning_and_the_report_still_comes(
    tmp_path: Path, served: str, run_cli
) -> None:
    root = _project(tmp_path, served)
    text = (root / "msglint.yaml").read_text().replace(chromium_path(), "/nonexistent/chromium")
    (root / "msglint.yaml").write_text(text)
    result = run_cli(["check", "-f", "json", "--fail-on", "never"], root)
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["findings"]) == 3  # 2 placeholders, 1 no-product-data
    assert "no screenshots: cannot start Chromium at /nonexistent/chromium" in result.stderr


def test_the_html_report_shows_each_screenshot_beside_its_finding(
    tmp_path: Path, served: str, run_cli
) -> None:
    """The captured image travels inside the one-file report (a data: URI through the
    report's own CSP) and is drawn in Chromium at its own size; a finding whose element was
    hidden says why it has none."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS

    (tmp_path / "project").mkdir()
    root = _project(tmp_path / "project", served)
    out = tmp_path / "shared" / "nightly.html"
    out.parent.mkdir()
    result = run_cli(["check", "-f", "html", "-o", str(out), "--fail-on", "never"], root)
    assert result.exit_code == 0, result.output
    (root / ".msglint").rename(tmp_path / "moved")  # the report needs nothing beside it
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []
            page.on("requestfailed", lambda r: problems.append(r.url))
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.goto(out.as_uri())
            tbd = page.locator("#list > li", has_text="'TBD'")
            img = tbd.locator("figure.shot img")
            assert img.count() == 1
            assert (img.get_attribute("src") or "").startswith("data:image/png;base64,")
            img.scroll_into_view_if_needed()
            page.wait_for_function(
                "e => e.complete && e.naturalWidth > 0", arg=img.element_handle(), timeout=10_000
            )
            natural, shown = img.evaluate("e => [e.naturalWidth, e.getBoundingClientRect().height]")
            assert natural == 540 and 0 < shown <= 24 * 16  # bounded by the CSS (24rem)
            hidden = page.locator("#list > li", has_text="'Lorem ipsum'")
            assert hidden.locator("figure.shot img").count() == 0
            assert "is not visible on the page; the text evidence stands" in (
                hidden.locator("figure.shot figcaption").inner_text()
            )
            whole = page.locator("#list > li", has_text="no product data")
            assert whole.locator("figure.shot img").count() == 1
            assert "the image is the top of the page" in whole.locator("figcaption").inner_text()
            assert problems == []
        finally:
            chromium.close()
