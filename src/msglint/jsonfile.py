"""Reading a JSON file the user named (a baseline, a saved report): every problem is a
UsageError with the path, and for bad JSON its line and column, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from msglint.errors import UsageError


def read_json(path: Path, missing: str, max_bytes: int | None = None) -> Any:
    """The parsed contents of `path`; `missing` is the whole message for a file not found."""
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise UsageError(f"{path}: larger than {max_bytes // 2**20} MiB")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(missing) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read it: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
