"""capitalization: names written exactly as the brand writes them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import Field, PrivateAttr, field_validator

from msglint.checks.base import TextRule, word_bounded
from msglint.model import Document, Finding

# Where a name may be split by a careless writer: at its own separators and camel humps.
_PARTS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W_]+")


class Capitalization(TextRule):
    """Write brand and product names exactly: no case, hyphen or space variants.

    **What it checks**
    For each name in `names`, any spelling that differs only in case, hyphens, underscores
    or spaces is reported, with the exact name as the suggestion: "Wifi", "WiFi", "wi fi"
    for "Wi-Fi"; "Acmecloud", "Acme Cloud", "acme-cloud" for "AcmeCloud".

    **Why it matters**
    A name is part of the brand. Variants look careless, split search results and, for
    trademarks, weaken the mark.

    **Example (flagged)**
    With `names: [Wi-Fi, AcmeCloud]`: "Connect over WiFi and open Acmecloud."

    **Example (fine)**
    "Connect over Wi-Fi and open AcmeCloud."

    **Options**
    - `names` (required): the exact spellings.
    """

    bundled: ClassVar[bool] = True
    kind: Literal["capitalization"]
    names: list[str] = Field(min_length=1, description="Names as they must be written.")

    default_message: ClassVar[str] = "Write '{suggestion}', not '{match}'."

    _regex: re.Pattern[str] | None = PrivateAttr(default=None)
    _canonical: dict[str, str] = PrivateAttr(default_factory=dict)

    @field_validator("names")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        for name in value:
            if not _PARTS.findall(name):
                raise ValueError(f"'{name}' has no letters or digits")
        return value

    def prepare(self) -> None:
        super().prepare()
        alternatives = []
        for name in sorted(self.names, key=len, reverse=True):
            parts = _PARTS.findall(name)
            alternatives.append(r"[\s_-]?".join(re.escape(p) for p in parts))
            self._canonical[_squash(name)] = name
        self._regex = re.compile(word_bounded("(?:" + "|".join(alternatives) + ")"), re.I)

    def check(self, doc: Document) -> Iterator[Finding]:
        regex, canonical = self._regex, self._canonical  # private attributes are slow to read
        assert regex is not None
        for segment in self.segments(doc):
            for m in regex.finditer(segment.text):
                name = canonical.get(_squash(m.group()))
                if name is None or m.group() == name or self.excepted(segment, *m.span()):
                    continue
                found = self.finding(doc, segment, *m.span(), suggestion=name)
                found.fix = name
                yield found


def _squash(text: str) -> str:
    return re.sub(r"[\s_-]+", "", text).casefold()
