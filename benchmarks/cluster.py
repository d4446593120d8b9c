"""Benchmark `msglint check --cluster` against the plain path, and simulate a crawl on many
small workers.

Run from the repository root (`pip install -e .[cluster]`):

    python benchmarks/cluster.py                      # planted pages, 1 + 10 x 2,000 products
    python benchmarks/cluster.py --products 300       # a quicker run (3,300 pages)
    python benchmarks/cluster.py --simulate           # 8 small workers over generated hosts

**Check** (default). The planted pages of benchmarks/planted.py (1 reference + 10 partners
x `--products`; 2,000 products make 22,000 pages, 1.3 GB) are checked four times, each as a
user runs it, `msglint check -f json` in a child process: the plain path with `--jobs 1`
and `--jobs 2` (forked workers on this host), and `--cluster local:1` and `--cluster
local:2` (a Dask LocalCluster of 1 or 2 worker processes of one thread each, started by
msglint and counted in the wall time). Printed: wall time and pages/s of each; the speed-up
from 1 to 2 cluster workers (target >= 1.7x); the cluster's overhead against the plain path
at the same parallelism (target <= 15 %); peak memory of the client and of each worker
process (sampled from /proc every 0.2 s); and whether the four JSON reports are byte for
byte the same (they must be).

**Simulate** (`--simulate`). `--hosts` loopback HTTP servers (one port each: a host) serve
generated sites whose every response waits `--latency` seconds (the network's stand-in);
each host has `--sources-per-host` web sources (partner portals sharing a host), each of
`--pages` pages, crawled with `crawl.delay` `--delay`. `msglint crawl --cluster local:W` runs
for W = 1, 2, 4, 8, 12 workers. Printed per W: pages/s and, per host as its server saw it,
the page requests that overlapped another one (a second crawler on the host: must be 0,
even with two sources of one host on two workers), the median gap between two requests and
the most requests in one second (robots.txt, which each crawl asks for first, is not
counted). Single gaps are not compared with the delay: on a loaded machine a request can
arrive late and the next one on time. The per-host
limit caps throughput at hosts / max(delay, latency) pages/s: throughput grows with W
until it binds, then stays flat. A task waiting for a host's lock holds its worker, so the
bound is reached at about as many workers as sources, not hosts.

The machine this runs on is shared: figures are ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PAGE = os.sysconf("SC_PAGE_SIZE")


# ------------------------------------------------------------------------------------------
# Memory of a process tree.
# ------------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                out.extend(int(c) for c in handle.read().split())
    except (OSError, ValueError):
        pass
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def run_sampled(args: list[str], cwd: Path) -> dict[str, Any]:
    """Run `args`; wall time, and the peak RSS of the process and of each descendant."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        todo, seen = [proc.pid], set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            peaks[pid] = max(peaks.get(pid, 0), _rss(pid))
            todo.extend(_children(pid))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    client = peaks.pop(proc.pid, 0)
    # Worker processes are the descendants that grew (helpers such as the resource tracker
    # stay small).
    workers = sorted((v for v in peaks.values() if v > 60 * 2**20), reverse=True)
    return {
        "wall": wall,
        "cpu": cpu,
        "returncode": proc.returncode,
        "client_mib": client / 2**20,
        "workers_mib": [w / 2**20 for w in workers],
        "stderr": err[-2000:],
    }


# ------------------------------------------------------------------------------------------
# Check: plain path against the cluster.
# ------------------------------------------------------------------------------------------


def _planted() -> Any:
    spec = importlib.util.spec_from_file_location("planted", HERE / "planted.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["planted"] = module
    spec.loader.exec_module(module)
    return module


RUNS = {
    "plain --jobs 1": ["--jobs", "1"],
    "plain --jobs 2": ["--jobs", "2"],
    "cluster local:1": ["--cluster", "local:1"],
    "cluster local:2": ["--cluster", "local:2"],
}


def check_benchmark(opts: argparse.Namespace) -> dict[str, Any]:
    planted = _planted()
    workdir = Path(opts.workdir)
    if not opts.skip_generate:
        generated = planted.generate(
            workdir, planted.Options(products=opts.products, partners=opts.partners, seed=1)
        )
        del generated
    pages = sum(1 for _ in (workdir / "site").rglob("*.html")) + sum(
        1 for _ in (workdir / "partners").rglob("*.html")
    )
    figures: dict[str, Any] = {"pages": pages, "load_before": os.getloadavg()[0], "runs": {}}
    reports: dict[str, bytes] = {}
    chosen = {n: a for n, a in RUNS.items() if not opts.only or n.split()[-1] in opts.only}
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in chosen}
    for _ in range(opts.repeat):  # alternating, so a change of load touches every run
        for name, extra in chosen.items():
            out = workdir / f"report-{name.replace(' ', '_').replace(':', '')}.json"
            args = [sys.executable, "-m", "msglint", "check", "-q", "-f", "json", "-o", str(out)]
            args += ["--no-history", "--fail-on", "never", *extra]
            fig = run_sampled(args, workdir)
            if fig["returncode"] != 0:
                raise SystemExit(f"{name} failed ({fig['returncode']}):\n{fig['stderr']}")
            rounds[name].append(fig)
            reports[name] = out.read_bytes()
            print(
                f"{name:16}  {fig['wall']:7.1f} s (CPU {fig['cpu']:6.1f} s)  "
                f"{pages / fig['wall']:7.1f} pages/s  client {fig['client_mib']:5.0f} MiB  "
                "workers " + (", ".join(f"{w:.0f}" for w in fig["workers_mib"]) or "-") + " MiB",
                flush=True,
            )
    for name, figs in rounds.items():
        figures["runs"][name] = {
            "wall": statistics.median(f["wall"] for f in figs),
            "cpu": statistics.median(f["cpu"] for f in figs),
            "pages_per_s": pages / statistics.median(f["wall"] for f in figs),
            "client_mib": max(f["client_mib"] for f in figs),
            "workers_mib": max((f["workers_mib"] for f in figs), key=lambda w: sum(w)),
        }
    figures["load_after"] = os.getloadavg()[0]
    if len(chosen) < len(RUNS):
        return figures
    runs = figures["runs"]
    figures["speedup_1_to_2"] = runs["cluster local:1"]["wall"] / runs["cluster local:2"]["wall"]
    figures["overhead_1"] = runs["cluster local:1"]["wall"] / runs["plain --jobs 1"]["wall"] - 1
    figures["overhead_2"] = runs["cluster local:2"]["wall"] / runs["plain --jobs 2"]["wall"] - 1
    figures["cpu_overhead_1"] = runs["cluster local:1"]["cpu"] / runs["plain --jobs 1"]["cpu"] - 1
    figures["cpu_overhead_2"] = runs["cluster local:2"]["cpu"] / runs["plain --jobs 2"]["cpu"] - 1
    figures["identical"] = len(set(reports.values())) == 1
    print(
        f"medians of {opts.repeat} round(s); load average {figures['load_before']:.1f} before, "
        f"{figures['load_after']:.1f} after (2 cores)\n"
        f"speed-up 1 -> 2 cluster workers (wall): {figures['speedup_1_to_2']:.2f}x "
        "(target >= 1.7x)\n"
        f"cluster overhead vs plain (wall), 1 process: {figures['overhead_1']:+.1%}; "
        f"2 processes: {figures['overhead_2']:+.1%} (target <= 15 %)\n"
        f"cluster overhead vs plain (CPU time of every process), 1: "
        f"{figures['cpu_overhead_1']:+.1%}; 2: {figures['cpu_overhead_2']:+.1%}\n"
        f"JSON reports byte for byte identical: {figures['identical']}"
    )
    return figures


# ------------------------------------------------------------------------------------------
# Simulate: many small workers over generated hosts.
# ------------------------------------------------------------------------------------------


class _Host(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, latency: float, pages: int, sources: int) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.latency = latency
        self.pages = pages
        self.sources = sources
        self.times: list[float] = []
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Host

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        started = time.monotonic()
        time.sleep(self.server.latency)
        if self.path == "/robots.txt":
            body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
        elif self.path.rstrip("/").count("/") == 1:  # /s0: a portal's index
            links = "".join(
                f'<a href="{self.path.rstrip("/")}/p{i}.html">p{i}</a>'
                for i in range(self.server.pages - 1)
            )
            body, ctype = f"<html><body><h1>Portal</h1>{links}</body></html>".encode(), "text/html"
        else:
            body = (
                f"<html><body><h1>Widget {self.path}</h1><p>Price: $19.99</p>"
                "<p>A dependable widget.</p></body></html>"
            ).encode()
            ctype = "text/html"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if self.path != "/robots.txt":  # each crawl asks for it first, outside the delay
            with self.server.lock:
                self.server.times.append((started, time.monotonic()))


def simulate(opts: argparse.Namespace) -> dict[str, Any]:
    hosts = [_Host(opts.latency, opts.pages, opts.sources_per_host) for _ in range(opts.hosts)]
    for host in hosts:
        threading.Thread(target=host.serve_forever, daemon=True).start()
    sources = [
        {
            "name": f"h{h}s{s}",
            "role": "partner",
            "urls": [f"http://127.0.0.1:{host.server_address[1]}/s{s}/"],
            "crawl": {"max_depth": 1, "max_pages": opts.pages, "scope": "prefix"},
        }
        for h, host in enumerate(hosts)
        for s in range(opts.sources_per_host)
    ]
    total = len(sources) * opts.pages
    out: dict[str, Any] = {"hosts": opts.hosts, "pages": total, "runs": []}
    # One request at a time per host, the next starting `delay` after the last started and
    # not before it ended.
    bound = opts.hosts / max(opts.delay, opts.latency)
    print(
        f"{opts.hosts} hosts x {opts.sources_per_host} sources x {opts.pages} pages = {total} "
        f"pages; latency {opts.latency} s, delay {opts.delay} s: per-host limit binds at "
        f"{bound:.1f} pages/s",
        flush=True,
    )
    for workers in opts.workers:
        for host in hosts:
            host.times.clear()
        with tempfile.TemporaryDirectory() as tmp:
            config = {
                "sources": sources,
                "packs": ["general"],
                "crawl": {"delay": opts.delay, "concurrency_per_host": 1, "timeout": 30},
            }
            import yaml

            (Path(tmp) / "msglint.yaml").write_text(yaml.safe_dump(config))
            args = [sys.executable, "-m", "msglint", "crawl", "-q", "--cluster", f"local:{workers}"]
            fig = run_sampled(args, Path(tmp))
        if fig["returncode"] != 0:
            raise SystemExit(f"crawl on {workers} workers failed:\n{fig['stderr']}")
        firsts = [min(t[0] for t in h.times) for h in hosts if h.times]
        lasts = [max(t[1] for t in h.times) for h in hosts if h.times]
        fetched = sum(len(h.times) for h in hosts)
        crawling = max(lasts) - min(firsts)
        # Two requests to one host in flight at once: what a second crawler on the same host
        # (a politeness failure) looks like from the server.
        overlaps = sum(
            1 for h in hosts for a, b in itertools.pairwise(sorted(h.times)) if b[0] < a[1]
        )
        starts = sorted(b[0] - a[0] for h in hosts for a, b in itertools.pairwise(sorted(h.times)))
        per_s = max(
            (sum(1 for t in h.times if s0 <= t[0] < s0 + 1.0) for h in hosts for s0, _ in h.times),
            default=0,
        )
        row = {
            "workers": workers,
            "requests": fetched,
            "wall": fig["wall"],
            "crawl_seconds": crawling,
            "pages_per_s": fetched / crawling if crawling else 0.0,
            "overlapping_requests": overlaps,
            "median_gap": statistics.median(starts) if starts else None,
            "max_per_host_in_1s": per_s,
        }
        out["runs"].append(row)
        print(
            f"{workers} worker(s): {fetched} pages in {crawling:.1f} s of crawling "
            f"({row['pages_per_s']:.1f} pages/s; {fig['wall']:.1f} s with start-up); per host: "
            f"{overlaps} overlapping requests, median gap {row['median_gap']:.3f} s, at most "
            f"{per_s} requests in one second (limit: {1 / max(opts.delay, opts.latency):.0f} "
            "and the edge)",
            flush=True,
        )
    for host in hosts:
        host.shutdown()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--simulate", action="store_true", help="the many-workers crawl simulation")
    ap.add_argument("--products", type=int, default=2000, help="planted products (check)")
    ap.add_argument("--partners", type=int, default=10, help="planted partners (check)")
    ap.add_argument(
        "--workdir", default=str(HERE / "out" / "cluster"), help="where the pages are written"
    )
    ap.add_argument("--skip-generate", action="store_true", help="reuse the pages written")
    ap.add_argument("--repeat", type=int, default=1, help="alternating rounds (medians)")
    ap.add_argument(
        "--only", nargs="+", choices=["1", "2", "local:1", "local:2"], help="only these runs"
    )
    ap.add_argument("--hosts", type=int, default=4, help="simulated hosts")
    ap.add_argument("--sources-per-host", type=int, default=2, help="web sources per host")
    ap.add_argument("--pages", type=int, default=20, help="pages per simulated source")
    ap.add_argument("--latency", type=float, default=0.05, help="seconds per response")
    ap.add_argument("--delay", type=float, default=0.1, help="crawl.delay (seconds per host)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4, 8, 12])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    opts = ap.parse_args(argv)
    figures = simulate(opts) if opts.simulate else check_benchmark(opts)
    if opts.json:
        for run in figures.get("runs", {}).values() if isinstance(figures["runs"], dict) else ():
            run.pop("stderr", None)
        print(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
