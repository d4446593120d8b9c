"""The HTTP transport of a crawl: one aiohttp session, raw bodies, no redirects of its own.

Why aiohttp and not httpx (which msglint used first): on this project's crawl benchmark
(benchmarks/crawl.py, 16 connections to a local server) httpx's async stack tops out at
about 450 requests/s on one core, aiohttp at about 4,000. Profiles put most of httpx's time
in httpcore's connection pool, which rescans every connection (and polls each idle socket)
for every queued request, so it gets worse the more connections are open. The crawler
needs only plain HTTP/1.1 GETs with keep-alive, which aiohttp's C parser does well.

What this module does and does not do is deliberately narrow, so the policy stays in
fetch.py: no redirects are followed (every hop must pass robots.txt and the rate limit
there), bodies are not decompressed here (fetch.py inflates them with a bounded zlib object:
a gzip bomb must stop at `max_body`), and no proxy or netrc is read from the environment.
Cookies a server sets are kept for the session (as a browser and the former httpx client
did); credentials come from fetch.py as headers and are redacted before anything is written.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp

#: What this crawler can decode (fetch.py's bounded inflater); no brotli or zstd.
ACCEPT_ENCODING = "gzip, deflate"
CHUNK = 64 * 1024


class TransportError(Exception):
    """No response: the connection failed, broke or spoke bad HTTP (message says which)."""


@dataclass
class Response:
    """An open response: status line, headers as sent, what was sent; body via `chunks()`."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    request_headers: list[tuple[str, str]]
    _raw: aiohttp.ClientResponse

    def header(self, name: str) -> str | None:
        return self._raw.headers.get(name)

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body as it came over the wire (still compressed), chunk by chunk."""
        try:
            async for chunk in self._raw.content.iter_chunked(CHUNK):
                yield chunk
        except aiohttp.ClientError as exc:
            raise TransportError(describe(exc)) from None

    def close(self) -> None:
        """Back to the pool; aiohttp closes the connection instead if the body was not
        read to its end (an oversized body, a timeout), so no leftover bytes are reused."""
        self._raw.release()


class Transport:
    """A keep-alive connection pool of at most `connections` sockets for a whole crawl."""

    def __init__(self, *, connections: int, agent: str) -> None:
        self.connections = connections
        self.agent = agent
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        """The session, made on first use: aiohttp binds it to the running event loop."""
        if self._session is None:
            connector = aiohttp.TCPConnector(
                limit=self.connections, limit_per_host=0, ttl_dns_cache=300
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": self.agent, "Accept-Encoding": ACCEPT_ENCODING},
                # no timeouts of its own: fetch.py bounds each request with asyncio.timeout
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=None, sock_read=None),
                auto_decompress=False,
                cookie_jar=aiohttp.CookieJar(unsafe=True),  # unsafe: IP-address hosts too
                trust_env=False,
                raise_for_status=False,
            )
        return self._session

    async def get(self, url: str, headers: dict[str, str]) -> Response:
        """Send a GET and return once the status line and headers are in."""
        try:
            raw = await self._open().get(url, headers=headers, allow_redirects=False)
        except aiohttp.ClientError as exc:
            raise TransportError(describe(exc)) from None
        except ValueError as exc:  # yarl: a URL it cannot encode
            raise TransportError(f"invalid URL: {exc}") from None
        return Response(
            status=raw.status,
            reason=raw.reason or "",
            headers=[(str(k), v) for k, v in raw.headers.items()],
            request_headers=[(str(k), v) for k, v in raw.request_info.headers.items()],
            _raw=raw,
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
        await asyncio.sleep(0)  # let the connector's transports close before the loop ends


def describe(exc: aiohttp.ClientError) -> str:
    """A short, stable reason for a transport failure (shown in findings)."""
    if isinstance(exc, aiohttp.InvalidURL):
        return "invalid URL"
    if isinstance(exc, aiohttp.ClientConnectorError):
        label = "connection failed"
        detail = str(exc.os_error) if exc.os_error else ""
    elif isinstance(exc, aiohttp.ServerDisconnectedError):
        return "protocol error: server disconnected"
    elif isinstance(exc, aiohttp.ClientPayloadError):
        label, detail = "read error", str(exc)
    elif isinstance(exc, aiohttp.ClientResponseError):
        label, detail = "protocol error", exc.message
    elif isinstance(exc, aiohttp.ClientOSError):
        label, detail = "read error", str(exc)
    else:
        label, detail = type(exc).__name__, str(exc)
    return f"{label}: {detail}" if detail else label
