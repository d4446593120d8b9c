"""The `name` rule kind: the partner's product name against the reference name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from msglint.checks.consistency import RetiredNamesRule, Survey
from msglint.model import Code, Finding, Match, Record, RecordField, Value
from msglint.values.titles import is_title_of

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def name_key(name: str) -> str:
    """A name as a sorted bag of lower-case words, so order, case and punctuation do not count."""
    return " ".join(sorted(w.casefold() for w in _WORD.findall(name)))


class NameRule(RetiredNamesRule):
    """A partner names a product differently from the reference, or by a retired name.

    **What it checks**
    The name of every partner product matched to a reference product (by GTIN, SKU, model
    code or fuzzy name). It is flagged when it uses a retired name (`retired`), when it
    drops a required brand token that the reference name has (`brand`), or when its words
    differ from the reference's more than `threshold` allows. Word order, case, punctuation
    and spacing do not count: "Acme Router AX5400 Pro" is the same name as "Acme AX5400 Pro
    Router". A partner page in another language than the reference's is compared by the
    parts of the name that do not translate (brand, model codes, numbers, CamelCase names):
    "Acme AirRouter AX3000 – Kabelloser Router" on a German page is the reference's "Acme
    AirRouter AX3000" with its descriptor translated, not another name.

    **Why it matters**
    Customers search for the name the brand advertises; a retired or garbled name on a
    reseller's page looks like a different (or discontinued) product.

    **Example (flagged)**
    Reference `Acme HomeHub 2`; partner `Acme HomeHub 1` (retired).

    **Example (fine)**
    Reference `Acme AX5400 Pro Router`; partner `ACME  Router AX5400 Pro`.

    **Options**
    `threshold`: token-sort fuzzy score (0-100) below which names differ (default 80).
    `brand`: tokens the partner name must keep when the reference name has them.
    `retired`: retired names, as a list or a mapping retired name -> current name. A
    partner record under a retired name that maps to a current name is also matched as if
    it used the current one, so its page is found and then reported here.
    `aliases`: other names a partner may use for a product (other name -> current name),
    such as a regional name: matched like the current name and not reported.
    """

    kind: Literal["name"]
    threshold: float = Field(default=80.0, ge=0, le=100)
    brand: list[str] = Field(default_factory=list)

    def prepare(self) -> None:
        super().prepare()
        self._brand = [
            (b, re.compile(rf"(?<!\w){re.escape(b)}(?!\w)", re.IGNORECASE)) for b in self.brand
        ]

    def _same_untranslated(self, expected: str, actual: str) -> bool:
        """Whether the parts of a name that no translation changes agree: every one of the
        reference's (model codes, numbers, CamelCase and upper-case words, `brand` tokens)
        is in the partner's name, and every code or number of the partner's is in the
        reference's. False when the reference name has none (then words must agree)."""
        brand = {b.casefold() for b, _ in self._brand}
        ours = _untranslated(expected, brand)
        theirs = {w for w in _untranslated(actual, brand) if any(c.isdigit() for c in w)}
        expected_words = {w.casefold() for w in _WORD.findall(expected)}
        actual_words = {w.casefold() for w in _WORD.findall(actual)}
        if not theirs <= expected_words:
            return False
        # The whole reference name kept, a descriptor added ("Nordkap Trail Jacket – Profi-
        # Gerät"), or at least every part of it that no translation changes.
        return expected_words <= actual_words or (bool(ours) and ours <= actual_words)

    def match_aliases(self) -> list[tuple[str, str]]:
        """Aliases, and retired names that map to a current name: a partner's page under
        the old name must be matched to be reported for using it."""
        renamed = [(old, new) for old, new in self.retired.items() if new]
        return [*super().match_aliases(), *renamed]

    def compare(self, reference: Record, match: Match, survey: Survey) -> Iterator[Finding]:
        from rapidfuzz.fuzz import token_sort_ratio

        partner = match.record
        expected, actual = reference.name, partner.name
        if not expected or not actual:
            return
        retired = self.retired_name(actual)
        if retired and not self.retired_name(expected):
            old, new = retired
            yield self.report(
                RecordField("name"),
                reference,
                partner,
                expected=Value(expected),
                actual=Value(actual),
                code=Code.RETIRED_NAME,
                summary=f"'{actual}' uses the retired name '{old}'; the product is now "
                f"'{new or expected}'.",
            )
            return
        for token, pattern in self._brand:
            if pattern.search(expected) and not pattern.search(actual):
                yield self.report(
                    RecordField("name"),
                    reference,
                    partner,
                    expected=Value(expected),
                    actual=Value(actual),
                    code=Code.BRAND_DROPPED,
                    summary=f"'{actual}' drops the brand '{token}' (reference: '{expected}').",
                )
                return
        if _other_language(reference, partner) and self._same_untranslated(expected, actual):
            return  # a translated descriptor ("Kabelloser Router"), the name's codes kept
        if is_title_of(expected, actual):
            return  # a marketplace title: the name, then its attributes after a separator
        if _squashed(expected) == _squashed(actual):
            return  # the same letters in the same order: "AX-3000", "Air Router", "Acme®"
        score = token_sort_ratio(name_key(expected), name_key(self.with_aliases(actual)))
        if score < self.threshold:
            yield self.report(
                RecordField("name"),
                reference,
                partner,
                expected=Value(expected),
                actual=Value(actual),
                code=Code.DIFFERS,
                summary=f"Product name '{actual}' differs from the reference '{expected}' "
                f"(similarity {score:.0f} < {self.threshold:.0f}).",
            )


def _squashed(name: str) -> str:
    """A name's letters and digits only, lower-cased: spacing, hyphens and marks inside a
    model code or a compound ("AX-3000", "Air Router", "AirRouter™") are the same name."""
    return "".join(_WORD.findall(name)).casefold()


def _other_language(reference: Record, partner: Record) -> bool:
    """Whether the partner wrote in another language than the reference (unknown: English)."""
    return (partner.lang or "en") != (reference.lang or "en")


def _untranslated(name: str, brand: set[str]) -> set[str]:
    """The words of `name` a translation keeps, case folded: with a digit ("AX3000", "300"),
    upper case past the first letter ("AirRouter", "ACME"), or a brand token."""
    out = set()
    for word in _WORD.findall(name):
        if (
            any(c.isdigit() for c in word)
            or any(c.isupper() for c in word[1:])
            or word.casefold() in brand
        ):
            out.add(word.casefold())
    return out
