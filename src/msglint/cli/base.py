"""What every command shares: the typer apps, the error-to-exit-code guard, stderr, options.

Heavy modules (pydantic models, spaCy, parsers, rich) are imported inside the commands, so
`msglint --help` stays fast.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from msglint import __version__

app = typer.Typer(
    name="msglint",
    help="Lint product, pricing and support content across a brand's site and its partners.",
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List the loaded rules or explain one.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
reference_app = typer.Typer(
    help="Hand partners the brand's reference: products, prices, names and brand rules.",
    no_args_is_help=True,
)
app.add_typer(reference_app, name="reference")

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
state: dict[str, Any] = {"debug": False}
T = TypeVar("T")

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Config file (default: nearest msglint.yaml upwards)."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"msglint {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """msglint: same product, same words, same price, everywhere."""
    state["debug"] = debug


def stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def printable(text: str) -> str:
    """`text` with control characters (an ANSI escape in a file name or a header, a NUL)
    shown as `\\x1b`, so no message writes terminal escapes; line breaks and tabs stay."""
    import re

    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", text)


def guard(action: Callable[[], T]) -> T:
    """Run a command body; a MsglintError becomes a message on stderr and exit code 2."""
    from msglint.errors import MsglintError

    try:
        return action()
    except MsglintError as exc:
        if state["debug"]:
            raise
        from rich.markup import escape

        stderr().print(f"[bold red]error:[/bold red] {escape(printable(str(exc)))}", soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        if state["debug"]:
            raise
        from rich.markup import escape

        stderr().print(
            f"[bold red]internal error:[/bold red] {escape(type(exc).__name__)}: "
            f"{escape(printable(str(exc)))}\n[dim]Run again with --debug for the traceback, "
            "and please report it.[/dim]",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_USAGE) from None


def load_config(config: Path | None, paths: list[str] | None = None, vale: bool = False) -> Any:
    from msglint.config import resolve

    return resolve(config, Path.cwd(), paths, vale=vale)


def show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


def check_format(fmt: str) -> None:
    from msglint.errors import UsageError
    from msglint.formats import OUTPUT_FORMATS

    if fmt not in OUTPUT_FORMATS:
        raise UsageError(f"unknown format '{fmt}'; choose one of: {', '.join(OUTPUT_FORMATS)}")


def check_fail_level(level: str) -> None:
    from msglint.errors import UsageError
    from msglint.model import FAIL_LEVELS

    if level not in FAIL_LEVELS:
        raise UsageError(f"unknown fail level '{level}'; choose {', '.join(FAIL_LEVELS)}")


def emit(result: Any, fmt: str, out_path: Path | None, fail_on: str) -> None:
    """Render a result in `fmt` to `out_path`, or to stdout (a terminal gets colour)."""
    from msglint.report import ReportOptions, parts

    options = ReportOptions(fail_on=fail_on)
    if out_path is None and fmt == "console":
        options = _terminal(options)
    write(parts(fmt, result, options), out_path)


def _terminal(options: Any) -> Any:
    """Options for the console format on stdout: the terminal's width, and colour on a
    terminal unless NO_COLOR is set."""
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return dataclasses.replace(options, color=color, width=output_width())


#: Width of text written to a pipe or file (CI logs): wide enough that no line wraps.
PIPE_WIDTH = 10_000


def output_width() -> int:
    """The width to lay stdout out for: COLUMNS if set, the terminal's on a terminal, and
    no wrapping at all when piped (rich and shutil assume 80 columns there, which split CSS
    paths, the summary line and table headers in CI logs)."""
    import shutil

    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return PIPE_WIDTH


def stdout_console() -> Any:
    """A rich Console for stdout at `output_width`."""
    from rich.console import Console

    return Console(highlight=False, width=output_width())


def check_output(out_path: Path | None) -> None:
    """Refuse an output path that cannot be written before a run starts, instead of
    failing after it (a folder, a missing folder, no permission): a usage error, exit 2."""
    from msglint.errors import UsageError

    if out_path is None:
        return
    if out_path.is_dir():
        raise UsageError(f"{out_path}: is a folder; --output takes a file name")
    parent = out_path.parent if str(out_path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{out_path}: cannot write the report: folder {parent} does not exist")
    writable = os.access(out_path if out_path.exists() else parent, os.W_OK)
    if not writable:
        raise UsageError(f"{out_path}: cannot write the report: permission denied")


def write(text: str | bytes | Iterable[str | bytes], out_path: Path | None) -> None:
    """A report, whole or in parts (`report.parts`), to its file or to stdout."""
    from msglint.errors import UsageError

    chunks = (text,) if isinstance(text, str | bytes) else text
    if out_path is None:
        sys.stdout.flush()  # text written before goes first
        text_before = False  # text since the last bytes: flush before writing bytes again
        for chunk in chunks:
            if isinstance(chunk, bytes):
                if text_before:
                    sys.stdout.flush()
                    text_before = False
                sys.stdout.buffer.write(chunk)
            else:
                sys.stdout.write(chunk)
                text_before = True
        return
    try:
        with out_path.open("wb") as out:
            for chunk in chunks:
                out.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{out_path}: cannot write the report: {exc}") from None
