"""`msglint audit`: a partner's catalog or pages against a reference bundle, as to-dos."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msglint.cli.base import (
    EXIT_FINDINGS,
    EXIT_OK,
    app,
    check_fail_level,
    check_output,
    guard,
    output_width,
    printable,
    stderr,
    write,
)


@app.command()
def audit(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Your catalog files (CSV, XLSX, JSON, feed), pages, folders or website URLs."
        ),
    ],
    reference: Annotated[
        Path, typer.Option("--reference", "-r", help="The brand's reference bundle.")
    ],
    column: Annotated[
        list[str] | None,
        typer.Option("--column", help="FIELD=HEADER, e.g. price='Unit Price' (repeatable)."),
    ] = None,
    currency: Annotated[
        str | None, typer.Option("--currency", help="ISO 4217 code for prices without one.")
    ] = None,
    delimiter: Annotated[
        str | None, typer.Option("--delimiter", help="CSV delimiter, if sniffing guesses wrong.")
    ] = None,
    missing: Annotated[
        bool, typer.Option("--missing", help="Also list the brand's products you do not have.")
    ] = False,
    delay: Annotated[
        float,
        typer.Option("--delay", min=0, help="Websites: seconds between requests to one host."),
    ] = 1.0,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Websites: pages fetched per URL at most.")
    ] = 1000,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="console, json or csv.")
    ] = "console",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="error, warning, info or never.")
    ] = "error",
) -> None:
    """Audit your own catalog or pages against a brand's reference bundle: a to-do list.

    Exit code 0: nothing at or above the fail level; 1: to-dos at or above it;
    2: a usage error (bad bundle, columns that cannot be mapped).
    """

    def body() -> int:
        import re

        from rich.markup import escape

        from msglint.app import audit as auditing
        from msglint.errors import UsageError
        from msglint.model import fails

        if output_format not in ("console", "json", "csv"):
            raise UsageError(f"unknown format '{output_format}'; choose console, json or csv")
        check_fail_level(fail_on)
        check_output(output)
        if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
            raise UsageError(f"--currency {currency!r}: an ISO 4217 code such as EUR")
        if delimiter is not None and len(delimiter) != 1:
            raise UsageError("--delimiter takes one character")
        options = auditing.AuditOptions(
            columns=auditing.parse_columns(column or []),
            currency=currency,
            delimiter=delimiter,
            missing=missing,
            delay=delay,
            max_pages=max_pages,
        )
        loaded = auditing.open_bundle(reference)
        err = stderr()
        for warning in loaded.warnings:
            shown = escape(printable(warning))
            err.print(f"[bold yellow]warning:[/bold yellow] {shown}", soft_wrap=True)
        result = auditing.run(loaded, inputs, Path.cwd(), options, fail_on)
        for line in result.unmapped:
            err.print(
                f"[bold yellow]warning:[/bold yellow] {escape(line)}; not audited (name its "
                "columns with --column); the other inputs were",
                soft_wrap=True,
            )
        _emit(result, output_format, output, fail_on)
        return EXIT_FINDINGS if fails(result.findings, fail_on) else EXIT_OK

    raise typer.Exit(guard(body))


def _emit(result: object, fmt: str, output: Path | None, fail_on: str) -> None:
    import io

    from rich.console import Console

    from msglint.report import todo

    items = todo.todos(result)
    if fmt == "console" and output is None:
        console = Console(highlight=False, soft_wrap=False, width=output_width())
        todo.print_console(result, items, console)
        return
    if fmt == "csv":
        text = todo.render_csv(items)
    elif fmt == "json":
        text = todo.render_json(result, items, fail_on)
    else:
        console = Console(file=io.StringIO(), width=100, highlight=False)
        todo.print_console(result, items, console)
        text = console.file.getvalue()
    write(text, output)
