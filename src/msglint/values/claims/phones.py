"""Support phone claims: "+1 (800) 555-0142", "1-800-555-0142", "0800 123 4567", "+49 30
1234567", in a sentence about support or after a label ("Phone:", "Tel.", "Hotline").

Numbers are parsed by `phonenumbers` (libphonenumber's metadata for every country), so
one number in any format is one value:
- with a country code ("+1 ...", "00 49 ...") or where the page's region is known (its
  `lang`, "en-US"), the value is E.164, "+18005550142", unit "phone";
- otherwise the country is unknown and the value is the national digits, "18005550142",
  unit "phone-national"; `same_number` compares such a number with the brand's in the
  brand's region, and two national numbers only by their digits (no guess, so no false
  finding).
Candidates are runs of digits, spaces, dots, dashes, slashes and brackets of 7 to 15
digits (E.164's limit) in at least three groups, or after "+" or "(": a year range
("2019-2024"), a date or a model number is not one, and a number right after "fax",
"order" or "part" (`not_phone` in data/support_facts.yaml) is not the support line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msglint.model import Claim
from msglint.values.claims.factwords import words

if TYPE_CHECKING:
    from msglint.values.claims.sentence import Sentence

KIND = "support-phone"
_CANDIDATE = re.compile(
    r"(?<![\w+/.,-])(?:\+|00)?\(?\d[\d \t\u00a0().\-/–]{4,24}\d(?![\w/]|[.,]\d)"
)
_DIGITS = re.compile(r"\d+")
_DATE = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}\s*[-–]\s*\d{4})$"
)
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|extension)\s*\d{1,6}", re.IGNORECASE)


def not_phone() -> re.Pattern[str]:
    """Words before a number that make it no support phone ("fax", "order", "part")."""
    return words("not_phone")


def normalize(text: str, region: str | None) -> tuple[str, str] | None:
    """(value, unit) of a phone number as written, or None when it is no phone number."""
    import phonenumbers

    text = text.strip()
    digits = _DIGITS.findall(text)
    count = sum(map(len, digits))
    international = text.startswith(("+", "00"))
    if not 7 <= count <= 15 or not (len(digits) >= 3 or international or text[0] == "("):
        return None
    if _DATE.match(text):
        return None
    if international or region:
        try:
            number = phonenumbers.parse(
                "+" + text[2:] if text.startswith("00") else text, region or None
            )
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_possible_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            return e164, "phone"
        if international:
            return None
    return "".join(digits), "phone-national"


def same_number(a: tuple[str, str], b: tuple[str, str]) -> bool | None:
    """Whether two phone values (value, unit) are one number; None when that cannot be told
    (two national numbers of unknown countries whose digits differ only by a trunk prefix)."""
    import phonenumbers

    (va, ua), (vb, ub) = a, b
    if ua == ub == "phone":
        return va == vb
    if ua == ub:  # both national, country unknown
        if va == vb:
            return True
        short, long_ = sorted((va, vb), key=len)
        return None if long_.endswith(short) and len(long_) - len(short) <= 2 else False
    e164, national = (va, vb) if ua == "phone" else (vb, va)
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
        number = phonenumbers.parse(national, region)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == e164


def read(sentence: Sentence) -> list[Claim]:
    body = sentence.body
    if sum(ch.isdigit() for ch in body) < 7:
        return []
    found = []
    for m in _CANDIDATE.finditer(body):
        text = m.group().rstrip(" -–/.(")
        if not_phone().search(body, max(0, m.start() - 20), m.start()):
            continue
        read_as = normalize(text, sentence.region)
        if read_as is not None:
            found.append((m.start(), m.start() + len(text), read_as))
    if not found or not sentence.about_contact():
        return []
    return [sentence.claim(KIND, value, unit, a, b) for a, b, (value, unit) in found]
