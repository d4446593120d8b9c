"""Benchmark `msglint crawl` against a local site of generated product pages, and Scrapy
against the same site at equivalent settings.

Run from the repository root (`pip install -e .[bench]` for Scrapy):

    python benchmarks/crawl.py                  # 5,000 pages, 3 rounds; 1,000 for memory
    python benchmarks/crawl.py --pages 2000 --repeat 5 --json > figures.json
    python benchmarks/crawl.py --pages 2000 --chrome-kb 57 --no-scrapy   # 60 KB pages

The site is served by a small asyncio HTTP/1.1 server in a separate process (so it does not
share the crawler's GIL): `/` links 50 list pages, each list page links its share of the
product pages (~3 KB each, with schema.org JSON-LD). The same server serves both crawlers;
its own ceiling is measured first (a 16-connection aiohttp client fetching product pages and
doing nothing else) and printed, so a reader can tell whether a crawl measured the crawler
or the server. Each crawl runs in a child process, which reports its own peak RSS.

On a shared machine the figures move with the load, so msglint and Scrapy are crawled in
alternating rounds (`--repeat`) and the medians are printed, with the median of the per-round
ratios, and the load average before and after. Each crawl is timed from the start of the
crawl, after the crawler's modules are imported (their import time is printed apart), as the
server's own rate is measured without its client's start-up. Figures:

- politeness off (robots off, no delay, 16 connections): pages/s for msglint and Scrapy,
  and msglint's pages/s over the server's own requests/s (issue 20 asks for >= 0.5)
  (CONCURRENT_REQUESTS=16, DOWNLOAD_DELAY=0, ROBOTSTXT_OBEY=False), and their ratio;
  msglint also writes every response to its gzipped WARC snapshot, Scrapy stores nothing;
- politeness on (delay 0.01 s per host = 100 requests/s configured): the request rate the
  server saw, against the configured one;
- peak memory of msglint at 1,000 and at `--pages` pages (it should stay flat).
"""

from __future__ import annotations

import argparse
import functools
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

LISTS = 50


_WORDS = ("audio", "cable", "charger", "dock", "hub", "laptop", "monitor", "mouse", "router",
          "speaker", "switch", "tablet")  # fmt: skip


@functools.lru_cache(maxsize=4)
def chrome(kb: int) -> str:
    """Site chrome up to about `kb` KB, as real product pages carry: a menu (a link every
    few hundred bytes, about 200 on a 60 KB page), reviews and a footer of varied text (it
    compresses like text, not like one repeated string)."""
    parts: list[str] = []
    size, k = 0, 0
    while size < kb * 1024:
        word = _WORDS[k % len(_WORDS)]
        if k % 4 == 0:
            part = f'<li class="menu-{k % 7}"><a href="/c/{k}-{word}.html">{word.title()}</a></li>'
        else:
            part = (
                f'<div class="review r{k % 5}"><p>Bought the {word} {k * 37 % 1000} for my '
                f"{_WORDS[(k * 7) % len(_WORDS)]}; works as described, {k % 5 + 1} stars.</p></div>"
            )
        parts.append(part)
        size += len(part)
        k += 1
    return f"<nav><ul>{''.join(parts)}</ul></nav>"


def product(i: int, kb: int = 0) -> bytes:
    """A product page of about 3 KB, plus `kb` KB of site chrome."""
    name = f"Acme Widget {i}"
    desc = " ".join(
        f"The {name} is a dependable product for daily use, model {i}." for _ in range(40)
    )
    links = "".join(f'<a href="/p/{(i + k) % 100000}.html">related</a>' for k in (1, 2, 3))
    return (
        f"<!doctype html><html><head><title>{name}</title>"
        f'<script type="application/ld+json">{{"@type":"Product","name":"{name}",'
        f'"sku":"W-{i}","offers":{{"@type":"Offer","price":"{i % 500}.00",'
        f'"priceCurrency":"USD"}}}}</script></head><body>{chrome(kb) if kb else ""}'
        f"<h1>{name}</h1><p>{desc}</p>{links}</body></html>"
    ).encode()


def serve(port_q: multiprocessing.Queue, pages: int, kb: int = 0) -> None:
    """A minimal keep-alive HTTP/1.1 server: fast enough not to be the bottleneck."""
    import asyncio

    stats = {"n": 0, "first": 0.0, "last": 0.0}
    per_list = (pages + LISTS - 1) // LISTS

    def page(path: str) -> tuple[int, bytes]:
        if path == "/":
            return 200, b"".join(b'<a href="/l/%d.html">list</a>' % k for k in range(LISTS))
        if path.startswith("/l/"):
            k = int(path[3:-5])
            ids = range(k * per_list, min(pages, (k + 1) * per_list))
            return 200, b"".join(b'<a href="/p/%d.html">p</a>' % i for i in ids)
        if path.startswith("/p/"):
            i = int(path[3:-5])
            return (200, product(i, kb)) if i < pages else (404, b"no")
        if path == "/stats":
            return 200, json.dumps(stats).encode()
        if path == "/reset":
            stats.update(n=0, first=0.0, last=0.0)
            return 200, b"ok"
        return 404, b"not found"

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                if path.startswith(("/p/", "/l/")):
                    now = time.monotonic()
                    stats["n"] += 1
                    stats["first"] = stats["first"] or now
                    stats["last"] = now
                status, body = page(path)
                writer.write(
                    b"HTTP/1.1 %d X\r\nContent-Type: text/html; charset=utf-8\r\n"
                    b"Content-Length: %d\r\n\r\n" % (status, len(body)) + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
        port_q.put(server.sockets[0].getsockname()[1])
        await server.serve_forever()

    asyncio.run(main())


MSGLINT_CHILD = textwrap.dedent(
    """
    import json, os, resource, sys, time
    from pathlib import Path
    from msglint.config import Config, LoadedConfig
    from msglint.sources.web import WebOptions, crawl_source
    base, pages, root = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    crawl = json.loads(sys.argv[4])
    source = {"name": "bench", "role": "partner", "urls": [base + "/"],
        "crawl": {"max_depth": 2, "max_pages": pages + 51}}
    cfg = Config.model_validate({"sources": [source], "crawl": crawl})
    loaded = LoadedConfig(cfg, root, None, "bench")
    t = time.perf_counter()
    import msglint.sources.web.crawler  # the crawler's modules (aiohttp), loaded lazily
    imports = time.perf_counter() - t
    t = time.perf_counter()
    stats = crawl_source(cfg.sources[0], loaded, WebOptions())
    dt = time.perf_counter() - t
    print(json.dumps({"pages": stats.fetched, "errors": stats.errors, "seconds": dt,
        "imports": imports, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)

SCRAPY_CHILD = textwrap.dedent(
    """
    import json, os, resource, sys, time
    import scrapy
    from scrapy.crawler import CrawlerProcess
    base, pages = sys.argv[1], int(sys.argv[2])
    count = {"n": 0}
    class Bench(scrapy.Spider):
        name = "bench"
        start_urls = [base + "/"]
        def parse(self, response):
            count["n"] += 1
            depth = response.meta.get("depth", 0)
            if depth < 2:
                for href in response.css("a::attr(href)").getall():
                    yield response.follow(href, self.parse)
    process = CrawlerProcess(settings={
        "LOG_LEVEL": os.environ.get("BENCH_SCRAPY_LOG", "ERROR"), "ROBOTSTXT_OBEY": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "DOWNLOAD_DELAY": 0, "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False, "RETRY_TIMES": 3, "DOWNLOAD_TIMEOUT": 30,
        "CLOSESPIDER_PAGECOUNT": pages + 51, "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    })
    process.crawl(Bench)
    t = time.perf_counter()
    process.start()
    dt = time.perf_counter() - t
    print(json.dumps({"pages": count["n"], "seconds": dt,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)


def child(code: str, *args: str) -> dict:
    """Run `code` as a script file (Scrapy reads its spider's source, so no `-c`)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(code)
    try:
        out = subprocess.run(
            [sys.executable, fh.name, *args], capture_output=True, text=True, env=env, check=False
        )
    finally:
        os.unlink(fh.name)
    if out.returncode != 0:
        raise SystemExit(f"child failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def get(base: str, path: str) -> dict:
    import urllib.request

    with urllib.request.urlopen(base + path) as r:  # our own local server
        return json.loads(r.read()) if path == "/stats" else {}


def server_ceiling(base: str, requests: int = 3000, connections: int = 16) -> float:
    """Requests/s the server answers to a client that only reads the bodies (aiohttp)."""
    import asyncio

    import aiohttp

    async def run() -> float:
        queue = [f"{base}/p/{i % 1000}.html" for i in range(requests)]
        connector = aiohttp.TCPConnector(limit=connections)
        async with aiohttp.ClientSession(connector=connector) as session:

            async def worker() -> None:
                while queue:
                    async with session.get(queue.pop()) as response:
                        await response.read()

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(connections)))
            return requests / (time.perf_counter() - started)

    return asyncio.run(run())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument(
        "--chrome-kb",
        type=int,
        default=0,
        help="site chrome added to each ~3 KB product page (57 makes 60 KB pages)",
    )
    ap.add_argument("--repeat", type=int, default=3, help="alternating rounds; medians shown")
    ap.add_argument("--polite-pages", type=int, default=500)
    ap.add_argument("--rate", type=float, default=100.0, help="configured requests/s, polite run")
    ap.add_argument("--no-scrapy", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    q: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(
        target=serve, args=(q, args.pages, args.chrome_kb), daemon=True
    )
    server.start()
    base = f"http://127.0.0.1:{q.get(timeout=10)}"
    off = {"obey_robots": False, "delay": 0, "concurrency": 16, "concurrency_per_host": 16}
    figures: dict[str, object] = {"pages": args.pages, "load_before": os.getloadavg()}
    median = statistics.median
    try:
        figures["server_requests_per_s"] = median(server_ceiling(base) for _ in range(3))
        with tempfile.TemporaryDirectory() as tmp:
            small = child(MSGLINT_CHILD, base, "1000", f"{tmp}/a", json.dumps(off))
            figures["msglint_1000"] = small
            runs, scrapy_runs, ratios = [], [], []
            for r in range(args.repeat):
                m = child(MSGLINT_CHILD, base, str(args.pages), f"{tmp}/b{r}", json.dumps(off))
                runs.append(m)
                if not args.no_scrapy:
                    sc = child(SCRAPY_CHILD, base, str(args.pages))
                    scrapy_runs.append(sc)
                    ratios.append((m["pages"] / m["seconds"]) / (sc["pages"] / sc["seconds"]))
            figures["msglint_runs"] = runs
            figures["msglint"] = max(runs, key=lambda m: m["rss_mb"])
            figures["msglint_pages_per_s"] = median(m["pages"] / m["seconds"] for m in runs)
            figures["server_ratio"] = (
                figures["msglint_pages_per_s"] / figures["server_requests_per_s"]
            )
            if scrapy_runs:
                figures["scrapy_runs"] = scrapy_runs
                figures["scrapy_pages_per_s"] = median(
                    s["pages"] / s["seconds"] for s in scrapy_runs
                )
                figures["ratio"] = median(ratios)
            polite = {"obey_robots": False, "delay": 1 / args.rate, "concurrency_per_host": 2}
            get(base, "/reset")
            child(MSGLINT_CHILD, base, str(args.polite_pages), f"{tmp}/c", json.dumps(polite))
            s = get(base, "/stats")
            achieved = (s["n"] - 1) / (s["last"] - s["first"])
            figures["polite"] = {"configured": args.rate, "achieved": achieved, "requests": s["n"]}
    finally:
        server.terminate()
        server.join()
    figures["load_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    m, m1 = figures["msglint"], figures["msglint_1000"]
    rates = ", ".join(f"{r['pages'] / r['seconds']:,.0f}" for r in figures["msglint_runs"])
    print(
        f"site: {args.pages:,} product pages of {len(product(0, args.chrome_kb)) / 1024:.0f} KB"
        " + 51 list pages, served by a separate process"
    )
    print(
        f"server alone             : {figures['server_requests_per_s']:,.0f} requests/s "
        "(16-connection aiohttp client, median of 3)"
    )
    print(
        f"politeness off   msglint : {m['pages']:>6,} pages, median "
        f"{figures['msglint_pages_per_s']:,.0f} pages/s of {args.repeat} rounds ({rates}) "
        f"(WARC written), {m['errors']} errors"
    )
    print(
        f"msglint / server alone   : {figures['server_ratio']:.2f} (median pages/s over the "
        "server's own requests/s; each crawl is timed after the crawler's modules are "
        f"imported, {median(r['imports'] for r in figures['msglint_runs']):.2f} s)"
    )
    if "scrapy_runs" in figures:
        sc_runs = figures["scrapy_runs"]
        sc_rates = ", ".join(f"{r['pages'] / r['seconds']:,.0f}" for r in sc_runs)
        print(
            f"politeness off   Scrapy  : {sc_runs[0]['pages']:>6,} pages, median "
            f"{figures['scrapy_pages_per_s']:,.0f} pages/s ({sc_rates}) (nothing stored)"
        )
        print(f"msglint / Scrapy         : {figures['ratio']:.2f}x (median of per-round ratios)")
    p = figures["polite"]
    print(
        f"politeness on (delay {1 / args.rate:g} s): {p['achieved']:.1f} requests/s achieved vs "
        f"{p['configured']:.1f} configured ({(p['achieved'] / p['configured'] - 1) * 100:+.1f} %)"
    )
    print(
        f"peak RSS: {m1['rss_mb']:.0f} MB at {m1['pages']:,} pages, {m['rss_mb']:.0f} MB at "
        f"{m['pages']:,} pages (largest of the rounds)"
    )
    before, after = figures["load_before"], figures["load_after"]
    print(f"load average (1 min): {before[0]:.2f} before, {after[0]:.2f} after (2 cores)")


if __name__ == "__main__":
    main()
