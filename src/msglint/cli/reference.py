"""`msglint reference export`: the brand's reference bundle for partners."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msglint.cli.base import ConfigOption, guard, load_config, reference_app, stderr


@reference_app.command("export")
def reference_export(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Bundle file to write (.json or .zip).")
    ],
    config: ConfigOption = None,
    valid_days: Annotated[
        int | None, typer.Option("--valid-days", help="Valid for N days from now.", min=1)
    ] = None,
    valid_until: Annotated[
        str | None, typer.Option("--valid-until", help="Valid until this day (YYYY-MM-DD).")
    ] = None,
    brand: Annotated[
        str | None, typer.Option("--brand", help="Brand name (default: from the products).")
    ] = None,
) -> None:
    """Export the reference products and brand rules as a bundle partners audit against."""

    def body() -> None:
        from datetime import UTC, date, datetime, timedelta

        from rich.markup import escape

        from msglint.app.reference import export, write
        from msglint.errors import UsageError

        if valid_days is not None and valid_until is not None:
            raise UsageError("give --valid-days or --valid-until, not both")
        now = datetime.now(UTC)
        until = None
        if valid_days is not None:
            until = (now + timedelta(days=valid_days)).date()
        elif valid_until is not None:
            try:
                until = date.fromisoformat(valid_until)
            except ValueError:
                raise UsageError(
                    f"--valid-until {valid_until!r}: write a day as YYYY-MM-DD"
                ) from None
        loaded = load_config(config)
        data, warnings = export(loaded, brand=brand, created=now, valid_until=until)
        err = stderr()
        for warning in warnings:
            err.print(f"[yellow]warning:[/yellow] {escape(warning)}", soft_wrap=True)
        write(data, output)
        content = data["content"]
        err.print(
            f"wrote [bold]{escape(str(output))}[/bold]: {len(content['products'])} product(s), "
            f"{len(content['rules'])} rule(s), sha256 {data['digest']['value'][:16]}…",
            soft_wrap=True,
        )

    guard(body)
