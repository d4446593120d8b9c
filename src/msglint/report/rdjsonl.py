"""Reviewdog Diagnostic Format, one diagnostic per line (`reviewdog -f=rdjsonl`)."""

from __future__ import annotations

import json

from msglint.model.result import RunResult
from msglint.report import ReportOptions
from msglint.report.rdjson import diagnostics


def render(result: RunResult, options: ReportOptions) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in diagnostics(result))
