"""`msglint init` (a starter project) and `msglint schema` (the JSON Schemas)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msglint.cli.base import app, guard, stderr


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Where to create the files.")] = Path("."),
) -> None:
    """Write a commented starter msglint.yaml and a rules/ folder; never overwrites a file."""

    def body() -> None:
        from msglint.app import project

        created, kept = project.init(directory)
        err = stderr()
        for path in created:
            err.print(f"created [bold]{path}[/bold]")
        for path in kept:
            err.print(f"[yellow]exists, left unchanged:[/yellow] {path}")
        if created:
            err.print(
                "Next: edit the sources in msglint.yaml, then run [bold]msglint check[/bold]."
            )

    guard(body)


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="config, rules or bundle")] = "config",
) -> None:
    """Print the JSON Schema of msglint.yaml, rule files or reference bundles."""

    def body() -> None:
        import json
        import sys

        from msglint.app import project

        sys.stdout.write(json.dumps(project.schema(which), indent=2) + "\n")

    guard(body)
