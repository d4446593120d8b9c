"""One polite, bounded HTTP client for a whole crawl (asyncio, HTTP/1.1; the sockets and
parsing are transport.py's, aiohttp).

Why redirects and decoding are done here rather than by the HTTP library: every redirect
hop must pass robots.txt and the per-host rate limit, a loop must be named as such, and the
body limit must hold on the wire *and* after decompression (a library would inflate a whole
chunk of a gzip bomb at once), so bodies are read raw and inflated with a bounded zlib object.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from msglint.config.web import CrawlSettings
from msglint.sources.web.auth import Credentials
from msglint.sources.web.transport import Response, Transport, TransportError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 508, 509, 520, 521, 522, 523, 524})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX = 512 * 1024


@dataclass
class Fetched:
    """A final response (any status) with its decoded body."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    attempts: int
    fetched_at: str
    request_headers: list[tuple[str, str]]
    requested: str
    hops: list[Fetched] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


@dataclass
class Failure:
    """A URL that gave no usable response: why, the last status if any, attempts made."""

    url: str
    reason: str
    attempts: int
    status: int | None = None
    hops: list[Fetched] = field(default_factory=list)


class _TooLarge(Exception):
    pass


class _Blocked(Exception):
    pass


@dataclass
class _Host:
    sem: asyncio.Semaphore
    delay: float
    next_at: float = 0.0


class Fetcher:
    """Fetch URLs with per-host concurrency and spacing, robots.txt, retries and limits."""

    def __init__(
        self,
        settings: CrawlSettings,
        *,
        obey_robots: bool = True,
        credentials: Credentials | None = None,
        polite: bool = True,
    ) -> None:
        self.settings = settings
        self.agent = settings.agent()
        self.obey_robots = obey_robots
        self.credentials = credentials or Credentials()
        self.polite = polite
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, object] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self.transport = Transport(connections=settings.concurrency, agent=self.agent)

    async def aclose(self) -> None:
        await self.transport.aclose()

    # -- politeness ------------------------------------------------------------------------

    def _host(self, origin: str) -> _Host:
        host = self._hosts.get(origin)
        if host is None:
            per_host = self.settings.concurrency_per_host if self.polite else 10_000
            host = _Host(asyncio.Semaphore(per_host), self.settings.delay if self.polite else 0.0)
            self._hosts[origin] = host
        return host

    async def _turn(self, host: _Host) -> None:
        """Wait for this request's slot: slots to one host are `delay` seconds apart."""
        if host.delay <= 0:
            return
        loop = asyncio.get_running_loop()
        now = loop.time()
        at = max(now, host.next_at)
        host.next_at = at + host.delay
        if at > now:
            await asyncio.sleep(at - now)

    async def allowed(self, url: str) -> bool:
        """True when robots.txt of the URL's origin lets msglint fetch it."""
        if not self.obey_robots:
            return True
        origin = _origin(url)
        if origin not in self._robots:
            lock = self._robots_locks.setdefault(origin, asyncio.Lock())
            async with lock:
                if origin not in self._robots:
                    self._robots[origin] = await self._load_robots(origin)
        rules = self._robots[origin]
        if rules is None:
            return True
        if rules is False:
            return False
        return bool(rules.can_fetch(url, self.agent))  # type: ignore[attr-defined]

    async def _load_robots(self, origin: str) -> object:
        """Protego rules, None (no robots.txt: allow all) or False (server error: disallow)."""
        from protego import Protego

        result = await self._get(origin + "/robots.txt", {}, max_body=ROBOTS_MAX, robots=False)
        if isinstance(result, Failure):
            return False if result.status and result.status >= 500 else None
        if result.status >= 500:
            return False
        if result.status >= 400:
            return None
        rules = Protego.parse(result.body.decode("utf-8", errors="replace"))
        delay = rules.crawl_delay(self.agent)
        if delay and self.polite:
            host = self._host(origin)
            host.delay = max(host.delay, min(float(delay), 600.0))
        return rules

    # -- fetching --------------------------------------------------------------------------

    async def fetch(self, url: str, headers: dict[str, str] | None = None) -> Fetched | Failure:
        """GET `url`, following redirects (each hop checked), retrying transient failures."""
        return await self._get(url, headers or {}, max_body=self.settings.max_body, robots=True)

    async def _get(
        self, url: str, headers: dict[str, str], *, max_body: int, robots: bool
    ) -> Fetched | Failure:
        chain = [url]
        hops: list[Fetched] = []
        attempts = 0
        current = url
        while True:
            if robots and not await self.allowed(current):
                return Failure(current, "blocked by robots.txt", attempts, hops=hops)
            result = await self._with_retries(current, headers, max_body)
            attempts += result.attempts
            if isinstance(result, Failure):
                result.attempts = attempts
                result.hops = hops
                if current != url:
                    result.reason += f" (redirected from {url})"
                return result
            location = result.header("location")
            if result.status not in REDIRECTS or not location:
                result.attempts = attempts
                result.requested = url
                result.hops = hops
                return result
            hops.append(result)
            try:
                target = urljoin(current, location.strip()).split("#", 1)[0]
                scheme = urlsplit(target).scheme
            except ValueError:
                return Failure(
                    url, f"redirect to a malformed URL: {location.strip()!r}", attempts, hops=hops
                )
            if scheme not in ("http", "https"):
                return Failure(url, f"redirect to a non-HTTP URL: {target}", attempts, hops=hops)
            if target in chain:
                loop = " -> ".join([*chain[chain.index(target) :], target])
                return Failure(url, f"redirect loop: {loop}", attempts, result.status, hops)
            if len(chain) > self.settings.max_redirects:
                return Failure(
                    url,
                    f"more than {self.settings.max_redirects} redirects (max_redirects)",
                    attempts,
                    result.status,
                    hops,
                )
            chain.append(target)
            current = target

    async def _with_retries(
        self, url: str, headers: dict[str, str], max_body: int
    ) -> Fetched | Failure:
        settings = self.settings
        host = self._host(_origin(url))
        last: Fetched | Failure | None = None
        for attempt in range(1, settings.retries + 2):
            retry_after: float | None = None
            async with host.sem:
                await self._turn(host)
                try:
                    async with asyncio.timeout(settings.timeout):
                        result: Fetched | Failure = await self._once(url, headers, max_body)
                except TimeoutError:
                    result = Failure(url, f"timed out after {settings.timeout:g} s", 1)
                except _TooLarge as exc:
                    return Failure(url, self.credentials.scrub(str(exc)), attempt)
                except TransportError as exc:
                    result = Failure(url, self.credentials.scrub(str(exc)), 1)
            result.attempts = attempt
            last = result
            if isinstance(result, Fetched):
                if result.status not in RETRY_STATUSES:
                    return result
                retry_after = _retry_after(result.header("retry-after"))
            if attempt > settings.retries:
                break
            wait = settings.backoff * (2 ** (attempt - 1)) * (0.5 + random.random())
            if retry_after is not None:
                if retry_after > settings.max_retry_wait:
                    return Failure(
                        url,
                        f"HTTP {result.status}; Retry-After of {retry_after:g} s is longer than "
                        f"max_retry_wait",
                        attempt,
                        getattr(result, "status", None),
                    )
                wait = retry_after
            await asyncio.sleep(min(wait, settings.max_retry_wait))
        assert last is not None
        if isinstance(last, Fetched):
            return Failure(
                url, f"HTTP {last.status} {last.reason}".strip(), last.attempts, last.status
            )
        return last

    async def _once(self, url: str, headers: dict[str, str], max_body: int) -> Fetched:
        parts = urlsplit(url)
        sent = {**headers, **self.credentials.for_url(url, parts.netloc)}
        fetched_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        response = await self.transport.get(url, sent)
        try:
            declared = response.header("content-length")
            if declared and declared.isdigit() and int(declared) > max_body:
                raise _TooLarge(
                    f"body of {int(declared):,} bytes is over the limit of {max_body:,}"
                )
            body = await _read_body(response, max_body)
        finally:
            response.close()
        out_headers = [
            (k, v)
            for k, v in response.headers
            if k.lower() not in ("content-encoding", "transfer-encoding", "content-length")
        ]
        encoding = response.header("content-encoding")
        if encoding:
            out_headers.append(("X-Msglint-Content-Encoding", encoding))
        out_headers.append(("Content-Length", str(len(body))))
        return Fetched(
            url=url,
            status=response.status,
            reason=response.reason,
            headers=out_headers,
            body=body,
            attempts=1,
            fetched_at=fetched_at,
            request_headers=response.request_headers,
            requested=url,
        )


async def _read_body(response: Response, max_body: int) -> bytes:
    """Stream the raw body, inflating it with a bounded decompressor."""
    encoding = (response.header("content-encoding") or "").strip().lower()
    decoder = None
    if encoding in ("gzip", "x-gzip", "deflate"):
        decoder = zlib.decompressobj(47)  # gzip or zlib header, detected
    elif encoding not in ("", "identity"):
        raise _TooLarge(f"unsupported Content-Encoding '{encoding[:40]}'")
    out = bytearray()
    raw = 0
    async for chunk in response.chunks():
        raw += len(chunk)
        if raw > max_body:
            raise _TooLarge(f"body is over the limit of {max_body:,} bytes (max_body)")
        if decoder is None:
            out += chunk
            continue
        try:
            out += decoder.decompress(chunk, max_body - len(out) + 1)
        except zlib.error as exc:
            raise _TooLarge(f"corrupt {encoding} body: {exc}") from None
        if len(out) > max_body or decoder.unconsumed_tail:
            raise _TooLarge(
                f"body inflates to over {max_body:,} bytes (max_body; a compression bomb?)"
            )
    return bytes(out)


def inflate_gzip(data: bytes, max_body: int) -> bytes:
    """Inflate a gzipped file (a .xml.gz sitemap) with the same bound as response bodies."""
    decoder = zlib.decompressobj(47)
    try:
        out = decoder.decompress(data, max_body + 1)
    except zlib.error as exc:
        raise ValueError(f"corrupt gzip data: {exc}") from None
    if len(out) > max_body or decoder.unconsumed_tail:
        raise ValueError(f"inflates to over {max_body:,} bytes (max_body; a compression bomb?)")
    return out


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def origin(url: str) -> str:
    """scheme://host[:port] of a URL."""
    return _origin(url)
