"""Where bytes come from. Each source kind yields `Content` or `SourceProblem`, never raises."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msglint.model import Role

if TYPE_CHECKING:
    from msglint.config import LoadedConfig, SourceConfig
    from msglint.sources.web import WebOptions


@dataclass(frozen=True, slots=True)
class Content:
    """Decoded text of one file or page, ready to parse; a catalog file keeps its bytes.

    Catalogs (CSV, JSON, XLSX, product feeds) have format "catalog" and `data` instead of
    `text`: their encoding is sniffed with the file's structure, and XLSX is binary. PDF
    and DOCX documents (format "pdf", "docx") keep their bytes too.
    """

    source: str
    role: Role
    path: str
    text: str
    format: str
    url: str | None = None
    data: bytes | None = None


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A file or page that could not be read; it becomes a `msglint.source-error` finding."""

    source: str
    role: Role
    path: str
    reason: str
    url: str | None = None


def read(
    source: SourceConfig,
    loaded: LoadedConfig,
    only: set[str] | None = None,
    web: WebOptions | None = None,
) -> Iterator[Content | SourceProblem]:
    """Every file and page of a source: its `paths` from disk, then its web pages from the
    snapshot (crawled first when stale). `only` (files named on the command line) skips
    the web part."""
    from msglint.sources.files import read_source

    if source.paths:
        yield from read_source(source, loaded.root, loaded.config.max_file_size, only)
    if source.is_web and only is None:
        from msglint.sources.web import WebOptions, read_web

        yield from read_web(source, loaded, web or WebOptions())


def deferred(
    source: SourceConfig,
    loaded: LoadedConfig,
    only: set[str] | None = None,
    web: WebOptions | None = None,
) -> Iterator[Any]:
    """`read`, deferred to where the items are checked (a cluster worker): each file as a
    `FileRef`, the web part as one `WebRef` (one host's crawl stays in one task). Each has
    `read()`, which yields what `read` would have, in the same order."""
    from msglint.sources.files import file_refs

    if source.paths:
        yield from file_refs(source, loaded.root, loaded.config.max_file_size, only)
    if source.is_web and only is None:
        from msglint.sources.web import WebOptions, WebRef

        yield WebRef(source, loaded, web or WebOptions())


def normalize_newlines(text: str) -> str:
    """One newline convention, so line numbers mean the same for every parser and source."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
