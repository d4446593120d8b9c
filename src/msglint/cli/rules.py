"""`msglint rules list|explain`: the loaded rules as a table, one rule as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msglint.cli.base import ConfigOption, guard, rules_app, stdout_console


@rules_app.command("list")
def rules_list(config: ConfigOption = None) -> None:
    """List the rules of the config's packs (or of the shipped packs without a config),
    and msglint's own rules."""

    def body() -> None:
        from rich.table import Table
        from rich.text import Text

        from msglint.app.rules import packs_for, rows

        table = Table(box=None, header_style="bold")
        for col in ("id", "kind", "level"):
            table.add_column(col, no_wrap=True)
        table.add_column("description")
        for row in rows(packs_for(config, Path.cwd())):
            table.add_row(row.id, row.kind, row.level, Text(row.description))
        stdout_console().print(table)

    guard(body)


@rules_app.command("explain")
def rules_explain(
    rule_id: Annotated[
        str, typer.Argument(help="A rule id (acme.sign-in, msglint.source-error) or a kind.")
    ],
    config: ConfigOption = None,
) -> None:
    """Explain a rule: what it checks, why, and a failing and a passing example."""

    def body() -> None:
        from rich.console import Console
        from rich.markdown import Markdown

        from msglint.app.rules import explain

        Console(highlight=False).print(Markdown(explain(rule_id, config, Path.cwd())))

    guard(body)
