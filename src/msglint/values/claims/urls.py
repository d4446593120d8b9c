"""Support URL claims: "https://help.acme.com/contact", "www.acme.com/support",
"support.acme.com", in a sentence about support (support, help, contact...), not one
naming another department ("billing", "returns": `other_departments` in
data/support_facts.yaml).

Value: the URL as it compares: host in lower case without "www.", no scheme (http and
https are one address to a reader), no default port, no fragment, no trailing "/", no
tracking parameters (utm_*), query parameters sorted. Unit "url". A bare host counts when
it has a path or starts with a support word (support., help., helpdesk., service., kb.),
so "acme.com" in "Acme.com sells pumps" is no support URL.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

from msglint.model import Claim

if TYPE_CHECKING:
    from msglint.values.claims.sentence import Sentence

KIND = "support-url"
_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}"
_URL = re.compile(
    rf"(?<![\w@./-])(?:https?://{_HOST}(?::\d{{1,5}})?(?:[/?#][^\s<>\"'`]*)?"
    rf"|www\.{_HOST}(?:[/?#][^\s<>\"'`]*)?"
    rf"|(?:support|help|helpdesk|service|kb|docs|care|contact)\.{_HOST}(?:[/?#][^\s<>\"'`]*)?"
    rf"|{_HOST}/[^\s<>\"'`]*)",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'\"»”’"


def normalize(url: str) -> str | None:
    """The URL as two spellings of one address compare equal, or None when it is none."""
    text = url.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    if host.startswith("www."):
        host = host[4:]
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_")
    )  # fmt: skip
    return host + path + (f"?{urlencode(query)}" if query else "")


def read(sentence: Sentence) -> list[Claim]:
    body = sentence.body
    if "." not in body:
        return []
    found = []
    for m in _URL.finditer(body):
        end = m.end()
        while end > m.start() and body[end - 1] in _TRAILING:
            if body[end - 1] == ")" and body.count("(", m.start(), end) >= body.count(
                ")", m.start(), end
            ):
                break  # a URL's own brackets: "/wiki/Pump_(device)"
            end -= 1
        value = normalize(body[m.start() : end])
        if value is not None:
            found.append((m.start(), end, value))
    # A URL is the support place only in a sentence that says support or help (a "Visit
    # acme.com/returns" is a link, not the support address), not another department's.
    if not found or not sentence.about_support() or sentence.names_other_department():
        return []
    return [sentence.claim(KIND, value, "url", a, b) for a, b, value in found]
