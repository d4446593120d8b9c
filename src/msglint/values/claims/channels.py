"""Support-channel claims: "phone, email and live chat support", "support via ...", a
contact verb ("call us", "chat with us", "send us an e-mail", which need no support word)
or, in a support sentence, an e-mail address or phone number. One claim per channel,
value "phone", "email" or "chat", unit "text".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msglint.model import Claim
from msglint.values.claims.common import NON_PUNCT, Finder, Reader, Sequences, expand, words

if TYPE_CHECKING:
    from spacy.tokens import Span


GROUP = "channels"

_CHANNEL_TOKENS = words(
    "phone", "telephone", "email", "e", "-", "mail", "chat", "live", "webchat", "web", ",",
    "and", "or", "&", "/", "+", op="{0,7}",
)  # fmt: skip
_CHANNEL_START = words("phone", "telephone", "email", "e", "chat", "live", "webchat", "web")
_CHANNEL_END = words("phone", "telephone", "email", "mail", "chat", "webchat")
_SUPPORT_NOUN = words(
    "support", "service", "assistance", "helpdesk", "help", "hotline", "helpline", "line",
    "team", "agents", "experts", "specialists",
)  # fmt: skip
_CHANNEL_VIA = words("by", "via", "over", "through", "on", "using", "per")
# "1-800-555-0142" and "+49 30 123456" reach the Matcher as several tokens; `_is_phone`
# checks the digits of the whole match.
_PHONE_NUMBER: Sequences = [
    [
        {"ORTH": {"REGEX": r"^\+?\d{1,4}$|^\($"}},
        {"ORTH": {"REGEX": r"^(?:[-.()]|\d{2,6}|\d{2,4}-\d{2,6})$"}, "OP": "{1,7}"},
        {"ORTH": {"REGEX": r"^\d{2,8}$"}},
    ]
]


def patterns() -> dict[str, Sequences]:
    """Labels -> token patterns. A label names the kind and, after "/", how to read it."""
    return {
        "support-channel/list": [
            *expand(_CHANNEL_START, _CHANNEL_TOKENS, _SUPPORT_NOUN),
            *expand(_SUPPORT_NOUN, NON_PUNCT, _CHANNEL_VIA, _CHANNEL_TOKENS, _CHANNEL_END),
            *expand(
                words("contact", "reach", "call", "email", "chat", "available"),
                NON_PUNCT,
                _CHANNEL_VIA,
                _CHANNEL_TOKENS,
                _CHANNEL_END,
            ),
            *expand(_SUPPORT_NOUN, {"ORTH": ":"}, _CHANNEL_TOKENS, _CHANNEL_END),
        ],
        "support-channel/verb": [
            *expand(words("call", "phone", "ring"), words("us", "toll")),
            *expand(
                words("call", "phone", "ring"),
                words("us", op="?"),
                words("at", "on", op="?"),
                _PHONE_NUMBER,
            ),
            *expand(words("email", "e-mail"), words("us")),
            *expand(
                words("send", "drop", "write"),
                words("us"),
                words("an", "a", op="?"),
                {"LOWER": "e", "OP": "?"},
                {"ORTH": "-", "OP": "?"},
                words("email", "mail"),
            ),
            [{"LOWER": "e"}, {"ORTH": "-"}, {"LOWER": "mail"}, {"LOWER": "us"}],
            *expand(words("chat"), words("with"), words("us", "our", "an", "a", "one")),
            [{"LOWER": "live"}, {"LOWER": "chat"}],
        ],
        "support-channel/address": [[{"LIKE_EMAIL": True}], *_PHONE_NUMBER],
    }


_CONTACT_VERBS = frozenset(("call", "phone", "ring", "email", "e-mail", "e", "send", "drop",
                            "write", "chat"))  # fmt: skip
_CHANNEL_IN_TEXT = re.compile(
    r"\b(?:(tele)?phone|call|ring)\b|\b(e-?mail)\b|\b((?:live |web ?)?chat)\b", re.IGNORECASE
)


def _read_channels(f: Finder, span: Span, start: int, end: int) -> list[Claim]:
    # "call us", "email us", "chat with us" name the channel and the purpose at once
    if span[0].lower_ not in _CONTACT_VERBS and not f.in_support_sentence():
        return []
    claims = []
    if span[-1].is_digit and not _is_phone(f.doc.text[span[1].idx : end]):
        return []
    for m in _CHANNEL_IN_TEXT.finditer(f.doc.text, start, end):
        value = "email" if m.group(2) else "chat" if m.group(3) else "phone"
        word_end = m.end()
        if value == "phone" and m.group().lower() in ("call", "ring"):
            word_end = end  # "call us", "call 1-800-...": the whole phrase is the evidence
        claims.append(f.claim("support-channel", value, "text", m.start(), word_end))
    return claims


def _read_address(f: Finder, span: Span, start: int, end: int) -> list[Claim]:
    if span[0].like_email:
        value = "email"
    elif _is_phone(span.text) and not _after_not_phone(f.doc.text, start):
        value = "phone"
    else:
        return []
    if not f.in_support_sentence():
        return []
    return [f.claim("support-channel", value, "text", start, end)]


_DIGIT_GROUPS = re.compile(r"\d+")
_DATE = re.compile(r"^\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\s*$")


def _after_not_phone(text: str, start: int) -> bool:
    """Whether a number follows "fax", "order", "part"... (`not_phone` in
    data/support_facts.yaml): it is not a support line."""
    from msglint.values.claims.phones import not_phone

    return not_phone().search(text, max(0, start - 20), start) is not None


def _is_phone(text: str) -> bool:
    """7 to 15 digits (E.164's limit) in at least three groups or after "+" or "(": a phone
    number, not a year range ("2019-2024") or a model number."""
    groups = _DIGIT_GROUPS.findall(text)
    digits = sum(map(len, groups))
    return 7 <= digits <= 15 and (len(groups) >= 3 or text[:1] in "+(") and not _DATE.match(text)


READERS: dict[str, Reader] = {
    "support-channel/list": _read_channels,
    "support-channel/verb": _read_channels,
    "support-channel/address": _read_address,
}
