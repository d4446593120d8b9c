"""The audit's output: findings worded as edits a partner makes, per product.

Each finding already carries what the partner has (`actual`), what the brand says
(`expected`, with where), the product and the field; this module only words it per rule
kind ("Change the price from USD 279.00 to USD 299.00.") and lays it out: a console to-do
list, JSON, or CSV rows (product, sku, field, column, current, new, ...) ready for a bulk
update in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from msglint.model import Code, Finding, Record, counts, fails

CSV_COLUMNS = (
    "product",
    "sku",
    "field",
    "column",
    "current",
    "new",
    "action",
    "rule",
    "severity",
    "file",
    "line",
)
_CLAIM_TITLES = {
    "warranty": "warranty",
    "returns": "return window",
    "sla": "uptime SLA",
    "support-hours": "support hours",
    "support-channel": "support channel",
    "free-shipping": "free-shipping threshold",
    "trial": "trial length",
}
_GENERAL = "(general)"


@dataclass
class Todo:
    """One edit for the partner."""

    product: str
    sku: str
    field: str
    column: str
    current: str
    new: str
    action: str
    rule: str
    severity: str
    file: str
    line: int | None
    selector: str


def todos(audit: Any) -> list[Todo]:
    """Every kept finding of an audit as a Todo, in the findings' order."""
    out = []
    for finding in audit.findings:
        record = audit.record_of(finding)
        out.append(todo(finding, audit.rules.get(finding.rule), record, audit.references))
    return out


def todo(finding: Finding, rule: Any, record: Record | None, references: dict[str, Record]) -> Todo:
    """One finding worded as an edit. `rule` is the rule object (None for built-in ids)."""
    kind = getattr(rule, "kind", None) or "builtin"
    current = finding.actual_text or ""
    new = finding.expected_text or ""
    loc = finding.location
    fieldname = str(finding.field) if finding.field else _cell_field(finding)
    action = _action(kind, finding, rule, fieldname, current, new, references)
    if finding.code is Code.MISSING_PRODUCT:
        product = finding.product or _GENERAL
    else:
        product = (record.name if record and record.name else None) or finding.product or _GENERAL
    sku = ""
    if record is not None:
        sku = record.sku or record.mpn or record.gtin or record.item_id or ""
    if finding.code is Code.RETIRED_PRODUCT and rule is not None:
        retired = rule.retired_name(current)
        new = (retired[1] if retired else None) or ""
    return Todo(
        product=product,
        sku=sku,
        field=fieldname,
        column=loc.cell or "",
        current=current,
        new=new,
        action=action,
        rule=finding.rule,
        severity=finding.severity.value,
        file=loc.url or loc.path,
        line=loc.line,
        selector=loc.anchor or "",
    )


def _cell_field(finding: Finding) -> str:
    loc = finding.location
    return loc.cell.casefold() if loc.cell else loc.segment or ""


def _action(
    kind: str,
    finding: Finding,
    rule: Any,
    fieldname: str,
    current: str,
    new: str,
    references: dict[str, Record],
) -> str:
    if kind == "price":
        what = "sale price" if fieldname == "sale_price" else "price"
        if not current:
            return f"Add the {what}: {new}."
        return f"Change the {what} from {current} to {new}."
    if kind == "spec":
        label = _spec_label(finding, fieldname, references)
        if not current:
            return f"State the {label}: {new}."
        return f"Change the {label} from {current} to {new}."
    if kind == "name":
        return f"Rename '{current}' to '{new}'."
    if kind == "claim":
        title = _CLAIM_TITLES.get(fieldname.removeprefix("claim:"), "claim")
        return f"Change the {title} from '{current}' to '{new}'."
    if kind == "description":
        if new:
            return f"In the description, change '{current}' to say what the brand says: '{new}'."
        return f"Remove from the description a claim the brand does not make: '{current}'."
    if kind == "coverage":
        if finding.code is Code.MISSING_PRODUCT:
            return f"Add the missing product '{new}'."
        retired = rule.retired_name(current) if rule is not None else None
        if finding.code is Code.RETIRED_PRODUCT and retired:
            _old, replacement = retired
            if replacement:
                return f"Replace the retired product '{current}' with '{replacement}'."
            return f"Remove the retired product '{current}'."
        return (
            f"Check '{current}': it matches no product of the brand; correct its name or "
            "identifiers (SKU, GTIN) if it is one."
        )
    if kind in ("terminology", "banned", "capitalization"):
        place = fieldname if fieldname and fieldname != "table-cell" else ""
        if new:
            return f"Replace '{current}' with '{new}'" + (f" in the {place}." if place else ".")
        return f"Remove '{current}'" + (f" from the {place}." if place else ".")
    return finding.message


def _spec_label(finding: Finding, fieldname: str, references: dict[str, Record]) -> str:
    key = fieldname.removeprefix("spec:")
    reference = references.get(finding.product or "")
    spec = reference.specs.get(key) if reference is not None else None
    return (spec.label if spec is not None else key).casefold()


# --- renderers --------------------------------------------------------------------------------


def render_csv(items: list[Todo]) -> str:
    """One row per edit; cells a spreadsheet would run as formulas are quoted with a "'"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        row = asdict(item)
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def _cell(value: Any) -> str:
    """Guard against CSV injection: partner and page text may start with = + - @."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(?:[.,]\d+)?", text) is not None


def render_json(audit: Any, items: list[Todo], fail_on: str) -> str:
    meta = audit.bundle.bundle
    summary = counts(audit.findings)
    document = {
        "schema_version": 1,
        "bundle": {
            "brand": meta.content.brand,
            "created": meta.created.isoformat(),
            "valid_until": meta.valid_until.isoformat() if meta.valid_until else None,
            "digest": meta.digest.value,
            "products": len(meta.content.products),
        },
        "summary": {
            "todos": len(items),
            "products": len({(i.product, i.sku) for i in items}),
            "records": {
                k: v for k, v in audit.result.counts_of_records.items() if k != meta.content.source
            },
            "skipped_rows": audit.skipped,
            "by_severity": summary["by_severity"],
            "fail_on": fail_on,
            "failed": fails(audit.findings, fail_on),
        },
        "warnings": [*audit.bundle.warnings, *(f"{u}; not audited" for u in audit.unmapped)],
        "todos": [asdict(i) for i in items],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def grouped(items: list[Todo]) -> list[tuple[tuple[str, str], list[Todo]]]:
    """To-dos per product, products in order of first appearance, general items last."""
    groups: dict[tuple[str, str], list[Todo]] = {}
    for item in items:
        groups.setdefault((item.product, item.sku), []).append(item)
    return sorted(groups.items(), key=lambda kv: kv[0][0] == _GENERAL)


def print_console(audit: Any, items: list[Todo], console: Any) -> None:
    """The to-do list: one block per product, each edit with its place and rule."""
    from rich.markup import escape

    colours = {"error": "red", "warning": "yellow", "info": "blue"}
    for (product, sku), group in grouped(items):
        head = f"[bold]{escape(product)}[/bold]" + (
            f"  [dim]SKU {escape(sku)}[/dim]" if sku else ""
        )
        console.print(head)
        for item in group:
            where = item.file + (f":{item.line}" if item.line else "")
            if item.column:
                where += f" ({item.column})"
            colour = colours.get(item.severity, "white")
            console.print(
                f"  [{colour}]{item.severity:<7}[/{colour}] {escape(item.action)}",
                soft_wrap=True,
            )
            console.print(
                f"          [dim]{escape(where)}  {escape(item.rule)}[/dim]", soft_wrap=True
            )
    by = {s: sum(1 for i in items if i.severity == s) for s in ("error", "warning", "info")}
    products = len({(i.product, i.sku) for i in items if i.product != _GENERAL})
    records = sum(
        v
        for k, v in audit.result.counts_of_records.items()
        if k != audit.bundle.bundle.content.source
    )
    skipped = f" ({audit.skipped} row(s) of other brands skipped)" if audit.skipped else ""
    if not items:
        console.print(
            f"Nothing to fix: {records} product record(s) agree with the "
            f"{escape(audit.bundle.bundle.content.brand)} reference{skipped}.",
            soft_wrap=True,
        )
        return
    console.print(
        f"\n{len(items)} to-do(s) for {products} product(s) in {records} record(s) read"
        f"{skipped}: {by['error']} error(s), {by['warning']} warning(s), {by['info']} info",
        soft_wrap=True,
    )
