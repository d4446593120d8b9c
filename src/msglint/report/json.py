"""JSON report: a stable, documented schema (see README, "JSON output").

Top level: `schema_version`, `msglint_version`, `config` (`path`, `digest`), `summary`
(`findings`, `documents` per source, `by_severity`, `by_rule`, `by_source`, `fail_on`,
`failed`) and `findings` (rule, severity, message, source, role, location, expected,
actual, link, fingerprint). Nothing in it depends on the time or the machine, so two runs
over the same content give the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from msglint import __version__
from msglint.filter import counts, fails

SCHEMA_VERSION = 1


def as_dict(result: Any, fail_on: str) -> dict[str, Any]:
    """The report as plain data (also the input of later renderers)."""
    findings = result.findings
    cfg = result.config
    return {
        "schema_version": SCHEMA_VERSION,
        "msglint_version": __version__,
        "config": {
            "path": cfg.path.name if cfg.path else None,
            "digest": cfg.digest,
        },
        "summary": {
            "findings": len(findings),
            "documents": dict(result.documents),
            **counts(findings),
            "fail_on": fail_on,
            "failed": fails(findings, fail_on),
        },
        "findings": [f.to_dict() for f in findings],
    }


def render(result: Any, fail_on: str) -> str:
    return json.dumps(as_dict(result, fail_on), indent=2, ensure_ascii=False) + "\n"
