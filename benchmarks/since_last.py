"""Benchmark a scheduled run: `msglint check --since-last` on an unchanged site, against the
first run and against a full nightly run (`check --refresh`, everything fetched and checked).

Run from the repository root:

    python benchmarks/since_last.py               # 1,000 partner pages, 3 rounds
    python benchmarks/since_last.py --pages 300 --repeat 5

A partner site of generated product pages (~3 KB each, schema.org JSON-LD, prose, every
page an ETag) is served from a separate process on 127.0.0.1; the reference is the same
products as local files. Each round, in a fresh project folder:

1. `check --since-last`, cold: a full crawl and a full check (the cache is written);
2. `check --since-last` again, nothing changed: every page revalidated (304), every page
   and file reused from the cache;
3. `check --refresh`: the nightly run without --since-last (everything fetched and checked).

Printed: wall time of each (medians over rounds), the ratios warm/cold and warm/refresh,
the bytes of page bodies the server sent, and the peak RSS of each run. Runs are child
processes (`python -m msglint`), so start-up (imports, rule packs, spaCy) is included, as
a cron job would pay it. Crawl politeness is off (delay 0) so the figures measure msglint,
not the configured wait; with the default 1 s per host a 1,000-page crawl takes 1,000 s
whatever is cached, and --since-last saves the bytes and the checking, not the waiting.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def product(i: int) -> bytes:
    name = f"Acme Widget {i}"
    desc = " ".join(
        f"The {name} is a dependable product for daily use, model {i}." for _ in range(30)
    )
    return (
        f"<!doctype html><html><head><title>{name}</title>"
        f'<script type="application/ld+json">{{"@type":"Product","name":"{name}",'
        f'"sku":"W-{i}","offers":{{"@type":"Offer","price":"{i % 500}.00",'
        f'"priceCurrency":"USD"}}}}</script></head><body><h1>{name}</h1><p>{desc}</p>'
        f"<p>Warranty: 2 years.</p></body></html>"
    ).encode()


def serve(port_q: multiprocessing.Queue, pages: int) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    sent = {"bytes": 0, "200": 0, "304": 0}
    index = "".join(f'<a href="/p/{i}.html">p</a>' for i in range(pages)).encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/stats":
                return self._send(200, json.dumps(sent).encode(), count=False)
            if self.path == "/":
                body = index
            elif self.path.startswith("/p/"):
                body = product(int(self.path[3:-5]))
            else:
                return self._send(404, b"")
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                sent["304"] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._send(200, body, etag)

        def _send(self, status: int, body: bytes, etag: str = "", count: bool = True) -> None:
            if count and status == 200:
                sent["bytes"] += len(body)
                sent["200"] += 1
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_q.put(server.server_address[1])
    server.serve_forever()


def stats(base: str) -> dict:
    import urllib.request

    with urllib.request.urlopen(base + "/stats", timeout=10) as r:
        return json.loads(r.read())


def project(root: Path, base: str, pages: int) -> None:
    (root / "site").mkdir(parents=True)
    for i in range(pages):
        (root / "site" / f"{i}.html").write_bytes(product(i))
    (root / "msglint.yaml").write_text(
        "sources:\n"
        "  - {name: acme, role: reference, paths: [site/]}\n"
        f"  - name: shop\n    role: partner\n    urls: ['{base}/']\n"
        f"    crawl: {{max_depth: 1, max_pages: {pages + 1}}}\n"
        "crawl: {delay: 0, obey_robots: false, concurrency_per_host: 8}\n"
        "history: {enabled: false}\n"
    )


def run(root: Path, *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `msglint check` in a child process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "msglint", "check", "-q", "-f", "json", "-o", "out.json",
         "--fail-on", "never", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "MSGLINT_NO_HISTORY": "1"},
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"msglint failed ({done.returncode}): {done.stderr[-2000:]}")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    port_q: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(port_q, opts.pages), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{port_q.get(timeout=30)}"
    cold, warm, full, sent = [], [], [], {"cold": [], "warm": [], "full": []}
    same = True
    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    try:
        for n in range(opts.repeat):
            with tempfile.TemporaryDirectory(prefix="msglint-since-last-") as tmp:
                root = Path(tmp)
                project(root, base, opts.pages)
                for label, times, args in (
                    ("cold", cold, ("--since-last",)),
                    ("warm", warm, ("--since-last",)),
                    ("full", full, ("--refresh",)),
                ):
                    before = stats(base)["bytes"]
                    seconds, _ = run(root, *args)
                    times.append(seconds)
                    sent[label].append(stats(base)["bytes"] - before)
                    if label == "cold":
                        first = (root / "out.json").read_bytes()
                    elif label == "warm":
                        same = same and (root / "out.json").read_bytes() == first
                print(
                    f"round {n + 1}: cold {cold[-1]:.2f} s, warm {warm[-1]:.2f} s, "
                    f"full refresh {full[-1]:.2f} s",
                    flush=True,
                )
    finally:
        server.terminate()
    med = statistics.median
    print(f"pages: {opts.pages} partner pages (web, ETag) + {opts.pages} reference files")
    print(f"check --since-last, first run : {med(cold):.2f} s, {med(sent['cold']):,} body bytes")
    print(f"check --since-last, unchanged : {med(warm):.2f} s, {med(sent['warm']):,} body bytes")
    print(f"check --refresh (full nightly): {med(full):.2f} s, {med(sent['full']):,} body bytes")
    print(f"unchanged / first run         : {med(warm) / med(cold):.2f}x the time")
    print(f"unchanged / full nightly      : {med(warm) / med(full):.2f}x the time")
    print(f"report of the unchanged run identical to the first: {same}")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of the largest run: {rss:.0f} MB")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
