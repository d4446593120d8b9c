"""The column plan: which header position feeds which Record field, and which are specs.

From the source's `columns` mapping first, then by header synonyms, then every unmapped
column whose header the shipped spec table knows ("Weight (kg)", "Colour", "g:color").
The columns left over ("Max pressure", "Motor power") are read as specs under their own
header, compared only where the reference states the same key, and named once per file
in an info finding, so no column is dropped without a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from msglint.extract import ProblemCode
from msglint.extract.catalog.build import Ctx, Plan
from msglint.extract.catalog.headers import (
    FIELDS,
    IDENTIFIERS,
    NOT_SPEC_KEYS,
    TEXT_FIELDS,
    Header,
    header_list,
    ignored_headers,
    mapped_spec_label,
    norm,
    not_spec_headers,
    spec_label,
    synonyms,
)
from msglint.model import Location
from msglint.text.tables import load


@cache
def _known_spec_keys() -> frozenset[str]:
    """The canonical keys of the shipped spec tables (data/spec_keys*.yaml, the tables
    `normalize_key` maps labels with)."""
    from msglint.values.specs.keys import TABLES

    keys: set[str] = set()
    for name in TABLES:
        table = load(name)
        keys.update(str(k) for k in table) if isinstance(table, dict) else None
    return frozenset(keys)


def plan_columns(
    ctx: Ctx,
    headers: list[Header],
    columns: dict[str, str],
    header_loc: Location,
    lookup: Callable[[str], int | None] | None = None,
) -> Plan | None:
    """Map fields to header positions: the explicit mapping, then synonyms, then specs.

    A mapping naming headers the file lacks is one problem listing the headers there are;
    detection then fills the fields it left out. No name and no identifier column at all
    is one problem and no plan: rows without either cannot be matched to anything.
    `lookup` finds a header the sample did not show (a JSON path in a later object).
    """
    chosen: dict[str, int] = {}
    spec_cols: list[tuple[int, str]] = []
    claimed: set[int] = set()
    missing: list[str] = []
    unknown: list[str] = []
    exact = {h.label: i for i, h in reversed(list(enumerate(headers)))}
    loose = {norm(h.label): i for i, h in reversed(list(enumerate(headers)))}
    for i, h in enumerate(headers):
        loose.setdefault(h.detect, i)
    for fld, header in columns.items():
        if fld not in FIELDS and not fld.startswith("spec:"):
            unknown.append(fld)
            continue
        pos = exact.get(header)
        if pos is None:
            pos = loose.get(norm(header))
        if pos is None and lookup is not None:
            pos = lookup(header)
        if pos is None:
            missing.append(f"{fld} -> {header!r}")
            continue
        claimed.add(pos)
        if fld.startswith("spec:"):
            spec_cols.append((pos, mapped_spec_label(fld[5:].strip(), headers[pos])))
        else:
            chosen[fld] = pos
    if unknown:
        ctx.problem(
            header_loc,
            ProblemCode.COLUMNS,
            f"column mapping names unknown fields {', '.join(map(repr, unknown))}; "
            f"fields are {', '.join(FIELDS)} and spec:<Label>",
        )
    if missing:
        ctx.problem(
            header_loc,
            ProblemCode.COLUMNS,
            f"column mapping names headers the file does not have ({'; '.join(missing)}); "
            f"headers are: {header_list(headers)}",
        )
    _detect(headers, chosen, claimed)
    if not any(f in chosen for f in ("name", *IDENTIFIERS)):
        ctx.problem(
            header_loc,
            ProblemCode.COLUMNS,
            "no name and no identifier (SKU, MPN, GTIN) column found; "
            f"headers are: {header_list(headers)}",
        )
        return None
    spec_cols.extend(_detect_specs(headers, claimed))
    unknown_specs, codes = _by_header(headers, claimed)
    spec_cols.extend(unknown_specs)
    said = []
    if unknown_specs:
        said.append(
            f"{_names(headers, unknown_specs)} read as specs under their own header "
            "(compared where the reference has the same key)"
        )
    if codes:
        said.append(f"{_names(headers, codes)} (identifier-like) not read")
    if said:
        ctx.problem(
            header_loc,
            ProblemCode.UNRECOGNIZED,
            "columns not recognized: "
            + "; ".join(said)
            + "; add synonyms under `spec_keys:` or name columns with `columns:` "
            "(e.g. sku: 'Our Code', spec:Weight: 'Gew.')",
        )
    plan = Plan(
        text=[(f, chosen[f]) for f in TEXT_FIELDS if f in chosen],
        price=chosen.get("price"),
        sale_price=chosen.get("sale_price"),
        currency=chosen.get("currency"),
        specs=spec_cols,
    )
    plan.used = sorted({*chosen.values(), *(p for p, _ in spec_cols)})
    return plan


def _detect(headers: list[Header], chosen: dict[str, int], claimed: set[int]) -> None:
    """Fill unmapped fields by synonym: best synonym first, then lowest rank, then order."""
    by_name: dict[str, list[int]] = {}
    for i, h in enumerate(headers):
        by_name.setdefault(h.detect, []).append(i)
    for fld in ("item_id", "name", "gtin", "mpn", "sku", "sale_price", "price", "currency"):
        _pick(fld, headers, by_name, chosen, claimed)
    for fld in ("brand", "description", "url"):
        _pick(fld, headers, by_name, chosen, claimed)


def _pick(
    fld: str,
    headers: list[Header],
    by_name: dict[str, list[int]],
    chosen: dict[str, int],
    claimed: set[int],
) -> None:
    if fld in chosen:
        return
    for synonym in synonyms()[fld]:
        free = [i for i in by_name.get(synonym, ()) if i not in claimed]
        if free:
            pos = min(free, key=lambda i: (headers[i].rank, i))
            chosen[fld] = pos
            claimed.add(pos)
            return


def _detect_specs(headers: list[Header], claimed: set[int]) -> list[tuple[int, str]]:
    """Unclaimed columns whose header is a known spec ("Weight (kg)", "Colour", "g:color").

    Only keys of the shipped spec table count: a column the table does not know ("Notes",
    "availability") is not a spec unless the mapping says so, or every catalog would
    grow specs that no page states. The first column of a key wins.
    """
    from msglint.values.specs import normalize_key

    known = _known_spec_keys() - NOT_SPEC_KEYS
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, h in enumerate(headers):
        if i in claimed or not h.detect or h.detect in not_spec_headers():
            continue
        label = spec_label(h.label)
        key = normalize_key(label)
        if key in known and key not in seen:
            seen.add(key)
            claimed.add(i)
            found.append((i, label))
    return found


#: A header that is a path into JSON, not a column a person named.
_STRUCTURAL = re.compile(r"@|\[\d*\]|^\S+\.[\w$]+$")
#: A header that names a code, not a property: "Our Code", "Supplier No.", "Lief.-Nr.".
_CODE_HEADER = re.compile(
    r"(?i)(?:\b(?:code|codes|id|no|nr|num|number|nummer|numero|número|sku|ref|ean|upc)\.?"
    r"|nummer|nr\.?|-id)\s*$"
)
#: Columns read as specs by their own header at most (a wide export keeps its first ones).
MAX_HEADER_SPECS = 200


def _names(headers: list[Header], columns: list[tuple[int, str]]) -> str:
    names = ", ".join(repr(headers[i].label) for i, _ in columns[:20])
    return names + (f" and {len(columns) - 20} more" if len(columns) > 20 else "")


def _by_header(
    headers: list[Header], claimed: set[int]
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Unclaimed columns no table knows, as specs keyed by their header: not the ignored
    ones (images, categories, notes), not a second identifier or brand column, not a
    header without words. The first column of a key wins. Second: the unclaimed columns
    whose header names a code ("Our Code", "Supplier No."), which are not specs."""
    from msglint.values.specs import normalize_key

    skip = not_spec_headers() | ignored_headers()
    taken = {normalize_key(spec_label(headers[i].label)) for i in claimed if i < len(headers)}
    found: list[tuple[int, str]] = []
    codes: list[tuple[int, str]] = []
    for i, h in enumerate(headers):
        if (
            i in claimed
            or not h.detect
            or h.detect in skip
            or any(h.detect in names for names in synonyms().values())
        ):
            continue
        if _STRUCTURAL.search(h.label):  # JSON structure ("@type", "offers.price", "a[0].b")
            continue
        label = spec_label(h.label)
        key = normalize_key(label)
        if not key or key in NOT_SPEC_KEYS or key in taken:
            continue
        if _CODE_HEADER.search(label):
            codes.append((i, label))
            continue
        taken.add(key)
        claimed.add(i)
        found.append((i, label))
        if len(found) >= MAX_HEADER_SPECS:
            break
    return found, codes
