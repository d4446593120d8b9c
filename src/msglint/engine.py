"""The pipeline, top to bottom: sources -> parse -> extract -> match -> checks -> filter.

This file only wires the stages; each lives in its own module. Pages stream through
`item.check` (parse, text rules, suppressions, extraction) one at a time, in worker
processes when there are many (workers.py); only their Records (a few hundred bytes each)
and, when `document` rules run, their DocDigests are kept, never a page's text or tree.
Documents are paired and compared as they stream (documents.py); then `compare` matches
records and runs the consistency rules, the filter chain decides what is reported, and the
result is one RunResult.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from msglint import filter as chain
from msglint import item, workers
from msglint.checks import BUILTINS, ConsistencyRule, DocumentRule, TextRule
from msglint.checks.builtin import SelfPriceMismatch, SourceEmpty, SourceError
from msglint.checks.pack import Pack
from msglint.compare import compare, plan_groups
from msglint.config import LoadedConfig, SourceConfig, is_disabled
from msglint.documents import DocumentStage
from msglint.filter.suppress import Table, summary
from msglint.incremental import OutcomeCache
from msglint.model import Finding, Group, Plan, PlanGroup, Record, Role
from msglint.model.result import ConfigInfo, RuleInfo, RunResult, Timings, Unmatched
from msglint.sources import SourceProblem, deferred, read
from msglint.sources.web import WebOptions
from msglint.values.specs.keys import use_spec_keys

#: (source name, file or page) for each item read, for a progress display.
Progress = Callable[[str, str], None]


@dataclass(frozen=True)
class RunOptions:
    """What limits or shapes a run beyond its config (all optional)."""

    #: Only these project-relative paths (`msglint check PATH`).
    only: set[str] | None = None
    #: `--changed-since`: text rules read only these files, and only findings touching
    #: them are kept.
    changed: set[str] | None = None
    #: Only the sources of these names.
    sources: set[str] | None = None
    #: Records of some sources ready-made (a reference bundle): those are not read.
    records: dict[str, list[Record]] = field(default_factory=dict)
    #: `msglint audit`: the catalog rows to keep (their prose cells are linted too).
    catalog_rows: Callable[[Record], bool] | None = None
    web: WebOptions | None = None
    #: Worker processes (None: the config's `jobs`).
    jobs: int | str | None = None
    progress: Progress | None = None
    filters: chain.FilterOptions = field(default_factory=chain.FilterOptions)
    #: `--since-last`: reuse the last run's outcome of unchanged pages and files.
    cache: OutcomeCache | None = None
    #: `--cluster`: where items are read and checked instead of this host's processes
    #: (cluster/runner.py: `plan([(refs, Recipe), ...])`, one iterator per source of
    #: (item, outcome) in input order, as workers.py gives them; and `match`, which
    #: matches each partner source in a task of its own: match.records.Mapper).
    runner: Any = None


def spec_keys_of(packs: list[Pack], own: dict[str, list[str]]) -> dict[str, list[str]]:
    """The run's spec synonyms: the packs' `spec_keys:` in order, then the config's own
    (later ones win a label both name)."""
    merged: dict[str, list[str]] = {}
    for table in [p.spec_keys for p in packs] + [own]:
        for key, labels in table.items():
            merged.setdefault(key, []).extend(labels)
    return merged


def run(
    loaded: LoadedConfig, packs: list[Pack] | None = None, options: RunOptions | None = None
) -> RunResult:
    """Check every source of the config (as `options` limit it) with `packs` (default:
    every pack the config turns on, Vale styles included)."""
    from msglint.packs import load_all

    options = options or RunOptions()
    started = time.perf_counter()
    config = loaded.config
    if options.runner is not None and packs is not None:
        raise ValueError("a cluster run loads the config's packs on each worker (Recipe)")
    packs = load_all(loaded) if packs is None else packs
    use_spec_keys(spec_keys_of(packs, config.spec_keys))
    cache = options.cache
    if cache is not None:
        cache.bind(packs, item.Outcome)
    rules = [r for p in packs for r in p.rules]
    text_rules = [r for r in rules if isinstance(r, TextRule)]
    consistency = [r for r in rules if isinstance(r, ConsistencyRule)]
    document_rules = [r for r in consistency if isinstance(r, DocumentRule)]
    docs = DocumentStage.of(config, document_rules) if document_rules else None
    chosen = [s for s in config.sources if options.sources is None or s.name in options.sources]
    findings: list[Finding] = []
    records: dict[str, list[Record]] = {}
    plans: dict[str, list[Plan]] = {}
    documents: dict[str, list[str]] = {}
    suppressions: Table = {}
    jobs = workers.resolve_jobs(options.jobs if options.jobs is not None else config.jobs)

    def task_of(source: SourceConfig, rules: list[TextRule]) -> item.Task:
        return item.Task(
            source,
            rules,
            options.changed,
            options.catalog_rows,
            digests=docs is not None,
            seconds=config.document_timeout,
        )

    def wanted_of(source: SourceConfig) -> set[str] | None:
        if options.changed is not None and source.role is Role.DOCS:
            return options.changed if options.only is None else options.only & options.changed
        return options.only

    read_here = [s for s in chosen if s.name not in options.records]
    if options.runner is not None:  # read where checked, every source in one pipeline
        streams = iter(
            options.runner.plan(
                [
                    (deferred(s, loaded, wanted_of(s), options.web), Recipe(loaded, task_of(s, [])))
                    for s in read_here
                ]
            )
        )
    tasks = {s.name: task_of(s, text_rules) for s in read_here}
    works = {name: item.bound(task) for name, task in tasks.items()}
    local_jobs = jobs if options.runner is None else 1  # a cluster run forks nothing here

    def prepare(name: str, head: list[Any]) -> None:
        item.prepare(head, tasks[name])

    with workers.Pool(local_jobs, works, prepare) as pool:
        for source in chosen:
            documents[source.name] = []
            if source.name in options.records:
                records[source.name] = list(options.records[source.name])
                continue
            kept = records.setdefault(source.name, [])
            wanted = wanted_of(source)
            seen_any = False
            if options.runner is not None:
                checked = next(streams)
            else:
                items = read(source, loaded, wanted, options.web)
                if cache is not None and options.changed is None and options.catalog_rows is None:
                    items = cache.wrap(items)
                checked = pool.outcomes(source.name, items)
            for content, outcome in checked:
                if cache is not None:
                    cache.keep(content, outcome)
                seen_any = True
                if options.progress:
                    options.progress(source.name, content.path)
                if isinstance(content, SourceProblem):
                    findings.append(
                        SourceError.finding(
                            content.source, content.role, content.path, content.reason, content.url
                        )
                    )
                    continue
                documents[source.name].append(content.url or content.path)
                if outcome.suppressions:
                    suppressions[(source.name, content.path)] = outcome.suppressions
                findings.extend(outcome.findings)
                kept.extend(outcome.records)
                found_plans = getattr(outcome, "plans", None)  # absent in older cached outcomes
                if found_plans:
                    plans.setdefault(source.name, []).extend(found_plans)
                if docs is not None and outcome.digest is not None:
                    findings.extend(docs.add(outcome.digest))
            if docs is not None:
                findings.extend(docs.source_done(source.name))
            if not seen_any and options.only is None and options.changed is None:
                where = source.paths or source.urls or source.sitemaps
                findings.append(SourceEmpty.finding(source.name, source.role, where))
    if cache is not None:
        cache.save()
    read_done = time.perf_counter()
    if any(r.origin == "datasheet" for recs in records.values() for r in recs):
        from msglint.extract.datasheet import merge_datasheets

        records = {name: merge_datasheets(recs) for name, recs in records.items()}
    findings.extend(
        f for recs in records.values() for r in recs if (f := SelfPriceMismatch.check(r))
    )
    groups: list[Group] = []
    unmatched = Unmatched()
    if consistency or any(s.role is Role.PARTNER for s in chosen):
        mapper = getattr(options.runner, "match", None)  # each partner source as a task
        compared, groups, unmatched = compare(
            chosen, records, consistency, config.match, loaded.root, plans, mapper
        )
        findings.extend(compared)
    plan_side: list[PlanGroup] = plan_groups(chosen, plans, consistency) if plans else []
    if docs is not None:
        findings.extend(docs.finish())
    compare_done = time.perf_counter()
    vale_rules = frozenset(r.id for r in text_rules if getattr(r, "applies_vale_comments", False))
    context = chain.Context(
        disable=config.disable,
        changed=options.changed,
        suppressions=suppressions,
        roles={s.name: s.role for s in config.sources},
        groups=groups,
        missing=unmatched.reference,
        vale_rules=vale_rules,
    )
    filtered = chain.run(findings, context, options.filters)
    done = time.perf_counter()
    return RunResult(
        findings=filtered.findings,
        config=ConfigInfo(
            name=loaded.path.name if loaded.path else None, digest=loaded.digest, root=loaded.root
        ),
        records=records,
        documents=documents,
        groups=groups,
        unmatched=unmatched,
        rules=rule_infos(packs, config.disable),
        kinds=kind_docs(packs),
        suppressions=summary(suppressions, vale=bool(vale_rules)),
        timings=Timings(
            read_check=read_done - started,
            compare=compare_done - read_done,
            filter=done - compare_done,
            total=done - started,
        ),
        warnings=[*loaded.warnings, *(w for p in packs for w in p.warnings)],
        history=filtered.trends,
        scorecard=filtered.scorecard,
        filtered=filtered.summary,
        plan_groups=plan_side,
    )


@dataclass(frozen=True)
class Recipe:
    """How a cluster worker builds a source's per-item function itself.

    The config and the task's settings travel, not the compiled rules: rules hold what
    does not pickle or does not survive pickling (RE2 sets, caches keyed by object ids),
    so each worker loads the packs from the config once per run (`rules`, cached by the
    worker) and binds them here, exactly as `run` does for this process. The config's
    rule files and Vale styles must be at the same paths on every worker (README).
    """

    loaded: LoadedConfig
    #: The task, without its rules (they are loaded where it runs).
    task: item.Task

    def rules(self) -> list[TextRule]:
        """The run's text rules, loaded here; the project's `spec_keys:` are set here too,
        as `run` sets them in its own process (extraction on the worker reads them)."""
        from msglint.packs import load_all

        packs = load_all(self.loaded)
        use_spec_keys(spec_keys_of(packs, self.loaded.config.spec_keys))
        return [r for p in packs for r in p.rules if isinstance(r, TextRule)]

    def bind(self, rules: list[TextRule]) -> Callable[[Any], item.Outcome | None]:
        from dataclasses import replace

        return item.bound(replace(self.task, rules=rules))


def rule_infos(packs: list[Pack], disable: list[str]) -> list[RuleInfo]:
    """The run's rules as plain data for reports: the packs' and msglint's own."""
    out = [
        RuleInfo(r.id, r.kind, r.level, r.description, r.link, p.name, doc_key(type(r)))
        for p in packs
        for r in p.rules
    ]
    out += [
        RuleInfo(b.id, b.kind(), b.level, b.summary(), None, "msglint", doc_key(b))
        for b in BUILTINS.values()
        if not is_disabled(b.id, disable)
    ]
    return out


def kind_docs(packs: list[Pack]) -> dict[str, str]:
    """Each rule kind's documentation, by `doc_key`."""
    docs = {doc_key(type(r)): type(r).explain() for p in packs for r in p.rules}
    docs.update((doc_key(b), b.explain()) for b in BUILTINS.values())
    return docs


def doc_key(kind: type) -> str:
    """Where a rule kind's documentation is filed in a result: its class, by module."""
    return f"{kind.__module__.removeprefix('msglint.')}.{kind.__qualname__}"
