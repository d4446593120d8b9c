"""Crawled pages with malformed links and redirects: one bad URL loses only itself."""

from __future__ import annotations

from pathlib import Path

from canary import assert_canary, assert_scales_linearly, fresh, project, run, serve

from msglint.sources.web.links import extract_links

PAGE = "<html><body><h1>{title}</h1><p>{text}</p>{links}</body></html>"


def _page(title: str, text: str, links: str = "") -> bytes:
    return PAGE.format(title=title, text=text, links=links).encode()


def test_malformed_links_are_skipped_one_by_one() -> None:
    body = (
        '<a href="http://[::1:bad/">bad</a><a href="/good.html">good</a>'
        '<a href="http://x.example:99999999/">port</a><a href="https://ok.example/a#frag">ok</a>'
    )
    assert extract_links(body, "http://site.example/") == [
        "http://site.example/good.html",
        "http://x.example:99999999/",  # kept: fetching it fails, as a finding of its own
        "https://ok.example/a",
    ]
    assert extract_links('<base href="http://[bad"><a href="/x">x</a>', "http://s.example/") == [
        "http://s.example/x"
    ]


def test_cli_crawled_page_with_a_malformed_link(tmp_path: Path) -> None:
    """Issue 14: `http://[::1:bad/` on a page failed the page ("Invalid IPv6 URL") and none
    of its other links were followed."""
    pages = {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b""),
        "/": (
            200,
            {},
            _page("Shop", "Welcome.", '<a href="http://[::1:bad/">x</a><a href="/a.html">a</a>'),
        ),
        "/a.html": (200, {}, _page("A", "Release date: TBD.", '<a href="/moved">m</a>')),
        "/moved": (302, {"Location": "http://[::1:bad/"}, b""),
    }
    with serve(pages) as base:
        root = project(
            tmp_path,
            role="docs",
            source=f'    urls: ["{base}/"]\n',
            extra="crawl: {delay: 0}\n",
        )
        result = run(root, "--refresh")
    assert result.code == 1
    by_url = {(f["location"]["url"], f["rule"]) for f in result.findings}
    assert (f"{base}/a.html", "msglint.placeholder-text") in by_url
    assert (f"{base}/moved", "msglint.source-error") in by_url
    assert "redirect to a malformed URL: 'http://[::1:bad/'" in result.messages()
    assert "Invalid IPv6" not in result.stdout + result.stderr
    assert_canary(result)


def test_cli_start_url_served_as_an_image_says_so(tmp_path: Path) -> None:
    """Issue 14: a start URL served as image/png was dropped without a word."""
    pages = {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b""),
        "/logo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(64)),
        "/a.html": (200, {}, _page("A", "Release date: TBD.", '<img src="/logo.png">')),
    }
    with serve(pages) as base:
        root = project(
            tmp_path,
            role="docs",
            source=f'    urls: ["{base}/logo.png", "{base}/a.html"]\n',
            extra="crawl: {delay: 0}\n",
        )
        result = run(root, "--refresh")
    assert result.code == 1
    png = [f for f in result.findings if f["location"]["url"] == f"{base}/logo.png"]
    assert [f["rule"] for f in png] == ["msglint.source-error"]
    assert "served as 'image/png', which msglint does not read" in png[0]["message"]
    assert (f"{base}/a.html", "msglint.placeholder-text") in {
        (f["location"]["url"], f["rule"]) for f in result.findings
    }
    assert_canary(result)


def test_links_of_a_deeply_nested_page_scale_linearly() -> None:
    """The crawler's link extraction parsed the raw page: 100,000 nested <div>s cost it what
    they cost the page parser before its nesting bound (35 s). Bytes and text alike."""

    def page(n: int) -> bytes:
        inner = f'<a href="/deep-{fresh()}.html">x</a>'
        return ("<div>" * n + inner + "</div>" * n + '<a href="/end.html">e</a>').encode()

    def links(body: bytes) -> list[str]:
        return extract_links(body, "http://site.example/")

    assert links(page(20_000))[-1] == "http://site.example/end.html"
    assert_scales_linearly(links, page, 5_000)
    assert_scales_linearly(lambda b: extract_links(b.decode(), "http://s.example/"), page, 5_000)
