"""Links of a page and whether a crawl follows them (scope, include/exclude, file types)."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from msglint.config.web import FollowConfig

#: Links to these are never followed: msglint cannot lint them and they are often large.
SKIP_SUFFIXES = re.compile(
    r"\.(?:png|jpe?g|gif|webp|svg|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|exe|dmg|msi|iso|"
    r"mp[34]|m4[av]|mov|avi|webm|ogg|wav|flac|woff2?|ttf|otf|eot|css|js|mjs|map)$",
    re.I,
)


def normalize(url: str) -> str:
    """The URL without fragment, with a lower-case scheme and host and a path of at least '/'."""
    parts = urlsplit(url.strip())
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


def extract_links(body: bytes | str, base: str) -> list[str]:
    """Absolute http(s) links of an HTML page (<a href>, <area href>), honouring <base>."""
    from selectolax.lexbor import LexborHTMLParser

    from msglint.text.nesting import bound_nesting

    # Nesting is bounded as for the parsed page (Lexbor's tree building is quadratic in
    # it). Bytes are bounded through latin-1, which maps each byte to one character and
    # back, so the page's own encoding reaches Lexbor untouched.
    if isinstance(body, bytes):
        body = bound_nesting(body.decode("latin-1")).encode("latin-1")
    else:
        body = bound_nesting(body)
    tree = LexborHTMLParser(body)
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        # a malformed <base href> is ignored: links stay relative to the page
        with contextlib.suppress(ValueError):
            base = urljoin(base, base_node.attributes.get("href") or "")
    out: list[str] = []
    for node in tree.css("a[href], area[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        try:
            url = urljoin(base, href)
            if urlsplit(url).scheme in ("http", "https"):
                out.append(normalize(url))
        except ValueError:  # `http://[::1:bad/`: this link is lost, not the page's others
            continue
    return out


class Scope:
    """Decides which discovered links a source follows."""

    def __init__(self, seeds: list[str], follow: FollowConfig) -> None:
        self.follow = follow
        self._include = [re.compile(p) for p in follow.include]
        self._exclude = [re.compile(p) for p in follow.exclude]
        self._hosts = {urlsplit(s).netloc.lower() for s in seeds}
        self._sites = {_site(urlsplit(s).hostname or "") for s in seeds}
        self._prefixes = [_folder(normalize(s)) for s in seeds]

    def follows(self, url: str) -> bool:
        parts = urlsplit(url)
        if SKIP_SUFFIXES.search(parts.path):
            return False
        scope = self.follow.scope
        if scope == "host" and parts.netloc.lower() not in self._hosts:
            return False
        if scope == "site" and _site(parts.hostname or "") not in self._sites:
            return False
        if scope == "prefix" and not any(url.startswith(p) for p in self._prefixes):
            return False
        if self._include and not any(p.search(url) for p in self._include):
            return False
        return not any(p.search(url) for p in self._exclude)


def _site(host: str) -> str:
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def _folder(url: str) -> str:
    return url[: url.rfind("/") + 1] if "/" in urlsplit(url).path else url
