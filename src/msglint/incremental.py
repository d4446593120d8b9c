"""`msglint check --since-last`: do only the work that changed since the last run.

A nightly run over a partner site that mostly did not change should cost little. Two
things make it so: web sources are crawled again with conditional requests (the crawler
sends If-None-Match / If-Modified-Since and keeps the stored copy on a 304), and a page or
file whose content hash is the one checked last time is not parsed, linted or extracted
again: what the last run kept of it (its findings and records) is reused. Matching and the
consistency rules still run over every record, so a change on one side (a new reference
price) is compared against every unchanged partner page.

The cache (`.msglint/cache/outcomes.pickle`) maps sha256(source, path, URL, format,
content) to the pickled outcome of that item. It is valid for one *settings digest*:
msglint's version, the config's digest and the bytes of every rule pack and Vale style in
use; any change there empties it. Each run writes only the items it saw, so the file never
outgrows the content.

Why pickle, and why that is safe here: the outcome holds Records with Decimals and
quantities and the findings exactly as the rules made them (fingerprints depend on every
field), which the forked workers already exchange as pickles. But a project folder can come
from anywhere, and unpickling a file someone else wrote runs their code. So the file is
signed: `MAGIC`, then an HMAC-SHA256 of the payload under the user's own key
(usercache.signing_key, kept in the user's cache folder, mode 0600, never in the project),
then the payload. The payload is unpickled only when the signature verifies; a cache
written or altered without the key is ignored (the items are checked again) and `problem`
says why. Without a usable key the cache is off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msglint import __version__, usercache
from msglint.model import Role

CACHE = Path(".msglint") / "cache" / "outcomes.pickle"
FORMAT = 2
MAGIC = b"msglint-outcomes 2\n"
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
        self.old: dict[str, bytes] = {}
        self.new: dict[str, bytes] = {}
        self._keys: dict[int, str] = {}
        self.hits = 0
        self.misses = 0
        #: Why the stored cache was not used, when it existed but could not be (for -v).
        self.problem: str | None = None
        self.key = usercache.signing_key()

    @classmethod
    def for_config(cls, loaded: Any) -> OutcomeCache:
        vale = loaded.config.vale
        extra = [loaded.root / vale.config] if vale is not None and vale.config else []
        return cls(loaded.root / CACHE, loaded.digest, extra)

    def bind(self, packs: list[Any]) -> None:
        """Fix the settings digest from the rules in use, and load what is still valid."""
        h = hashlib.sha256(f"{FORMAT}|{__version__}|{self.config_digest}".encode())
        paths = [Path(getattr(pack, "path", "") or "") for pack in packs] + self.extra
        for folder in paths:
            h.update(b"\0pack:" + str(folder).encode())
            for file in _files(folder):
                h.update(b"\0" + file.name.encode() + b"\0" + _read(file))
        self.digest = h.hexdigest()
        self.old = self._load()

    def _load(self) -> dict[str, bytes]:
        if self.key is None:
            self.problem = "no private cache key could be made in the user's cache folder"
            return {}
        try:
            blob = self.path.read_bytes()
        except OSError:
            return {}  # no cache yet
        size = len(MAGIC) + 32
        if not blob.startswith(MAGIC) or len(blob) < size:
            self.problem = f"{self.path} is not a cache msglint wrote; ignored"
            return {}
        signature, payload = blob[len(MAGIC) : size], blob[size:]
        if not usercache.verified(self.key, signature, payload):
            self.problem = f"{self.path} is not signed with this user's key; ignored"
            return {}
        try:
            data = pickle.loads(payload)
        except (EOFError, pickle.UnpicklingError, AttributeError, ValueError, ImportError):
            self.problem = f"{self.path} is damaged; ignored"
            return {}
        if not isinstance(data, dict) or data.get("digest") != self.digest:
            return {}
        items = data.get("items")
        return items if isinstance(items, dict) else {}

    def wrap(self, items: Iterable[Any]) -> Iterator[Any]:
        """The items, each checked before (same content, same settings) as `Unchanged`."""
        for item in items:
            if not hasattr(item, "text"):  # a SourceProblem: always reported afresh
                yield item
                continue
            key = _key(item)
            stored = self.old.get(key)
            if stored is not None:  # signed with the user's key (see _load)
                try:
                    outcome = pickle.loads(stored)
                except Exception:  # an entry from an older msglint: check the item again
                    outcome = None
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
        if key is not None and outcome is not None:
            self.new[key] = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Write this run's entries, signed (atomically); a failure only costs the next run
        time. Without a key nothing is written."""
        if self.key is None:
            return
        payload = pickle.dumps(
            {"digest": self.digest, "items": self.new}, protocol=pickle.HIGHEST_PROTOCOL
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".tmp{os.getpid()}")
            with tmp.open("wb") as fh:
                fh.write(MAGIC + usercache.sign(self.key, payload) + payload)
            os.replace(tmp, self.path)
        except OSError:
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
