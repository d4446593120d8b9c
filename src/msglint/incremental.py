"""`msglint check --since-last`: do only the work that changed since the last run.

A nightly run over a partner site that mostly did not change should cost little. Two
things make it so: web sources are crawled again with conditional requests (the crawler
sends If-None-Match / If-Modified-Since and keeps the stored copy on a 304), and a page or
file whose content hash is the one checked last time is not parsed, linted or extracted
again: what the last run kept of it (its findings and records) is reused. Matching and the
consistency rules still run over every record, so a change on one side (a new reference
price) is compared against every unchanged partner page.

The cache (`.msglint/cache/outcomes.json`) maps sha256(source, path, URL, format,
content) to the outcome of that item, as JSON written by `model/codec.py`. It is valid for
one *settings digest*: msglint's version, the config's digest and the bytes of every rule
pack and Vale style in use; any change there empties it. Each run writes only the items it
saw, so the file never outgrows the content. Why not pickle (as the workers exchange
outcomes): a pickle runs whatever code the file names, and `.msglint/` is a folder a CI
cache or a shared checkout restores. The codec rebuilds only the outcome's own dataclasses
and checks every value's type, so a damaged or hostile cache file (or entry) is ignored,
with a warning (`problem`), and the run checks those items again. It is not signed: a CI
job that restores `.msglint/` on a fresh runner (contrib/schedule/) must be able to reuse
it, and there is nothing in it that could run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msglint import __version__
from msglint.model import Role
from msglint.model.codec import Codec

CACHE = Path(".msglint") / "cache" / "outcomes.json"
FORMAT = 2
#: A larger cache file is not read (the run checks everything again).
MAX_BYTES = 512 * 1024 * 1024
MAX_PACK_FILES = 10_000


@dataclass(frozen=True, slots=True)
class Unchanged:
    """An item whose content was checked before: its outcome stands (see item.check)."""

    source: str
    role: Role
    path: str
    url: str | None
    outcome: Any


class OutcomeCache:
    """Outcomes of the last run by content hash; `wrap` swaps hits for `Unchanged`."""

    def __init__(self, path: Path, config_digest: str, extra: list[Path] | None = None) -> None:
        self.path = path
        self.config_digest = config_digest
        self.extra = extra or []
        self.digest = ""
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.codec: Codec | None = None
        #: Why the cache (or part of it) was not used, said once on stderr.
        self.problem: str | None = None
        self._keys: dict[int, str] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_config(cls, loaded: Any) -> OutcomeCache:
        vale = loaded.config.vale
        extra = [loaded.root / vale.config] if vale is not None and vale.config else []
        return cls(loaded.root / CACHE, loaded.digest, extra)

    def bind(self, packs: list[Any], outcome: type) -> None:
        """Fix the settings digest from the rules in use, and load what is still valid;
        `outcome` is the type of what is stored (item.Outcome)."""
        self.codec = Codec(outcome)
        h = hashlib.sha256(f"{FORMAT}|{__version__}|{self.config_digest}".encode())
        paths = [Path(getattr(pack, "path", "") or "") for pack in packs] + self.extra
        for folder in paths:
            h.update(b"\0pack:" + str(folder).encode())
            for file in _files(folder):
                h.update(b"\0" + file.name.encode() + b"\0" + _read(file))
        self.digest = h.hexdigest()
        self.old = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            if self.path.stat().st_size > MAX_BYTES:
                self._damaged(f"larger than {MAX_BYTES // 2**20} MB")
                return {}
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self._damaged(exc.strerror or str(exc))
            return {}
        except (ValueError, RecursionError):
            self._damaged("not valid JSON")
            return {}
        if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
            self._damaged("not a cache file")
            return {}
        if data.get("digest") != self.digest:
            return {}  # other settings: everything is checked again
        return data["items"]

    def _damaged(self, why: str) -> None:
        self.problem = (
            f"{self.path} is unreadable ({why}); ignored, every page and file is checked again"
        )

    def wrap(self, items: Iterable[Any]) -> Iterator[Any]:
        """The items, each checked before (same content, same settings) as `Unchanged`."""
        for item in items:
            if not hasattr(item, "text"):  # a SourceProblem: always reported afresh
                yield item
                continue
            key = _key(item)
            stored = self.old.get(key)
            if stored is not None:
                outcome = self._decode(stored)
                if outcome is not None:
                    self.hits += 1
                    self.new[key] = stored
                    yield Unchanged(item.source, item.role, item.path, item.url, outcome)
                    continue
            self.misses += 1
            self._keys[id(item)] = key
            yield item

    def keep(self, item: Any, outcome: Any) -> None:
        """Remember a freshly checked item's outcome (before anything mutates it)."""
        key = self._keys.pop(id(item), None)
        if key is not None and outcome is not None and self.codec is not None:
            # A value the codec does not store (TypeError): the item is checked next time.
            with contextlib.suppress(TypeError):
                self.new[key] = self.codec.encode(outcome)

    def _decode(self, stored: Any) -> Any:
        """The stored outcome, or None (with a note, once) when the entry is damaged."""
        if self.codec is None:
            return None
        try:
            return self.codec.decode(stored)
        except (ValueError, RecursionError):
            self.problem = self.problem or (
                f"{self.path} has damaged entries; ignored, those pages and files are checked again"
            )
            return None

    def save(self) -> None:
        """Write this run's entries (atomically); a failure only costs the next run time."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".tmp{os.getpid()}")
            with tmp.open("w", encoding="utf-8") as fh:
                json.dump(
                    {"format": FORMAT, "digest": self.digest, "items": self.new},
                    fh,
                    separators=(",", ":"),
                )
            os.replace(tmp, self.path)
        except (OSError, ValueError):  # ValueError: a value JSON cannot hold
            pass


def _key(item: Any) -> str:
    h = hashlib.sha256()
    for part in (item.source, item.path, item.url or "", item.format):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    if item.data is not None:
        h.update(item.data)
    else:
        h.update(item.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file())
        return found[:MAX_PACK_FILES]
    return []


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
