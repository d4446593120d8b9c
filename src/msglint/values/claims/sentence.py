"""The sentence a support-fact reader reads (`emails`, `phones`, `urls`, `response`): its
text, whether it is about a contact, and how a fact in it becomes a Claim."""

from __future__ import annotations

import re

from msglint.model import Claim
from msglint.values.claims.factwords import words
from msglint.values.claims.triggers import in_support_sentence

_SUPPORT = re.compile(r"\b(?:support|help|helpdesk|customer (?:service|care))", re.I)


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
            words("contact_labels").search(self.text, max(0, self.start - 12), self.end)
        )

    def about_support(self) -> bool:
        """Whether the sentence says support, help, contact... (not only a label)."""
        return in_support_sentence(self.text, self.start, self.end)

    def names_other_department(self) -> bool:
        """Whether the sentence names a department that is not support ("billing",
        "press") and does not also say support or help."""
        found = words("other_departments").search(self.text, self.start, self.end)
        return found is not None and not _SUPPORT.search(self.body)

    def claim(
        self, kind: str, value: object, unit: str, start: int, end: int, qualifier: str = ""
    ) -> Claim:
        """A claim of the sentence-relative span [start, end)."""
        a, b = self.start + start, self.start + end
        return Claim(
            kind, value, unit, self.text[a:b], self.body, a, b,  # type: ignore[arg-type]
            qualifier=qualifier,
        )  # fmt: skip
