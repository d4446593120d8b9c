"""Reviewdog Diagnostic Format (rdjson): findings as review comments, with suggested fixes.

reviewdog counts columns in UTF-8 bytes (1-based; range ends exclusive), msglint in
characters; for a line with non-ASCII text the columns are converted by reading that line of
the file (only lines with findings are read). `rdjsonl` (report/rdjsonl.py) is the same
diagnostics, one JSON object per line.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from msglint.model import Finding, Location
from msglint.model.result import RunResult
from msglint.report import ReportOptions
from msglint.report.meta import detail

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
SOURCE = {"name": "msglint"}


def diagnostics(result: RunResult) -> list[dict[str, Any]]:
    """One rdjson diagnostic per finding."""
    root = result.config.root
    lines = _Lines(Path(root) if root else None)
    return [diagnostic(f, lines) for f in result.findings]


def diagnostic(f: Finding, lines: _Lines) -> dict[str, Any]:
    loc = f.location
    out: dict[str, Any] = {
        "message": detail(f) if not loc.url else f"{loc.url}: {detail(f)}",
        "location": {"path": loc.path},
        "severity": _SEVERITY[f.severity.value],
        "source": SOURCE,
        "code": {"value": f.rule, **({"url": f.link} if f.link else {})},
    }
    span = _range(loc, lines)
    if span:
        out["location"]["range"] = span
    if f.fix is not None and span and "end" in span and not loc.url:
        out["suggestions"] = [{"range": span, "text": f.fix}]
    if f.overdue:
        out["original_output"] = f"overdue: {f.overdue}"
    return out


def _range(loc: Location, lines: _Lines) -> dict[str, Any] | None:
    if not loc.line or loc.page is not None:  # a PDF's page lines are not file lines
        return None
    start = {"line": loc.line, "column": lines.byte_column(loc.path, loc.line, loc.column or 1)}
    span: dict[str, Any] = {"start": start}
    if loc.end_line and loc.end_column:
        span["end"] = {
            "line": loc.end_line,
            "column": lines.byte_column(loc.path, loc.end_line, loc.end_column),
        }
    return span


class _Lines:
    """Lines of the project's files, read on demand, to turn character into byte columns."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._read = lru_cache(maxsize=64)(self._load)

    def _load(self, path: str) -> list[str] | None:
        if self.root is None:
            return None
        try:
            data = (self.root / path).read_bytes()
        except OSError:
            return None
        # msglint counts lines at \n, \r\n and \r only (str.splitlines also splits at \f...).
        return re.split(r"\r\n|\r|\n", data.decode("utf-8", errors="replace"))

    def byte_column(self, path: str, line: int, column: int) -> int:
        text = self._read(path)
        if not text or line > len(text):
            return column
        prefix = text[line - 1][: column - 1]
        return len(prefix.encode("utf-8")) + 1


def render(result: RunResult, options: ReportOptions) -> str:
    doc = {"source": SOURCE, "diagnostics": diagnostics(result)}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
