"""A real HTTP server on 127.0.0.1 for the web-source tests: examples/acme as a website plus
routes that fail on purpose. Started in a thread by the `site` fixture (tests/test_web.py)."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ACME = Path(__file__).resolve().parents[1] / "examples" / "acme"
TOKEN = "s3cr3t-t0ken-4xyz"
COOKIE = "c00kie-v4lue-9qrs"
#: Crawl settings for tests against this server: no politeness delay, quick retries.
FAST = {"delay": 0, "timeout": 1, "retries": 2, "backoff": 0.05, "max_body": 1_000_000}
BOMB = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Site

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def send(
        self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        site = self.server
        path = self.path.split("?", 1)[0]
        site.hits[path] += 1
        site.requests.append((path, dict(self.headers.items())))
        site.times.append((path, time.monotonic()))
        n = site.hits[path]
        if path == "/robots.txt":
            return self.send(200, site.robots.encode(), "text/plain")
        if path == "/fail/404":
            return self.send(404, b"<p>gone</p>")
        if path == "/flaky":
            if n == 1:
                return self.send(500, b"oops")
            return self.send(200, b"<html><body><p>Recovered after a failure.</p></body></html>")
        if path == "/busy":
            if n == 1:
                return self.send(429, b"slow down", Retry_After="1")
            return self.send(200, b"<html><body><p>Served after waiting.</p></body></html>")
        if path == "/slow":
            time.sleep(3)
            return self.send(200, b"<p>too late</p>")
        if path.startswith("/loop/"):
            target = "/loop/b" if path == "/loop/a" else "/loop/a"
            return self.send(302, b"", Location=target)
        if path == "/moved":
            return self.send(301, b"", Location="/site/support.html")
        if path == "/big":
            return self.send(200, b"<p>" + b"x" * (3 * 1024 * 1024) + b"</p>")
        if path == "/bomb":
            return self.send(200, BOMB, Content_Encoding="gzip")
        if path == "/charset":
            body = (
                '<html><head><meta charset="windows-1252"></head>'
                "<body><p>Café crème</p></body></html>"
            )
            return self.send(200, body.encode("cp1252"), "text/html; charset=utf-8")
        if path == "/private/secret.html":
            return self.send(200, b"<p>robots said no</p>")
        if path.startswith("/portal/"):
            auth = self.headers.get("Authorization", "")
            cookie = self.headers.get("Cookie", "")
            if auth != f"Bearer {TOKEN}" and f"session={COOKIE}" not in cookie:
                return self.send(401, b"<p>log in first</p>")
            return self.send(
                200, b"<html><body><h1>Portal</h1><p>Partner prices inside.</p></body></html>"
            )
        if path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self.send(200, b"<html><body><p>Versioned page.</p></body></html>", ETag='"v1"')
        if path == "/sitemap.xml":
            body = (
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{site.base}/pages.xml.gz</loc></sitemap></sitemapindex>"
            )
            return self.send(200, body.encode(), "application/xml")
        if path == "/pages.xml.gz":
            urls = "".join(
                f"<url><loc>{site.base}/site/products/{p.name}</loc></url>"
                for p in sorted((ACME / "site" / "products").glob("*.html"))
            )
            body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            return self.send(200, gzip.compress(body.encode()), "application/gzip")
        if path == "/js.html":
            body = (
                "<html><body><div id=app></div><script>document.getElementById('app')"
                ".innerHTML='<h1>Rendered</h1><p>Made by JavaScript.</p>'</script></body></html>"
            )
            return self.send(200, body.encode())
        file = (ACME / path.lstrip("/")).resolve()
        if ACME in file.parents and file.is_file():
            ctype = {
                ".html": "text/html; charset=utf-8",
                ".csv": "text/csv",
                ".md": "text/markdown",
            }
            return self.send(
                200, file.read_bytes(), ctype.get(file.suffix, "application/octet-stream")
            )
        return self.send(404, b"<p>not found</p>")


class Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.times: list[tuple[str, float]] = []
        self.robots = "User-agent: *\nDisallow: /private/\n"
        self.base = f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (timeout tests) is expected

    def start(self) -> Site:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
