"""Imports run one way (ARCHITECTURE.md, "Layers"): the rules below fail on the first import
that runs back up, lazy imports inside functions included."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "msglint"

#: Part of msglint -> the parts it must never import.
FORBIDDEN: dict[str, set[str]] = {
    "model": {
        "app", "cli", "engine", "item", "compare", "documents", "packs", "filter", "checks",
        "match", "pairing", "extract", "parse", "sources", "vale", "values", "text",
        "config", "report", "bundle", "history", "workers",
    },
    "report": {
        "app", "cli", "engine", "item", "compare", "documents", "packs", "filter", "checks",
        "match", "pairing", "extract", "parse", "sources", "vale", "values", "config",
        "bundle", "history", "workers",
    },
    "config": {"app", "cli", "engine", "item", "sources", "report", "parse", "extract", "checks"},
    "workers": {"app", "cli", "engine", "item", "model", "checks", "extract", "parse", "sources"},
    "sources": {"app", "cli", "engine", "item", "parse", "extract", "checks", "filter", "report"},
    "checks": {"app", "cli", "engine", "item", "extract", "parse", "sources", "filter", "report"},
    "extract": {"app", "cli", "engine", "item", "checks", "filter", "report", "match"},
    "filter": {"app", "cli", "engine", "item", "checks", "extract", "parse", "sources", "report"},
    "values": {"app", "cli", "engine", "item", "checks", "extract", "parse", "sources", "match"},
    "text": {"app", "cli", "engine", "item", "checks", "extract", "parse", "sources", "values"},
    "engine": {"app", "cli", "report", "cluster"},
    "cluster": {"app", "cli", "engine", "report"},
    "notify": {"app", "cli", "engine", "item", "report"},
    "scorecard": {"app", "cli", "engine", "item", "report"},
    "bundle": {"app", "cli", "engine", "item", "report"},
    "incremental": {"app", "cli", "engine", "item", "checks", "extract", "parse"},
    "app": {"cli"},
}  # fmt: skip
#: What the command line may import besides itself: the app layer, rendering, config
#: loading, errors and the format names.
CLI_MAY_IMPORT = {"app", "report", "config", "errors", "formats", "model", "__version__"}


def _imports() -> dict[str, set[str]]:
    """Part of msglint (top-level module or package) -> the parts it imports."""
    out: dict[str, set[str]] = defaultdict(set)
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).with_suffix("")
        part = rel.parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
                if node.module == "msglint":
                    names = [f"msglint.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                bits = name.split(".")
                if bits[0] == "msglint" and len(bits) > 1 and bits[1] != part:
                    out[part].add(bits[1])
    return out


IMPORTS = _imports()


@pytest.mark.parametrize("part", sorted(FORBIDDEN))
def test_no_import_runs_back_up(part: str) -> None:
    assert not IMPORTS.get(part, set()) & FORBIDDEN[part], part


def test_the_command_line_goes_through_the_app_layer() -> None:
    assert IMPORTS["cli"] <= CLI_MAY_IMPORT, IMPORTS["cli"] - CLI_MAY_IMPORT


def test_no_import_circle_between_parts() -> None:
    seen: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(part: str, path: list[str]) -> None:
        seen[part] = 1
        for target in IMPORTS.get(part, ()):
            if seen.get(target) == 1:
                raise AssertionError(" -> ".join([*path, part, target]))
            if target not in seen:
                visit(target, [*path, part])
        seen[part] = 2

    for part in sorted(IMPORTS):
        if part not in seen:
            visit(part, [])
