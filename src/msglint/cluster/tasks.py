"""What a Dask worker runs for msglint: one batch of items, read and checked where it runs.

A task is handed references (`FileRef`, `WebRef` from `sources.deferred`), reads them on
the worker (its files, or its web source's snapshot, crawled there when stale), runs the
per-item function the engine built (parse, text rules, extraction: item.check with its
task) and returns only what the engine keeps of each item: the item without its text or
bytes, and its `Outcome` (findings, records, digest). Raw HTML never goes back.

The per-item function is built on the worker from a recipe (engine.Recipe: the config and
the task's settings, a few KB with each task): the packs are loaded once per worker and
run, and the function once per source, so compiled patterns and spaCy pipelines live as
long as the run. This module is imported on the workers: keep its imports light.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

#: recipe digest -> the per-item function built from it (the current run's only).
_WORK: dict[str, Callable[[Any], Any]] = {}
#: (run id, config digest) -> the text rules loaded from that config (the current run's).
_RULES: dict[tuple[str, str], list[Any]] = {}


class VersionMismatch(Exception):
    """This worker runs another msglint than the client: results could differ."""


def version() -> str:
    """The msglint version this worker runs."""
    from msglint import __version__

    return __version__


def run_batch(
    client_version: str, run_id: str, key: str, blob: bytes, refs: list[Any]
) -> tuple[bytes, float]:
    """Each item of `refs`, read and checked: a list of (item without its text, outcome),
    pickled here in one piece (Dask's own serialization of the list made thousands of
    small pickles), and the seconds the batch took (the client sizes batches from them)."""
    import pickle
    import time

    started = time.perf_counter()
    mine = version()
    if mine != client_version:
        raise VersionMismatch(f"msglint {mine} on this worker, {client_version} on the client")
    work = _WORK.get(key)
    if work is None:
        work = _build(run_id, blob)
        if len(_WORK) > 64:
            _WORK.clear()
        _WORK[key] = work
    out: list[Any] = []
    for ref in refs:
        hosts = getattr(ref, "hosts", None)
        try:
            if hosts is not None:  # a web source: its crawl holds its hosts' locks
                linger = ref.loaded.config.crawl.delay
                out.extend(_checked(ref.read(partial(_host_locks, hosts, linger)), work))
            else:
                out.extend(_checked(_items(ref), work))
        except OSError as exc:  # the shared snapshot folder not writable, a disk full
            # The pages read before stay; the rest of the source is one problem.
            reason = f"could not read or store it on the cluster worker ({exc})"
            out.append((ref.problem(reason), None))
    return pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL), time.perf_counter() - started


def _build(run_id: str, blob: bytes) -> Callable[[Any], Any]:
    import hashlib

    import cloudpickle

    recipe = cloudpickle.loads(blob)
    if not hasattr(recipe, "bind"):  # a plain function (tests)
        return recipe
    config = (run_id, hashlib.sha256(cloudpickle.dumps(recipe.loaded)).hexdigest())
    rules = _RULES.get(config)
    if rules is None:
        _RULES.clear()
        _WORK.clear()
        rules = _RULES[config] = recipe.rules()
    return recipe.bind(rules)


def _items(ref: Any) -> Iterable[Any]:
    read = getattr(ref, "read", None)
    return read() if read is not None else [ref]


def _checked(items: Iterable[Any], work: Callable[[Any], Any]) -> Iterator[tuple[Any, Any]]:
    from msglint.sources import Content

    for item in items:
        if not isinstance(item, Content):
            yield item, None
            continue
        try:
            outcome = work(item)
        except MemoryError:  # a huge page: the page is lost, the worker and the run are not
            yield _problem(item, "ran out of memory while checking it"), None
            continue
        except Exception as exc:  # a bug on hostile input must not lose the batch
            reason = f"msglint failed while checking it ({type(exc).__name__}: {exc})"
            yield _problem(item, reason), None
            continue
        yield dataclasses.replace(item, text="", data=None), outcome


def _problem(item: Any, reason: str) -> Any:
    from msglint.sources import SourceProblem

    return SourceProblem(item.source, item.role, item.path, reason, item.url)


class _host_locks:
    """Cluster-wide locks on a web source's hosts (taken in sorted order, so two tasks
    never wait on each other): one host is crawled by one task at a time, wherever the
    tasks run, so robots.txt, Crawl-delay and the per-host rate hold for the cluster. The
    locks are kept `linger` seconds (`crawl.delay`) after the crawl, so the next task's
    first request keeps the same distance from this one's last."""

    def __init__(self, hosts: list[str], linger: float = 0.0) -> None:
        from distributed import Lock

        self.locks = [Lock(f"msglint-host:{h}") for h in hosts]
        self.linger = linger if hosts else 0.0

    def __enter__(self) -> None:
        for lock in self.locks:
            lock.acquire()

    def __exit__(self, *_exc: object) -> None:
        if self.linger:
            import time

            time.sleep(self.linger)
        for lock in reversed(self.locks):
            lock.release()


def crawl_one(client_version: str, source: Any, loaded: Any, options: Any) -> Any:
    """`msglint crawl` of one web source on a worker, holding its hosts' locks."""
    from msglint.sources.web import WebRef, crawl_source
    from msglint.sources.web.crawler import SetupError

    mine = version()
    if mine != client_version:
        raise VersionMismatch(f"msglint {mine} on this worker, {client_version} on the client")
    with _host_locks(WebRef(source, loaded, options).hosts, loaded.config.crawl.delay):
        try:
            return crawl_source(source, loaded, dataclasses.replace(options, progress=None))
        except SetupError as exc:
            return str(exc)


def match_one(
    client_version: str,
    reference: list[Any],
    partner: list[Any],
    options: Any,
    check: Any = None,
) -> tuple[list[tuple[int, int, str, float, bool, float | None]], Any, float]:
    """One partner source matched against the reference on a worker (match_records): its
    pairs as (reference index, partner index, method, score, uncertain, probability), so
    no record travels back, the MatchResult with its pairs taken out (and, with `check`,
    the pairs' consistency findings in `compared`: compare.PairCheck), and the CPU seconds
    the matching and comparing took."""
    import dataclasses
    import time

    from msglint.match import match_records

    mine = version()
    if mine != client_version:
        raise VersionMismatch(f"msglint {mine} on this worker, {client_version} on the client")
    cpu = time.thread_time()
    result = match_records(reference, partner, options)
    compared = (
        None if check is None else check.findings(reference, result.pairs, options.confidence)
    )
    cpu = time.thread_time() - cpu
    at = {id(record): j for j, record in enumerate(partner)}
    pairs = [
        (i, at[id(m.record)], m.method, m.score, m.uncertain, m.probability)
        for i, m in result.pairs
    ]
    return pairs, dataclasses.replace(result, pairs=[], compared=compared), cpu
