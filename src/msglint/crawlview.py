"""`msglint crawl` on the terminal: a rich progress bar per source, then a summary.

Kept out of cli.py so the command stays thin; this is still terminal code (DESIGN: only the
CLI layer talks to the terminal), called by cli.crawl only.
"""

from __future__ import annotations

from typing import Any

from msglint.config import LoadedConfig
from msglint.errors import UsageError


def run_crawl(
    loaded: LoadedConfig, names: list[str] | None, ignore_robots: bool, show: bool, err: Any
) -> None:
    """Crawl the web sources (all, or `names`) and print what happened to stderr."""
    from rich.markup import escape

    from msglint.sources.web import WebOptions, crawl_sources, snapshot_folder

    web = [s for s in loaded.config.sources if s.is_web]
    if names:
        unknown = [n for n in names if n not in {s.name for s in web}]
        if unknown:
            raise UsageError(
                f"no web source named '{unknown[0]}'; web sources: "
                + (", ".join(s.name for s in web) or "none")
            )
    if not web:
        raise UsageError("no source has 'urls', 'sitemaps' or 'url_list'; nothing to crawl")
    if show:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=False) as bar:
            tasks: dict[str, Any] = {}

            def tick(stats: Any) -> None:
                if stats.source not in tasks:
                    tasks[stats.source] = bar.add_task(stats.source, total=None)
                bar.update(tasks[stats.source], description=_line(stats))

            results = crawl_sources(
                loaded, WebOptions(ignore_robots=ignore_robots, progress=tick), names
            )
    else:
        results = crawl_sources(loaded, WebOptions(ignore_robots=ignore_robots), names)
    by_name = {s.name: s for s in web}
    for name, outcome in results:
        if isinstance(outcome, str):
            err.print(f"[bold red]{escape(name)}:[/bold red] not crawled: {escape(outcome)}")
            continue
        folder = snapshot_folder(by_name[name], loaded)
        err.print(
            f"[bold]{escape(name)}[/bold]: {_line(outcome, final=True)} -> {escape(str(folder))}"
        )
        for url, reason in outcome.failures[:20]:
            err.print(f"  [red]error[/red] {escape(url)}: {escape(reason)}")
        if len(outcome.failures) > 20:
            err.print(f"  ... and {len(outcome.failures) - 20} more")


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
