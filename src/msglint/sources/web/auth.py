"""Credentials of a logged-in portal, read from environment variables, and their redaction.

Values live only in memory: they are attached to requests for the source's own hosts and
every header that can carry one is replaced by "[redacted]" before anything is written
or shown. `scrub` is a last line of defence for free text (exception messages).
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from http.cookiejar import LoadError, MozillaCookieJar
from urllib.request import Request

from msglint.config.web import AuthConfig

REDACTED = "[redacted]"
ALWAYS_SECRET = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


class AuthError(ValueError):
    """A credential the config names cannot be read (the message never holds a value)."""


@dataclass
class Credentials:
    """Headers and cookies to send to a set of hosts."""

    hosts: frozenset[str] = frozenset()
    headers: dict[str, str] = field(default_factory=dict)
    jar: MozillaCookieJar | None = None
    secret_headers: frozenset[str] = ALWAYS_SECRET
    secrets: tuple[str, ...] = ()

    def for_url(self, url: str, host: str) -> dict[str, str]:
        """The headers to add to a request for `url` (none for a foreign host)."""
        if host not in self.hosts:
            return {}
        out = dict(self.headers)
        if self.jar is not None:
            req = Request(url)
            self.jar.add_cookie_header(req)
            cookie = req.get_header("Cookie")
            if cookie:
                out["Cookie"] = cookie
        return out

    def scrub(self, text: str) -> str:
        """`text` with every credential value replaced."""
        for secret in self.secrets:
            if secret and secret in text:
                text = text.replace(secret, REDACTED)
        return text


def load_credentials(auth: AuthConfig | None, hosts: frozenset[str]) -> Credentials:
    """Read the variables `auth` names; a missing one is an AuthError naming the variable."""
    if auth is None:
        return Credentials(hosts=hosts)
    headers: dict[str, str] = {}
    secrets: list[str] = []

    def env(name: str, key: str) -> str:
        value = os.environ.get(name)
        if not value:
            raise AuthError(f"environment variable {name} (auth.{key}) is not set")
        secrets.append(value)
        return value

    if auth.bearer_env:
        headers["Authorization"] = f"Bearer {env(auth.bearer_env, 'bearer_env')}"
    if auth.basic_env:
        pair = env(auth.basic_env, "basic_env")
        if ":" not in pair:
            raise AuthError(f"environment variable {auth.basic_env} must hold 'user:password'")
        token = base64.b64encode(pair.encode()).decode()
        secrets.append(token)
        headers["Authorization"] = f"Basic {token}"
    for name, var in auth.headers.items():
        headers[name] = env(var, f"headers.{name}")
    jar = None
    if auth.cookies_env:
        path = env(auth.cookies_env, "cookies_env")
        jar = MozillaCookieJar()
        try:
            jar.load(path, ignore_discard=True, ignore_expires=True)
        except (OSError, LoadError) as exc:
            reason = (
                exc.strerror
                if isinstance(exc, OSError) and exc.strerror
                else "not a cookies.txt file"
            )
            raise AuthError(
                f"cannot read the cookies file named by {auth.cookies_env}: {reason}"
            ) from None
        for cookie in jar:
            if cookie.expires == 0:  # browsers export session cookies with expiry 0
                cookie.expires = None
        secrets.extend(c.value for c in jar if c.value and len(c.value) >= 4)
    secret_headers = ALWAYS_SECRET | {h.lower() for h in auth.headers}
    return Credentials(
        hosts=hosts,
        headers=headers,
        jar=jar,
        secret_headers=frozenset(secret_headers),
        secrets=tuple(sorted(set(secrets), key=len, reverse=True)),
    )


def redact(headers: list[tuple[str, str]], secret: frozenset[str]) -> list[tuple[str, str]]:
    """Headers with the value of every credential-bearing one replaced."""
    return [(k, REDACTED if k.lower() in secret else v) for k, v in headers]
