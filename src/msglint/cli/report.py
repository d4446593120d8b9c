"""`msglint report RUN.json`: a saved JSON report rendered again, in any format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msglint.cli.base import app, check_format, check_output, emit, guard


@app.command()
def report(
    saved: Annotated[Path, typer.Argument(help="A JSON report saved by 'check -f json'.")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: html, console, json, ...")
    ] = "html",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option("--history", help="A history database whose score trends to draw (html)."),
    ] = None,
) -> None:
    """Render a saved JSON report in another format, such as a shareable HTML file."""

    def body() -> None:
        from msglint.app import report

        check_format(output_format)
        check_output(output)
        result, fail_on = report.saved(saved, history)
        emit(result, output_format, output, fail_on)

    guard(body)
