"""The command line: thin typer commands over the application layer (msglint/app/).

Each command module parses its options, calls one function of app/, and prints what comes
back; base.py holds the typer apps and the one place that turns errors into exit codes.
Only this package talks to the terminal.
"""

from __future__ import annotations

# Each module registers its commands on `app`; `--help` lists them in this order.
from msglint.cli import check  # noqa: F401

# isort: split
from msglint.cli import report  # noqa: F401

# isort: split
from msglint.cli import history  # noqa: F401

# isort: split
from msglint.cli import crawl  # noqa: F401

# isort: split
from msglint.cli import baseline, project  # noqa: F401

# isort: split
from msglint.cli import audit, reference, rules  # noqa: F401
from msglint.cli.base import app


def main() -> None:
    """Entry point of the `msglint` command."""
    app()


__all__ = ["app", "main"]
