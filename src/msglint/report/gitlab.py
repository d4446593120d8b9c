"""GitLab Code Quality report (a subset of the Code Climate JSON format).

GitLab shows these in the merge request widget and the diff when the job declares
`artifacts: reports: codequality: <file>`.
"""

from __future__ import annotations

import json

from msglint.model import Location
from msglint.model.result import RunResult
from msglint.report import ReportOptions
from msglint.report.meta import detail

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result: RunResult, options: ReportOptions) -> str:
    issues = []
    for f in result.findings:
        loc = f.location
        issues.append(
            {
                "type": "issue",
                "check_name": f.rule,
                "description": detail(f) if not loc.url else f"{loc.url}: {detail(f)}",
                "categories": ["Style"],
                "fingerprint": f"{f.source}:{f.fingerprint}",
                "severity": _SEVERITY[f.severity.value],
                "location": {"path": loc.path, "lines": {"begin": _line(loc)}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _line(loc: Location) -> int:
    """The file line; a paged document's (PDF) lines are not lines of the file."""
    return (loc.line if loc.page is None else None) or 1
