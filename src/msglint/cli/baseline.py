"""`msglint baseline`: write today's findings to a baseline file, or prune one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msglint.cli.base import ConfigOption, app, guard, load_config, stderr


@app.command("baseline")
def baseline_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Only these files or folders (default: every configured source)."),
    ] = None,
    config: ConfigOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Baseline file (default: .msglint-baseline.json)."),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Only drop entries that no longer occur; add nothing."),
    ] = False,
) -> None:
    """Write today's findings to a baseline file; `check --baseline FILE` then hides them."""

    def body() -> None:
        from msglint.app import baseline

        loaded = load_config(config, paths)
        if prune:
            target, n = baseline.prune(loaded, output, paths, Path.cwd())
            stderr().print(f"pruned {n} entr(ies) from {target}")
        else:
            target, n = baseline.write(loaded, output, paths, Path.cwd())
            stderr().print(f"wrote {n} finding(s) to {target}")

    guard(body)
