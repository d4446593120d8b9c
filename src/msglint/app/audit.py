"""`msglint audit`: a partner checks their own catalog or pages against a reference bundle.

Nothing here re-implements a check. The bundle's products become the reference records of
an ordinary run (`engine.run` with the records given), its rules become a Pack, and each input
the partner names becomes an ordinary partner `SourceConfig`, so catalogs, feeds and HTML
pages are read, matched and compared exactly as `msglint check` does it for the brand.
What is the audit's own is the last step: findings become a to-do list the partner can act
on (`todo.py` words each item).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msglint import engine
from msglint.bundle import LoadedBundle, reference_records
from msglint.checks.builtin import ExtractError
from msglint.checks.pack import Pack
from msglint.config import Config, LoadedConfig, SourceConfig
from msglint.config.web import CrawlSettings
from msglint.engine import RunOptions
from msglint.errors import UsageError
from msglint.model import Code, Finding, Record, Role
from msglint.model.result import RunResult

_URL = re.compile(r"^https?://", re.IGNORECASE)
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass
class AuditOptions:
    """What the partner can say on the command line."""

    columns: dict[str, str] = field(default_factory=dict)
    currency: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    missing: bool = False  # also list the brand's products the inputs do not have
    #: Websites: seconds between two requests to one host, and pages fetched per URL at most.
    delay: float = 1.0
    max_pages: int = 1000


@dataclass
class Audit:
    """One audit: the run, the findings kept for the partner, and where each record is."""

    bundle: LoadedBundle
    result: RunResult
    findings: list[Finding]
    rules: dict[str, Any]
    partner_records: PartnerRecords
    references: dict[str, Record]
    skipped: int = 0  # catalog rows of other brands, not audited
    #: Inputs whose columns could not be mapped while others could: each "path: why".
    unmapped: list[str] = field(default_factory=list)

    def record_of(self, finding: Finding) -> Record | None:
        """The partner record a finding is about, if any."""
        return self.partner_records.of(finding)


class BrandRows:
    """Which catalog rows are the brand's business: all but those whose brand column names
    another brand and that share no identifier with the bundle.

    A retailer's catalog is mostly other brands' products. Matching them against the
    brand's products and reading their prose costs most of an audit and can only produce
    noise, so they are counted and left out. A row without a brand column, or with the
    brand's identifiers, is always audited.
    """

    def __init__(self, brand: str, products: list[Any]) -> None:
        self.brand = brand
        self.identifiers = {
            _ident(x) for p in products for x in (p.sku, p.mpn, p.gtin) if x and _ident(x)
        }
        self.skipped = 0

    def __call__(self, record: Record) -> bool:
        if not record.brand or _brand_like(record.brand, record.brand, self.brand):
            return True
        ids = self.identifiers
        if any(x and _ident(x) in ids for x in (record.sku, record.mpn, record.gtin)):
            return True
        self.skipped += 1
        return False


def _ident(value: str) -> str:
    return value.strip().casefold().lstrip("0")


def open_bundle(path: Path) -> LoadedBundle:
    """Read and verify a reference bundle (every problem is a usage error, exit 2)."""
    from msglint import bundle

    return bundle.load(path)


def parse_columns(values: list[str]) -> dict[str, str]:
    """`--column price=Unit Price` flags -> a `columns` mapping, fields checked."""
    from msglint.extract.catalog import FIELDS

    out: dict[str, str] = {}
    for value in values:
        fld, sep, header = value.partition("=")
        fld, header = fld.strip(), header.strip()
        if not sep or not fld or not header:
            raise UsageError(f"--column {value!r}: write FIELD=HEADER, e.g. --column price='Unit'")
        if fld not in FIELDS and not (fld.startswith("spec:") and fld[5:].strip()):
            raise UsageError(
                f"--column {value!r}: unknown field '{fld}'; fields are "
                f"{', '.join(FIELDS)} and spec:<Label>"
            )
        out[fld] = header
    return out


def partner_sources(inputs: list[str], cwd: Path, options: AuditOptions) -> list[SourceConfig]:
    """One partner source per input (a file or folder), named after it."""
    if not inputs:
        raise UsageError("name at least one catalog file, folder of pages or URL to audit")
    sources: list[SourceConfig] = []
    names: set[str] = set()
    for entry in inputs:
        if _URL.match(entry):
            sources.append(url_source(entry, _unique(_url_name(entry), names), options))
            continue
        path = cwd / entry
        if not path.exists():
            raise UsageError(f"{entry}: no such file or folder")
        name = _unique(_NOT_NAME.sub("-", path.resolve().stem or "input").strip("-._"), names)
        sources.append(
            SourceConfig(
                name=name,
                role=Role.PARTNER,
                paths=[entry],
                columns=options.columns,
                currency=options.currency,
                delimiter=options.delimiter,
                encoding=options.encoding,
            )
        )
    return sources


def url_source(url: str, name: str, options: AuditOptions) -> SourceConfig:
    """The partner source of a URL: the pages under it (its folder and below, politely
    crawled like any web source), or the one catalog file or feed it names."""
    from pydantic import ValidationError

    from msglint.sources.web import adhoc_source

    try:
        return adhoc_source(
            name,
            [url],
            crawl={"scope": "prefix", "max_pages": options.max_pages},
            columns=options.columns,
            currency=options.currency,
            delimiter=options.delimiter,
            encoding=options.encoding,
        )
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise UsageError(f"{_without_userinfo(url)}: {reason}") from None


def _without_userinfo(url: str) -> str:
    """The URL with any `user:password@` masked, so a credential is never printed."""
    return re.sub(r"^(https?://)[^/@]*@", r"\1***@", url, flags=re.IGNORECASE)


def _url_name(url: str) -> str:
    host = _URL.sub("", url).split("/", 1)[0]
    return _NOT_NAME.sub("-", host).strip("-._") or "site"


def _unique(name: str, taken: set[str]) -> str:
    name = name or "input"
    if not name[0].isalnum():
        name = f"p{name}"
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    taken.add(candidate)
    return candidate


def run(
    bundle: LoadedBundle, inputs: list[str], cwd: Path, options: AuditOptions, fail_on: str
) -> Audit:
    """Run the real pipeline with the bundle as the reference and the inputs as partners."""
    content = bundle.bundle.content
    partners = partner_sources(inputs, cwd, options)
    reserved = {content.source}
    for source in partners:  # the reference's name is taken
        source.name = _unique(source.name, reserved)
    reference = SourceConfig(name=content.source, role=Role.REFERENCE, paths=[str(bundle.path)])
    config = Config(
        sources=[reference, *partners],
        packs=[],
        fail_on=fail_on,  # type: ignore[arg-type]
        crawl=CrawlSettings(delay=options.delay),
    )
    loaded = LoadedConfig(
        config=config, root=cwd.resolve(), path=None, origin=f"reference bundle {bundle.path}"
    )
    rules = list(content.rules)
    if not options.missing:
        for rule in rules:
            if rule.kind == "coverage":
                rule.missing = "off"
    pack = Pack(name=content.brand, path=bundle.path, description=None, rules=rules)
    records = reference_records(bundle)
    rows = BrandRows(content.brand, content.products)
    options = RunOptions(records={content.source: records}, catalog_rows=rows)
    result = engine.run(loaded, packs=[pack], options=options)
    unmapped = _refuse_unmapped(result, partners)
    index = PartnerRecords(result)
    matched = {id(m.record) for g in result.groups for m in g.matches}
    kept = [f for f in result.findings if _relevant(f, index, matched, content.brand)]
    return Audit(
        bundle=bundle,
        result=result,
        findings=kept,
        rules={r.id: r for r in rules},
        partner_records=index,
        references={r.label: r for r in records if r.kind == "product"},
        skipped=rows.skipped,
        unmapped=unmapped,
    )


def _refuse_unmapped(result: RunResult, partners: list[SourceConfig]) -> list[str]:
    """A catalog whose columns cannot be mapped: the partner must say which column is
    which before anything of it can be compared. When no input could be mapped that is a
    usage error; otherwise the others are audited and each unmapped one is returned
    ("path: why") for a warning, its finding staying on the to-do list."""
    from msglint.sources.files import shown

    problems = [
        f for f in result.findings if f.rule == ExtractError.id and f.code is Code.COLUMNS_UNMAPPED
    ]
    lines = [shown(f"{f.location.path}: {f.actual_text}") for f in problems]
    if problems and {f.source for f in problems} >= {p.name for p in partners}:
        raise UsageError(
            "the catalog's columns cannot be mapped:\n  "
            + "\n  ".join(lines)
            + "\nname them with --column, e.g. --column name='Product' --column sku='Item No' "
            "--column price='Unit Price'"
        )
    return lines


class PartnerRecords:
    """The partner records of a run, found by id, or by the place of any field they hold
    evidence for (a text finding in a catalog cell names the row's place, not the record)."""

    def __init__(self, result: RunResult) -> None:
        records = [m.record for g in result.groups for m in g.matches]
        records += [r for recs in result.unmatched.partner.values() for r in recs]
        self.by_id = {r.key: r for r in records}
        self.by_place: dict[tuple[str, str, int | None], Record] = {}
        for record in records:
            for where in record.evidence():
                self.by_place.setdefault((record.source, where.path, where.line), record)

    def of(self, finding: Finding) -> Record | None:
        if finding.record is not None and finding.record in self.by_id:
            return self.by_id[finding.record]
        loc = finding.location
        return self.by_place.get((finding.source, loc.path, loc.line))


def _relevant(finding: Finding, index: PartnerRecords, matched: set[int], brand: str) -> bool:
    """Whether a finding is the partner's business under this bundle.

    A retailer's catalog lists other brands' products too: those match no reference product
    and must not fill the to-do list. A product that matched nothing counts only when it
    looks like the brand's (its brand or name says so, or it uses a retired name); text
    findings in a catalog row count only for rows that are the brand's products.
    """
    if finding.role is Role.REFERENCE:
        return False
    if finding.reference is not None:  # compared with a reference product: always relevant
        return True
    record = index.of(finding)
    if record is None:
        return True
    if id(record) in matched or finding.code in (Code.RETIRED_PRODUCT, Code.RETIRED_NAME):
        return True
    return _brand_like(record.name, record.brand, brand)


def _brand_like(name: str | None, record_brand: str | None, brand: str) -> bool:
    folded = brand.casefold()
    if record_brand and record_brand.casefold() == folded:
        return True
    if not name:
        return False
    return re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", name.casefold()) is not None
