"""Reviewdog Diagnostic Format, one diagnostic per line (`reviewdog -f=rdjsonl`)."""

from __future__ import annotations

import json
from typing import Any

from msglint.report.rdjson import diagnostics


def render(result: Any, fail_on: str) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in diagnostics(result))
