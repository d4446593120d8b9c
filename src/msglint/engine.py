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

from msglint import filter as chain
from msglint import item, workers
from msglint.checks import BUILTINS, ConsistencyRule, DocumentRule, TextRule
from msglint.checks.builtin import SelfPriceMismatch, SourceEmpty, SourceError
from msglint.checks.pack import Pack
from msglint.compare import compare
from msglint.config import LoadedConfig, is_disabled
from msglint.documents import DocumentStage
from msglint.filter.suppress import Table, summary
from msglint.incremental import OutcomeCache
from msglint.model import Finding, Group, Record, Role
from msglint.model.result import ConfigInfo, RuleInfo, RunResult, Timings, Unmatched
from msglint.sources import SourceProblem, read
from msglint.sources.web import WebOptions

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


def run(
    loaded: LoadedConfig, packs: list[Pack] | None = None, options: RunOptions | None = None
) -> RunResult:
    """Check every source of the config (as `options` limit it) with `packs` (default:
    every pack the config turns on, Vale styles included)."""
    from msglint.packs import load_all

    options = options or RunOptions()
    started = time.perf_counter()
    config = loaded.config
    packs = load_all(loaded) if packs is None else packs
    cache = options.cache
    if cache is not None:
        cache.bind(packs)
    rules = [r for p in packs for r in p.rules]
    text_rules = [r for r in rules if isinstance(r, TextRule)]
    consistency = [r for r in rules if isinstance(r, ConsistencyRule)]
    document_rules = [r for r in consistency if isinstance(r, DocumentRule)]
    docs = DocumentStage.of(config, document_rules) if document_rules else None
    chosen = [s for s in config.sources if options.sources is None or s.name in options.sources]
    findings: list[Finding] = []
    records: dict[str, list[Record]] = {}
    documents: dict[str, list[str]] = {}
    suppressions: Table = {}
    jobs = workers.resolve_jobs(options.jobs if options.jobs is not None else config.jobs)
    tasks = {
        source.name: item.Task(
            source,
            text_rules,
            options.changed,
            options.catalog_rows,
            digests=docs is not None,
            seconds=config.document_timeout,
        )
        for source in chosen
        if source.name not in options.records
    }
    works = {name: item.bound(task) for name, task in tasks.items()}
    with workers.Pool(jobs, works, lambda name, head: item.prepare(head, tasks[name])) as pool:
        for source in chosen:
            documents[source.name] = []
            if source.name in options.records:
                records[source.name] = list(options.records[source.name])
                continue
            kept = records.setdefault(source.name, [])
            wanted = options.only
            if options.changed is not None and source.role is Role.DOCS:
                wanted = options.changed if wanted is None else wanted & options.changed
            seen_any = False
            items = read(source, loaded, wanted, options.web)
            if cache is not None and options.changed is None and options.catalog_rows is None:
                items = cache.wrap(items)
            for content, outcome in pool.outcomes(source.name, items):
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
        compared, groups, unmatched = compare(
            chosen, records, consistency, config.match, loaded.root
        )
        findings.extend(compared)
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
        warnings=[w for p in packs for w in p.warnings],
        history=filtered.trends,
        filtered=filtered.summary,
    )


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
