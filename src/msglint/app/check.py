"""`msglint check`: a run with the command's options (paths, changed files, baseline, fixes,
history) turned into the engine's and the filter stage's, and what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msglint.config import LoadedConfig, slas_of
from msglint.engine import Progress, RunOptions, run
from msglint.filter import FilterOptions
from msglint.filter.history import HistoryOptions
from msglint.fix import FileFix
from msglint.incremental import OutcomeCache
from msglint.model import Finding, Role
from msglint.model.result import RunResult
from msglint.sources.files import relative, shown
from msglint.sources.web import WebOptions


@dataclass(frozen=True)
class CheckOptions:
    """What `msglint check` can be asked beyond its config."""

    #: Only these files or folders (as given on the command line, relative to `cwd`).
    paths: list[str] | None = None
    #: `--baseline FILE`: hide the findings it accepts.
    baseline: Path | None = None
    report_unused_suppressions: bool = False
    #: `--changed-since REF`: a git ref.
    changed_since: str | None = None
    #: `--fix` writes the rules' fixes; `--diff` only plans them (the report is the diff).
    fix: bool = False
    diff: bool = False
    #: Record the run in the config's history (when the config keeps one).
    history: bool = True
    #: Web sources: fetch again even if fresh / never touch the network / ignore robots.txt.
    refresh: bool = False
    offline: bool = False
    ignore_robots: bool = False
    #: `--notify`: send the config's digests of what changed (checked before the run).
    notify: bool = False
    #: `--since-last`: re-crawl with conditional requests and reuse the last run's outcome
    #: of pages and files whose content did not change.
    since_last: bool = False
    jobs: int | None = None
    progress: Progress | None = None
    #: `--cluster ADDRESS|local:N` (default: the config's `cluster.address`, else none).
    cluster: str | None = None
    #: Called with the cluster session once connected (the CLI says where, with -v) and
    #: with its tally after each task (progress).
    on_cluster: Any = None
    cluster_progress: Any = None
    verbose: bool = False


@dataclass
class CheckRun:
    """A `check` run: its result, and the fixes it wrote (`--fix`) or planned (`--diff`)."""

    result: RunResult
    fixes: list[FileFix] = field(default_factory=list)
    #: `--notify`: what was prepared before the run (the previous run's state, targets).
    prepared: Any = None
    #: `--since-last`: the outcome cache (its hits and misses).
    cache: OutcomeCache | None = None
    #: A run over some paths only (`check PATH`): it fixes nothing in the history.
    partial: bool = False

    @property
    def diff(self) -> str:
        """The fixes as one unified diff (what `--diff` prints)."""
        from msglint.fix import unified_diff

        return unified_diff(self.fixes)

    @property
    def fixed(self) -> int:
        """How many findings the fixes fixed."""
        return sum(len(fx.fixed) for fx in self.fixes)


def check(loaded: LoadedConfig, options: CheckOptions, cwd: Path) -> CheckRun:
    """Run the engine over `loaded` as `options` ask."""
    from msglint import fix
    from msglint.errors import UsageError

    if options.refresh and options.offline:
        raise UsageError("--refresh and --offline cannot be used together")

    changed = None
    if options.changed_since is not None:
        from msglint.filter.changed import changed_files

        changed = changed_files(loaded.root, options.changed_since)
    only = None
    if options.paths and loaded.path is not None:
        only = relative_paths(options.paths, loaded.root, cwd)
    planned: list[FileFix] = []
    fixer = None
    if options.fix or options.diff:
        encodings = {s.name: s.encoding for s in loaded.config.sources}

        def fixer(findings: list[Finding]) -> list[Finding]:
            planned.extend(fix.plan(findings, loaded.root, encodings))
            if options.diff:
                return []  # nothing is written: the findings stand
            fix.write(loaded.root, planned)
            return [f for fx in planned for f in fx.fixed]

    history = None
    if options.history and not options.diff:  # a --diff run changes nothing, history too
        history = history_options(loaded, partial=only is not None)
    prepared = None
    if options.notify:  # before the run: a usage mistake costs no crawl
        from msglint.notify import prepare

        recorded = history_options(loaded, partial=False) if options.history else None
        prepared = prepare(loaded, recorded.path if recorded else None)
    cache = OutcomeCache.for_config(loaded) if options.since_last else None
    evidence = None
    if not options.diff and any(s.screenshots for s in loaded.config.sources):
        from msglint.sources.web.screenshot import take

        def evidence(findings: list[Finding]) -> list[str]:
            return take(findings, loaded, offline=options.offline).notes

    filters = FilterOptions(
        baseline=_baseline(options.baseline),
        report_unused_suppressions=options.report_unused_suppressions,
        fixer=fixer,
        evidence=evidence,
        history=history,
    )
    spec = cluster_address(loaded, options.cluster)
    if spec is not None and options.since_last:
        raise UsageError("--since-last cannot be used with --cluster (yet)")
    if only is None and any(s.is_web for s in loaded.config.sources):
        store_usable(loaded, write=not options.offline)
    if spec is None:
        result = _run(loaded, options, only, changed, filters, cache)
        _refuse_nothing_checked(result, only, loaded)
        return CheckRun(result, planned, prepared, cache, partial=only is not None)
    from msglint.cluster import connect

    timeout = loaded.config.cluster.timeout if loaded.config.cluster else 10.0
    with connect(spec, timeout=timeout, verbose=options.verbose) as session:
        session.progress = options.cluster_progress
        if options.on_cluster is not None:
            options.on_cluster(session)
        result = _run(loaded, options, only, changed, filters, None, session.runner)
    _refuse_nothing_checked(result, only, loaded)
    return CheckRun(result, planned, prepared, cache, partial=only is not None)


def _refuse_nothing_checked(result: RunResult, only: set[str] | None, loaded: Any) -> None:
    """`check PATH` where PATH belongs to no source: a run of nothing must not pass CI."""
    from msglint.errors import UsageError

    if only is not None and not any(result.documents.values()) and not result.findings:
        shown_paths = ", ".join(sorted(only)[:5])
        raise UsageError(
            f"{shown_paths}: not a file of any source in {loaded.path.name}; "
            "nothing was checked (add it to a source's paths, or check the path)"
        )


def store_usable(loaded: LoadedConfig, *, write: bool) -> None:
    """A UsageError (exit 2) naming the snapshot store and why, when it cannot be opened
    (bad URL, protocol package missing) or, with `write`, not written: before any crawl."""
    from msglint.errors import UsageError
    from msglint.sources.web import check_store
    from msglint.sources.web.store import StoreError

    try:
        check_store(loaded, write=write)
    except StoreError as exc:
        raise UsageError(str(exc)) from None


def cluster_address(loaded: LoadedConfig, given: str | None) -> str | None:
    """Where to run: `--cluster`, else the config's `cluster.address`, else None (here)."""
    if given is not None:
        return given
    return loaded.config.cluster.address if loaded.config.cluster else None


def _run(
    loaded: LoadedConfig,
    options: CheckOptions,
    only: set[str] | None,
    changed: set[str] | None,
    filters: FilterOptions,
    cache: OutcomeCache | None,
    runner: Any = None,
) -> RunResult:
    return run(
        loaded,
        options=RunOptions(
            only=only,
            changed=changed,
            web=WebOptions(
                refresh=options.refresh or (options.since_last and not options.offline),
                offline=options.offline,
                ignore_robots=options.ignore_robots,
            ),
            jobs=options.jobs,
            progress=options.progress,
            filters=filters,
            cache=cache,
            runner=runner,
        ),
    )


@dataclass
class Notified:
    """What `--notify` did: why nothing was sent, or each message's delivery."""

    problem: str | None = None
    deliveries: list[Any] = field(default_factory=list)


def notify(done: CheckRun, loaded: LoadedConfig, report: Path | None) -> Notified:
    """Send the digests of what changed since the previous run; a failed delivery is
    reported, never raised (it must not change the run's exit code)."""
    from msglint.notify import digest_of, send

    prepared = done.prepared
    if prepared is None:
        return Notified()
    if prepared.problem is not None:
        return Notified(prepared.problem)
    digest = digest_of(prepared, loaded, done.result.findings, partial=done.partial, report=report)
    return Notified(None, send(prepared, loaded, digest))


def history_options(loaded: LoadedConfig, *, partial: bool) -> HistoryOptions | None:
    """Where the run is recorded, or None: history off in config, or no config file."""
    settings = loaded.config.history
    if not settings.enabled or loaded.path is None:
        return None
    return HistoryOptions(
        path=loaded.root / settings.path,
        config_digest=loaded.digest,
        config_path=str(loaded.path),
        partial=partial,
        slas=slas_of(loaded.config),
        partners=tuple(s.name for s in loaded.config.sources if s.role is Role.PARTNER) or None,
    )


def _baseline(path: Path | None) -> tuple[Path, list[dict]] | None:
    if path is None:
        return None
    from msglint.filter import baseline

    return path, baseline.load(path)


def relative_paths(paths: list[str], root: Path, cwd: Path) -> set[str]:
    """Command-line paths as project-relative POSIX paths (folders expand to their files)."""
    from msglint.errors import UsageError

    out: set[str] = set()
    for p in paths:
        path = (cwd / p).resolve()
        if not path.exists():
            raise UsageError(f"{shown(p)}: no such file or folder")
        targets = [x for x in path.rglob("*") if x.is_file()] if path.is_dir() else [path]
        out.update(relative(t, root) for t in targets)
    return out
