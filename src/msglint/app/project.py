"""`msglint init` (a starter project) and `msglint schema` (the JSON Schemas)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msglint.errors import UsageError


def init(directory: Path) -> tuple[list[Path], list[Path]]:
    """Write the starter files that do not exist yet: (created, left unchanged)."""
    from msglint.starter import write_starter

    return write_starter(directory)


def schema(which: str) -> dict[str, Any]:
    """The JSON Schema of "config", "rules" or "bundle"."""
    from msglint.schemas import WHICH, generate

    if which not in WHICH:
        raise UsageError(f"choose one of: {', '.join(WHICH)}")
    return generate(which)
