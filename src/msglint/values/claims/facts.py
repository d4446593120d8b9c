"""Support facts with values: the contact e-mail, phone number and URL a sentence gives, and
the SLA response and resolution times it promises, per priority.

These are read by character patterns, not by the token Matcher the other kinds use: an
e-mail address, a URL or a phone number is a format of characters ("+1 (800) 555-0142" is
nine tokens to spaCy), and phone numbers are parsed and normalized by `phonenumbers`
(Google's libphonenumber), so "+1 (800) 555-0142" and "1-800-555-0142" are one number.
Each kind is one module (`emails`, `phones`, `urls`, `response`); the words they need are
data (`data/support_facts.yaml`). This module is the loop: the sentences of a text that
hold a trigger, each read by every kind.

A contact counts only where the sentence is about support or labels it ("Phone:",
"E-mail:", "Visit ..."): a number in a spec table or an address in an imprint is not the
support line. An SLA time counts only next to a response or resolution word in a sentence
about support requests.
"""

from __future__ import annotations

import re
from functools import cache

from msglint.model import Claim
from msglint.text.tables import load
from msglint.values.claims.triggers import in_support_sentence

#: At most this many facts per text (a real contact block has a handful).
MAX_FACTS = 100


@cache
def vocabulary() -> dict:
    """The parsed `data/support_facts.yaml`."""
    return load("support_facts.yaml")


@cache
def _triggers() -> re.Pattern[str]:
    words = sorted(vocabulary()["triggers"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def has_fact_words(lower: str) -> bool:
    """Whether a lower-cased text may state a support fact (one literal search)."""
    return _triggers().search(lower) is not None


@cache
def _labels() -> re.Pattern[str]:
    words = sorted(vocabulary()["contact_labels"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)


class Sentence:
    """One sentence of a text, and how its facts become claims."""

    __slots__ = ("end", "region", "start", "text")

    def __init__(self, text: str, start: int, end: int, region: str | None) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.region = region

    @property
    def body(self) -> str:
        return self.text[self.start : self.end]

    def about_contact(self) -> bool:
        """Whether the sentence is about support or labels a contact ("Phone:", "Visit")."""
        # A label may end the sentence before: "Tel. 0800 123 4567" is split after "Tel."
        return in_support_sentence(self.text, self.start, self.end) or bool(
            _labels().search(self.text, max(0, self.start - 12), self.end)
        )

    def claim(
        self, kind: str, value: object, unit: str, start: int, end: int, qualifier: str = ""
    ) -> Claim:
        """A claim of the sentence-relative span [start, end)."""
        a, b = self.start + start, self.start + end
        return Claim(
            kind, value, unit, self.text[a:b], self.body, a, b,  # type: ignore[arg-type]
            qualifier=qualifier,
        )  # fmt: skip


def find_facts(text: str, region: str | None = None) -> list[Claim]:
    """The support facts of `text` in reading order; `region` (ISO 3166 alpha-2, "US") is
    where phone numbers without a country code are dialled, when the page says."""
    from msglint.text.sentences import sentences
    from msglint.values.claims import emails, phones, response, urls

    lower = text.lower()
    if not has_fact_words(lower):
        return []
    out: list[Claim] = []
    for start, end in sentences(text):
        if _triggers().search(lower, max(0, start - 12), end) is None:
            continue
        sentence = Sentence(text, start, end, region)
        for module in (emails, phones, urls, response):
            out.extend(module.read(sentence))
        if len(out) >= MAX_FACTS:
            break
    out.sort(key=lambda c: (c.start, c.end, c.kind))
    return out[:MAX_FACTS]
