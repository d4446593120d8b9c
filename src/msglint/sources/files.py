"""Local files: paths, folders and globs of a source, read with size and encoding checks."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from msglint.config import SourceConfig
from msglint.filetypes import BINARY_FORMATS, format_for
from msglint.globs import matches
from msglint.model import Role
from msglint.sources import Content, SourceProblem, normalize_newlines
from msglint.text.decode import UndecodableError, decode

_GLOB_CHARS = re.compile(r"[*?\[{]")
#: Files read as product catalogs by reference and partner sources.
CATALOG_SUFFIXES = frozenset(
    {".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".xlsx", ".xml", ".rss", ".atom"}
)


def list_files(
    source: SourceConfig, root: Path, unreadable: dict[Path, str] | None = None
) -> list[tuple[Path, str]]:
    """Every file the source names with its project-relative path, without duplicates or
    excluded files. Folders that cannot be listed go into `unreadable` (path -> reason)."""
    found: dict[Path, None] = {}
    for entry in source.paths:
        if _GLOB_CHARS.search(entry):
            for path in sorted(root.glob(entry)):
                if path.is_file():
                    found[path] = None
            continue
        path = root / entry
        if path.is_dir():
            for sub in _walk(path, unreadable if unreadable is not None else {}):
                if sub.suffix and _readable(sub, source):
                    found[sub] = None
        elif path.exists():
            found[path] = None
        elif entry.endswith(("/", "\\")):
            continue  # a folder not made yet: like a glob that matches nothing (source-empty)
        else:
            found[path] = None  # a named file: reported as missing when read
    result = []
    for path in found:
        rel = relative(path, root)
        if source.exclude and matches(rel, source.exclude):
            continue
        result.append((path, rel))
    return result


def _walk(folder: Path, unreadable: dict[Path, str]) -> list[Path]:
    """The files under `folder`, sorted. `Path.rglob` skips a folder it may not list without
    a word, so its files would vanish from the run; os.walk reports it (`unreadable`)."""

    def failed(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        unreadable[where] = f"cannot read folder: {exc.strerror or exc}"

    files: list[Path] = []
    for top, _dirs, names in os.walk(folder, onerror=failed):
        files.extend(Path(top) / name for name in names if (Path(top) / name).is_file())
    return sorted(files)


def _readable(path: Path, source: SourceConfig) -> bool:
    if format_for(path.name) is not None:
        return True
    return source.role is not Role.DOCS and path.suffix.lower() in CATALOG_SUFFIXES


def relative(path: Path, root: Path) -> str:
    """`path` relative to the project root, with forward slashes (stable across systems),
    as text every report can carry (see `shown`)."""
    resolved = path if path.is_absolute() and ".." not in path.parts else path.resolve()
    try:
        return shown(resolved.relative_to(root).as_posix())
    except ValueError:
        return shown(resolved.as_posix())


_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_ESCAPED = re.compile(r"\\x([0-9a-f]{2})|\\u(d[89a-f][0-9a-f]{2})")


def shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (which Python keeps as lone surrogates,
    `bad\\udcffname.html`) become `\\xff`, control characters (an ANSI escape in a name)
    `\\x1b`, as git shows them. Without this, one such file name crashed every report
    (UnicodeEncodeError) or wrote terminal escapes to the screen. `on_disk` reverses it."""
    if not _UNSHOWABLE.search(name):
        return name

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        if 0xDC80 <= code <= 0xDCFF:  # a byte that did not decode (surrogateescape)
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSHOWABLE.sub(escape, name)


def on_disk(root: Path, name: str) -> Path:
    """The file a `shown` name stands for (for writing fixes back)."""
    literal = root / name
    if "\\" not in name or literal.exists():
        return literal

    def unescape(m: re.Match[str]) -> str:
        if m.group(2):
            return chr(int(m.group(2), 16))
        code = int(m.group(1), 16)
        return chr(0xDC00 + code) if code >= 0x80 else chr(code)

    return root / _ESCAPED.sub(unescape, name)


def read_source(
    source: SourceConfig,
    root: Path,
    max_bytes: int,
    only: set[str] | None = None,
) -> Iterator[Content | SourceProblem]:
    """Read each file of `source`; unreadable ones (and folders that cannot be listed) come
    out as SourceProblem, in order."""
    unreadable: dict[Path, str] = {}
    for path, rel in list_files(source, root, unreadable):
        if only is not None and rel not in only:
            continue
        yield read_file(path, rel, source, max_bytes)
    for folder, reason in unreadable.items() if only is None else ():
        yield SourceProblem(
            source=source.name, role=source.role, path=relative(folder, root), reason=reason
        )


@dataclass(frozen=True, slots=True)
class FileRef:
    """A file to read later, where it is checked (a cluster worker reads its own files, so
    the client never holds their bytes): `read()` is `read_file` of the same file."""

    path: Path
    rel: str
    source: SourceConfig
    max_bytes: int

    def read(self) -> Iterator[Content | SourceProblem]:
        yield read_file(self.path, self.rel, self.source, self.max_bytes)

    def problem(self, reason: str) -> SourceProblem:
        """This file as a SourceProblem (its check was lost: see cluster/runner.py)."""
        return SourceProblem(self.source.name, self.source.role, self.rel, reason)


def file_refs(
    source: SourceConfig, root: Path, max_bytes: int, only: set[str] | None = None
) -> Iterator[FileRef]:
    """`read_source`, deferred: each file as a FileRef, in the same order."""
    for path, rel in list_files(source, root):
        if only is None or rel in only:
            yield FileRef(path, rel, source, max_bytes)


def read_file(
    path: Path, rel: str, source: SourceConfig, max_bytes: int
) -> Content | SourceProblem:
    """Read and decode one file, or say why it cannot be linted."""

    def problem(reason: str) -> SourceProblem:
        return SourceProblem(source=source.name, role=source.role, path=rel, reason=reason)

    fmt = format_for(path.name)
    if fmt is None and _readable(path, source):
        fmt = "catalog"
    if fmt is None:
        return problem(
            f"unsupported file type '{path.suffix}' (expected HTML, Markdown, text, PDF or DOCX)"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return problem(
                f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_file_size)"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        return problem("file not found")
    except OSError as exc:
        return problem(f"cannot read file: {exc.strerror or exc}")
    if fmt == "catalog" or fmt in BINARY_FORMATS:  # parsed from bytes (catalogs, PDF, DOCX)
        return Content(
            source=source.name, role=source.role, path=rel, text="", format=fmt, data=data
        )
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return problem("binary file (contains NUL bytes), not text")
    try:
        text = decode(data, declared=source.encoding, markup=fmt == "html").text
    except UndecodableError as exc:
        return problem(str(exc))
    text = normalize_newlines(text)
    return Content(source=source.name, role=source.role, path=rel, text=text, format=fmt)
