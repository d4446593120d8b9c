"""`msglint crawl`: fetch the config's web sources (all, or those named) into snapshots."""

from __future__ import annotations

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
    cluster: str | None = None,
    on_cluster: Any = None,
    verbose: bool = False,
) -> list[tuple[str, Any, Any]]:
    """Crawl; each source's name, its CrawlStats (or why it was not crawled), its snapshot
    folder (store.Folder: str() is where it is, credentials masked).
    With `cluster` (or the config's `cluster.address`), each source is a task there."""
    from msglint.app.check import cluster_address, store_usable
    from msglint.sources.web import WebOptions, crawl_sources, snapshot_folder

    chosen = web_sources(loaded, names)
    store_usable(loaded, write=True)
    by_name = {s.name: s for s in chosen}
    spec = cluster_address(loaded, cluster)
    if spec is None:
        options = WebOptions(ignore_robots=ignore_robots, progress=progress)
        done = crawl_sources(loaded, options, names)
    else:
        from msglint.cluster import connect

        chosen = [s for s in chosen if not names or s.name in names]
        timeout = loaded.config.cluster.timeout if loaded.config.cluster else 10.0
        with connect(spec, timeout=timeout, verbose=verbose) as session:
            if on_cluster is not None:
                on_cluster(session)
            done = session.crawl(chosen, loaded, WebOptions(ignore_robots=ignore_robots))
    return [(name, outcome, snapshot_folder(by_name[name], loaded)) for name, outcome in done]
