"""msglint's per-user cache folder, and the secret that signs what msglint caches in a project.

The folder is `$MSGLINT_CACHE` (empty: no caching), else `$XDG_CACHE_HOME/msglint`, else
`~/.cache/msglint`. It holds expanded spelling dictionaries and `cache.key`: 32 random bytes,
readable by the user only, created on first use. A project's `.msglint/` folder can come from
anywhere (a partner's repository, a shared CI workspace), so what msglint caches there is
signed with this key (HMAC-SHA256) and read back only when the signature verifies: a cache
file written or altered by anyone without the key is ignored, never unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_FILE = "cache.key"
KEY_BYTES = 32


def folder() -> Path | None:
    """The user's msglint cache folder (None: caching turned off)."""
    explicit = os.environ.get("MSGLINT_CACHE")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "msglint"


def signing_key() -> bytes | None:
    """The user's cache-signing key, created on first use; None when it cannot be read or
    made (caching that needs it is then off: slower, never unsafe)."""
    where = folder()
    if where is None:
        return None
    path = where / KEY_FILE
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(KEY_BYTES)
    try:
        where.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        os.replace(tmp, path)
    except OSError:
        return None
    return key


def sign(key: bytes, payload: bytes) -> bytes:
    """The signature of `payload` (32 bytes)."""
    return hmac.new(key, payload, hashlib.sha256).digest()


def verified(key: bytes, signature: bytes, payload: bytes) -> bool:
    """Whether `signature` is `payload`'s under `key` (compared in constant time)."""
    return hmac.compare_digest(sign(key, payload), signature)
