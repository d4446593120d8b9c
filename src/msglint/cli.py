"""The command line: thin typer commands, one place that turns errors into exit codes.

Only this module talks to the terminal. Heavy modules (pydantic models, spaCy, parsers) are
imported inside the commands so that `msglint --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
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

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_state: dict[str, Any] = {"debug": False}
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
    _state["debug"] = debug


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _guard(action: Callable[[], T]) -> T:
    """Run a command body; a MsglintError becomes a message on stderr and exit code 2."""
    from msglint.errors import MsglintError

    try:
        return action()
    except MsglintError as exc:
        if _state["debug"]:
            raise
        err = _stderr()
        from rich.markup import escape

        err.print(f"[bold red]error:[/bold red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        if _state["debug"]:
            raise
        from rich.markup import escape

        _stderr().print(
            f"[bold red]internal error:[/bold red] {escape(type(exc).__name__)}: "
            f"{escape(str(exc))}\n[dim]Run again with --debug for the traceback, and please "
            "report it.[/dim]",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_USAGE) from None


def _load_config(config: Path | None, paths: list[str] | None = None) -> Any:
    from msglint.config import resolve

    return resolve(config, Path.cwd(), paths)


def _show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Only these files or folders (default: every configured source)."),
    ] = None,
    config: ConfigOption = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="Output format: console, json, ... (default: from config)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="error, warning, info or never (default: from config)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say which config is used.")
    ] = False,
) -> None:
    """Check the configured sources and report every inconsistency found.

    Exit code 0: nothing at or above the fail level; 1: findings at or above it;
    2: a usage or configuration error.
    """

    def body() -> int:
        from msglint.errors import UsageError
        from msglint.filter import FAIL_LEVELS
        from msglint.report import FORMATS

        loaded = _load_config(config, paths)
        fmt = output_format or loaded.config.output.format
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")
        level = fail_on or loaded.config.fail_on
        if level not in FAIL_LEVELS:
            raise UsageError(f"unknown fail level '{level}'; choose {', '.join(FAIL_LEVELS)}")
        if verbose:
            _stderr().print(f"[dim]config: {loaded.origin}[/dim]")
        return _check(loaded, paths, fmt, output, level, quiet)

    code = _guard(body)
    raise typer.Exit(code)


def _check(
    loaded: Any, paths: list[str] | None, fmt: str, output: Path | None, level: str, quiet: bool
) -> int:
    from msglint import engine
    from msglint.filter import fails

    only = None
    if paths and loaded.path is not None:
        only = engine.relative_paths(paths, loaded.root, Path.cwd())
    out_path = output or (
        loaded.root / loaded.config.output.path if loaded.config.output.path else None
    )
    if _show_progress(quiet):
        err = _stderr()
        with err.status("Checking…") as status:

            def tick(source: str, path: str) -> None:
                status.update(f"Checking [bold]{source}[/bold] {path}")

            result = engine.run(loaded, only=only, progress=tick)
    else:
        result = engine.run(loaded, only=only)
    if not quiet:
        for pack in result.packs:
            for warning in pack.warnings:
                _stderr().out(f"warning: {warning}", highlight=False)
    _emit(result, fmt, out_path, level)
    return EXIT_FINDINGS if fails(result.findings, level) else EXIT_OK


def _emit(result: Any, fmt: str, out_path: Path | None, level: str) -> None:
    from msglint.report import renderer

    if fmt == "console" and out_path is None:
        from rich.console import Console

        from msglint.report.console import print_to

        print_to(result, Console(highlight=False, soft_wrap=False), level)
        return
    text = renderer(fmt)(result, level)
    if out_path:
        out_path.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@rules_app.command("list")
def rules_list(config: ConfigOption = None) -> None:
    """List the rules of the config's packs (or of the shipped packs without a config)."""

    def body() -> None:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        packs = _packs_for(config)
        table = Table(box=None, header_style="bold")
        for col in ("id", "kind", "level", "description"):
            table.add_column(col)
        for pack in packs:
            for rule in pack.rules:
                table.add_row(rule.id, rule.kind, rule.level.value, Text(rule.description or ""))
            for rule_id, reason in getattr(pack, "unsupported", {}).items():
                table.add_row(rule_id, "unsupported", "-", Text(reason))
        Console(highlight=False).print(table)

    _guard(body)


@rules_app.command("explain")
def rules_explain(
    rule_id: Annotated[str, typer.Argument(help="A rule id (acme.sign-in) or a rule kind.")],
    config: ConfigOption = None,
) -> None:
    """Explain a rule: what it checks, why, and a failing and a passing example."""

    def body() -> None:
        from rich.console import Console
        from rich.markdown import Markdown

        from msglint.checks import KINDS
        from msglint.errors import UsageError

        console = Console(highlight=False)
        if rule_id in KINDS:
            console.print(Markdown(f"# {rule_id}\n\n" + KINDS[rule_id].explain()))
            return
        for pack in _packs_for(config):
            for rule in pack.rules:
                if rule.id == rule_id:
                    console.print(Markdown(_rule_markdown(rule)))
                    return
        raise UsageError(
            f"no rule '{rule_id}' in the loaded packs; 'msglint rules list' shows them, and "
            f"the rule kinds are: {', '.join(KINDS)}"
        )

    _guard(body)


def _rule_markdown(rule: Any) -> str:
    lines = [f"# {rule.id}", "", f"*{rule.kind}*, level **{rule.level.value}**"]
    if getattr(rule, "vale_message", None):
        lines += ["", f"Message: {rule.vale_message}"]
    if rule.description:
        lines += ["", rule.description]
    if rule.link:
        lines += ["", f"See: {rule.link}"]
    if rule.origin:
        lines += ["", f"Defined in `{rule.origin}`."]
    lines += ["", "---", "", f"## The `{rule.kind}` rule kind", "", type(rule).explain()]
    return "\n".join(lines)


def _packs_for(config: Path | None) -> Any:
    from msglint.config import discover, load
    from msglint.packs import load_file, load_packs, shipped_packs

    path = config or discover(Path.cwd())
    if path is None:
        return [load_file(p) for p in shipped_packs().values()]
    loaded = load(path)
    from msglint.engine import vale_packs

    return load_packs(loaded.config.packs, loaded.root, loaded.config.disable) + vale_packs(loaded)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Where to create the files.")] = Path("."),
) -> None:
    """Write a commented starter msglint.yaml and a rules/ folder; never overwrites a file."""

    def body() -> None:
        from msglint.starter import write_starter

        created, kept = write_starter(directory)
        err = _stderr()
        for path in created:
            err.print(f"created [bold]{path}[/bold]")
        for path in kept:
            err.print(f"[yellow]exists, left unchanged:[/yellow] {path}")
        if created:
            err.print(
                "Next: edit the sources in msglint.yaml, then run [bold]msglint check[/bold]."
            )

    _guard(body)


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="config or rules")] = "config",
) -> None:
    """Print the JSON Schema of msglint.yaml or of rule files (for editor validation)."""

    def body() -> None:
        import json

        from msglint.errors import UsageError
        from msglint.schemas import generate

        if which not in ("config", "rules"):
            raise UsageError("choose 'config' or 'rules'")
        sys.stdout.write(json.dumps(generate(which), indent=2) + "\n")

    _guard(body)


def main() -> None:
    """Entry point of the `msglint` command."""
    app()
