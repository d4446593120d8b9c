"""`render: browser`: run a page's JavaScript in headless Chromium (Playwright) and keep the DOM.

The page's HTML is the response msglint already fetched politely (robots, rate limit,
retries), handed to Chromium through request interception, so the document is never
fetched twice; scripts and data requests the page makes go to the network, with the
source's credentials only for its own hosts. Chromium is Debian's (`executable_path`,
default /usr/bin/chromium): Playwright never downloads a browser here.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from urllib.parse import urlsplit

from msglint.config.web import CrawlSettings
from msglint.sources.web.auth import Credentials

LAUNCH_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES_AT_ONCE = 2


@dataclass
class RenderFailure:
    reason: str


class Renderer:
    """One Chromium for a crawl, started on first use; at most PAGES_AT_ONCE pages at once."""

    def __init__(self, settings: CrawlSettings, credentials: Credentials) -> None:
        self.settings = settings
        self.credentials = credentials
        self._sem = asyncio.Semaphore(PAGES_AT_ONCE)
        self._lock = asyncio.Lock()
        self._pw = None
        self._browser = None
        self._profile: tempfile.TemporaryDirectory[str] | None = None
        self._error: str | None = None

    async def _start(self) -> None:
        async with self._lock:
            if self._browser is not None or self._error is not None:
                return
            try:
                from playwright.async_api import async_playwright
            except ImportError:
                self._error = (
                    "render: browser needs the playwright package (pip install 'msglint[browser]')"
                )
                return
            self._profile = tempfile.TemporaryDirectory(prefix="msglint-chromium-")
            try:
                self._pw = await async_playwright().start()
                # a persistent context is how Playwright takes a fresh --user-data-dir
                self._browser = await self._pw.chromium.launch_persistent_context(
                    self._profile.name,
                    executable_path=self.settings.chromium,
                    args=LAUNCH_FLAGS,
                    headless=True,
                    user_agent=self.settings.agent(),
                )
            except Exception as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                self._error = (
                    f"cannot start Chromium at {self.settings.chromium} ({first[:200]}); "
                    "install it with 'apt-get install chromium' or set crawl.chromium"
                )

    async def render(self, url: str, body: bytes, content_type: str | None) -> str | RenderFailure:
        """The page's DOM after its scripts ran (serialized HTML)."""
        await self._start()
        if self._error is not None or self._browser is None:
            return RenderFailure(self._error or "Chromium did not start")
        async with self._sem:
            page = await self._browser.new_page()
            try:

                async def route(handle, request):  # type: ignore[no-untyped-def]
                    if request.url.split("#")[0] == url and request.resource_type == "document":
                        await handle.fulfill(
                            status=200,
                            body=body,
                            headers={"content-type": content_type or "text/html"},
                        )
                        return
                    host = urlsplit(request.url).netloc
                    extra = self.credentials.for_url(request.url, host)
                    await handle.continue_(headers={**request.headers, **extra} if extra else None)

                await page.route("**/*", route)
                timeout_ms = self.settings.render_timeout * 1000
                await page.goto(url, wait_until="networkidle", timeout=timeout_ms)
                html = await page.content()
            except Exception as exc:
                text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                return RenderFailure(self.credentials.scrub(f"rendering failed: {text[:300]}"))
            finally:
                await page.close()
        if len(html.encode("utf-8")) > self.settings.max_body:
            return RenderFailure(
                f"rendered page is over {self.settings.max_body:,} bytes (max_body)"
            )
        return html

    async def aclose(self) -> None:
        if self._browser is not None:
            await self._browser.close()
        if self._pw is not None:
            await self._pw.stop()
        if self._profile is not None:
            self._profile.cleanup()
