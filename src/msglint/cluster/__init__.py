"""Run a check or a crawl on a Dask cluster (`--cluster ADDRESS|local:N`, `cluster:`).

msglint does not schedule work across machines itself: Dask distributed does, the engine
data teams already run (local, SSH, Kubernetes, YARN, HPC job queues). This package is the
optional extra `msglint[cluster]`; without `--cluster` nothing here is imported and the
single-machine path is unchanged.

- `connect(spec)`: a `Session` on a running scheduler (`tcp://host:8786`) or on a
  `LocalCluster` it starts (`local:N`: N worker processes of one thread on 127.0.0.1),
  after checking that every worker runs this msglint version (results must not depend on
  where an item ran). An unreachable scheduler is a UsageError (exit 2) naming it.
- `Session.runner`: what the engine hands its per-item work to (runner.py).
- `Session.crawl`: web sources crawled as tasks, one source per task, each holding
  cluster-wide locks on its hosts (tasks.py), so politeness holds cluster-wide.

- `Runner.match`: each partner source matched against the reference in a task of its own
  (match.records.Mapper); a partner source is matched on its own statistics and
  assignment, so the groups are those of a single process (README: why not cut further,
  by blocking key).
- Snapshots: workers read and write them in the store `crawl.snapshots` names (a shared
  folder or an fsspec URL: sources/web/store.py), which the client tries before the run.

Consistency rules, the filter chain and the history stay on the client: they read every
source's records at once (at 22,000 pages the client peaked at 283-290 MiB:
benchmarks/cluster.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from msglint.cluster.runner import Runner, Tally
from msglint.errors import UsageError

__all__ = ["Session", "Tally", "connect"]

#: How `--cluster` names a LocalCluster: `local` (one worker per core) or `local:N`.
LOCAL = "local"
#: Dask settings of the LocalCluster msglint starts (without -v). Dask's timers wake the
#: event loops of the client, scheduler and workers many times a second, and each wake-up
#: takes the GIL from the thread checking pages: the workers' stack sampler for the
#: dashboard's profile page (every 10 ms), the loop-blocked check (20 ms), the memory
#: monitor (100 ms) and the system monitor (500 ms): an idle LocalCluster of one worker
#: used 1.6 % of a core in the client's process and 1.5 % in the worker, 0.5 % and 0.2 %
#: with these. On a cluster of your own, set them in the workers' Dask config (README).
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "500ms",
}


@dataclass
class Session:
    """A connected cluster: its client, and the LocalCluster when msglint started it."""

    client: Any
    address: str
    local: Any = None
    progress: Callable[[Tally], None] | None = None
    _runner: Runner | None = field(default=None, repr=False)

    @property
    def dashboard(self) -> str | None:
        """The Dask dashboard's URL (None without bokeh, which serves it)."""
        try:
            return self.client.dashboard_link if _has_dashboard() else None
        except Exception:  # pragma: no cover - no dashboard service on that scheduler
            return None

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    @property
    def runner(self) -> Runner:
        from msglint import __version__

        if self._runner is None:
            self._runner = Runner(self.client, __version__, self.address, progress=self.progress)
        return self._runner

    def crawl(self, sources: list[Any], loaded: Any, options: Any) -> list[tuple[str, Any]]:
        """`msglint crawl` on the cluster: each source's CrawlStats, or why it was not crawled."""
        from msglint.cluster.tasks import crawl_one

        futures = [
            self.client.submit(crawl_one, self.runner.version, s, loaded, options, pure=False)
            for s in sources
        ]
        out: list[tuple[str, Any]] = []
        for source, future in zip(sources, futures, strict=True):
            try:
                out.append((source.name, future.result()))
            except Exception as exc:
                from msglint.cluster.tasks import VersionMismatch

                if isinstance(exc, VersionMismatch):
                    raise UsageError(f"mismatched msglint versions on the cluster: {exc}") from None
                out.append((source.name, f"its cluster task failed ({type(exc).__name__}: {exc})"))
        return out

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def connect(spec: str, *, timeout: float = 10.0, verbose: bool = False) -> Session:
    """A session on the scheduler at `spec`, or on a LocalCluster for `local[:N]`."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            "--cluster needs Dask distributed, which is not installed: "
            "pip install 'msglint[cluster]'"
        ) from None
    if not verbose:  # Dask's own notes (a worker restarted, a task re-run) are for -v
        logging.getLogger("distributed").setLevel(logging.ERROR)
    if spec == LOCAL or spec.startswith(LOCAL + ":"):
        import dask

        workers = _local_workers(spec)
        with dask.config.set(QUIET if not verbose else {}):
            local = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0" if _has_dashboard() else None,
                silence_logs=logging.WARNING if verbose else logging.ERROR,
            )
            client = Client(local)
        session = Session(client, local.scheduler_address, local)
    else:
        if "://" not in spec and ":" not in spec:
            raise UsageError(
                f"--cluster {spec!r}: expected a scheduler address (tcp://host:8786) or local:N"
            )
        try:
            client = Client(spec, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(
                f"cannot reach the Dask scheduler at {spec} within {timeout:g} s ({exc}); "
                "is `dask scheduler` running there, and the port open?"
            ) from None
        session = Session(client, spec)
    try:
        check_versions(session.client)
    except BaseException:
        session.close()
        raise
    return session


def _local_workers(spec: str) -> int:
    if spec == LOCAL:
        from msglint.workers import resolve_jobs

        return resolve_jobs("auto")
    count = spec.split(":", 1)[1]
    if not count.isdigit() or not 1 <= int(count) <= 256:
        raise UsageError(f"--cluster {spec!r}: expected local:N with N from 1 to 256")
    return int(count)


def check_versions(client: Any) -> None:
    """Refuse a cluster whose workers run another msglint (or none)."""
    from msglint import __version__
    from msglint.cluster.tasks import version

    found = client.run(version, on_error="return")
    wrong = {
        address: (v if isinstance(v, str) else f"no msglint ({type(v).__name__}: {v})")
        for address, v in found.items()
        if v != __version__
    }
    if wrong:
        listed = "; ".join(f"{a}: {v}" for a, v in sorted(wrong.items()))
        raise UsageError(
            f"the cluster's workers must run msglint {__version__}, as this client does; "
            f"{len(wrong)} of {len(found)} do not ({listed}). Install the same version on "
            "every worker (pip install 'msglint[cluster]==" + __version__ + "')."
        )


def _has_dashboard() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None
