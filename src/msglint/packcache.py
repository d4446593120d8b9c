"""Prepared rule packs kept between runs, keyed by their content.

Why: preparing a terminology rule (its terms tokenized, every inflection of every word
looked up) needs spaCy and its lemma table: about 1.5 s of a check of one small file with
the shipped packs, 2 s with a 500-term pack (issue 20), each run anew although the pack
has not changed. What a rule prepared is plain data (`prepared_state`), so it is written
as JSON (never pickle: a cache file in a project folder must not be able to run code)
under a key made of the pack file's text, msglint's version and the spaCy files it was
computed with; any change to one of them is another key, so a stale entry is never read.
A rule takes a cached state only when its shape fits (`use_prepared`), and an unreadable
or foreign file is ignored: the rule is prepared as before.

Where: beside the run history (`.msglint/prepared/` by default) when the project records
its runs, else in the user's cache folder (`$XDG_CACHE_HOME/msglint/prepared`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from msglint import __version__

#: The layout of a cache file; bumped when a rule's state changes shape.
FORMAT = 2
#: Cache files larger than this are not read (a pack's states are kilobytes to a few MB).
MAX_BYTES = 64 * 2**20


def folder_for(history: Path | None) -> Path:
    """Where prepared packs are kept: beside `history` (the run history's file), else in
    the user's cache folder."""
    if history is not None:
        return history.parent / "prepared"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "msglint" / "prepared"


@cache
def _environment() -> str:
    """What a prepared state depends on besides the pack: msglint's version and the spaCy
    files (the tokenizer's and the lemma table's), by size and modification time (reading
    package metadata would cost more than the cache saves)."""
    parts = [__version__]
    for name, inner in (("spacy", "about.py"), ("spacy_lookups_data", "data")):
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            parts.append(f"{name}:-")
            continue
        target = Path(origin).parent / inner
        try:
            stat = target.stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:-")
    return "\0".join(parts)


def key(text: str) -> str:
    """The cache key of a pack file's text."""
    data = f"{FORMAT}\0{_environment()}\0{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def read(folder: Path | None, pack_key: str) -> dict[str, Any]:
    """The prepared states of a pack (rule id -> state), {} when none are kept."""
    if folder is None:
        return {}
    path = folder / f"{pack_key}.json"
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("key") != pack_key:
        return {}
    states = data.get("rules")
    return states if isinstance(states, dict) else {}


def write(folder: Path | None, pack_key: str, states: dict[str, Any]) -> None:
    """Keep a pack's prepared states; a folder that cannot be written is left alone (the
    next run prepares the pack again, nothing else changes)."""
    if folder is None or not states:
        return
    path = folder / f"{pack_key}.json"
    tmp = folder / f".{pack_key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_text(
            json.dumps({"key": pack_key, "rules": states}, ensure_ascii=False), encoding="utf-8"
        )
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
