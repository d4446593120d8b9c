"""`msglint crawl`: a rich progress line per web source, then a summary, on stderr."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from msglint.cli.base import ConfigOption, app, guard, load_config, show_progress, stderr


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
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Crawl on a Dask cluster, one task per source (tcp://host:8786 or local:N); "
            "the snapshot folder must be shared. Default: config `cluster`.",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say where a cluster crawl runs.")
    ] = False,
) -> None:
    """Fetch the web sources into snapshots (conditional requests; an interrupted crawl
    resumes). `msglint check` then reads the snapshots."""

    def body() -> None:
        from rich.markup import escape

        from msglint.app.check import cluster_address
        from msglint.app.crawl import crawl as run_crawl
        from msglint.app.crawl import web_sources
        from msglint.cli.cluster import announce

        loaded = load_config(config)
        web_sources(loaded, source)  # a wrong name fails before any progress display
        err = stderr()
        if cluster_address(loaded, cluster) is not None:
            with err.status("Crawling on the cluster…") if show_progress(quiet) else _quiet():
                results = run_crawl(
                    loaded,
                    source,
                    ignore_robots=ignore_robots,
                    cluster=cluster,
                    on_cluster=announce(verbose),
                    verbose=verbose,
                )
        elif show_progress(quiet):
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
            with Progress(*columns, console=err, transient=False) as bar:
                tasks: dict[str, Any] = {}

                def tick(stats: Any) -> None:
                    if stats.source not in tasks:
                        tasks[stats.source] = bar.add_task(stats.source, total=None)
                    bar.update(tasks[stats.source], description=_line(stats))

                results = run_crawl(loaded, source, ignore_robots=ignore_robots, progress=tick)
        else:
            results = run_crawl(loaded, source, ignore_robots=ignore_robots)
        for name, outcome, folder in results:
            if isinstance(outcome, str):
                err.print(f"[bold red]{escape(name)}:[/bold red] not crawled: {escape(outcome)}")
                continue
            err.print(
                f"[bold]{escape(name)}[/bold]: {_line(outcome, final=True)} -> "
                f"{escape(str(folder))}"
            )
            for url, reason in outcome.failures[:20]:
                err.print(f"  [red]error[/red] {escape(url)}: {escape(reason)}")
            if len(outcome.failures) > 20:
                err.print(f"  ... and {len(outcome.failures) - 20} more")

    guard(body)


def _quiet() -> Any:
    from contextlib import nullcontext

    return nullcontext()


def _line(stats: Any, final: bool = False) -> str:
    parts = [f"{stats.fetched} fetched"]
    if stats.not_modified:
        parts.append(f"{stats.not_modified} not modified")
    if stats.reused:
        parts.append(f"{stats.reused} resumed")
    parts.append(f"{stats.errors} error(s)")
    if stats.blocked:
        parts.append(f"{stats.blocked} blocked by robots.txt")
    if not final:
        parts.append(f"{stats.queued} queued")
    parts.append(f"{stats.rate:.1f} pages/s")
    return f"{stats.source}: " + ", ".join(parts) if not final else ", ".join(parts)
