"""A saved JSON report (report/json.py's schema) back into what the renderers need.

`msglint report RUN.json` renders a result that CI kept as JSON: the HTML report works on the
JSON data directly (so both paths share one renderer), and the other formats get a result
rebuilt with the same findings, counts and config digest. Groups are not rebuilt as records
(the JSON keeps only their headline facts), so formats that need more than findings and
counts see no groups.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msglint.errors import UsageError
from msglint.jsonfile import read_json
from msglint.model import Finding, Location, Role, Severity

#: A saved report bigger than this is not one msglint wrote for a human-sized project.
MAX_REPORT_BYTES = 512 * 1024 * 1024
SUPPORTED_SCHEMA = 1
_LOCATION_KEYS = (
    "path", "page", "line", "column", "end_line", "end_column", "selector", "url", "segment",
)  # fmt: skip


def read_report(path: Path) -> dict[str, Any]:
    """Read and sanity-check a saved JSON report; every problem is a UsageError (exit 2)."""
    data = read_json(path, f"{path}: no such file", MAX_REPORT_BYTES)
    if not isinstance(data, dict) or "findings" not in data or "summary" not in data:
        raise UsageError(
            f"{path}: not a msglint JSON report (write one with 'msglint check -f json')"
        )
    version = data.get("schema_version")
    if version != SUPPORTED_SCHEMA:
        raise UsageError(
            f"{path}: schema_version {version!r} is not supported (expected {SUPPORTED_SCHEMA})"
        )
    if not isinstance(data["findings"], list):
        raise UsageError(f"{path}: 'findings' must be a list")
    return data


def location_from_dict(data: dict[str, Any]) -> Location:
    return Location(**{k: data.get(k) for k in _LOCATION_KEYS if k != "path"}, path=data["path"])


def finding_from_dict(data: dict[str, Any]) -> Finding:
    """The Finding a JSON report's finding was written from (Finding.to_dict reversed)."""
    ref = data.get("reference")
    return Finding(
        rule=data["rule"],
        severity=Severity(data["severity"]),
        message=data["message"],
        source=data["source"],
        location=location_from_dict(data["location"]),
        actual=data.get("actual"),
        expected=data.get("expected"),
        role=Role(data["role"]) if data.get("role") else None,
        link=data.get("link"),
        fingerprint=data.get("fingerprint", ""),
        product=data.get("product"),
        reference=location_from_dict(ref) if ref else None,
        reference_source=ref.get("source") if ref else None,
        first_seen=data.get("first_seen"),
        overdue=data.get("overdue"),
        screenshot=data.get("screenshot"),
        screenshot_note=data.get("screenshot_note"),
    )


@dataclass
class SavedConfig:
    """The part of LoadedConfig a report reads: the config file's name and digest."""

    path: Path | None
    digest: str


@dataclass
class SavedResult:
    """A RunResult look-alike rebuilt from a saved JSON report, for the other formats."""

    findings: list[Finding]
    config: SavedConfig
    documents: dict[str, int] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    packs: list[Any] = field(default_factory=list)
    groups: list[Any] = field(default_factory=list)
    unmatched_reference: dict[str, list[Any]] = field(default_factory=dict)
    unmatched_partner: dict[str, list[Any]] = field(default_factory=dict)
    history: Any = None


def result_from_report(data: dict[str, Any]) -> SavedResult:
    """A result with the saved findings and counts; groups are left out (see module doc)."""
    try:
        findings = [finding_from_dict(f) for f in data["findings"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"a finding in the report is malformed: {exc!r}") from None
    cfg = data.get("config") or {}
    summary = data.get("summary") or {}
    return SavedResult(
        findings=findings,
        config=SavedConfig(Path(cfg["path"]) if cfg.get("path") else None, cfg.get("digest", "")),
        documents=dict(summary.get("documents") or {}),
        records=dict(summary.get("records") or {}),
    )


def render_saved(
    data: dict[str, Any], fmt: str, trends: dict[str, list[dict[str, Any]]] | None = None
) -> str:
    """A saved report in format `fmt`: HTML from the data itself, JSON as it was, the other
    formats from a rebuilt result."""
    if fmt == "html":
        from msglint.report.html import render_report

        return render_report(data, trends=trends)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    from msglint.report import renderer

    summary = data.get("summary") or {}
    return renderer(fmt)(result_from_report(data), summary.get("fail_on") or "error")
