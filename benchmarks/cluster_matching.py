"""Matching on the cluster: every partner source in a task of its own, against one process.

    python benchmarks/cluster_matching.py --records 10000 --partners 4 --workers 2

Generates one synthetic reference catalog of N records and P partner catalogs of N records
(benchmarks/matching.py's generator: its partner catalog, in another order per partner),
then matches them with `match_sources` twice, each in a fresh child process so peak memory
is its own: here, in this process, and through a `LocalCluster` of W worker processes of one thread
(`Runner.match`, what `msglint check --cluster` does). Prints wall time, the client's peak
RSS above its start, the pairs matched, and whether both runs gave the same pairs, methods,
scores and unmatched records (they must). "Matching CPU" is the matching thread's CPU
time, here or summed over the worker tasks: on a shared machine wall time follows the
load, CPU time much less.

The machine these run on may be shared: quote figures with the load (`uptime`).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _catalogs(records: int, partners: int) -> tuple[list[Any], dict[str, list[Any]]]:
    spec = importlib.util.spec_from_file_location("matching", HERE / "matching.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["matching"] = module
    spec.loader.exec_module(module)
    from random import Random

    reference, partner, _ = module.synthetic(records, seed=7)
    out = {}
    for k in range(partners):
        name = f"partner{k + 1}"
        listed = [dataclasses.replace(r, source=name) for r in partner]
        Random(k).shuffle(listed)  # each partner lists the products in its own order
        out[name] = listed
    return reference, out


def _digest(results: dict[str, Any]) -> str:
    h = hashlib.sha256()
    for name, result in results.items():
        rows = [(i, m.record.item_id, m.method, m.score, m.uncertain, m.probability)
                for i, m in result.pairs]  # fmt: skip
        h.update(repr((name, rows, result.unmatched_reference,
                       result.unmatched_partner)).encode())  # fmt: skip
    return h.hexdigest()[:16]


def _rss_mib() -> float:
    with open(f"/proc/{os.getpid()}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(mode: str, records: int, partners: int, workers: int) -> dict[str, Any]:
    from msglint.match import MatchOptions
    from msglint.match.records import match_sources

    reference, by_partner = _catalogs(records, partners)
    options = MatchOptions()
    mapper, session = None, None
    if mode == "cluster":
        from msglint.cluster import connect

        session = connect(f"local:{workers}")
        mapper = session.runner.match
        mapper(reference[:50], {"warm": by_partner["partner1"][:50]}, options)  # load the model
        warm_cpu = session.runner.tally.match_cpu
    else:
        match_sources(reference[:50], {"warm": by_partner["partner1"][:50]}, options)
    start_rss = _rss_mib()
    started, cpu = time.perf_counter(), time.thread_time()
    results, _ = match_sources(reference, by_partner, options, mapper)
    seconds, cpu = time.perf_counter() - started, time.thread_time() - cpu
    if session is not None:  # the matching's CPU on the workers, not the client's waiting
        cpu = session.runner.tally.match_cpu - warm_cpu
    figures = {
        "mode": mode,
        "seconds": round(seconds, 2),
        "matching_cpu": round(cpu, 2),
        "client_peak_rss_above_start_mib": round(_rss_mib() - start_rss, 1),
        "pairs": sum(len(r.pairs) for r in results.values()),
        "digest": _digest(results),
    }
    if session is not None:
        session.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--records", type=int, default=10000, help="records per catalog")
    ap.add_argument("--partners", type=int, default=4, help="partner catalogs")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    ap.add_argument("--child", choices=["local", "cluster"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.records, args.partners, args.workers)))
        return 0
    rows = []
    for mode in ("local", "cluster"):
        cmd = [sys.executable, __file__, "--child", mode, "--records", str(args.records),
               "--partners", str(args.partners), "--workers", str(args.workers)]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    load = os.getloadavg()[0]
    print(f"{args.partners} partners x {args.records:,} records against {args.records:,} "
          f"reference records; load {load:.1f}")  # fmt: skip
    for row in rows:
        print(f"  {row['mode']:8} {row['seconds']:7.2f} s wall, {row['matching_cpu']:7.2f} s "
              f"matching CPU  client peak +"
              f"{row['client_peak_rss_above_start_mib']:7.1f} MiB  {row['pairs']:,} pairs  "
              f"{row['digest']}")  # fmt: skip
    same = rows[0]["digest"] == rows[1]["digest"] and rows[0]["pairs"] == rows[1]["pairs"]
    print(f"  speed-up {rows[0]['seconds'] / rows[1]['seconds']:.2f}x with {args.workers} "
          f"workers; same pairs: {same}")  # fmt: skip
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
