"""Web sources: crawl into a snapshot, then read the snapshot back as `Content`.

Entry points:

- `read_web(source, loaded, options)`: what the engine calls for a web source; crawls
  when the snapshot is missing, stale or `--refresh` was given (never with `--offline`),
  then yields the stored pages one at a time, like files.read_source yields files.
- `crawl_sources(loaded, options)`: `msglint crawl`; returns per-source stats.
- `adhoc_source(name, urls)`: a SourceConfig for URLs given on a command line (role
  partner by default), to run through the same path (`msglint audit URL...`).

Only settings.py is imported eagerly: aiohttp, warcio and playwright load when a crawl runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from msglint.model import Role
from msglint.sources import Content, SourceProblem

if TYPE_CHECKING:
    from msglint.config import LoadedConfig, SourceConfig
    from msglint.sources.web.crawler import CrawlStats, Progress
    from msglint.sources.web.store import Entry, Folder, Store


@dataclass(frozen=True)
class WebOptions:
    """Per-run switches from the command line."""

    refresh: bool = False
    offline: bool = False
    ignore_robots: bool = False
    progress: Progress | None = None


@dataclass(frozen=True)
class WebRef:
    """A web source read where it is checked (`sources.deferred`): crawled there when its
    snapshot is stale, then its stored pages one at a time. One source is one task, so one
    host's crawl runs on one worker at a time; `hosts` are what a cluster task locks
    cluster-wide while it runs, so two sources on one host never crawl at once."""

    source: SourceConfig
    loaded: LoadedConfig
    options: WebOptions

    def read(self, guard: Callable[[], Any] | None = None) -> Iterator[Content | SourceProblem]:
        """The pages; a crawl, when one is needed, runs inside `guard()` (a context
        manager: the cluster's locks on the hosts)."""
        from dataclasses import replace

        # A progress display cannot travel to another process.
        options = replace(self.options, progress=None)
        return read_web(self.source, self.loaded, options, guard)

    @property
    def hosts(self) -> list[str]:
        """The hosts of the start URLs and sitemaps, sorted (locks are taken in order)."""
        starts = [*self.source.urls, *self.source.sitemaps]
        return sorted({urlsplit(u).netloc.lower() for u in starts if urlsplit(u).netloc})

    def problem(self, reason: str) -> SourceProblem:
        """The whole source as a SourceProblem (its task was lost)."""
        first = (self.source.urls or self.source.sitemaps or [self.source.url_list or ""])[0]
        return SourceProblem(self.source.name, self.source.role, first, reason)


def adhoc_source(
    name: str, urls: list[str], role: Role = Role.PARTNER, **fields: Any
) -> SourceConfig:
    """A source for URLs named on a command line; `fields` are any other SourceConfig field
    (e.g. `crawl={"max_depth": 0}` to fetch only the URLs themselves)."""
    from msglint.config import SourceConfig

    return SourceConfig(name=name, role=role, urls=urls, **fields)


def snapshot_store(loaded: LoadedConfig) -> Store:
    """The store of the config's snapshots (`crawl.snapshots`); StoreError when its URL
    cannot be opened here."""
    from msglint.sources.web.store import open_store

    return open_store(loaded.config.crawl.store, loaded.root)


def check_store(loaded: LoadedConfig, *, write: bool) -> None:
    """StoreError unless the snapshot store opens and (with `write`) takes files: asked
    once before a run that reads or crawls web sources."""
    snapshot_store(loaded).check(write=write)


def snapshot_folder(source: SourceConfig, loaded: LoadedConfig) -> Folder:
    """Where this source's snapshot lives."""
    return snapshot_store(loaded).folder(source.name)


def crawl_source(
    source: SourceConfig, loaded: LoadedConfig, options: WebOptions, polite: bool = True
) -> CrawlStats:
    """Fetch one source into its snapshot; SetupError when it cannot start at all."""
    from msglint.sources.web.crawler import SourceCrawl

    settings = loaded.config.crawl
    crawl = SourceCrawl(
        source,
        settings,
        loaded.root,
        snapshot_folder(source, loaded),
        obey_robots=settings.obey_robots and not options.ignore_robots,
        progress=options.progress,
        polite=polite,
    )
    return asyncio.run(crawl.run())


def crawl_sources(
    loaded: LoadedConfig, options: WebOptions, names: list[str] | None = None
) -> list[tuple[str, CrawlStats | str]]:
    """`msglint crawl`: each web source's stats, or the reason it could not be crawled."""
    from msglint.sources.web.crawler import SetupError

    out: list[tuple[str, CrawlStats | str]] = []
    for source in loaded.config.sources:
        if not source.is_web or (names and source.name not in names):
            continue
        try:
            out.append((source.name, crawl_source(source, loaded, options)))
        except SetupError as exc:
            out.append((source.name, str(exc)))
    return out


def read_web(
    source: SourceConfig,
    loaded: LoadedConfig,
    options: WebOptions,
    guard: Callable[[], Any] | None = None,
) -> Iterator[Content | SourceProblem]:
    """The pages of a web source from its snapshot, crawling first when needed (inside
    `guard()`, when given)."""
    from contextlib import nullcontext

    from msglint.sources.web.crawler import SetupError, settings_digest
    from msglint.sources.web.snapshot import WARC, load_state
    from msglint.sources.web.store import StoreError

    first = (source.urls or source.sitemaps or [source.url_list or ""])[0]

    def problem(reason: str, url: str | None = None) -> SourceProblem:
        return SourceProblem(
            source.name, source.role, _path(url) if url else first, reason, url=url
        )

    try:
        folder = snapshot_folder(source, loaded)
    except StoreError as exc:  # a worker without the store's package, say
        yield problem(str(exc))
        return
    state = load_state(folder)

    fresh = (
        state.complete
        and state.settings == settings_digest(source)
        and state.age() <= loaded.config.crawl.max_age
        and (folder / WARC).exists()
    )
    if options.offline:
        if not (folder / WARC).exists():
            yield problem("no snapshot of this source (--offline); run 'msglint crawl' first")
            return
    elif options.refresh or not fresh:
        try:
            with guard() if guard is not None else nullcontext():
                crawl_source(source, loaded, options)
        except SetupError as exc:
            yield problem(str(exc))
            return
        except OSError as exc:  # the folder not writable (read-only, full, a file in the way)
            yield problem(f"could not store its snapshot in {folder} ({_scrubbed(exc, loaded)})")
            return
    try:
        yield from read_snapshot(source, folder / WARC, load_state(folder).size)
    except OSError as exc:
        yield problem(f"could not read its snapshot in {folder} ({_scrubbed(exc, loaded)})")


def _scrubbed(exc: OSError, loaded: LoadedConfig) -> str:
    from msglint.sources.web.store import scrub

    return scrub(f"{type(exc).__name__}: {exc}", loaded.config.crawl.store)


def read_snapshot(
    source: SourceConfig, path: Entry, size: int = 0
) -> Iterator[Content | SourceProblem]:
    """Stored pages as Content and stored failures as SourceProblem, in crawl order; a
    snapshot shorter than the crawl wrote it (`size`) or torn is said to be truncated."""
    from msglint.sources.web.snapshot import read_records

    pending = None
    torn: list[int] = []
    requested: set[str] = set()
    for _, stored in read_records(path, torn_at=torn):
        requested.add(stored.requested)
        if stored.role == "rendered":
            if pending is not None and pending.url == stored.url:
                pending.rendered = stored.rendered
            continue
        if pending is not None:
            item = _item(source, pending)
            if item is not None:
                yield item
        pending = stored
    if pending is not None:
        item = _item(source, pending)
        if item is not None:
            yield item
    if not torn and size and path.exists() and path.size() < size:
        torn.append(path.size())
    if torn:
        missing = [u for u in source.urls or () if u not in requested]
        lost = f"; start URL(s) not in it: {', '.join(missing[:5])}" if missing else ""
        yield SourceProblem(
            source.name,
            source.role,
            _path(missing[0]) if missing else path.name,
            f"the snapshot {path.name} is truncated after byte {torn[0]:,} (the crawl was "
            f"cut short or the file damaged): the pages after it are missing{lost}; "
            "crawl again ('msglint crawl', or check without --offline)",
            url=missing[0] if missing else None,
        )


def _item(source: SourceConfig, stored: Any) -> Content | SourceProblem | None:
    from msglint.sources.web.content import to_content

    if stored.error is not None:
        if stored.attempts:
            tries = f"{stored.attempts} attempt" + ("s" if stored.attempts != 1 else "")
            reason = f"{stored.error} ({tries})"
        else:
            reason = f"{stored.error} (not fetched)"
        return SourceProblem(
            source.name, source.role, _path(stored.requested), reason, url=stored.requested
        )
    if stored.role != "page" or stored.status is None or not 200 <= stored.status < 300:
        return None
    content = to_content(source, stored)
    if content is None and stored.requested in (source.urls or ()):
        # A start URL msglint does not read (an image, say) is said once, not dropped:
        # pages merely linked to are skipped without a word, as links to images are.
        mime = (stored.headers.get("content-type") or "no Content-Type").split(";")[0]
        return SourceProblem(
            source.name,
            source.role,
            _path(stored.requested),
            f"served as {mime.strip()[:80]!r}, which msglint does not read "
            "(HTML, Markdown, text, PDF, DOCX or a catalog)",
            url=stored.requested,
        )
    return content


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
