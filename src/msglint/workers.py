"""Run a per-item function in worker processes, so parse, text rules and extraction use
every core.

Why: a run spends nearly all its time on one page or file after another (parsing,
matching regular expressions, reading claims), and items are independent until matching.
Workers are forked, so they inherit the functions they are handed and everything those
hold (compiled patterns, spaCy pipelines, the pint registry) instead of rebuilding or
unpickling it; only each item goes out, and only what the function returns comes back.
Results come back in input order, so a report is byte for byte the one a single process
writes. This module knows nothing of what the functions do (the engine hands it item.check
with each source's task, as sqlfluff's runner is handed the linter's function): it imports
nothing of msglint.

One pool serves the whole run (`Pool`): it is forked once, when the first source has
enough items to pay for it, with every source's function registered beforehand, and the
expensive state is built once in the parent just before the fork (`prepare`). Issue 20
measured the former pool-per-source design: every worker of every source rebuilt spaCy
and pint (about 19 s of CPU on 5 sources), so two workers were slower than one process.

With one job nothing is forked and items stream: each is checked and dropped before the
next is read, so memory does not grow with the number of pages.

The reader stays in the calling process and thread: web sources read through a browser or
an event loop that must not move to another thread.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from itertools import chain, islice
from typing import Any

#: Below this many items a pool costs more (fork, pickling) than it saves. A forked worker
#: starts in about 10 ms and inherits everything built before the fork, so a few dozen
#: milliseconds of work already pay for it.
MIN_ITEMS = 16
#: Items per task: big enough to amortize a round trip, small enough to balance the load.
CHUNK = 4

Work = Callable[[Any], Any]


def resolve_jobs(setting: int | str | None) -> int:
    """Worker processes for a `jobs` setting: 'auto' (or None) is one per usable core."""
    if setting is None or setting == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not on Linux
            return max(1, os.cpu_count() or 1)
    return max(1, int(setting))


def outcomes(items: Iterable[Any], work: Work, jobs: int) -> Iterator[tuple[Any, Any]]:
    """Each item with `work(item)`, in input order; in `jobs` forked workers when that pays.

    A pool for this one call; a run with several sources uses `Pool` instead."""
    with Pool(jobs, {None: work}) as pool:
        yield from pool.outcomes(None, items)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


#: The functions the forked workers run, by key (set before the fork, so they inherit them).
_WORKS: dict[Hashable, Work] = {}


def _work(key: Hashable, chunk: list[Any]) -> list[Any]:
    work = _WORKS[key]
    return [work(item) for item in chunk]


class Pool:
    """One run's worker processes, forked on first need and shared by all its sources.

    `works` maps a key (a source's name) to the function its items go through; all are
    known before the fork. `prepare(key, head)` runs once in this process just before the
    fork with the first items, to build what every worker would otherwise build itself.
    """

    def __init__(
        self,
        jobs: int,
        works: dict[Hashable, Work],
        prepare: Callable[[Hashable, list[Any]], None] | None = None,
    ) -> None:
        self.jobs = jobs
        self.works = works
        self.prepare = prepare
        self._pool: Any = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
            for key in self.works:
                _WORKS.pop(key, None)

    def outcomes(self, key: Hashable, items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """Each item of `items` with `works[key](item)`, in input order."""
        work = self.works[key]
        it = iter(items)
        if self.jobs <= 1 or not _can_fork():
            for item in it:  # streams: nothing is kept between items
                yield item, work(item)
            return
        head = list(islice(it, MIN_ITEMS)) if self._pool is None else []
        if self._pool is None and len(head) < MIN_ITEMS:
            for item in head:
                yield item, work(item)
            for item in it:  # too few to fork for; nothing more is coming
                yield item, work(item)
            return
        if self._pool is None:
            self._start(key, head)
        yield from self._pooled(key, chain(head, it))

    def _start(self, key: Hashable, head: list[Any]) -> None:
        if self.prepare is not None:
            self.prepare(key, head)
        _WORKS.update(self.works)
        self._pool = multiprocessing.get_context("fork").Pool(self.jobs)

    def _pooled(self, key: Hashable, items: Iterator[Any]) -> Iterator[tuple[Any, Any]]:
        """Feed chunks to the pool from this thread, at most a few per worker in flight."""
        in_flight: deque[tuple[list[Any], Any]] = deque()
        while True:
            while len(in_flight) < 3 * self.jobs:
                chunk = list(islice(items, CHUNK))
                if not chunk:
                    break
                in_flight.append((chunk, self._pool.apply_async(_work, (key, chunk))))
            if not in_flight:
                break
            chunk, pending = in_flight.popleft()
            yield from zip(chunk, pending.get(), strict=True)
