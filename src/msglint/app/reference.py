"""`msglint reference export`: the brand's reference products and rules as a bundle.

The reference sources go through the real pipeline (`engine.run`, the same reading and
extraction `msglint check` compares with, web sources from their snapshots included); the
bundle format itself (build, write, load, verify) is bundle.py's.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from msglint import __version__, engine
from msglint.bundle import build, exportable
from msglint.checks.builtin import ExtractError, ParseError, SourceError
from msglint.config import LoadedConfig
from msglint.engine import RunOptions
from msglint.errors import UsageError
from msglint.model import Record, Role

#: msglint's own rules that say content could not be read: they become export warnings.
READING_PROBLEMS = (SourceError.id, ParseError.id, ExtractError.id)


def export(
    loaded: LoadedConfig,
    *,
    brand: str | None = None,
    created: datetime | None = None,
    valid_until: date | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """A bundle from a brand's config: its reference records and exportable rules.
    Returns the bundle data and warnings (files and data that could not be read)."""
    from msglint.packs import load_packs, shipped_dir

    config = loaded.config
    references = [s for s in config.sources if s.role is Role.REFERENCE]
    if not references:
        raise UsageError(
            f"{loaded.origin}: no source has role 'reference'; a bundle holds the brand's "
            "reference products"
        )
    names = {s.name for s in references}
    result = engine.run(loaded, packs=[], options=RunOptions(sources=names))
    records = [r for s in references for r in result.records.get(s.name, [])]
    if not any(r.kind == "product" for r in records):
        raise UsageError(
            "the reference sources have no product data (schema.org Product, selectors or a "
            "catalog); there is nothing to export"
        )
    shipped = shipped_dir().resolve()
    rules = [
        rule
        for pack in load_packs(config.packs, loaded.root, config.disable)
        for rule in pack.rules
        if exportable(rule, pack.path.resolve().parent == shipped)
    ]
    data = build(
        records,
        rules,
        brand=brand or _brand_of(records, references[0].name),
        source=references[0].name,
        created=created or datetime.now(UTC),
        valid_until=valid_until,
        version=__version__,
    )
    warnings = [
        f.message for f in result.findings if f.rule in READING_PROBLEMS and f.severity.rank >= 2
    ]
    return data, warnings


def write(data: dict[str, Any], path: Path) -> None:
    """Write the bundle (JSON, or a zip when `path` ends .zip); a failure is a usage error."""
    from msglint import bundle

    try:
        bundle.write(data, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the bundle: {exc}") from None


def _brand_of(records: list[Record], fallback: str) -> str:
    """The brand the reference products name most often, else the reference's name."""
    brands = Counter(r.brand for r in records if r.kind == "product" and r.brand)
    return brands.most_common(1)[0][0] if brands else fallback
