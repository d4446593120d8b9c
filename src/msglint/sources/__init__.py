"""Where bytes come from. Each source kind yields `Content` or `SourceProblem`, never raises."""

from __future__ import annotations

from dataclasses import dataclass

from msglint.model import Role


@dataclass(frozen=True, slots=True)
class Content:
    """Decoded text of one file or page, ready to parse; a catalog file keeps its bytes.

    Catalogs (CSV, JSON, XLSX, product feeds) have format "catalog" and `data` instead of
    `text`: their encoding is sniffed with the file's structure, and XLSX is binary.
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
