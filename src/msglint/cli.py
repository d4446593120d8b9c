"""The command line: thin typer commands, one place that turns errors into exit codes.

Only this module talks to the terminal. Heavy modules (pydantic models, spaCy, parsers) are
imported inside the commands so that `msglint --help` stays fast.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
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


def _load_config(config: Path | None, paths: list[str] | None = None, vale: bool = False) -> Any:
    from msglint.config import resolve

    return resolve(config, Path.cwd(), paths, vale=vale)


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
    no_history: Annotated[
        bool,
        typer.Option(
            "--no-history", help="Do not record this run in the history (env MSGLINT_NO_HISTORY)."
        ),
    ] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Fetch web sources again, even if fresh.")
    ] = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="Never touch the network: use the snapshots.")
    ] = False,
    ignore_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="Fetch pages robots.txt disallows.")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Hide the findings accepted in this baseline file."),
    ] = None,
    report_unused_suppressions: Annotated[
        bool,
        typer.Option(
            "--report-unused-suppressions", help="Report suppression comments that hide nothing."
        ),
    ] = False,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", help="Only files changed against this git ref."),
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply terminology and capitalization fixes in place.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the fixes as a unified diff; write nothing.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: config `jobs`, one per core)."
        ),
    ] = None,
    vale: Annotated[
        bool,
        typer.Option(
            "--vale",
            help="Also run the styles of the nearest .vale.ini, as Vale does; works without "
            "an msglint.yaml (the given paths, or this folder, are checked).",
        ),
    ] = False,
    notify: Annotated[
        bool,
        typer.Option("--notify", help="Send the config's `notify` digests of what changed."),
    ] = False,
    since_last: Annotated[
        bool,
        typer.Option(
            "--since-last",
            help="Re-crawl with conditional requests and reuse the last run's results for "
            "pages and files whose content did not change (for scheduled runs).",
        ),
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

        loaded = _load_config(config, paths, vale)
        fmt = output_format or loaded.config.output.format
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")
        level = fail_on or loaded.config.fail_on
        if level not in FAIL_LEVELS:
            raise UsageError(f"unknown fail level '{level}'; choose {', '.join(FAIL_LEVELS)}")
        if verbose:
            _stderr().print(f"[dim]config: {loaded.origin}[/dim]")
        if refresh and offline:
            raise UsageError("--refresh and --offline cannot be used together")
        from msglint.sources.web import WebOptions

        extras = CheckExtras(
            baseline,
            report_unused_suppressions,
            changed_since,
            fix,
            diff,
            history=None if no_history else _history_path(loaded),
            verbose=verbose,
            web=WebOptions(
                refresh=refresh or (since_last and not offline),
                offline=offline,
                ignore_robots=ignore_robots,
            ),
            jobs=jobs,
            notify=notify,
            since_last=since_last,
        )
        return _check(loaded, paths, fmt, output, level, quiet, extras)

    code = _guard(body)
    raise typer.Exit(code)


def _history_path(loaded: Any) -> Path | None:
    """Where this run is recorded, or None: off in config, by env, or without a config file."""
    cfg = loaded.config.history
    if not cfg.enabled or loaded.path is None or os.environ.get("MSGLINT_NO_HISTORY"):
        return None
    return loaded.root / cfg.path


@dataclass
class CheckExtras:
    """The options of `check` beyond format, output and fail level: CI (baseline,
    suppressions, changed files, fixes), history, web fetching and worker processes."""

    baseline: Path | None = None
    report_unused_suppressions: bool = False
    changed_since: str | None = None
    fix: bool = False
    diff: bool = False
    #: Where the run is recorded (None: history off), whether to say so, and web options.
    history: Path | None = None
    verbose: bool = False
    web: Any = None
    #: Worker processes (None: the config's `jobs`).
    jobs: int | None = None
    #: Send the config's notifications after the run (`--notify`).
    notify: bool = False
    #: Reuse the last run's outcome of unchanged pages and files (`--since-last`).
    since_last: bool = False


def _check(
    loaded: Any,
    paths: list[str] | None,
    fmt: str,
    output: Path | None,
    level: str,
    quiet: bool,
    extras: CheckExtras | None = None,
) -> int:
    from msglint import engine
    from msglint.filter import fails

    extras = extras or CheckExtras()
    changed = None
    if extras.changed_since is not None:
        from msglint.changed import changed_files

        changed = changed_files(loaded.root, extras.changed_since)
    only = None
    if paths and loaded.path is not None:
        only = engine.relative_paths(paths, loaded.root, Path.cwd())
    out_path = output or (
        loaded.root / loaded.config.output.path if loaded.config.output.path else None
    )
    prepared = None
    if extras.notify:  # before the run: a usage mistake costs no crawl
        from msglint.notify import prepare

        prepared = prepare(loaded, extras.history)
    cache = None
    if extras.since_last:
        from msglint.incremental import OutcomeCache

        cache = OutcomeCache.for_config(loaded)
    if _show_progress(quiet):
        err = _stderr()
        with err.status("Checking…") as status:

            def tick(source: str, path: str) -> None:
                status.update(f"Checking [bold]{source}[/bold] {path}")

            result = engine.run(
                loaded,
                only=only,
                progress=tick,
                changed=changed,
                web=extras.web,
                jobs=extras.jobs,
                cache=cache,
            )
    else:
        result = engine.run(
            loaded, only=only, changed=changed, web=extras.web, jobs=extras.jobs, cache=cache
        )
    if cache is not None and extras.verbose:
        _stderr().print(
            f"[dim]since last run: {cache.hits} unchanged page(s) and file(s) reused, "
            f"{cache.misses} checked[/dim]"
        )
    if not quiet:
        for pack in result.packs:
            for warning in pack.warnings:
                _stderr().out(f"warning: {warning}", highlight=False)
    diff_code = _after_run(result, extras)
    if diff_code is not None:
        return diff_code
    if any(s.screenshots for s in loaded.config.sources):
        from msglint.sources.web.screenshot import take

        shot = take(result.findings, loaded, offline=bool(extras.web and extras.web.offline))
        for note in shot.notes if not quiet else ():
            _stderr().out(f"warning: {note}", highlight=False)
    if extras.history is not None:
        _record_history(extras.history, loaded, result, only is not None, extras.verbose)
    _emit(result, fmt, out_path, level)
    if prepared is not None:
        _notify(prepared, loaded, result, only is not None, out_path, extras.verbose)
    return EXIT_FINDINGS if fails(result.findings, level) else EXIT_OK


def _notify(
    prepared: Any, loaded: Any, result: Any, partial: bool, report: Path | None, verbose: bool
) -> None:
    """Send the digests; a failed delivery is a warning and never changes the exit code."""
    from rich.markup import escape

    from msglint.notify import digest_of, send

    err = _stderr()
    if prepared.problem is not None:
        err.print(f"[yellow]warning:[/yellow] notify: {escape(prepared.problem)}", soft_wrap=True)
        return
    digest = digest_of(prepared, loaded, result.findings, partial=partial, report=report)
    deliveries = send(prepared, loaded, digest)
    if not deliveries and verbose:
        err.print("[dim]notify: nothing changed since the previous run; nothing sent[/dim]")
    for d in deliveries:
        tries = f"{d.attempts} attempt" + ("s" if d.attempts != 1 else "")
        if d.ok and verbose:
            err.print(f"[dim]notify: sent to {escape(d.target)} ({tries})[/dim]", soft_wrap=True)
        elif not d.ok:
            err.print(
                f"[yellow]warning:[/yellow] notify: {escape(d.target)} failed after {tries}: "
                f"{escape(d.error or 'unknown error')}",
                soft_wrap=True,
            )


def _record_history(path: Path, loaded: Any, result: Any, partial: bool, verbose: bool) -> None:
    from msglint.history import HistoryError
    from msglint.history_run import record_run

    try:
        note = record_run(path, loaded, result, partial=partial)
    except HistoryError as exc:  # a broken history must not hide the findings
        note, verbose = f"warning: {exc}; this run was not recorded", True
    if verbose:
        from rich.markup import escape

        _stderr().print(f"[dim]{escape(note)}[/dim]", highlight=False, soft_wrap=True)


def _after_run(result: Any, extras: CheckExtras) -> int | None:
    """Unused suppressions, baseline and fixes; an exit code when `--diff` replaces the report."""
    if extras.report_unused_suppressions:
        from msglint.engine import vale_rule_ids
        from msglint.filter import finalize
        from msglint.suppress import unused

        roles = {s.name: s.role for s in result.config.config.sources}
        vale = bool(vale_rule_ids(result.packs))
        result.findings = finalize(result.findings + unused(result.suppressions, roles, vale))
    if extras.baseline is not None:
        from msglint import baseline as accepted

        outcome = accepted.apply(result.findings, accepted.load(extras.baseline))
        result.findings = outcome.kept
        _report_baseline(extras.baseline, outcome)
    if extras.fix or extras.diff:
        from msglint import fix

        fixes = fix.plan(result)
        if extras.diff:
            sys.stdout.write(fix.unified_diff(fixes))
            return EXIT_FINDINGS if fixes else EXIT_OK
        fix.write(result.config.root, fixes)
        done = {id(f) for fx in fixes for f in fx.fixed}
        result.findings = [f for f in result.findings if id(f) not in done]
        _stderr().print(f"fixed {len(done)} finding(s) in {len(fixes)} file(s)")
    return None


def _report_baseline(path: Path, outcome: Any) -> None:
    from rich.markup import escape

    err = _stderr()
    err.print(f"baseline {escape(str(path))}: {outcome.hidden} accepted finding(s) hidden")
    if outcome.fixed:
        err.print(
            f"[yellow]{len(outcome.fixed)} baselined finding(s) no longer occur[/yellow]; "
            "remove them with [bold]msglint baseline --prune[/bold]:"
        )
        for e in outcome.fixed:
            at = f"{e.get('path')}:{e.get('line')}" if e.get("line") else str(e.get("path"))
            rule, message = escape(str(e.get("rule"))), escape(str(e.get("message")))
            err.print(f"  fixed: {escape(at)} {rule} {message}")


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
        from msglint.errors import UsageError
        from msglint.report import FORMATS

        if output_format not in FORMATS:
            raise UsageError(
                f"unknown format '{output_format}'; choose one of: {', '.join(FORMATS)}"
            )
        from msglint.report.load import read_report, render_saved

        data = read_report(saved)
        trends = None
        if history is not None:
            from msglint.history import trends as read_trends

            if not history.is_file():
                raise UsageError(f"{history}: no such history database")
            trends = read_trends(history)
        text = render_saved(data, output_format, trends)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)

    _guard(body)


@app.command("history")
def history_command(
    config: ConfigOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many runs.")] = 20,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="console or json (csv with --partners).")
    ] = "console",
    db: Annotated[
        Path | None, typer.Option("--db", help="The history database (default: from config).")
    ] = None,
    partners: Annotated[
        bool,
        typer.Option("--partners", help="Time to fix and SLA compliance per partner."),
    ] = False,
    since: Annotated[
        str, typer.Option("--since", help="--partners: the period, e.g. 4w or 30d.")
    ] = "4w",
) -> None:
    """List the recorded runs and each source's trend: score, findings, overdue."""

    def body() -> None:
        from msglint.errors import UsageError
        from msglint.history_run import show_history

        if output_format not in ("console", "json", "csv") or (
            output_format == "csv" and not partners
        ):
            raise UsageError("choose --format console or json (or csv with --partners)")
        loaded = None
        if db is None or config is not None:
            loaded = _load_config(config)
        elif partners:  # the config gives roles and SLAs when there is one
            from msglint.config import discover, load

            found = discover(Path.cwd())
            loaded = load(found) if found is not None else None
        path = db or loaded.root / loaded.config.history.path
        if partners:
            from msglint.scorecard.render import show_scorecard

            show_scorecard(path, loaded, since, output_format)
            return
        show_history(path, limit, output_format)

    _guard(body)


@app.command()
def crawl(
    config: ConfigOption = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", "-s", help="Only this web source (repeatable)."),
    ] = None,
    ignore_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="Fetch pages robots.txt disallows.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
) -> None:
    """Fetch the web sources into snapshots (conditional requests; an interrupted crawl
    resumes). `msglint check` then reads the snapshots."""

    def body() -> None:
        from msglint.crawlview import run_crawl

        loaded = _load_config(config)
        run_crawl(loaded, source, ignore_robots, _show_progress(quiet), _stderr())

    _guard(body)


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
        import json

        from msglint import baseline as accepted
        from msglint import engine

        loaded = _load_config(config, paths)
        only = None
        if paths and loaded.path is not None:
            only = engine.relative_paths(paths, loaded.root, Path.cwd())
        target = output or loaded.root / accepted.DEFAULT
        result = engine.run(loaded, only=only)
        if prune:
            entries = accepted.load(target)
            outcome = accepted.apply(result.findings, entries)
            kept = accepted.prune(entries, outcome.fixed)
            target.write_text(json.dumps(kept, indent=2, ensure_ascii=False) + "\n", "utf-8")
            _stderr().print(f"pruned {len(outcome.fixed)} entr(ies) from {target}")
            return
        target.write_text(accepted.dumps(result.findings), encoding="utf-8")
        _stderr().print(f"wrote {len(result.findings)} finding(s) to {target}")

    _guard(body)


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
    which: Annotated[str, typer.Argument(help="config, rules or bundle")] = "config",
) -> None:
    """Print the JSON Schema of msglint.yaml, rule files or reference bundles."""

    def body() -> None:
        import json

        from msglint.errors import UsageError
        from msglint.schemas import WHICH, generate

        if which not in WHICH:
            raise UsageError(f"choose one of: {', '.join(WHICH)}")
        sys.stdout.write(json.dumps(generate(which), indent=2) + "\n")

    _guard(body)


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

        from msglint import bundle
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
        loaded = _load_config(config)
        data, warnings = bundle.export(loaded, brand=brand, created=now, valid_until=until)
        err = _stderr()
        from rich.markup import escape

        for warning in warnings:
            err.print(f"[yellow]warning:[/yellow] {escape(warning)}", soft_wrap=True)
        try:
            bundle.write(data, output)
        except OSError as exc:
            raise UsageError(f"{output}: cannot write the bundle: {exc}") from None
        content = data["content"]
        err.print(
            f"wrote [bold]{escape(str(output))}[/bold]: {len(content['products'])} product(s), "
            f"{len(content['rules'])} rule(s), sha256 {data['digest']['value'][:16]}…",
            soft_wrap=True,
        )

    _guard(body)


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
        from msglint import audit as auditing
        from msglint import bundle
        from msglint.errors import UsageError
        from msglint.filter import FAIL_LEVELS, fails
        from msglint.report import todo

        if output_format not in ("console", "json", "csv"):
            raise UsageError(f"unknown format '{output_format}'; choose console, json or csv")
        if fail_on not in FAIL_LEVELS:
            raise UsageError(f"unknown fail level '{fail_on}'; choose {', '.join(FAIL_LEVELS)}")
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
        loaded = bundle.load(reference)
        err = _stderr()
        from rich.markup import escape

        for warning in loaded.warnings:
            err.print(f"[bold yellow]warning:[/bold yellow] {escape(warning)}", soft_wrap=True)
        result = auditing.run(loaded, inputs, Path.cwd(), options, fail_on)
        items = todo.todos(result)
        if output_format == "console" and output is None:
            from rich.console import Console

            todo.print_console(result, items, Console(highlight=False, soft_wrap=False))
        else:
            if output_format == "csv":
                text = todo.render_csv(items)
            elif output_format == "json":
                text = todo.render_json(result, items, fail_on)
            else:
                from rich.console import Console

                console = Console(file=io.StringIO(), width=100, highlight=False)
                todo.print_console(result, items, console)
                text = console.file.getvalue()
            if output is not None:
                try:
                    output.write_text(text, encoding="utf-8")
                except OSError as exc:
                    raise UsageError(f"{output}: cannot write the report: {exc}") from None
            else:
                sys.stdout.write(text)
        return EXIT_FINDINGS if fails(result.findings, fail_on) else EXIT_OK

    code = _guard(body)
    raise typer.Exit(code)


def main() -> None:
    """Entry point of the `msglint` command."""
    app()
