"""Where snapshots are kept (`crawl.snapshots`): a folder, or any fsspec URL.

A plain path (relative to the config's folder) is read and written with pathlib, as it
always was, and needs nothing more. A URL (`file:///shared/snap`, `s3://bucket/prefix`
with s3fs installed, `sftp://host/path` with paramiko, any protocol fsspec knows and whose
package is installed) goes through fsspec, loaded only then. Single-process runs and
cluster workers open the same store from the same setting, so `--cluster` needs nothing
but a store every worker reaches.

What a snapshot needs from a store: read, append (a crawl appends each page as it comes,
and resume appends to the `.part` it finds), rename (the `.part` becomes the snapshot), and
a small state file replaced whole. `Store.check` tries these once before a run, so a store
that cannot do them is one clear error (exit 2) instead of one per source.

On object stores an append only reaches the store when the file is closed: the snapshot
writer closes and reopens its `.part` every `CHECKPOINT` seconds there, so an interrupted
crawl loses at most that much on resume. Credentials in a URL (`sftp://user:secret@host`,
`?token=...`) never appear in a message: `shown()` masks them.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

#: Seconds between checkpoints of a `.part` on a store whose appends are not durable
#: before the file is closed (object stores).
CHECKPOINT = 30.0

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
#: Characters of an exception's message shown in a store error at most.
_MAX_REASON = 300


class StoreError(Exception):
    """The store cannot be used; the message names it (without credentials) and why."""


def is_url(location: str) -> bool:
    """An fsspec URL (or a chain of them, `simplecache::s3://...`) rather than a path."""
    return bool(_URL.match(location)) or ("::" in location and "://" in location)


def shown(location: str) -> str:
    """`location` as messages show it: user, password and query values masked."""
    return "::".join(_mask(part) for part in location.split("::"))


def _mask(url: str) -> str:
    if "://" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("://", 1)[0] + "://***"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    query = re.sub(r"=[^&]*", "=***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _secrets(location: str) -> list[str]:
    """The pieces of a URL that must not be printed (longest first)."""
    found: list[str] = []
    for part in location.split("::"):
        try:
            parts = urlsplit(part)
        except ValueError:
            continue
        if "@" in parts.netloc:
            userinfo = parts.netloc.rsplit("@", 1)[0]
            found += [userinfo, *userinfo.split(":", 1)]
        found += [v for v in re.findall(r"=([^&]*)", parts.query) if v]
    return sorted({s for s in found if len(s) >= 3}, key=len, reverse=True)


def scrub(text: str, location: str) -> str:
    """`text` (an exception's message) with the credentials of `location` masked."""
    text = text.replace(location, shown(location))
    for secret in _secrets(location):
        text = text.replace(secret, "***")
    return text


@dataclass(frozen=True)
class Store:
    """The store every source's snapshot folder is in."""

    location: str
    #: An fsspec filesystem, or None: a local folder used through pathlib.
    fs: Any
    #: The folder: a local path, or the path within `fs`.
    path: str

    def folder(self, name: str) -> Folder:
        return Folder(self, _join(self.path, name))

    def __str__(self) -> str:
        return shown(self.location)

    def error(self, what: str, exc: BaseException | str) -> StoreError:
        reason = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}".rstrip(": ")
        reason = " ".join(scrub(reason, self.location).split())
        if len(reason) > _MAX_REASON:  # botocore quotes whole regular expressions
            reason = reason[: _MAX_REASON - 3] + "..."
        return StoreError(f"the snapshot store {shown(self.location)} {what}: {reason}")

    def check(self, *, write: bool) -> None:
        """Raise StoreError unless the store can be read, and with `write` written,
        appended to and renamed in (a small probe file, removed again)."""
        probe = Folder(self, self.path) / f".msglint-probe-{uuid.uuid4().hex}"
        try:
            if not write:
                if self.fs is not None:
                    self.fs.exists(self.path)  # reaches the store: a bad host or key fails
                return
            with probe.open("wb") as fh:
                fh.write(b"msglint")
        except Exception as exc:
            raise self.error("cannot be written to", exc) from None
        try:
            try:
                with probe.open("ab") as fh:
                    fh.write(b" probe")
                moved = Folder(self, self.path) / (probe.name + ".moved")
                probe.replace(moved)
                size = moved.size()
                moved.unlink()
            except Exception as exc:
                raise self.error(
                    "cannot append to a file and rename it, which snapshots need", exc
                ) from None
            if size != len(b"msglint probe"):
                raise self.error(
                    "cannot append to a file, which snapshots need",
                    f"a probe file appended to holds {size} bytes instead of 13",
                )
        finally:
            probe.unlink()


def open_store(location: str, root: Path) -> Store:
    """The store at `location`: a path relative to `root`, or an fsspec URL. StoreError
    when the URL is malformed, its protocol unknown or its package not installed."""
    if not is_url(location):
        return Store(location, None, str(root / location))
    if location.startswith("file://") and not location.startswith("file:///"):
        raise StoreError(
            f"the snapshot store {shown(location)}: a file:// URL needs an absolute path "
            "(file:///shared/snapshots); a relative folder is written without file://"
        )
    try:
        import fsspec
    except ImportError:
        raise StoreError(
            f"the snapshot store {shown(location)} is a URL, which needs fsspec: "
            "pip install fsspec (or msglint[cluster])"
        ) from None
    protocol = location.split("://", 1)[0].split("::")[-1]
    try:
        fs, path = fsspec.core.url_to_fs(location)
    except ImportError as exc:
        raise StoreError(
            f"the snapshot store {shown(location)} needs a package for {protocol}:// that "
            f"is not installed ({scrub(str(exc), location)})"
        ) from None
    except ValueError as exc:
        reason = scrub(str(exc), location)
        if "not known" in reason.lower():
            reason = f"fsspec knows no protocol {protocol}://"
        raise StoreError(f"the snapshot store {shown(location)}: {reason}") from None
    except Exception as exc:
        raise StoreError(
            f"the snapshot store {shown(location)} cannot be opened "
            f"({type(exc).__name__}: {scrub(str(exc), location)})"
        ) from None
    # fsspec keeps one filesystem per URL and process, and some keep listings: forget
    # them, since another process (a cluster worker) may have written since.
    fs.invalidate_cache()
    return Store(location, fs, path.rstrip("/") or "/")


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name if base != "/" else "/" + name


def _is_local(fs: Any) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
    return "file" in protocol or "local" in protocol


@dataclass(frozen=True)
class Folder:
    """One source's snapshot folder in the store."""

    store: Store
    path: str

    def __truediv__(self, name: str) -> Entry:
        return Entry(self, name)

    @property
    def local(self) -> Path | None:
        """The folder on this machine's disk, when it is one (plain path or file://)."""
        if self.store.fs is None or _is_local(self.store.fs):
            return Path(self.path)
        return None

    @property
    def durable(self) -> bool:
        """Whether a flushed append is in the store before the file is closed."""
        return self.local is not None

    def mkdir(self) -> None:
        if self.store.fs is None:
            Path(self.path).mkdir(parents=True, exist_ok=True)
        else:
            self.store.fs.makedirs(self.path, exist_ok=True)

    def __str__(self) -> str:
        if self.store.fs is None:
            return self.path
        base = shown(self.store.location).rstrip("/")
        return base + self.path[len(self.store.path.rstrip("/")) :]


@dataclass(frozen=True)
class Entry:
    """One file of a snapshot folder (pages.warc.gz, its .part, state.json), used like the
    few Path methods snapshots need."""

    folder: Folder
    name: str

    @property
    def path(self) -> str:
        return _join(self.folder.path, self.name)

    @property
    def fs(self) -> Any:
        return self.folder.store.fs

    def exists(self) -> bool:
        if self.fs is None:
            return Path(self.path).exists()
        return bool(self.fs.exists(self.path))

    def size(self) -> int:
        if self.fs is None:
            return Path(self.path).stat().st_size
        return int(self.fs.size(self.path))

    def open(self, mode: str) -> IO[bytes]:
        """Open for reading ("rb") or writing ("wb", "ab"; the folder is made first)."""
        if "r" not in mode:
            self.folder.mkdir()
        if self.fs is None:
            return Path(self.path).open(mode)
        return self.fs.open(self.path, mode)

    def truncate(self, length: int) -> None:
        """Cut the file back to `length` bytes (a torn last record removed)."""
        local = self.folder.local
        if local is not None:
            os.truncate(local / self.name, length)
            return
        tmp = self.folder / (self.name + ".tmp")
        with self.open("rb") as src, tmp.open("wb") as dst:
            left = length
            while left > 0:
                chunk = src.read(min(left, 1 << 20))
                if not chunk:
                    break
                dst.write(chunk)
                left -= len(chunk)
        tmp.replace(self)

    def replace(self, target: Entry) -> None:
        """Rename this file to `target`, replacing it."""
        if self.fs is None:
            os.replace(self.path, target.path)
        else:
            self.fs.mv(self.path, target.path)

    def unlink(self) -> None:
        try:
            if self.fs is None:
                Path(self.path).unlink(missing_ok=True)
            elif self.fs.exists(self.path):
                self.fs.rm(self.path)
        except OSError:
            pass

    def read_text(self) -> str:
        with self.open("rb") as fh:
            return fh.read().decode("utf-8")

    def write_text(self, text: str) -> None:
        """Write the file whole (a temporary file renamed over it)."""
        tmp = self.folder / (self.name + ".tmp")
        with tmp.open("wb") as fh:
            fh.write(text.encode("utf-8"))
        tmp.replace(self)

    def __str__(self) -> str:
        return f"{self.folder}/{self.name}"
