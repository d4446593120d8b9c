"""Web sources against a real HTTP server on 127.0.0.1 (tests/webserver.py): politeness,
resilience, snapshots, offline/refresh, resume, conditional requests, auth, sitemaps,
rendering in Debian's Chromium. No mocked transport."""

from __future__ import annotations

import gzip
import itertools
import json
import time
from pathlib import Path

import pytest
import yaml
from tests.webserver import COOKIE, FAST, TOKEN, Site

from browser import chromium_path
from conftest import web_items
from msglint.config import load
from msglint.sources import Content, SourceProblem
from msglint.sources.web import WebOptions, adhoc_source, crawl_sources, read_web


def project(tmp: Path, sources: list[dict], crawl: dict | None = None) -> Path:
    cfg = {"sources": sources, "crawl": {**FAST, **(crawl or {})}, "packs": ["general"]}
    (tmp / "msglint.yaml").write_text(yaml.safe_dump(cfg))
    return tmp / "msglint.yaml"


def by_path(found):
    return {i.path: i for i in found}


def test_failing_routes_become_problems_and_the_crawl_goes_on(site: Site, tmp_path: Path):
    b = site.base
    urls = [f"{b}/site/index.html"] + [
        f"{b}{p}"
        for p in (
            "/fail/404",
            "/flaky",
            "/busy",
            "/slow",
            "/loop/a",
            "/big",
            "/bomb",
            "/charset",
            "/private/secret.html",
            "/moved",
        )
    ]
    path = project(tmp_path, [{"name": "acme", "role": "reference", "urls": urls}])
    found = by_path(web_items(path))
    reasons = {p: i.reason for p, i in found.items() if isinstance(i, SourceProblem)}
    assert reasons["/fail/404"] == "HTTP 404 Not Found (1 attempt)"
    assert reasons["/slow"] == "timed out after 1 s (3 attempts)"
    assert reasons["/loop/a"].startswith(f"redirect loop: {b}/loop/a -> {b}/loop/b -> {b}/loop/a")
    assert "over the limit of 1,000,000" in reasons["/big"]
    assert "compression bomb" in reasons["/bomb"]
    assert reasons["/private/secret.html"] == "blocked by robots.txt (not fetched)"
    assert site.hits["/private/secret.html"] == 0
    # 500 then 200, and 429 with Retry-After: 1 then 200, each on the second attempt
    assert isinstance(found["/flaky"], Content) and site.hits["/flaky"] == 2
    assert isinstance(found["/busy"], Content) and site.hits["/busy"] == 2
    busy = [t for p, t in site.times if p == "/busy"]
    assert busy[1] - busy[0] >= 0.95  # Retry-After honoured
    # header says utf-8, bytes are windows-1252, <meta> says so: the meta tag wins
    assert "Café crème" in found["/charset"].text
    # redirect followed to the final URL; links of index.html followed (depth 3)
    assert found["/site/support.html"].url == f"{b}/site/support.html"
    assert "/site/products/homehub-2.html" in found
    assert all(isinstance(i, Content) for p, i in found.items() if p.startswith("/site/"))
    ua = next(h for p, h in site.requests if p == "/site/index.html")["User-Agent"]
    assert ua.startswith("msglint/")


def test_offline_uses_the_snapshot_and_never_the_network(site: Site, tmp_path: Path):
    path = project(
        tmp_path,
        [
            {
                "name": "a",
                "role": "reference",
                "urls": [f"{site.base}/site/index.html"],
                "crawl": {"max_depth": 0},
            }
        ],
    )
    missing = web_items(path, offline=True)
    assert len(missing) == 1 and "no snapshot of this source" in missing[0].reason
    first = web_items(path)
    assert site.hits["/site/index.html"] == 1
    site.stop()
    again = web_items(path, offline=True)
    assert [(i.path, i.text) for i in again] == [(i.path, i.text) for i in first]
    fresh = web_items(path)  # fresh enough: read from the snapshot
    assert [i.path for i in fresh] == ["/site/index.html"]


def test_refresh_sends_conditional_requests(site: Site, tmp_path: Path):
    path = project(tmp_path, [{"name": "a", "role": "docs", "urls": [f"{site.base}/etag"]}])
    web_items(path)
    found = web_items(path, refresh=True)
    assert [i.text for i in found] == ["<html><body><p>Versioned page.</p></body></html>"]
    second = [h for p, h in site.requests if p == "/etag"][1]
    assert second["If-None-Match"] == '"v1"'


def test_interrupted_crawl_resumes_without_refetching(site: Site, tmp_path: Path):
    urls = [f"{site.base}/site/index.html"]
    path = project(tmp_path, [{"name": "a", "role": "reference", "urls": urls}])
    web_items(path)
    folder = tmp_path / ".msglint" / "snapshots" / "a"
    warc = folder / "pages.warc.gz"
    data = warc.read_bytes()
    # an interrupted crawl: the first records, then a torn one, and no 'complete' state
    (folder / "pages.warc.gz.part").write_bytes(data[: len(data) // 2])
    warc.unlink()
    state = json.loads((folder / "state.json").read_text())
    (folder / "state.json").write_text(json.dumps({**state, "complete": False}))
    before = sum(site.hits.values())
    found = web_items(path)
    refetched = sum(site.hits.values()) - before
    pages = [i for i in found if isinstance(i, Content)]
    assert len(pages) == 12  # index, pricing, support, warranty, 8 products
    assert 0 < refetched < 12
    assert site.hits["/site/index.html"] == 1


def test_portal_credentials_from_env_never_stored_or_shown(
    site: Site, tmp_path: Path, monkeypatch, run_cli
):
    cookies = tmp_path / "cookies.txt"
    cookies.write_text(
        f"# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\t{COOKIE}\n"
    )
    monkeypatch.setenv("PORTAL_TOKEN", TOKEN)
    monkeypatch.setenv("PORTAL_COOKIES", str(cookies))
    project(
        tmp_path,
        [
            {
                "name": "bearer",
                "role": "partner",
                "urls": [f"{site.base}/portal/a"],
                "auth": {"bearer_env": "PORTAL_TOKEN"},
            },
            {
                "name": "cookie",
                "role": "partner",
                "urls": [f"{site.base}/portal/b"],
                "auth": {"cookies_env": "PORTAL_COOKIES"},
            },
            {"name": "none", "role": "partner", "urls": [f"{site.base}/portal/c"]},
        ],
    )
    result = run_cli(["check", "--format", "json", "--fail-on", "never"], tmp_path)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    errors = {
        f["source"]: f["actual"]["text"]
        for f in report["findings"]
        if f["rule"] == "msglint.source-error"
    }
    assert errors == {"none": "HTTP 401 Unauthorized (1 attempt)"}
    blobs = [gzip.decompress(p.read_bytes()) for p in (tmp_path / ".msglint").rglob("*.warc.gz")]
    assert any(b"Partner prices inside." in b for b in blobs)
    for secret in (TOKEN, COOKIE):
        assert all(secret.encode() not in b for b in blobs)
        assert secret not in result.stdout and secret not in result.stderr
    assert any(b"authorization: [redacted]" in b.lower() for b in blobs)


def test_missing_credential_variable_is_a_source_error(site: Site, tmp_path: Path, monkeypatch):
    monkeypatch.delenv("NOPE_TOKEN", raising=False)
    path = project(
        tmp_path,
        [
            {
                "name": "p",
                "role": "partner",
                "urls": [f"{site.base}/portal/a"],
                "auth": {"bearer_env": "NOPE_TOKEN"},
            }
        ],
    )
    (found,) = web_items(path)
    assert found.reason == "environment variable NOPE_TOKEN (auth.bearer_env) is not set"


def test_sitemap_index_with_gzipped_child(site: Site, tmp_path: Path):
    path = project(
        tmp_path, [{"name": "s", "role": "reference", "sitemaps": [f"{site.base}/sitemap.xml"]}]
    )
    found = web_items(path)
    assert sorted(i.path for i in found) == sorted(
        f"/site/products/{p.name}"
        for p in (Path(__file__).parents[1] / "examples/acme/site/products").glob("*.html")
    )


def test_politeness_delay_and_crawl_delay(site: Site, tmp_path: Path):
    site.robots = "User-agent: *\nCrawl-delay: 0.3\n"
    urls = [
        f"{site.base}/site/{p}"
        for p in ("index.html", "pricing.html", "support.html", "warranty.html")
    ]
    path = project(
        tmp_path,
        [{"name": "a", "role": "reference", "urls": urls, "crawl": {"max_depth": 0}}],
        {"delay": 0.1},
    )
    web_items(path)
    times = sorted(t for p, t in site.times if p.startswith("/site/"))
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 4 and min(gaps) >= 0.28


def test_ignore_robots_must_be_explicit(site: Site, tmp_path: Path):
    path = project(
        tmp_path, [{"name": "a", "role": "docs", "urls": [f"{site.base}/private/secret.html"]}]
    )
    assert isinstance(web_items(path)[0], SourceProblem)
    assert isinstance(web_items(path, refresh=True, ignore_robots=True)[0], Content)


def test_crawl_command_summary_and_check_flags(site: Site, tmp_path: Path, run_cli):
    project(
        tmp_path,
        [
            {
                "name": "a",
                "role": "docs",
                "urls": [f"{site.base}/site/index.html", f"{site.base}/fail/404"],
                "crawl": {"max_depth": 0},
            }
        ],
    )
    result = run_cli(["crawl"], tmp_path)
    assert result.exit_code == 0, result.output
    assert (
        "a: 1 fetched, 1 error(s)" in result.stderr.replace("\n", " ")
        or "1 fetched, 1 error(s)" in result.stderr
    )
    assert f"{site.base}/fail/404: HTTP 404 Not Found" in result.stderr
    result = run_cli(["check", "--offline", "--refresh"], tmp_path)
    assert result.exit_code == 2 and "cannot be used together" in result.stderr
    result = run_cli(["check", "--offline", "--format", "json"], tmp_path)
    report = json.loads(result.stdout)
    assert [
        f["location"]["url"] for f in report["findings"] if f["rule"] == "msglint.source-error"
    ] == [f"{site.base}/fail/404"]


def test_adhoc_source_runs_through_the_same_path(site: Site, tmp_path: Path):
    from msglint.config import Config, LoadedConfig

    source = adhoc_source(
        "audit", [f"{site.base}/partners/northwind/catalog.csv"], crawl={"max_depth": 0}
    )
    loaded = LoadedConfig(Config(sources=[source], crawl=FAST), tmp_path, None, "test")
    (item,) = crawl_and_read(loaded)
    assert (item.format == "catalog" and item.data.startswith(b"sku;")) or item.data


def crawl_and_read(loaded):
    crawl_sources(loaded, WebOptions())
    return list(read_web(loaded.config.sources[0], loaded, WebOptions(offline=True)))


def test_config_errors_have_positions(tmp_path: Path):
    from msglint.errors import ConfigError

    (tmp_path / "msglint.yaml").write_text(
        "sources:\n  - name: a\n    role: partner\n    urls: ['ftp://x/']\n"
    )
    with pytest.raises(ConfigError, match=r"msglint.yaml:4:\d+: .*not an http\(s\) URL"):
        load(tmp_path / "msglint.yaml")


def test_render_browser_runs_javascript(site: Site, tmp_path: Path):
    chromium_path()
    path = project(
        tmp_path,
        [{"name": "js", "role": "docs", "urls": [f"{site.base}/js.html"], "render": "browser"}],
        {"render_timeout": 20},
    )
    started = time.monotonic()
    found = web_items(path)
    assert len(found) == 1, found
    item = found[0]
    assert isinstance(item, Content), item
    assert "Made by JavaScript." in item.text and time.monotonic() - started < 60
    assert site.hits["/js.html"] == 1  # Chromium got the document from msglint, not the server
