"""`msglint check`: the options, one call into app/check.py, notes on stderr, the report."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from msglint.cli.base import (
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigOption,
    app,
    check_fail_level,
    check_format,
    check_output,
    emit,
    guard,
    load_config,
    printable,
    show_progress,
    stderr,
)


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
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Check on a Dask cluster: a scheduler address (tcp://host:8786) or local:N "
            "(N local worker processes); needs msglint[cluster]. Default: config `cluster`.",
        ),
    ] = None,
) -> None:
    """Check the configured sources and report every inconsistency found.

    Exit code 0: nothing at or above the fail level; 1: findings at or above it;
    2: a usage or configuration error.
    """

    def body() -> int:
        from msglint.app.check import CheckOptions

        loaded = load_config(config, paths, vale)
        fmt = output_format or loaded.config.output.format
        check_format(fmt)
        level = fail_on or loaded.config.fail_on
        check_fail_level(level)
        if verbose:
            stderr().print(f"[dim]config: {loaded.origin}[/dim]")
        options = CheckOptions(
            paths=paths,
            baseline=baseline,
            report_unused_suppressions=report_unused_suppressions,
            changed_since=changed_since,
            fix=fix,
            diff=diff,
            history=not (no_history or os.environ.get("MSGLINT_NO_HISTORY")),
            refresh=refresh,
            offline=offline,
            ignore_robots=ignore_robots,
            jobs=jobs,
            notify=notify,
            since_last=since_last,
            cluster=cluster,
            verbose=verbose,
        )
        out_path = output or (
            loaded.root / loaded.config.output.path if loaded.config.output.path else None
        )
        check_output(out_path)
        if fix and diff:
            stderr().print(
                "--fix with --diff: the fixes are shown as a diff and not written "
                "(drop --diff to write them)",
                soft_wrap=True,
            )
        return _run(loaded, options, fmt, out_path, level, quiet=quiet, verbose=verbose)

    raise typer.Exit(guard(body))


def _run(
    loaded: Any,
    options: Any,
    fmt: str,
    out_path: Path | None,
    level: str,
    *,
    quiet: bool,
    verbose: bool,
) -> int:
    import dataclasses

    from msglint.app.check import check
    from msglint.cli.cluster import announce, tally_line
    from msglint.model import fails

    options = dataclasses.replace(options, on_cluster=announce(verbose))
    if show_progress(quiet):
        with stderr().status("Checking…") as status:

            def tick(source: str, path: str) -> None:
                status.update(f"Checking [bold]{source}[/bold] {path}")

            def cluster_tick(tally: Any) -> None:
                status.update(tally_line(tally))

            options = dataclasses.replace(options, progress=tick, cluster_progress=cluster_tick)
            done = check(loaded, options, Path.cwd())
    else:
        done = check(loaded, options, Path.cwd())
    result = done.result
    err = stderr()
    if done.cache is not None and verbose:
        err.print(
            f"[dim]since last run: {done.cache.hits} unchanged page(s) and file(s) reused, "
            f"{done.cache.misses} checked[/dim]"
        )
    if done.cache is not None and done.cache.problem and not quiet:
        err.out(f"warning: --since-last cache: {done.cache.problem}", highlight=False)
    if not quiet:
        for warning in result.warnings:
            err.out(f"warning: {printable(warning)}", highlight=False)
    if result.filtered.baseline is not None:
        _say_baseline(err, result.filtered.baseline)
    if options.diff:
        sys.stdout.write(done.diff)
        return EXIT_FINDINGS if done.fixes else EXIT_OK
    if options.fix:
        err.print(f"fixed {done.fixed} finding(s) in {len(done.fixes)} file(s)")
    for note in result.filtered.notes if not quiet else ():
        err.out(f"warning: {printable(note)}", highlight=False)
    if result.filtered.history is not None:
        _say_history(err, result.filtered.history, verbose)
    emit(result, fmt, out_path, level)
    if done.prepared is not None:
        _say_notified(err, done, loaded, out_path, verbose)
    return EXIT_FINDINGS if fails(result.findings, level) else EXIT_OK


def _say_notified(err: Any, done: Any, loaded: Any, out_path: Path | None, verbose: bool) -> None:
    """Send the digests; a failed delivery is a warning and never changes the exit code."""
    from rich.markup import escape

    from msglint.app.check import notify

    notified = notify(done, loaded, out_path)
    if notified.problem is not None:
        err.print(f"[yellow]warning:[/yellow] notify: {escape(notified.problem)}", soft_wrap=True)
        return
    if not notified.deliveries and verbose:
        err.print("[dim]notify: nothing changed since the previous run; nothing sent[/dim]")
    for d in notified.deliveries:
        tries = f"{d.attempts} attempt" + ("s" if d.attempts != 1 else "")
        if d.ok and verbose:
            err.print(f"[dim]notify: sent to {escape(d.target)} ({tries})[/dim]", soft_wrap=True)
        elif not d.ok:
            err.print(
                f"[yellow]warning:[/yellow] notify: {escape(d.target)} failed after {tries}: "
                f"{escape(d.error or 'unknown error')}",
                soft_wrap=True,
            )


def _say_baseline(err: Any, summary: Any) -> None:
    from rich.markup import escape

    err.print(f"baseline {escape(summary.path)}: {summary.hidden} accepted finding(s) hidden")
    if summary.stale:
        err.print(
            f"[yellow]{len(summary.stale)} baselined finding(s) no longer occur[/yellow]; "
            "remove them with [bold]msglint baseline --prune[/bold]:"
        )
        for e in summary.stale:
            at = f"{e.get('path')}:{e.get('line')}" if e.get("line") else str(e.get("path"))
            rule, message = escape(str(e.get("rule"))), escape(str(e.get("message")))
            err.print(f"  fixed: {escape(at)} {rule} {message}")


def _say_history(err: Any, summary: Any, verbose: bool) -> None:
    """A note on what the history recorded (with -v), or why it recorded nothing (always:
    a broken history must not hide the findings, but must not pass unnoticed either)."""
    from rich.markup import escape

    if summary.error is not None:
        note = f"warning: {summary.error}; this run was not recorded"
    elif verbose:
        note = (
            f"history: run {summary.run_id} recorded in {summary.path} "
            f"({summary.new} new, {summary.fixed} fixed, {summary.overdue} overdue)"
        )
    else:
        return
    err.print(f"[dim]{escape(note)}[/dim]", highlight=False, soft_wrap=True)
