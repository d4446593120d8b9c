"""Check files in worker processes, so parse, text rules and extraction use every core.

Why: a run with Vale styles spends nearly all its time matching regular expressions, one
file after another on one core, and files are independent until matching. Workers are
forked, so they inherit the prepared rules (compiled patterns, spaCy pipelines) instead of
rebuilding or unpickling them; only each item goes out, and only what the engine keeps of
it comes back (findings, records, suppression notes). Results come back in input order,
so a report is byte for byte the one a single process writes.

The reader stays in the calling process and thread: web sources read through a browser or
an event loop that must not move to another thread.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from msglint.model import Finding, Record

#: Below this many items a pool costs more (fork, pickling) than it saves.
MIN_ITEMS = 64
#: Items per task: big enough to amortize a round trip, small enough to balance the load.
CHUNK = 8


@dataclass
class Task:
    """What every item of one source is checked with (inherited by the forked workers)."""

    source: Any
    rules: list[Any]
    changed: set[str] | None = None
    catalog_rows: Callable[[Record], bool] | None = None
    #: Keep each document's digest (the `document` rules run).
    digests: bool = False
    #: Seconds one item may take (msglint.budget); None: unbounded.
    seconds: float | None = None


@dataclass(slots=True)
class Outcome:
    """What the engine keeps of one checked item."""

    findings: list[Finding] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    notes: Any = None
    digest: Any = None


def check(item: Any, task: Task) -> Outcome | None:
    """Suppressions, text rules and extraction of one item (None for a SourceProblem)."""
    from msglint import budget, engine
    from msglint.incremental import Unchanged
    from msglint.sources import SourceProblem

    if isinstance(item, SourceProblem):
        return None
    if isinstance(item, Unchanged):  # --since-last: checked before, same content
        return item.outcome
    try:
        return budget.limited(task.seconds, lambda: _check(item, task))
    except budget.BudgetExceeded as exc:  # the item's budget: one finding instead of its own
        problem = SourceProblem(item.source, item.role, item.path, str(exc), item.url)
        return Outcome(findings=[engine.source_error(problem)])


def _check(item: Any, task: Task) -> Outcome:
    from msglint import engine, suppress

    out = Outcome()
    if item.data is None:  # catalogs, PDF and DOCX hold no suppression comments
        out.notes = suppress.scan(item.text, item.format)
    linted = task.changed is None or item.path in task.changed
    extraction = engine.check_item(
        item,
        task.source,
        task.rules if linted else [],
        out.findings,
        catalog_rows=task.catalog_rows,
        digests=task.digests,
    )
    if extraction is not None:
        out.records = extraction.records
        out.digest = extraction.digest
        out.findings.extend(engine.extract_errors(item, extraction))
    return out


def resolve_jobs(setting: int | str | None) -> int:
    """Worker processes for a `jobs` setting: 'auto' (or None) is one per usable core."""
    if setting is None or setting == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not on Linux
            return max(1, os.cpu_count() or 1)
    return max(1, int(setting))


def outcomes(items: Iterable[Any], task: Task, jobs: int) -> Iterator[tuple[Any, Outcome | None]]:
    """Each item with its Outcome, in input order; in `jobs` forked workers when that pays."""
    it = iter(items)
    head = list(islice(it, MIN_ITEMS)) if jobs > 1 and _can_fork() else []
    if len(head) < MIN_ITEMS:
        for item in [*head, *it]:
            yield item, check(item, task)
        return
    yield from _pooled(head, it, task, jobs)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


_TASK: Task | None = None


def _work(chunk: list[Any]) -> list[Outcome | None]:
    assert _TASK is not None
    return [check(item, _TASK) for item in chunk]


def _pooled(
    head: list[Any], rest: Iterator[Any], task: Task, jobs: int
) -> Iterator[tuple[Any, Outcome | None]]:
    """Feed chunks to the pool from this thread, at most a few per worker in flight."""
    global _TASK
    _TASK = task
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
        _TASK = None
