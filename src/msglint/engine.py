"""The pipeline, top to bottom: sources -> parse -> extract -> match -> checks -> filter.

This file only wires stages together; each stage lives in its own module. Pages stream
through parse and extract one at a time: only their Records (a few hundred bytes each)
are kept for matching, never a page's text or tree.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msglint import filter as finding_filter
from msglint import suppress, workers
from msglint.checks import ConsistencyRule, DocumentRule, TextRule
from msglint.checks.consistency import Survey
from msglint.config import LoadedConfig, SourceConfig
from msglint.documents import DocumentStage
from msglint.extract import Extraction
from msglint.match.setup import MATCH_ERROR, UNCERTAIN_MATCH
from msglint.model import Document, Finding, Group, Location, Record, Role, Severity
from msglint.packs import Pack, is_disabled, load_packs
from msglint.parse import BINARY_FORMATS, UnreadableDocument, parse, parse_binary
from msglint.sources import Content, SourceProblem, read
from msglint.sources.files import relative
from msglint.sources.web import WebOptions

SOURCE_ERROR = "msglint.source-error"
PARSE_ERROR = "msglint.parse-error"
SOURCE_EMPTY = "msglint.source-empty"
EXTRACT_ERROR = "msglint.extract-error"
NO_PRODUCT_DATA = "msglint.no-product-data"
SELF_PRICE = "msglint.self-price-mismatch"
NO_DATA = "no product data or support claims found"
BUILTIN_RULES = (
    SOURCE_ERROR,
    PARSE_ERROR,
    SOURCE_EMPTY,
    EXTRACT_ERROR,
    NO_PRODUCT_DATA,
    SELF_PRICE,
    UNCERTAIN_MATCH,
    MATCH_ERROR,
)


@dataclass
class RunResult:
    """Everything a reporter needs about one run."""

    findings: list[Finding]
    packs: list[Pack]
    config: LoadedConfig
    documents: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    groups: list[Group] = field(default_factory=list)
    unmatched_reference: dict[str, list[Record]] = field(default_factory=dict)
    unmatched_partner: dict[str, list[Record]] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)
    #: Per-source scores over past runs (msglint.history.trends), set by the CLI when the
    #: run history is on; the HTML report draws it.
    history: dict[str, list[dict[str, Any]]] | None = None
    #: Each source's checked files and pages (for reports that list passing ones, e.g. JUnit).
    checked: dict[str, list[str]] = field(default_factory=dict)
    #: Inline suppressions found, by (source, path); for `--report-unused-suppressions`.
    suppressions: suppress.Table = field(default_factory=dict)


Progress = Callable[[str, str], None]


def run(
    loaded: LoadedConfig,
    *,
    only: set[str] | None = None,
    packs: list[Pack] | None = None,
    progress: Progress | None = None,
    records: dict[str, list[Record]] | None = None,
    catalog_rows: Callable[[Record], bool] | None = None,
    web: WebOptions | None = None,
    changed: set[str] | None = None,
    jobs: int | str | None = None,
    cache: Any = None,
) -> RunResult:
    """Check every source of the config; `only` limits the run to these relative paths.

    `records` gives the records of some sources ready-made (a reference bundle), so those
    sources are not read. `catalog_rows` (`msglint audit`) keeps only the catalog rows it
    accepts, and runs the text rules on their prose cells (name, description) and reads
    support claims from their descriptions. `changed` (from --changed-since): text rules
    read only these files, `docs` sources are not read beyond them, and only findings
    touching them are kept (see changed.py). `jobs` (default: the config's `jobs`) sets
    how many worker processes check the files (see workers.py). `cache` (an
    incremental.OutcomeCache, `--since-last`) reuses the outcome of unchanged items.
    """
    given = records or {}
    started = time.perf_counter()
    config = loaded.config
    if packs is None:
        packs = load_packs(config.packs, loaded.root, config.disable)
        packs += vale_packs(loaded)
    if cache is not None:
        cache.bind(packs)
    rules = [r for p in packs for r in p.rules]
    text_rules = [r for r in rules if isinstance(r, TextRule)]
    consistency = [r for r in rules if isinstance(r, ConsistencyRule)]
    document_rules = [r for r in consistency if isinstance(r, DocumentRule)]
    docs = DocumentStage.of(config, document_rules) if document_rules else None
    findings: list[Finding] = []
    documents: dict[str, int] = {}
    records = {}
    checked: dict[str, list[str]] = {}
    suppressions: suppress.Table = {}
    n_jobs = workers.resolve_jobs(jobs if jobs is not None else config.jobs)
    for source in config.sources:
        if source.name in given:
            records[source.name] = list(given[source.name])
            documents[source.name] = 0
            continue
        count = 0
        seen_any = False
        kept = records.setdefault(source.name, [])
        wanted = only
        if changed is not None and source.role is Role.DOCS:
            wanted = changed if only is None else only & changed
        task = workers.Task(
            source, text_rules, changed, catalog_rows, docs is not None, config.document_timeout
        )
        items = read(source, loaded, wanted, web)
        if cache is not None and changed is None and catalog_rows is None:
            items = cache.wrap(items)
        for item, outcome in workers.outcomes(items, task, n_jobs):
            if cache is not None:
                cache.keep(item, outcome)
            seen_any = True
            if progress:
                progress(source.name, item.path)
            if outcome is None:  # a SourceProblem
                findings.append(source_error(item))
                continue
            count += 1
            checked.setdefault(source.name, []).append(item.url or item.path)
            if outcome.notes:
                suppressions[(source.name, item.path)] = outcome.notes
            findings.extend(outcome.findings)
            kept.extend(outcome.records)
            if docs is not None and outcome.digest is not None:
                findings.extend(docs.add(outcome.digest))
        documents[source.name] = count
        if docs is not None:
            findings.extend(docs.source_done(source.name))
        if not seen_any and only is None and changed is None:
            where = source.paths or source.urls or source.sitemaps
            findings.append(empty_source(source.name, source.role, where))
    result = RunResult(
        findings=[], packs=packs, config=loaded, documents=documents, checked=checked
    )
    if any(r.origin == "datasheet" for recs in records.values() for r in recs):
        from msglint.extract.datasheet import merge_datasheets

        records = {name: merge_datasheets(recs) for name, recs in records.items()}
    result.records = {name: len(recs) for name, recs in records.items()}
    findings.extend(self_price(r) for recs in records.values() for r in recs if _self_differs(r))
    if consistency or any(s.role is Role.PARTNER for s in config.sources):
        findings.extend(compare(loaded, records, consistency, result))
    if docs is not None:
        findings.extend(docs.finish())
    disabled = [d for d in config.disable if d.startswith("msglint.")]
    if disabled:
        findings = [f for f in findings if not _disabled(f.rule, disabled)]
    if changed is not None:
        from msglint.changed import touches

        findings = [f for f in findings if touches(f, changed)]
    findings = suppress.apply(findings, suppressions, vale_rule_ids(packs))
    result.suppressions = suppressions
    if cache is not None:
        cache.save()
    result.findings = finding_filter.finalize(findings)
    result.seconds = time.perf_counter() - started
    return result


def vale_rule_ids(packs: list[Pack]) -> frozenset[str]:
    """Rules that apply Vale's comment controls themselves (rules read from Vale styles)."""
    return frozenset(
        r.id for p in packs for r in p.rules if getattr(r, "applies_vale_comments", False)
    )


def vale_packs(loaded: LoadedConfig) -> list[Pack]:
    """The config's Vale styles as packs (none without a `vale:` block)."""
    settings = loaded.config.vale
    if settings is None:
        return []
    from msglint import vale

    packs = vale.load(settings, loaded.root)
    for pack in packs:
        pack.rules = [r for r in pack.rules if not is_disabled(r.id, loaded.config.disable)]
    return packs


def _disabled(rule: str, disabled: list[str]) -> bool:
    return rule in BUILTIN_RULES and is_disabled(rule, disabled)


def check_item(
    item: Content,
    source: SourceConfig,
    rules: list[TextRule],
    findings: list[Finding],
    *,
    catalog_rows: Callable[[Record], bool] | None = None,
    digests: bool = False,
) -> Extraction | None:
    """Parse one file, run the text rules on it and extract its records (not for `docs`);
    `digests`: also the digest of a document (the `document` rules run)."""
    if item.data is not None and item.format not in BINARY_FORMATS:
        extraction = load_catalog(item, source)
        if catalog_rows is not None:
            from msglint.extract.catalog_prose import check_cells

            extraction.records = [r for r in extraction.records if catalog_rows(r)]
            check_cells(extraction, rules, findings)
        return extraction
    if (
        item.role is Role.DOCS
        and item.data is None
        and rules
        and not any(getattr(r, "reads_segments", True) for r in rules)
    ):
        # Only rules that read the source text (Vale's): msglint's own parse is not needed.
        doc = Document(
            source=item.source,
            role=item.role,
            path=item.path,
            format=item.format,
            content=item.text,
            url=item.url,
        )
        for rule in rules:
            if rule.applies_to(doc):
                findings.extend(rule.check(doc))
        return None
    try:
        if item.data is not None:  # PDF, DOCX
            doc = parse_binary(
                item.data, item.format, source=item.source, role=item.role, path=item.path,
                url=item.url,
            )  # fmt: skip
        else:
            doc = parse(
                item.text, item.format, source=item.source, role=item.role, path=item.path,
                url=item.url,
            )  # fmt: skip
    except UnreadableDocument as exc:  # encrypted, damaged, no text layer, a zip bomb
        problem = SourceProblem(item.source, item.role, item.path, str(exc), item.url)
        findings.append(source_error(problem))
        return None
    except Exception as exc:  # a parser bug on hostile input must not stop the run
        findings.append(
            source_error(
                SourceProblem(
                    item.source, item.role, item.path, f"could not parse {item.format}: {exc}"
                ),
                PARSE_ERROR,
            )
        )
        return None
    for problem in doc.meta.get("problems") or ():  # a PDF read in part
        findings.append(partly_read(doc, problem))
    for rule in rules:
        if rule.applies_to(doc):
            findings.extend(rule.check(doc))
    if item.role is Role.DOCS:
        return None
    return extract_document(doc, source, digests=digests)


def extract_document(doc: Document, source: SourceConfig, *, digests: bool = False) -> Extraction:
    """A page's product records; other prose gives its support claims as a policy record.

    A PDF or DOCX datasheet gives a product record from its spec table. With `digests`,
    every document that is not a product page (HTML with products) gets its digest too.
    """
    if doc.format == "html":
        from msglint.extract.page import extract_page

        extraction = extract_page(doc, source)
    else:
        from msglint.extract.page import policy_record

        extraction = Extraction()
        if doc.format in BINARY_FORMATS:
            from msglint.extract.datasheet import datasheet_record

            sheet = datasheet_record(doc)
            if sheet is not None:
                extraction.records.append(sheet)
        policy = policy_record(doc)
        if policy is not None:
            extraction.records.append(policy)
    if not extraction.records and doc.format == "html":
        extraction.problems.append((Location(path=doc.path, url=doc.url), NO_DATA))
    products = any(r.kind == "product" for r in extraction.records)
    if digests and (doc.format != "html" or not products):
        from msglint.extract.digest import digest

        extraction.digest = digest(doc, product=products)
        # An article compared as a document is not a product page missing its data.
        extraction.problems = [x for x in extraction.problems if x[1] != NO_DATA]
    return extraction


def partly_read(doc: Document, reason: str) -> Finding:
    """A document read only in part (a PDF over the page limit, pages without text)."""
    return Finding(
        rule=SOURCE_ERROR,
        severity=Severity.WARNING,
        message=f"Could not check all of {doc.url or doc.path}: {reason}",
        source=doc.source,
        role=doc.role,
        location=Location(path=doc.path, url=doc.url),
        actual=reason,
    )


def load_catalog(item: Content, source: SourceConfig) -> Extraction:
    """A catalog file's records (CSV, JSON, XLSX, Merchant feeds)."""
    from msglint.extract.catalog import catalog_format
    from msglint.extract.catalog import load_catalog as load

    data = item.data or b""
    fmt = catalog_format(item.path, data[:4096])
    if fmt is None:
        out = Extraction()
        out.problems.append(
            (
                Location(path=item.path),
                "not a catalog format msglint reads "
                "(CSV, TSV, JSON, JSONL, XLSX, Google Merchant feed)",
            )
        )
        return out
    return load(
        data,
        fmt,
        source=item.source,
        role=item.role,
        path=item.path,
        columns=source.columns or None,
        encoding=source.encoding,
        currency=source.currency,
        delimiter=source.delimiter,
    )


def extract_errors(item: Content, extraction: Extraction) -> Iterator[Finding]:
    for where, reason in extraction.problems:
        empty = reason == NO_DATA
        yield Finding(
            rule=NO_PRODUCT_DATA if empty else EXTRACT_ERROR,
            severity=Severity.INFO if empty else Severity.WARNING,
            message=f"No product data or support claims found in {item.url or item.path}."
            if empty
            else f"Could not read all product data in {item.url or item.path}: {reason}",
            source=item.source,
            role=item.role,
            location=where,
            actual=reason,
        )


def compare(
    loaded: LoadedConfig,
    records: dict[str, list[Record]],
    rules: list[ConsistencyRule],
    result: RunResult,
) -> list[Finding]:
    """Match each partner source against the reference and run the consistency rules."""
    from msglint.checks.consistency import RetiredNamesRule
    from msglint.match import match_sources
    from msglint.match.setup import match_options, problem_finding, uncertain_finding

    config = loaded.config
    survey = Survey()
    for source in config.sources:
        recs = records.get(source.name, [])
        survey.policies[source.name] = [r for r in recs if r.kind == "policy"]
        if source.role is Role.REFERENCE:
            survey.reference_sources.append(source.name)
            survey.reference.extend(r for r in recs if r.kind == "product")
        elif source.role is Role.PARTNER:
            survey.partners[source.name] = [r for r in recs if r.kind == "product"]
    groups = [Group(reference=r) for r in survey.reference]
    aliases = [a for r in rules if isinstance(r, RetiredNamesRule) for a in r.match_aliases()]
    options, problems = match_options(config.match, loaded.root, aliases)
    results, more = match_sources(survey.reference, survey.partners, options)
    findings = [
        problem_finding(p, survey.reference_sources[0] if survey.reference_sources else "msglint")
        for p in (*problems, *more)
    ]
    for name, partner in survey.partners.items():
        matched = results[name]
        survey.results[name] = matched
        for ref_index, match in matched.pairs:
            groups[ref_index].matches.append(match)
            reference = survey.reference[ref_index]
            if match.uncertain:  # reported for a person to confirm, never compared
                findings.append(uncertain_finding(reference, match, options.confidence))
                continue
            for rule in rules:
                if rule.applies_to(match.record):
                    findings.extend(rule.compare(reference, match, survey))
        if partner:
            result.unmatched_reference[name] = [
                survey.reference[i] for i in matched.unmatched_reference
            ]
        result.unmatched_partner[name] = [partner[i] for i in matched.unmatched_partner]
    for rule in rules:
        findings.extend(rule.survey(survey))
    result.groups = groups
    return findings


def _self_differs(record: Record) -> bool:
    if not record.page_prices or not record.prices:
        return False
    stated = {(p.amount, p.currency) for p in record.prices}
    shown = record.page_prices
    return not any(
        (p.amount, p.currency) in stated
        or any(p.amount == s[0] and None in (p.currency, s[1]) for s in stated)
        for p in shown
    )


def self_price(record: Record) -> Finding:
    """A page whose structured data (JSON-LD) states another price than the page shows."""
    stated = record.price
    shown = record.page_prices[0]
    assert stated is not None
    return Finding(
        rule=SELF_PRICE,
        severity=Severity.WARNING,
        message=f"The page shows {shown.display()} for '{record.label}' but its "
        f"{record.origin} data says {stated.display()}.",
        source=record.source,
        role=record.role,
        location=record.location("page-price"),
        actual=shown.display(),
        expected=f"{stated.display()} ({record.origin})",
        context=f"{record.label}|self-price",
        product=record.label,
        reference=record.location("price"),
        reference_source=record.source,
    )


def empty_source(name: str, role: Role, paths: list[str]) -> Finding:
    """A source whose paths match no file: usually a typo that would hide every finding."""
    return Finding(
        rule=SOURCE_EMPTY,
        severity=Severity.WARNING,
        message=f"Source '{name}' matched no files (paths: {', '.join(paths)}).",
        source=name,
        role=role,
        location=Location(path=paths[0] if paths else ""),
    )


def source_error(problem: SourceProblem, rule: str = SOURCE_ERROR) -> Finding:
    """A file or page that could not be read, reported like any other finding."""
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        message=f"Could not check {problem.url or problem.path}: {problem.reason}",
        source=problem.source,
        role=problem.role,
        location=Location(path=problem.path, url=problem.url),
        actual=problem.reason,
    )


def relative_paths(paths: list[str], root: Path, cwd: Path) -> set[str]:
    """Command-line paths as project-relative POSIX paths (folders expand to their files)."""
    out: set[str] = set()
    for p in paths:
        path = (cwd / p).resolve()
        targets = [x for x in path.rglob("*") if x.is_file()] if path.is_dir() else [path]
        out.update(relative(t, root) for t in targets)
    return out
