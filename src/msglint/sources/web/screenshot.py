"""Screenshot evidence: the element a finding points at, as a PNG a person can show.

For sources with `evidence: screenshot` (the default for `render: browser` sources), each
finding on a fetched page gets an image of its element with some page around it, the
element outlined, and a caption band with the URL, the capture time and when the page was
fetched, written beside the snapshot (`<snapshot>/<source>/screenshots/`).

What is photographed is the page *as checked*: the HTML stored in the snapshot (for a
rendered source, the DOM after its scripts ran), loaded in headless Chromium with
JavaScript off, so the CSS path the finding carries selects the same element the check
read. Stylesheets, images and fonts come from the network (with the source's credentials,
for its own hosts only); with `--offline`, not at all. Chromium is Debian's, through
Playwright's `executable_path`, as in render.py.

Bounds: `crawl.screenshots` (50 images a run, 1.5 MB each, 1,600 px high, by default);
errors first. Evidence outside the visible page (JSON-LD, `<head>`) gets the top of the
page and a note saying so; an element no longer on the page gets no image, and its
finding keeps the text evidence with a note that says why.
"""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from msglint.config.web import CrawlSettings, ScreenshotSettings
from msglint.model import Finding
from msglint.sources.web.render import LAUNCH_FLAGS

if TYPE_CHECKING:
    from msglint.sources.web.store import Entry

FOLDER = "screenshots"
VIEWPORT_HEIGHT = 900
CAPTION_LINE = 18
INVISIBLE = re.compile(r"^\s*(html\s*>\s*)?(head|script|meta|title|link|style|template)\b")
_SEVERITY = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Shot:
    """One element to photograph on one page, and the findings it stands for."""

    selector: str | None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Outcome:
    taken: int = 0
    notes: list[str] = field(default_factory=list)


def plan(
    findings: Iterable[Finding], sources: set[str], limit: int
) -> dict[tuple[str, str], list[Shot]]:
    """(source, url) -> the shots to take there: findings on pages of `sources`, errors
    first, one shot per element, at most `limit` shots."""
    wanted = [f for f in findings if f.source in sources and f.location.url]
    wanted.sort(key=lambda f: (_SEVERITY.get(f.severity.value, 3), f.sort_key()))
    pages: dict[tuple[str, str], dict[str | None, Shot]] = {}
    count = 0
    for f in wanted:
        url = f.location.url or ""
        selector = f.location.selector
        if selector is not None and INVISIBLE.match(selector):
            selector = None  # structured data: the top of the page stands for it
        shots = pages.setdefault((f.source, url), {})
        if selector not in shots:
            if count >= limit:
                f.screenshot_note = f"no screenshot: the run's limit of {limit} was reached"
                continue
            shots[selector] = Shot(selector)
            count += 1
        shots[selector].findings.append(f)
    return {key: list(shots.values()) for key, shots in pages.items()}


def stored_pages(warc: Entry, urls: set[str]) -> dict[str, tuple[bytes, str, str]]:
    """url -> (HTML as checked, content type, fetch time) from a snapshot."""
    from msglint.sources.web.snapshot import read_records

    out: dict[str, tuple[bytes, str, str]] = {}
    for _, stored in read_records(warc):
        if stored.role == "rendered" and stored.url in out and stored.rendered is not None:
            _, ctype, when = out[stored.url]
            out[stored.url] = (stored.rendered, "text/html; charset=utf-8", when)
        elif stored.role == "page" and stored.error is None and stored.url in urls:
            ctype = stored.headers.get("content-type") or "text/html"
            out[stored.url] = (stored.body, ctype, stored.fetched_at)
    return out


async def capture(
    jobs: list[tuple[str, bytes, str, str, list[Shot], Path]],
    settings: CrawlSettings,
    credentials: dict[str, Any],
    offline: bool,
) -> Outcome:
    """Take the shots of every page in `jobs` (url, html, content type, fetched, shots,
    folder) in one Chromium; failures become notes on the findings."""
    outcome = Outcome()
    try:
        import PIL  # noqa: F401  (compose() draws the caption with Pillow)
        from playwright.async_api import async_playwright
    except ImportError:
        outcome.notes.append(
            "screenshots need the playwright and pillow packages (pip install 'msglint[browser]')"
        )
        return outcome
    limits = settings.screenshots
    async with async_playwright() as pw:
        try:
            browser = await pw.chromium.launch(
                executable_path=settings.chromium, args=LAUNCH_FLAGS, headless=True
            )
        except Exception as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            outcome.notes.append(
                f"no screenshots: cannot start Chromium at {settings.chromium} ({first[:200]})"
            )
            return outcome
        try:
            context = await browser.new_context(
                viewport={"width": limits.width, "height": VIEWPORT_HEIGHT},
                java_script_enabled=False,
                user_agent=settings.agent(),
            )
            for url, html, ctype, fetched, shots, folder in jobs:
                creds = credentials.get(url)
                await _page(
                    context,
                    url,
                    html,
                    ctype,
                    fetched,
                    shots,
                    folder,
                    limits,
                    creds,
                    offline,
                    settings.render_timeout,
                    outcome,
                )
        finally:
            await browser.close()
    return outcome


async def _page(
    context: Any,
    url: str,
    html: bytes,
    ctype: str,
    fetched: str,
    shots: list[Shot],
    folder: Path,
    limits: ScreenshotSettings,
    creds: Any,
    offline: bool,
    timeout: float,
    outcome: Outcome,
) -> None:
    page = await context.new_page()

    async def route(handle: Any, request: Any) -> None:
        same = request.url.split("#")[0] == url.split("#")[0]
        if same and request.resource_type == "document":
            await handle.fulfill(status=200, body=html, headers={"content-type": ctype})
        elif request.is_navigation_request() and request.frame == page.main_frame:
            # A meta refresh must not take the page away; a 204 answer cancels a navigation
            # and keeps the document (an abort would show Chromium's error page instead).
            await handle.fulfill(status=204, body=b"")
        elif offline or not request.url.startswith(("http://", "https://")):
            await handle.abort()
        else:
            extra = creds.for_url(request.url, urlsplit(request.url).netloc) if creds else {}
            await handle.continue_(headers={**request.headers, **extra} if extra else None)

    try:
        await page.route("**/*", route)
        try:
            await page.goto(url, wait_until="load", timeout=timeout * 1000)
        except Exception as exc:
            text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            _note(shots, f"no screenshot: the page did not load in Chromium ({text[:200]})")
            return
        for shot in shots:
            try:
                await _shot(page, url, fetched, shot, folder, limits, outcome)
            except Exception as exc:  # one element must never stop the others
                text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                _note([shot], f"no screenshot: {text[:200]}")
    finally:
        await page.close()


async def _shot(
    page: Any,
    url: str,
    fetched: str,
    shot: Shot,
    folder: Path,
    limits: ScreenshotSettings,
    outcome: Outcome,
) -> None:
    box = None
    if shot.selector is not None:
        try:
            element = await page.query_selector(shot.selector)
        except Exception:  # a selector Chromium does not accept
            element = None
        if element is None:
            _note(
                [shot],
                f"no screenshot: the element ({shot.selector}) was not on the page when the "
                "screenshot was taken; the text evidence stands",
            )
            return
        box = await element.bounding_box()
        if box is None or box["width"] < 1 or box["height"] < 1:
            _note(
                [shot],
                f"no screenshot: the element ({shot.selector}) is not visible on the page; "
                "the text evidence stands",
            )
            return
    width, height = await _page_size(page, limits.width)
    if box is None:
        clip = {
            "x": 0,
            "y": 0,
            "width": min(width, limits.width),
            "height": min(height, VIEWPORT_HEIGHT),
        }
    else:
        c = limits.context
        x0, y0 = max(0.0, box["x"] - c), max(0.0, box["y"] - c)
        x1 = min(float(width), box["x"] + box["width"] + c, x0 + limits.width)
        y1 = min(float(height), box["y"] + box["height"] + c, y0 + limits.max_height)
        clip = {"x": x0, "y": y0, "width": max(1.0, x1 - x0), "height": max(1.0, y1 - y0)}
    png = await page.screenshot(
        clip=clip, full_page=True, type="png", animations="disabled", timeout=30_000
    )
    captured = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    outline = None
    if box is not None:
        outline = (box["x"] - clip["x"], box["y"] - clip["y"], box["width"], box["height"])
    data = compose(png, url, captured, fetched, outline, limits.max_bytes)
    if data is None:
        _note([shot], f"no screenshot: the image stayed over {limits.max_bytes:,} bytes")
        return
    folder.mkdir(parents=True, exist_ok=True)
    name = _file_name(shot.findings[0].fingerprint)
    (folder / name).write_bytes(data)
    outcome.taken += 1
    for f in shot.findings:
        f.screenshot = str(folder / name)
        f.screenshot_note = None if box is not None else _page_note(f)


def _page_note(f: Finding) -> str:
    if f.location.selector:
        return (
            "the evidence is in the page's structured data, not shown on it; the image is "
            "the top of the page"
        )
    return "the finding is about the whole page; the image is the top of the page"


async def _page_size(page: Any, width: int) -> tuple[int, int]:
    size = await page.evaluate(
        "() => [Math.max(document.documentElement.scrollWidth, document.body ? "
        "document.body.scrollWidth : 0), Math.max(document.documentElement.scrollHeight, "
        "document.body ? document.body.scrollHeight : 0)]"
    )
    return max(1, int(size[0]) or width), max(1, int(size[1]) or VIEWPORT_HEIGHT)


def compose(
    png: bytes,
    url: str,
    captured: str,
    fetched: str,
    outline: tuple[float, float, float, float] | None,
    max_bytes: int,
) -> bytes | None:
    """The clip with the element outlined and a caption band (URL, capture and fetch
    time) below it, as PNG of at most `max_bytes` (scaled down if needed; None if even
    a quarter of the size is larger)."""
    from PIL import Image, ImageDraw

    image = Image.open(io.BytesIO(png)).convert("RGB")
    if outline is not None:
        draw = ImageDraw.Draw(image)
        x, y, w, h = outline
        draw.rectangle((x - 2, y - 2, x + w + 1, y + h + 1), outline=(220, 20, 60), width=3)
    lines = [
        _fit(url, image.width),
        _fit(
            f"captured {captured}" + (f" · page fetched {fetched}" if fetched else ""), image.width
        ),
    ]
    band = CAPTION_LINE * len(lines) + 12
    framed = Image.new("RGB", (image.width, image.height + band), (32, 33, 36))
    framed.paste(image, (0, 0))
    draw = ImageDraw.Draw(framed)
    font = _font()
    for n, line in enumerate(lines):
        draw.text((8, image.height + 6 + n * CAPTION_LINE), line, fill=(255, 255, 255), font=font)
    scale = 1.0
    for _ in range(4):
        out = io.BytesIO()
        sized = (
            framed
            if scale == 1.0
            else framed.resize(
                (max(1, int(framed.width * scale)), max(1, int(framed.height * scale)))
            )
        )
        sized.save(out, format="PNG", optimize=True)
        if out.tell() <= max_bytes:
            return out.getvalue()
        scale *= 0.7
    return None


def _font() -> Any:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=13)
    except TypeError:  # Pillow before 10.1: the fixed bitmap font
        return ImageFont.load_default()


def _fit(text: str, width: int) -> str:
    """`text` cut to about what fits in `width` pixels of the caption font (7 px a glyph);
    non-ASCII characters the bitmap font may lack are kept, Pillow draws a box for them."""
    room = max(10, (width - 16) // 7)
    return text if len(text) <= room else text[: room - 1] + "…"


def _file_name(fingerprint: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", fingerprint or "finding") + ".png"


def _note(shots: list[Shot], text: str) -> None:
    for shot in shots:
        for f in shot.findings:
            f.screenshot_note = text


def take(findings: list[Finding], loaded: Any, *, offline: bool = False) -> Outcome:
    """Screenshots for the run's findings on pages of sources that ask for them; paths
    stored on the findings relative to the config's folder. Old images of those sources
    are removed first, so the folder holds this run's evidence only."""
    from msglint.sources.web import snapshot_folder
    from msglint.sources.web.auth import load_credentials
    from msglint.sources.web.snapshot import WARC

    settings = loaded.config.crawl
    sources = {s.name: s for s in loaded.config.sources if s.screenshots}
    if not sources:
        return Outcome()
    shots = plan(findings, set(sources), settings.screenshots.max_per_run)
    jobs = []
    credentials: dict[str, Any] = {}
    for name, source in sources.items():
        folder = snapshot_folder(source, loaded)
        # Images stay on this machine: in the snapshot folder when it is on this disk,
        # else in snapshot_dir's (the store is a URL).
        target = (folder.local or loaded.root / settings.snapshot_dir / name) / FOLDER
        if target.is_dir():
            for old in target.glob("*.png"):
                old.unlink(missing_ok=True)
        urls = {url for (src, url) in shots if src == name}
        if not urls:
            continue
        pages = stored_pages(folder / WARC, urls)
        hosts = frozenset(urlsplit(u).netloc.lower() for u in [*source.urls, *source.sitemaps])
        try:
            creds = load_credentials(source.auth, hosts)
        except ValueError:  # a missing variable: the crawl said so; no credentials here
            creds = None
        for url in sorted(urls):
            page_shots = shots[(name, url)]
            stored = pages.get(url)
            if stored is None:
                _note(page_shots, "no screenshot: the page is not in the snapshot")
                continue
            credentials[url] = creds
            jobs.append((url, stored[0], stored[1], stored[2], page_shots, target))
    if not jobs:
        return Outcome()
    outcome = asyncio.run(capture(jobs, settings, credentials, offline))
    root = loaded.root.resolve()
    for f in findings:
        if f.screenshot:
            image = Path(f.screenshot).resolve()
            f.screenshot = (
                image.relative_to(root).as_posix() if image.is_relative_to(root) else str(image)
            )
    return outcome
