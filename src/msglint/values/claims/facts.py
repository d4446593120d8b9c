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

from msglint.model import Claim
from msglint.values.claims import emails, phones, response, urls
from msglint.values.claims.factwords import has_fact_words, triggers
from msglint.values.claims.sentence import Sentence

#: At most this many facts per text (a real contact block has a handful).
MAX_FACTS = 100


def find_facts(text: str, region: str | None = None) -> list[Claim]:
    """The support facts of `text` in reading order; `region` (ISO 3166 alpha-2, "US") is
    where phone numbers without a country code are dialled, when the page says."""
    from msglint.text.sentences import sentences

    lower = text.lower()
    if not has_fact_words(lower):
        return []
    out: list[Claim] = []
    for start, end in sentences(text):
        if triggers().search(lower, max(0, start - 12), end) is None:
            continue
        sentence = Sentence(text, start, end, region)
        for module in (emails, phones, urls, response):
            out.extend(module.read(sentence))
        if len(out) >= MAX_FACTS:
            break
    out.sort(key=lambda c: (c.start, c.end, c.kind))
    return out[:MAX_FACTS]
