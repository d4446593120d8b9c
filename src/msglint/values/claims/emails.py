"""Support e-mail claims: "support@acme.com", "help [at] acme [dot] com", in a sentence about
support or after a contact label, not one of another department ("billing@...", "For
press enquiries, ..."; `other_departments` in data/support_facts.yaml). Value: the
address in lower case (mail systems treat the local part without regard to case in
practice, and every domain does), unit "email"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msglint.model import Claim
from msglint.values.claims.factwords import words

if TYPE_CHECKING:
    from msglint.values.claims.sentence import Sentence

KIND = "support-email"
# The local part and domain of an address as pages write it; the domain's last label is
# letters only, so "v1.2@3.4" is no address.
_EMAIL = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9-]{1,63}\.){1,8}"
    r"[A-Za-z]{2,24})(?![\w-])"
)
# "help [at] acme [dot] com", "help(at)acme.com": addresses written to fool scrapers.
_OBFUSCATED = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})\s*[\[(]\s*at\s*[\])]\s*"
    r"((?:[A-Za-z0-9-]{1,63}(?:\s*[\[(]\s*dot\s*[\])]\s*|\.)){1,8}[A-Za-z]{2,24})(?![\w-])",
    re.IGNORECASE,
)
_DOT = re.compile(r"\s*[\[(]\s*dot\s*[\])]\s*", re.IGNORECASE)


def normalize(local: str, domain: str) -> str:
    """ "Support@ACME.com" -> "support@acme.com"."""
    return f"{local}@{_DOT.sub('.', domain)}".lower()


def read(sentence: Sentence) -> list[Claim]:
    body = sentence.body
    if "@" not in body and "at" not in body.lower():
        return []
    found = [m for pattern in (_EMAIL, _OBFUSCATED) for m in pattern.finditer(body)]
    if not found or not sentence.about_contact() or sentence.names_other_department():
        return []
    other = words("other_departments")
    return [
        sentence.claim(KIND, normalize(m.group(1), m.group(2)), "email", m.start(), m.end())
        for m in found
        if not other.fullmatch(m.group(1))  # "billing@", "press@": another department's
    ]
