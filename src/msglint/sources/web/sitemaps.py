"""Sitemaps (sitemaps.org): urlset and sitemapindex documents, plain or gzipped.

Parsed with lxml with entities, DTDs and network access switched off (a hostile sitemap
must not expand entities or fetch anything); size and count bounds are the caller's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from msglint.sources.web.fetch import inflate_gzip

MAX_NESTING = 3


@dataclass
class Sitemap:
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def parse_sitemap(body: bytes, max_body: int) -> Sitemap:
    """Page and child-sitemap URLs of one sitemap; ValueError when it is not one."""
    from lxml import etree

    if body[:2] == b"\x1f\x8b":
        body = inflate_gzip(body, max_body)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not XML: {exc}") from None
    if root is None:
        raise ValueError("not a sitemap (empty document)")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise ValueError(f"not a sitemap (root element <{kind}>)")
    out = Sitemap()
    target = out.sitemaps if kind == "sitemapindex" else out.pages
    for loc in root.iter("{*}loc", "loc"):
        text = (loc.text or "").strip()
        if text.startswith(("http://", "https://")):
            target.append(text)
    return out
