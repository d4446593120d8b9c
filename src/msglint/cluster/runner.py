"""Hand the engine's per-item work to a Dask cluster, and give the results back in order.

The engine gives `outcomes` the items of one source as references (files, or the web
source as one reference: sources.deferred) and its per-item function; this module cuts
them into batches (files in batches sized to take about `TASK_SECONDS` on a worker, a web
source alone), keeps a few batches per worker thread in flight, and yields each item with
its outcome in input order, so the report is byte for byte the one a single process
writes (the same contract as workers.py).

What a task costs beyond its items (benchmarks/cluster.py, profiled): Dask's round trip,
a few milliseconds of CPU spread over the client, the scheduler and the worker, and the
transfer of the outcomes. So batches are as large as balancing allows, and a batch's
outcomes travel as one pickle made on the worker (`tasks.run_batch`), fetched once.

Faults: a worker that dies (killed, or past its memory limit) costs only its tasks, which
the scheduler runs again elsewhere (`distributed.scheduler.allowed-failures`, 3 by
default). A batch that still fails is run again one item per task, and an item that fails
alone becomes a SourceProblem (a `msglint.source-error` finding) naming why: one page that
kills every worker it meets does not lose its neighbours, and never the run.
"""

from __future__ import annotations

import hashlib
import pickle
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from msglint.errors import UsageError

#: Files in the first tasks of a run, before their time per file is known.
FIRST_BATCH = 16
#: Then batches are sized to take about this long on a worker: long enough that the round
#: trip (a few ms) is under 1 %, short enough that the last tasks of a run balance (at
#: about 5 ms a page: 100 pages a task, 220 tasks for 22,000 pages).
TASK_SECONDS = 0.5
#: Bounds of a batch (a file of a catalog or a PDF can take seconds; a tiny page 1 ms).
MIN_BATCH, MAX_BATCH = 4, 256
#: Weight of the tasks done so far against the next one, in the time per file.
DECAY = 0.9
#: Batches in flight per worker thread: enough to keep every worker busy between round
#: trips, few enough that the client holds little.
IN_FLIGHT = 3


@dataclass
class Tally:
    """What the cluster has done so far in this run, for a progress display."""

    tasks_done: int = 0
    tasks_sent: int = 0
    items: int = 0
    started: float = 0.0
    #: Web sources (one task each) sent and not done yet.
    web_pending: int = 0
    #: Partner sources matched on the cluster (one task each), and the CPU seconds their
    #: matching took on the workers.
    matched: int = 0
    match_cpu: float = 0.0
    #: Of those, the ones whose pairs were also compared there (consistency findings back).
    compared: int = 0

    @property
    def rate(self) -> float:
        """Items per second since the run started."""
        spent = time.perf_counter() - self.started
        return self.items / spent if spent > 0 else 0.0


class Runner:
    """The per-item runner of a connected cluster (`RunOptions.runner`)."""

    def __init__(
        self,
        client: Any,
        version: str,
        address: str,
        *,
        batch: int | None = None,
        progress: Callable[[Tally], None] | None = None,
    ) -> None:
        self.client = client
        self.version = version
        self.address = address
        #: Files per task: fixed when given, else sized from the tasks' times (`_size`).
        self.batch = batch
        #: Seconds and files of the tasks done so far, older tasks weighing less (`DECAY`
        #: each), so a worker's warm-up on its first files fades from the batch size.
        self._spent = [0.0, 0.0]
        self.progress = progress
        self.tally = Tally(started=time.perf_counter())
        #: Workers keep the packs they load for this run only.
        self.run_id = uuid.uuid4().hex

    def threads(self) -> int:
        """Worker threads on the cluster now (at least 1)."""
        info = self.client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def outcomes(self, refs: Iterable[Any], recipe: Any) -> Iterator[Any]:
        """Each item of one source with its outcome, in input order (`plan` of one)."""
        return self.plan([(refs, recipe)])[0]

    def plan(self, jobs: list[tuple[Iterable[Any], Any]]) -> list[Iterator[Any]]:
        """For each (refs, recipe) of a run, in order, an iterator of its items with their
        outcomes, in input order. All jobs feed one pipeline: while the engine takes the
        first source's results, the next sources' tasks already run (500 web sources of
        one task each run side by side, not one after another). Take the iterators in
        order. `recipe` builds the per-item function on the worker (engine.Recipe:
        `rules()` once per worker and run, then `bind(rules)`); a plain function is used
        as that function itself."""
        import cloudpickle

        def feed() -> Iterator[tuple[int, str, bytes, list[Any]]]:
            for index, (refs, recipe) in enumerate(jobs):
                blob = cloudpickle.dumps(recipe)
                key = hashlib.sha256(blob).hexdigest()
                for batch in self._batches(iter(refs)):
                    yield index, key, blob, batch

        self._feed = feed()
        self._pending: deque[tuple[int, str, bytes, list[Any], Any]] = deque()
        self._limit = IN_FLIGHT * self.threads()
        return [self._drain(index) for index in range(len(jobs))]

    def _fill(self) -> None:
        while len(self._pending) < self._limit:
            nxt = next(self._feed, None)
            if nxt is None:
                return
            index, key, blob, batch = nxt
            self._pending.append((index, key, blob, batch, self._submit(key, blob, batch)))

    def _size(self) -> int:
        """Files for the next task: `batch` when fixed, else about TASK_SECONDS' worth."""
        if self.batch is not None:
            return self.batch
        seconds, files = self._spent
        if not files or seconds <= 0:
            return FIRST_BATCH
        return max(MIN_BATCH, min(MAX_BATCH, round(TASK_SECONDS * files / seconds)))

    def _drain(self, index: int) -> Iterator[Any]:
        while True:
            self._fill()
            if not self._pending or self._pending[0][0] != index:
                return  # the feed is in job order: this job's tasks are all taken
            _, key, blob, batch, future = self._pending.popleft()
            pairs = self._result(batch, future, key, blob)
            self.tally.tasks_done += 1
            self.tally.web_pending -= sum(1 for r in batch if _is_web(r))
            self.tally.items += len(pairs)
            if self.progress is not None:
                self.progress(self.tally)
            yield from pairs

    def match(
        self,
        reference: list[Any],
        partners: dict[str, list[Any]],
        options: Any,
        check: Any = None,
    ) -> Any:
        """Each partner source matched against the reference in a task of its own
        (match.records.Mapper): a partner source is matched on its own statistics and
        assignment, so the result is the one `match_records` gives here. The reference
        goes to the workers once; the pairs come back as indices and are bound to this
        process's records. With `check` (compare.PairCheck) the task also compares the
        pairs it formed and sends their findings back (`MatchResult.compared`). A task
        that fails even after Dask's re-runs is matched (and compared) here."""
        from msglint.cluster.tasks import match_one
        from msglint.match import MatchResult, match_records
        from msglint.model import Match

        if not any(partners.values()):
            return {
                name: match_records(reference, recs, options) for name, recs in partners.items()
            }

        def send(records: list[Any]) -> Any:
            # As data, not inside a task (Dask warns of task graphs over 10 MB); one list
            # at a time, so the client holds one list's serialized bytes at most.
            return self.client.scatter([records], broadcast=False, hash=False)[0]

        shared = send(reference)
        checking = send(check) if check is not None else None
        futures = {
            name: self.client.submit(match_one, self.version, shared, send(recs), options,
                                     checking, pure=False)
            for name, recs in partners.items()
            if recs
        }  # fmt: skip
        self.tally.tasks_sent += len(futures)
        out: dict[str, MatchResult] = {}
        for name, recs in partners.items():
            future = futures.get(name)
            done = None if future is None else self._settle(future)[0]
            if done is None:  # no records, or the task failed: matched here
                out[name] = match_records(reference, recs, options)
                continue
            pairs, result, cpu = done
            result.pairs = [
                (i, Match(record=recs[j], method=method, score=score, uncertain=uncertain,
                          probability=probability))
                for i, j, method, score, uncertain, probability in pairs
            ]  # fmt: skip
            out[name] = result
            self.tally.tasks_done += 1
            self.tally.matched += 1
            self.tally.compared += result.compared is not None
            self.tally.match_cpu += cpu
        return out

    def _batches(self, refs: Iterator[Any]) -> Iterator[list[Any]]:
        """Files in batches of `batch`; a web source alone (it is many pages already)."""
        held: list[Any] = []
        for ref in refs:
            if _is_web(ref):
                if held:
                    yield held
                    held = []
                yield [ref]
                continue
            held.append(ref)
            if len(held) >= self._size():
                yield held
                held = []
        if held:
            yield held

    def _submit(self, key: str, blob: bytes, refs: list[Any]) -> Any:
        from msglint.cluster.tasks import run_batch

        self.tally.tasks_sent += 1
        self.tally.web_pending += sum(1 for r in refs if _is_web(r))
        return self.client.submit(run_batch, self.version, self.run_id, key, blob, refs, pure=False)

    def _result(self, refs: list[Any], future: Any, key: str, blob: bytes) -> list[Any]:
        """The batch's pairs; when it failed, each item again alone, one after another
        (so an item that kills workers cannot take an innocent one down with it), and an
        item that fails alone too becomes a problem."""
        done, failure = self._settle(future)
        if failure is None:
            return self._unpack(refs, done)
        out: list[Any] = []
        for ref in refs:
            done, again = self._settle(self._submit(key, blob, [ref]))
            alone = [(ref.problem(_reason(again)), None)] if again else self._unpack([ref], done)
            out.extend(alone)
        return out

    def _unpack(self, refs: list[Any], done: tuple[bytes, float]) -> list[Any]:
        """A task's pairs from its pickle; its seconds count toward the batch size (a web
        source's do not: its pages are not files)."""
        packed, seconds = done
        if not any(_is_web(r) for r in refs):
            self._spent = [self._spent[0] * DECAY + seconds, self._spent[1] * DECAY + len(refs)]
        return pickle.loads(packed)

    def _settle(self, future: Any) -> tuple[Any, BaseException | None]:
        """The task's result and None, or None and what it failed with (after Dask's own
        re-runs). The result is fetched once: each `Future.result()` transfers it again.
        A version mismatch or a lost scheduler ends the run with a clear message."""
        from msglint.cluster.tasks import VersionMismatch

        try:
            return future.result(), None
        except VersionMismatch as exc:
            raise UsageError(f"mismatched msglint versions on the cluster: {exc}") from None
        except Exception as exc:
            if _lost_scheduler(exc) or self.client.status != "running":
                raise UsageError(
                    f"lost the Dask scheduler at {self.address} during the run: {exc}"
                ) from None
            return None, exc


def _is_web(ref: Any) -> bool:
    return getattr(ref, "hosts", None) is not None


def _lost_scheduler(exc: BaseException) -> bool:
    from distributed.client import FutureCancelledError

    return isinstance(exc, FutureCancelledError) and "scheduler" in str(exc).lower()


def _reason(exc: BaseException) -> str:
    from distributed.scheduler import KilledWorker

    if isinstance(exc, KilledWorker):
        return (
            "every cluster worker that checked it stopped (killed, or over its memory "
            "limit); the other items were checked"
        )
    return f"its cluster task failed ({type(exc).__name__}: {exc})"
