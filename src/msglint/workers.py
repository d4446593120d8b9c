"""Run a per-item function in worker processes, so parse, text rules and extraction use
every core.

Why: a run with Vale styles spends nearly all its time matching regular expressions, one
file after another on one core, and files are independent until matching. Workers are
forked, so they inherit the function they are handed and everything it holds (compiled
patterns, spaCy pipelines) instead of rebuilding or unpickling it; only each item goes out,
and only what the function returns comes back. Results come back in input order, so a
report is byte for byte the one a single process writes. This module knows nothing of what
the function does (the engine hands it item.check with its task, as sqlfluff's runner is
handed the linter's function): it imports nothing of msglint.

The reader stays in the calling process and thread: web sources read through a browser or
an event loop that must not move to another thread.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any

#: Below this many items a pool costs more (fork, pickling) than it saves.
MIN_ITEMS = 64
#: Items per task: big enough to amortize a round trip, small enough to balance the load.
CHUNK = 8


def resolve_jobs(setting: int | str | None) -> int:
    """Worker processes for a `jobs` setting: 'auto' (or None) is one per usable core."""
    if setting is None or setting == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not on Linux
            return max(1, os.cpu_count() or 1)
    return max(1, int(setting))


def outcomes(
    items: Iterable[Any], work: Callable[[Any], Any], jobs: int
) -> Iterator[tuple[Any, Any]]:
    """Each item with `work(item)`, in input order; in `jobs` forked workers when that pays."""
    it = iter(items)
    head = list(islice(it, MIN_ITEMS)) if jobs > 1 and _can_fork() else []
    if len(head) < MIN_ITEMS:
        for item in [*head, *it]:
            yield item, work(item)
        return
    yield from _pooled(head, it, work, jobs)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


#: The function the forked workers run (set before the fork, so they inherit it).
_WORK: Callable[[Any], Any] | None = None


def _work(chunk: list[Any]) -> list[Any]:
    assert _WORK is not None
    return [_WORK(item) for item in chunk]


def _pooled(
    head: list[Any], rest: Iterator[Any], work: Callable[[Any], Any], jobs: int
) -> Iterator[tuple[Any, Any]]:
    """Feed chunks to the pool from this thread, at most a few per worker in flight."""
    global _WORK
    _WORK = work
    items = chain(head, rest)
    in_flight: deque[tuple[list[Any], Any]] = deque()
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            while True:
                while len(in_flight) < 3 * jobs:
                    chunk = list(islice(items, CHUNK))
                    if not chunk:
                        break
                    in_flight.append((chunk, pool.apply_async(_work, (chunk,))))
                if not in_flight:
                    break
                chunk, pending = in_flight.popleft()
                yield from zip(chunk, pending.get(), strict=True)
    finally:
        _WORK = None
