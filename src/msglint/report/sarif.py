"""SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

Files are physical locations relative to `%SRCROOT%` (the project root), so the report holds no
machine paths and two runs give the same bytes. A finding on a fetched page has the page URL as
its artifact and the element's CSS selector as a logical location. Rule metadata (short and
full description, help) comes from the rules' own documentation (see report/meta.py).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from msglint import __version__
from msglint.model import Finding, Location, place_text
from msglint.model.result import RunResult
from msglint.report import ReportOptions
from msglint.report.meta import rule_table

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "msglint/v1"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def as_dict(result: RunResult) -> dict[str, Any]:
    """The SARIF log as plain data."""
    table = rule_table(result)
    ids = sorted(table)
    index = {rule_id: n for n, rule_id in enumerate(ids)}
    rules = []
    for rule_id in ids:
        info = table[rule_id]
        rule: dict[str, Any] = {
            "id": info.id,
            "name": info.id,
            "shortDescription": {"text": info.short},
            "fullDescription": {"text": info.full},
            "help": {"text": info.help, "markdown": info.help},
            "defaultConfiguration": {"level": _LEVEL[info.level]},
            "properties": {"kind": info.kind},
        }
        if info.link:
            rule["helpUri"] = info.link
        rules.append(rule)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "msglint",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"SRCROOT": {"description": {"text": "project root"}}},
                "results": [result_dict(f, index[f.rule]) for f in result.findings],
            }
        ],
    }


def result_dict(f: Finding, rule_index: int) -> dict[str, Any]:
    """One SARIF result: message, where, fingerprint, evidence as properties, fix if any."""
    properties: dict[str, Any] = {"source": f.source, "severity": f.severity.value}
    values = {
        "role": f.role.value if f.role else None,
        "code": f.code.value if f.code else None,
        "expected": f.expected_text,
        "actual": f.actual_text,
        "product": f.product,
        "field": str(f.field) if f.field else None,
        "first_seen": f.first_seen,
        "overdue": f.overdue,
        "screenshot": f.screenshot,
        "screenshot_note": f.screenshot_note,
    }
    properties.update((k, v) for k, v in values.items() if v is not None)
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity.value],
        "message": {"text": f.message + (f" (overdue: {f.overdue})" if f.overdue else "")},
        "locations": [location(f.location)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": properties,
    }
    if f.screenshot:
        out["attachments"] = [
            {
                "description": {"text": f"Screenshot of the element on {f.location.url}"},
                "artifactLocation": {
                    "uri": quote(f.screenshot, safe="/:@!$&'()*+,;=-._~"),
                    "uriBaseId": "SRCROOT",
                },
            }
        ]
    if f.reference is not None:
        ref = location(f.reference.location)
        ref["id"] = 1
        ref["message"] = {"text": f"reference ({f.reference.source})"}
        out["relatedLocations"] = [ref]
    if f.fix is not None and f.location.url is None and f.location.line and f.location.column:
        out["fixes"] = [
            {
                "description": {"text": f"Replace with '{f.fix}'."},
                "artifactChanges": [
                    {
                        "artifactLocation": _artifact(f.location),
                        "replacements": [
                            {
                                "deletedRegion": _region(f.location),
                                "insertedContent": {"text": f.fix},
                            }
                        ],
                    }
                ],
            }
        ]
    return out


def location(loc: Location) -> dict[str, Any]:
    """A SARIF location: the file (or page URL) and region, and the CSS selector if known."""
    physical: dict[str, Any] = {"artifactLocation": _artifact(loc)}
    region = _region(loc)
    if region:
        physical["region"] = region
    out: dict[str, Any] = {"physicalLocation": physical}
    if loc.anchor:
        kind = "element" if loc.selector else "member"
        out["logicalLocations"] = [
            {"fullyQualifiedName": loc.anchor, "name": loc.anchor, "kind": kind}
        ]
    elif loc.page is not None:
        name = place_text(loc)
        out["logicalLocations"] = [{"fullyQualifiedName": name, "name": name, "kind": "page"}]
    return out


def _artifact(loc: Location) -> dict[str, Any]:
    if loc.url:
        return {"uri": loc.url}
    return {"uri": quote(loc.path, safe="/:@!$&'()*+,;=-._~"), "uriBaseId": "SRCROOT"}


def _region(loc: Location) -> dict[str, Any]:
    region: dict[str, Any] = {}
    if loc.page is not None:  # a paged document (PDF): its lines are not lines of the file
        return region
    if loc.line:
        region["startLine"] = loc.line
        if loc.column:
            region["startColumn"] = loc.column
        if loc.end_line and loc.end_line >= loc.line:
            region["endLine"] = loc.end_line
            if loc.end_column and (loc.end_line > loc.line or loc.end_column > (loc.column or 0)):
                region["endColumn"] = loc.end_column
    return region


def render(result: RunResult, options: ReportOptions) -> str:
    return json.dumps(as_dict(result), indent=2, ensure_ascii=False) + "\n"
