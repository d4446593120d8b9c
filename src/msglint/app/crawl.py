"""`msglint crawl`: fetch the config's web sources (all, or those named) into snapshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msglint.config import LoadedConfig, SourceConfig
from msglint.errors import UsageError


def web_sources(loaded: LoadedConfig, names: list[str] | None) -> list[SourceConfig]:
    """The web sources to crawl; a name that is not one is a usage error."""
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
    return web


def crawl(
    loaded: LoadedConfig,
    names: list[str] | None,
    *,
    ignore_robots: bool = False,
    progress: Any = None,
) -> list[tuple[str, Any, Path]]:
    """Crawl; each source's name, its CrawlStats (or why it was not crawled), its folder."""
    from msglint.sources.web import WebOptions, crawl_sources, snapshot_folder

    by_name = {s.name: s for s in web_sources(loaded, names)}
    options = WebOptions(ignore_robots=ignore_robots, progress=progress)
    return [
        (name, outcome, snapshot_folder(by_name[name], loaded))
        for name, outcome in crawl_sources(loaded, options, names)
    ]
