"""`msglint baseline`: write today's findings to a baseline file, or prune one."""

from __future__ import annotations

import json
from pathlib import Path

from msglint import engine
from msglint.app.check import relative_paths
from msglint.config import LoadedConfig
from msglint.engine import RunOptions
from msglint.filter import baseline


def write(
    loaded: LoadedConfig, target: Path | None, paths: list[str] | None, cwd: Path
) -> tuple[Path, int]:
    """Write the run's findings to `target` (default: .msglint-baseline.json); returns the
    file and how many findings it holds."""
    target = target or loaded.root / baseline.DEFAULT
    result = engine.run(loaded, options=RunOptions(only=_only(loaded, paths, cwd)))
    target.write_text(baseline.dumps(result.findings), encoding="utf-8")
    return target, len(result.findings)


def prune(
    loaded: LoadedConfig, target: Path | None, paths: list[str] | None, cwd: Path
) -> tuple[Path, int]:
    """Drop the entries of `target` that match no finding any more; returns the file and
    how many entries went."""
    target = target or loaded.root / baseline.DEFAULT
    entries = baseline.load(target)
    result = engine.run(loaded, options=RunOptions(only=_only(loaded, paths, cwd)))
    outcome = baseline.apply(result.findings, entries)
    kept = baseline.prune(entries, outcome.fixed)
    target.write_text(json.dumps(kept, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return target, len(outcome.fixed)


def _only(loaded: LoadedConfig, paths: list[str] | None, cwd: Path) -> set[str] | None:
    if paths and loaded.path is not None:
        return relative_paths(paths, loaded.root, cwd)
    return None
