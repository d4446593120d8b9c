"""The command line: thin typer commands over the application layer (msglint/app/).

Each command module parses its options, calls one function of app/, and prints what comes
back; base.py holds the typer apps and the one place that turns errors into exit codes.
Only this package talks to the terminal.

`msglint --help` prints the top-level help saved in `data/cli_help.txt` without importing
typer or any command module: importing them is most of the 110 ms that help took (issue
20: the target is under 100 ms). The saved text is what typer renders at the width it
uses on a terminal of 80 columns or more, and tests/test_cli.py fails when it differs from
what the commands render now (`MSGLINT_REGENERATE=1` rewrites it); on a narrower terminal,
or under another program name, typer renders the help as always.
"""

from __future__ import annotations

import os
import sys
from typing import Any

#: Where the saved top-level help is, inside the package.
HELP_FILE = ("data", "cli_help.txt")


def main() -> None:
    """Entry point of the `msglint` command."""
    if sys.argv[1:] in (["--help"], ["-h"]) and _print_saved_help():
        return
    _app()()


def _print_saved_help() -> bool:
    """Print the saved help when typer would render exactly it; False to let typer do it."""
    if os.path.basename(sys.argv[0]) != "msglint" or _columns() < 80:
        return False
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), *HELP_FILE)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


def _columns() -> int:
    """The terminal width as click reads it (shutil.get_terminal_size: COLUMNS, then the
    terminal of stdout, else 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _app() -> Any:
    """The typer app with every command registered (in the order `--help` lists them)."""
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

    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _app()
    raise AttributeError(f"module 'msglint.cli' has no attribute {name!r}")


__all__ = ["app", "main"]
