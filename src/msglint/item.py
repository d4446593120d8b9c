"""One file or page through parse, text rules, suppressions and extraction.

This is what a worker process runs for every item (workers.py is handed `check` and knows
nothing else of the pipeline): a `Content` in, an `Outcome` out (its findings, its records,
its suppression directives). Nothing here keeps state between items, so items can be
checked in any process, in any order, and give the same outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from msglint import budget
from msglint.checks.base import TextRule
from msglint.checks.builtin import ExtractError, NoProductData, ParseError, SourceError
from msglint.config import SourceConfig
from msglint.extract import Extraction, ProblemCode
from msglint.filter.suppress import Suppressions, scan
from msglint.incremental import Unchanged
from msglint.model import (
    Code,
    DocDigest,
    Document,
    Finding,
    Location,
    Plan,
    Record,
    Role,
    Severity,
)
from msglint.parse import BINARY_FORMATS, UnreadableDocument, parse, parse_binary
from msglint.sources import Content, SourceProblem

#: What each kind of extraction problem is as a finding's code.
PROBLEM_CODES = {
    ProblemCode.NO_DATA: Code.NO_PRODUCT_DATA,
    ProblemCode.NOT_A_CATALOG: Code.NOT_A_CATALOG,
    ProblemCode.UNREADABLE: Code.UNREADABLE,
    ProblemCode.COLUMNS: Code.COLUMNS_UNMAPPED,
    ProblemCode.UNRECOGNIZED: Code.COLUMNS_UNRECOGNIZED,
    ProblemCode.ROW: Code.ROW_SKIPPED,
    ProblemCode.VALUE: Code.VALUE_UNREADABLE,
    ProblemCode.MALFORMED: Code.MALFORMED_DATA,
    ProblemCode.LIMIT: Code.LIMIT_REACHED,
}


@dataclass(frozen=True)
class Task:
    """What every item of one source is checked with (inherited by forked workers)."""

    source: SourceConfig
    rules: list[TextRule]
    #: `--changed-since`: text rules read only these files (records are still read).
    changed: set[str] | None = None
    #: `msglint audit`: keep only the catalog rows it accepts, and lint their prose cells.
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
    suppressions: Suppressions | None = None
    digest: DocDigest | None = None
    #: SaaS plans read from a pricing page or a price list.
    plans: list[Plan] = field(default_factory=list)


def check(item: Content | SourceProblem | Unchanged, task: Task) -> Outcome | None:
    """The outcome of one item (None for a SourceProblem: the engine reports it)."""
    if isinstance(item, SourceProblem):
        return None
    if isinstance(item, Unchanged):  # --since-last: checked before, same content
        return item.outcome
    try:
        return budget.limited(task.seconds, lambda: _check(item, task))
    except budget.BudgetExceeded as exc:  # the item's budget: one finding instead of its own
        error = SourceError.finding(
            item.source, item.role, item.path, str(exc), item.url, Code.OVER_TIME_BUDGET
        )
        return Outcome(findings=[error])


def _check(item: Content, task: Task) -> Outcome:
    out = Outcome()
    linted = task.changed is None or item.path in task.changed
    rules = task.rules if linted else []
    if item.data is not None and item.format not in BINARY_FORMATS:
        extraction = _catalog(item, task, rules, out.findings)
    else:
        extraction = _document(item, task, rules, out)
    if extraction is not None:
        out.records = extraction.records
        out.digest = extraction.digest
        out.plans = extraction.plans
        page = item.url or item.path
        for problem in extraction.problems:
            if problem.code is ProblemCode.NO_DATA:
                out.findings.append(
                    NoProductData.finding(item.source, item.role, page, problem.where)
                )
            else:
                out.findings.append(
                    ExtractError.finding(
                        item.source,
                        item.role,
                        page,
                        problem.where,
                        PROBLEM_CODES[problem.code],
                        problem.reason,
                        level=Severity.INFO if problem.code is ProblemCode.UNRECOGNIZED else None,
                    )
                )
    return out


def lint(doc: Document, rules: list[TextRule], findings: list[Finding]) -> None:
    """Run the text rules whose scope covers `doc` on it."""
    for rule in rules:
        if rule.applies_to(doc):
            findings.extend(rule.check(doc))


def _document(item: Content, task: Task, rules: list[TextRule], out: Outcome) -> Extraction | None:
    where = dict(source=item.source, role=item.role, path=item.path, url=item.url)
    if (
        item.role is Role.DOCS
        and item.data is None
        and rules
        and not any(r.reads_segments for r in rules)
        and "msglint" not in item.text
    ):
        # Only rules that read the source text themselves (Vale's, which also apply Vale's
        # own comments) and no msglint directive to find: msglint's parse is not needed.
        lint(Document(format=item.format, content=item.text, **where), rules, out.findings)
        return None
    try:
        if item.data is not None:  # PDF, DOCX
            doc = parse_binary(item.data, item.format, **where)  # type: ignore[arg-type]
        else:
            doc = parse(item.text, item.format, **where)  # type: ignore[arg-type]
    except UnreadableDocument as exc:  # encrypted, damaged, no text layer, a zip bomb
        out.findings.append(
            SourceError.finding(item.source, item.role, item.path, str(exc), item.url)
        )
        return None
    except Exception as exc:  # a parser bug on hostile input must not stop the run
        reason = f"could not parse {item.format}: {exc}"
        out.findings.append(ParseError.finding(item.source, item.role, item.path, reason))
        return None
    for problem in doc.problems:  # a PDF read in part
        out.findings.append(SourceError.partly(doc, problem))
    out.suppressions = scan(doc)
    lint(doc, rules, out.findings)
    if item.role is Role.DOCS:
        return None
    return extract_document(doc, task.source, digests=task.digests)


def extract_document(doc: Document, source: SourceConfig, *, digests: bool = False) -> Extraction:
    """A page's product records; other prose gives its support claims as a policy record.

    A PDF or DOCX datasheet gives a product record from its spec table. With `digests`,
    every document that is not a product page (HTML with products) gets its digest too.
    """
    from msglint.extract.page import extract_page, policy_record
    from msglint.text.language import DECIMAL_COMMA, document_language
    from msglint.values.specs import decimal_comma

    lang = document_language(doc)
    priced = False
    with decimal_comma(lang in DECIMAL_COMMA):  # "3.000 l/h" on a German page is 3000
        if doc.format == "html":
            from msglint.extract.plans.page import page_plans

            extraction = extract_page(doc, source)
            priced = page_plans(doc, source, extraction)
        else:
            extraction = Extraction()
            if doc.format in BINARY_FORMATS:
                from msglint.extract.datasheet import datasheet_record

                sheet = datasheet_record(doc)
                if sheet is not None:
                    extraction.records.append(sheet)
            policy = policy_record(doc)
            if policy is not None:
                extraction.records.append(policy)
    if lang not in (None, "en"):
        for record in extraction.records:
            record.lang = lang
    if not extraction.records and not extraction.plans and not priced and doc.format == "html":
        where = Location(path=doc.path, url=doc.url)
        extraction.problem(where, ProblemCode.NO_DATA, NoProductData.REASON)
    products = any(r.kind == "product" for r in extraction.records) or bool(extraction.plans)
    if digests and (doc.format != "html" or not products):
        from msglint.extract.digest import digest

        extraction.digest = digest(doc, product=products)
        # An article compared as a document is not a product page missing its data.
        extraction.problems = [p for p in extraction.problems if p.code is not ProblemCode.NO_DATA]
    return extraction


def _catalog(
    item: Content, task: Task, rules: list[TextRule], findings: list[Finding]
) -> Extraction:
    from msglint.extract.catalog_prose import read_claims

    extraction = load_catalog(item, task.source)
    if task.catalog_rows is not None:  # `msglint audit`: the rows' prose is checked too
        from msglint.extract.catalog_prose import prose_document

        extraction.records = [r for r in extraction.records if task.catalog_rows(r)]
        cells = prose_document(
            extraction.records, source=item.source, role=item.role, path=item.path, url=item.url
        )
        if cells is not None:
            lint(cells, rules, findings)
    # A description's promises ("3-year warranty") are the row's claims, in `check` as in
    # `audit`: a distributor's CSV is compared on them as a product page is.
    read_claims(extraction.records)
    return extraction


def load_catalog(item: Content, source: SourceConfig) -> Extraction:
    """A catalog file's records (CSV, JSON, XLSX, Merchant feeds)."""
    from msglint.extract.catalog import catalog_format
    from msglint.extract.catalog import load_catalog as load

    data = item.data or b""
    fmt = catalog_format(item.path, data[:4096])
    if fmt is not None and source.columns == {}:
        from msglint.extract.plans.page import price_list

        plans = price_list(data, fmt, item.path, source)
        if plans is not None:
            return plans
    if fmt is None:
        out = Extraction()
        out.problem(
            Location(path=item.path),
            ProblemCode.NOT_A_CATALOG,
            "not a catalog format msglint reads "
            "(CSV, TSV, JSON, JSONL, XLSX, Google Merchant feed)",
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
        language=source.language,
    )


def prepare(items: list[Any], task: Task) -> None:
    """Build, in this process, what checking `items` will build on first use, so worker
    processes forked right after share it instead of each paying for it (workers.Pool
    calls this once, with the first items): spaCy's tokenizer, the claim Matchers and
    pint's registry (about 2 s of CPU) when pages or documents are to be read for records,
    Babel's month names when documents are digested,
    and what the text rules build lazily for texts like these (a terminology rule's
    PhraseMatcher when one of its terms may be there)."""
    texts = [i.text for i in items if isinstance(i, Content) and i.data is None]
    for rule in task.rules:
        rule.warm(texts)
    if not any(
        isinstance(i, Content) and i.role is not Role.DOCS and i.format != "catalog" for i in items
    ):
        return
    from msglint.values.claims.finder import warm
    from msglint.values.editions import date_pattern
    from msglint.values.specs.units import unit_registry

    warm()
    unit_registry()
    if task.digests:
        date_pattern()  # Babel's month names (about 40 ms), for the documents' dates


def bound(task: Task) -> Callable[[Any], Outcome | None]:
    """`check` with the task filled in: what workers.outcomes is handed."""

    def work(item: Any) -> Outcome | None:
        return check(item, task)

    return work
