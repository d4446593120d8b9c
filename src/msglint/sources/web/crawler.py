"""Crawl one web source into its snapshot: seeds, sitemaps and URL lists, links followed
breadth-first within scope, every response and failure appended to the WARC as it comes.

Resume: URLs already in the unfinished snapshot (`.part`) are read back instead of fetched,
and their links followed again, so an interrupted crawl continues where it stopped.
Conditional re-crawl: a URL present in the last complete snapshot is requested with
If-None-Match / If-Modified-Since; a 304 copies the stored response.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from msglint.config import SourceConfig
from msglint.config.web import CrawlSettings
from msglint.sources.web.auth import load_credentials
from msglint.sources.web.fetch import Failure, Fetched, Fetcher
from msglint.sources.web.links import Scope, extract_links, normalize
from msglint.sources.web.sitemaps import MAX_NESTING, parse_sitemap
from msglint.sources.web.snapshot import (
    WARC,
    SnapshotState,
    SnapshotWriter,
    read_at,
    read_records,
    save_state,
)

if TYPE_CHECKING:
    from msglint.sources.web.store import Folder


@dataclass
class CrawlStats:
    """Counts shown while a source is crawled and in the summary."""

    source: str
    fetched: int = 0
    not_modified: int = 0
    reused: int = 0
    errors: int = 0
    blocked: int = 0
    queued: int = 0
    started: float = field(default_factory=time.monotonic)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.fetched + self.not_modified + self.reused + self.errors

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0


Progress = Callable[[CrawlStats], None]


def settings_digest(source: SourceConfig) -> str:
    """What a snapshot depends on: a changed URL or scope makes the old one stale."""
    keys = ("urls", "sitemaps", "url_list", "crawl", "render", "auth")
    blob = json.dumps(source.model_dump(mode="json", include=set(keys)), sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def seed_urls(source: SourceConfig, root: Path) -> list[str]:
    """Start URLs plus the URLs of `url_list` (one a line, '#' comments)."""
    urls = list(source.urls)
    if source.url_list:
        path = root / source.url_list
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise SetupError(f"cannot read url_list {source.url_list}: {exc}") from None
        urls += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    return urls


class SetupError(Exception):
    """A source cannot be crawled at all (its message names the reason, never a secret)."""


@dataclass
class _Job:
    url: str
    depth: int
    explicit: bool


class SourceCrawl:
    """The crawl of one source (one asyncio task group of workers)."""

    def __init__(
        self,
        source: SourceConfig,
        settings: CrawlSettings,
        root: Path,
        folder: Folder,
        *,
        obey_robots: bool,
        progress: Progress | None = None,
        polite: bool = True,
    ) -> None:
        self.source = source
        self.settings = settings
        self.folder = folder
        self.progress = progress
        self.stats = CrawlStats(source.name)
        seeds = seed_urls(source, root)
        bad = [u for u in seeds if urlsplit(u).scheme not in ("http", "https")]
        if bad:
            raise SetupError(f"not an http(s) URL in url_list: {bad[0][:200]!r}")
        self.seeds = seeds
        hosts = frozenset(urlsplit(u).netloc.lower() for u in [*seeds, *source.sitemaps])
        try:
            self.credentials = load_credentials(source.auth, hosts)
        except ValueError as exc:
            raise SetupError(str(exc)) from None
        self.scope = Scope(seeds or source.sitemaps, source.crawl)
        self.fetcher = Fetcher(
            settings, obey_robots=obey_robots, credentials=self.credentials, polite=polite
        )
        self.seen: set[str] = set()
        self.scheduled = 0
        self.queue: asyncio.Queue[_Job] = asyncio.Queue()
        self.renderer = None

    # -- entry -----------------------------------------------------------------------------

    async def run(self) -> CrawlStats:
        folder = self.folder
        final = folder / WARC
        part = folder / (WARC + ".part")
        state = SnapshotState(started=time.time(), settings=settings_digest(self.source))
        save_state(folder, SnapshotState(started=state.started, settings=state.settings))
        self.partial = {
            s.requested: off for off, s in read_records(part, repair=True) if s.role != "rendered"
        }
        self.old = {
            s.requested: off
            for off, s in read_records(final)
            if s.role == "page" and s.status == 200
        }
        self.part_path, self.final_path = part, final
        self.writer = SnapshotWriter(part, self.credentials.secret_headers)
        if self.source.render == "browser":
            from msglint.sources.web.render import Renderer

            self.renderer = Renderer(self.settings, self.credentials)
        try:
            for url in self.seeds:
                self._enqueue(url, 0, explicit=True)
            await self._sitemaps()
            workers = [
                asyncio.create_task(self._worker()) for _ in range(self.settings.concurrency)
            ]
            await self.queue.join()
            for w in workers:
                w.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        finally:
            self.writer.close()
            await self.fetcher.aclose()
            if self.renderer is not None:
                await self.renderer.aclose()
        part.replace(final)
        state.complete = True
        state.finished = time.time()
        state.size = final.size()
        save_state(folder, state)
        self._tick()
        return self.stats

    def _tick(self) -> None:
        self.stats.queued = self.queue.qsize()
        if self.progress:
            self.progress(self.stats)

    def _enqueue(self, url: str, depth: int, explicit: bool) -> None:
        try:
            url = normalize(url)
        except ValueError:  # a malformed URL in a sitemap: skipped like a bad link
            return
        if url in self.seen or self.scheduled >= self.source.crawl.max_pages:
            return
        self.seen.add(url)
        self.scheduled += 1
        self.queue.put_nowait(_Job(url, depth, explicit))

    # -- sitemaps --------------------------------------------------------------------------

    async def _sitemaps(self) -> None:
        pending = [(u, 0) for u in self.source.sitemaps]
        seen: set[str] = set()
        budget = self.settings.max_sitemap_urls
        while pending:
            url, level = pending.pop(0)
            if url in seen:
                continue
            seen.add(url)
            result = await self.fetcher.fetch(url)
            if isinstance(result, Fetched) and result.status != 200:
                result = Failure(
                    url, f"HTTP {result.status} {result.reason}", result.attempts, result.status
                )
            if isinstance(result, Failure):
                self._failed(url, result, role="sitemap")
                continue
            self.writer.response(result, role="sitemap")
            try:
                found = parse_sitemap(result.body, self.settings.max_body)
            except ValueError as exc:
                self._failed(url, Failure(url, f"sitemap: {exc}", result.attempts), role="sitemap")
                continue
            for child in found.sitemaps:
                if level + 1 <= MAX_NESTING:
                    pending.append((child, level + 1))
            for page in found.pages:
                if budget <= 0:
                    break
                budget -= 1
                self._enqueue(page, self.source.crawl.max_depth, explicit=True)

    # -- pages -----------------------------------------------------------------------------

    async def _worker(self) -> None:
        while True:
            job = await self.queue.get()
            try:
                await self._page(job)
            except Exception as exc:  # one page must never stop the crawl
                self._failed(
                    job.url, Failure(job.url, f"internal error: {type(exc).__name__}: {exc}", 1)
                )
            finally:
                self.queue.task_done()
                self._tick()

    async def _page(self, job: _Job) -> None:
        offset = self.partial.get(job.url)
        if offset is not None:
            stored = read_at(self.part_path, offset)
            self.stats.reused += 1
            if stored is not None and stored.error is None:
                self._follow(job, stored.body, stored.url, stored.headers.get("content-type"))
            elif stored is not None:
                self.stats.errors += 1
                self.stats.reused -= 1
            return
        headers: dict[str, str] = {}
        old = None
        if job.url in self.old:
            old = read_at(self.final_path, self.old[job.url])
            if old is not None:
                if "etag" in old.headers:
                    headers["If-None-Match"] = old.headers["etag"]
                if "last-modified" in old.headers:
                    headers["If-Modified-Since"] = old.headers["last-modified"]
        result = await self.fetcher.fetch(job.url, headers)
        if isinstance(result, Fetched) and result.status == 304 and old is not None:
            for hop in result.hops:
                self.writer.response(hop, role="redirect")
            page = Fetched(
                url=old.url,
                status=old.status or 200,
                reason="OK",
                headers=list(old.headers.items()),
                body=old.body,
                attempts=result.attempts,
                fetched_at=old.fetched_at,
                request_headers=result.request_headers,
                requested=job.url,
            )
            self.writer.response(page, revalidated=result.fetched_at)
            self.writer.flush()
            self.stats.not_modified += 1
            self._follow(job, page.body, page.url, page.header("content-type"))
            return
        if isinstance(result, Fetched) and not 200 <= result.status < 300:
            failure = Failure(
                result.url,
                f"HTTP {result.status} {result.reason}".strip(),
                result.attempts,
                result.status,
                result.hops,
            )
            for_record = result
            self.writer.response(for_record, role="error")
            self._failed(job.url, failure)
            return
        if isinstance(result, Failure):
            if result.reason == "blocked by robots.txt" and not job.explicit:
                self.stats.blocked += 1
                return
            self._failed(job.url, result)
            return
        for hop in result.hops:
            self.writer.response(hop, role="redirect")
        self.writer.response(result)
        body, ctype = result.body, result.header("content-type")
        if self.renderer is not None and _is_html(ctype):
            rendered = await self.renderer.render(result.url, result.body, ctype)
            if isinstance(rendered, str):
                self.writer.rendered(result.url, rendered)
                body = rendered.encode("utf-8")
            else:
                self._failed(job.url, Failure(result.url, rendered.reason, result.attempts))
        self.writer.flush()
        self.stats.fetched += 1
        self._follow(job, body, result.url, ctype)

    def _follow(self, job: _Job, body: bytes, url: str, ctype: str | None) -> None:
        if job.depth >= self.source.crawl.max_depth or not _is_html(ctype):
            return
        for link in extract_links(body, url):
            if self.scope.follows(link):
                self._enqueue(link, job.depth + 1, explicit=False)

    def _failed(self, url: str, failure: Failure, role: str = "page") -> None:
        failure.reason = self.credentials.scrub(failure.reason)
        self.writer.failure(failure, url, role=role)
        self.writer.flush()
        self.stats.errors += 1
        if len(self.stats.failures) < 1000:
            self.stats.failures.append((url, failure.reason))


def _is_html(ctype: str | None) -> bool:
    ctype = (ctype or "").lower()
    return "html" in ctype or not ctype
