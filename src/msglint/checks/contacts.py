"""Comparing support facts with values: whose contact a partner states, and whether two
contacts or SLA times are the same.

The `claim` rule compares warranty or returns by value: a partner that states a value the
brand does not state is wrong. Contacts are different: a reseller has its own support line
and shop address next to the brand's, and that is no drift. So a partner's contact is
compared only when it speaks for the brand:

- an e-mail address or URL on one of the brand's domains (the registrable domains, by
  the public-suffix list in `tldextract`'s bundled snapshot, of every e-mail address and
  URL the brand states and of the brand's own pages): "help@acme.com" where the brand
  says "support@acme.com" is a finding; "service@pumpshop.com" is the partner's own; a
  URL only against the brand's support URLs on the same host, because partners link
  many brand pages ("acme.com/returns") that the brand's support page does not name;
- any contact in a sentence that is the brand's sentence with the contacts and numbers
  masked (similarity >= 85, at least four other words): the partner copied the brand's
  "Call our service team at ..." and changed the number;
- a phone number in a sentence that names the brand ("Call Acme support at ...").
A contact on the partner's own domain (its pages' host, or its source name in the domain)
is its own, whatever the sentence says. A contact in the same sentence as one of the
brand's (of its kind) is an addition next to the brand's: "call Acme at <brand's number>
or our store at <own number>". Everything else the partner states is its own and is not
compared: a wrong finding costs more than a missed one.

Two contacts are the same when their normalized values are (`values.claims`): a phone
number in E.164, or resolved in the other number's country when it was written without a
country code; when that cannot be told (two national numbers of unknown countries), the
pair is uncertain and yields no finding. SLA times are compared within one priority, value
and unit (business time is not clock time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from msglint.model import Claim, Record

if TYPE_CHECKING:
    from msglint.checks.consistency import Survey

CONTACT_KINDS = frozenset(("support-email", "support-phone", "support-url"))
#: Kinds whose unit is part of the value (8 business hours are not 8 hours).
UNIT_KINDS = frozenset(("sla-response", "sla-resolution"))
#: Masked-sentence similarity (rapidfuzz ratio, 0-100) for a copied sentence.
SAME_SENTENCE = 85
_MIN_WORDS = 4

_MASK = re.compile(
    r"\S+@\S+|(?:https?://|www\.)\S+|\S+\.[a-z]{2,24}/\S*|[+(]?\d[\d\s().\-/]*\d|\d",
    re.IGNORECASE,
)


@cache
def _extract():  # type: ignore[no-untyped-def]
    import tldextract

    # The bundled public-suffix snapshot only: nothing is fetched, nothing is cached on disk.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def domain_of(claim_or_url: Claim | str) -> str | None:
    """The registrable domain of an e-mail address, URL or URL value ("acme.co.uk")."""
    text = claim_or_url.value if isinstance(claim_or_url, Claim) else claim_or_url
    if not isinstance(text, str) or not text:
        return None
    host = text.rpartition("@")[2] if "@" in text else text
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", host, flags=re.I).split("/", 1)[0]
    host = host.split(":", 1)[0].lower()
    parts = _extract()(host)
    if not parts.domain or not parts.suffix:
        return None
    return f"{parts.domain}.{parts.suffix}"


def masked(sentence: str) -> str:
    """A sentence with its contacts and numbers replaced, in lower case, for comparing."""
    return " ".join(_MASK.sub("#", sentence).lower().split())


@dataclass
class Brand:
    """What identifies the brand's contacts in a run."""

    domains: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    #: Masked sentence -> the brand's contact claims stated in it.
    sentences: dict[str, list[Claim]] = field(default_factory=dict)
    #: The brand's support URLs.
    urls: list[Claim] = field(default_factory=list)

    def names_brand(self, sentence: str) -> bool:
        folded = sentence.casefold()
        return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded) for n in self.names)

    def copied(self, claim: Claim) -> list[Claim]:
        """The brand's contacts of the sentence the partner's sentence copies, if any."""
        from rapidfuzz import fuzz

        mine = masked(claim.sentence)
        if sum(any(ch.isalpha() for ch in w) for w in mine.split()) < _MIN_WORDS:
            return []
        best, score = None, 0.0
        for text, claims in self.sentences.items():
            s = fuzz.ratio(mine, text)
            if s > score and any(c.kind == claim.kind for c in claims):
                best, score = claims, s
        return [c for c in best or [] if c.kind == claim.kind] if score >= SAME_SENTENCE else []


def brand_of(survey: Survey) -> Brand:
    """The brand's domains, names and contact sentences, computed once per run."""
    cached = survey.cache.get("brand-contacts")
    if isinstance(cached, Brand):
        return cached
    brand = Brand()
    records: list[Record] = list(survey.reference)
    for name in survey.reference_sources:
        records.extend(survey.policies.get(name, []))
        if len(name) >= 3:
            brand.names.add(name.casefold())
    for record in records:
        if record.url:
            domain = domain_of(record.url)
            if domain:
                brand.domains.add(domain)
        for claim in record.claims:
            if claim.kind not in CONTACT_KINDS:
                continue
            if claim.kind != "support-phone":
                domain = domain_of(claim)
                if domain:
                    brand.domains.add(domain)
            if claim.kind == "support-url":
                brand.urls.append(claim)
            if claim.sentence:
                brand.sentences.setdefault(masked(claim.sentence), []).append(claim)
    # A brand domain's name is the brand's name ("acme.com": "acme"); a part of a hyphenated
    # one only where the brand's own sentences write it capitalized: "acme-pumps.com" and
    # "call the Acme service team" give "acme", not "pumps".
    written = " ".join(c.sentence for claims in brand.sentences.values() for c in claims)
    for domain in brand.domains:
        label = domain.split(".", 1)[0]
        if len(label) >= 3 and "-" not in label:
            brand.names.add(label)
        for part in label.split("-") if "-" in label else ():
            spelled = re.findall(rf"(?i)(?<!\w){re.escape(part)}(?!\w)", written)
            if len(part) >= 3 and any(w[:1].isupper() for w in spelled):
                brand.names.add(part)
    survey.cache["brand-contacts"] = brand
    return brand


def own_domains(record: Record) -> set[str]:
    """The partner's own registrable domains: its page's."""
    domain = domain_of(record.url) if record.url else None
    return {domain} if domain else set()


def same(a: Claim, b: Claim) -> bool | None:
    """Whether two claims of one kind state the same value; None when it cannot be told."""
    if a.kind == "support-phone":
        from msglint.values.claims.phones import same_number

        return same_number((str(a.value), a.unit), (str(b.value), b.unit))
    if a.kind == "support-hours" and isinstance(a.value, str) and isinstance(b.value, str):
        from msglint.values.claims.times import same_hours

        return same_hours(a.value, b.value)
    if a.kind in UNIT_KINDS:
        return (a.key, a.unit) == (b.key, b.unit)
    return a.key == b.key


def speaks_for_brand(claim: Claim, partner: Record, brand: Brand) -> list[Claim] | None:
    """The brand contacts a partner contact is to be compared with, or None when it is the
    partner's own (see the module docstring for how that is decided)."""
    domain = domain_of(claim) if claim.kind != "support-phone" else None
    source = re.sub(r"[\W_]+", "", partner.source.casefold())
    if domain is not None and (
        domain in own_domains(partner)
        or (len(source) >= 3 and source in domain.replace("-", "").replace(".", ""))
    ):
        return None
    copied = brand.copied(claim)
    if copied:
        return copied
    if domain is not None and domain in brand.domains:
        if claim.kind == "support-url":
            # A brand URL is compared only with the brand's support URLs on its host: a
            # partner links many brand pages the brand's support page does not name.
            host = str(claim.value).split("/", 1)[0]
            same_host = [c for c in brand.urls if str(c.value).split("/", 1)[0] == host]
            return same_host or None
        return []  # compared with all the brand's contacts of the kind
    if claim.kind == "support-phone" and brand.names_brand(claim.sentence):
        return []
    return None


def next_to_brand(claim: Claim, partner_claims: list[Claim], expected: list[Claim]) -> bool:
    """Whether the partner states one of the brand's contacts in the same sentence."""
    return any(
        other is not claim
        and other.kind == claim.kind
        and other.sentence == claim.sentence
        and any(same(other, e) for e in expected)
        for other in partner_claims
    )
