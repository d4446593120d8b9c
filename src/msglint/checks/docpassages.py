"""Where things are in a document digest, for the `document` rule: a passage's heading, the
partner passage to anchor a finding on, the document's edition statements, and the small
tests the checks share (a reworded warning, a sentence naming the partner).

Split from checks/document.py, which holds the checks themselves.
"""

from __future__ import annotations

import re

from msglint.checks.docalign import content_words
from msglint.model import DocDigest, Edition, Location, Passage


def in_edition(passage: Passage, doc: DocDigest) -> bool:
    """Whether a passage is (part of) the document's version or date statement."""
    at = passage.location
    return any(
        e.location.page == at.page
        and (e.location.line or 0)
        <= (at.line or 0)
        <= (e.location.end_line or e.location.line or 0)
        for e in doc.editions
    )


def latest_edition(doc: DocDigest) -> Edition | None:
    """The document's latest dated statement ("Last updated: ...")."""
    return max((e for e in doc.editions if e.dates), key=lambda e: max(e.dates), default=None)


def doc_names(doc: DocDigest) -> list[str]:
    return [t for t in (doc.path, doc.url) if t]


_SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Z]\.)\s+")


def norm_heading(text: str) -> str:
    """A heading without its section number ("2.3 Installation" is "installation")."""
    return " ".join(_SECTION_NUMBER.sub("", text).casefold().split())


def heading_of(doc: DocDigest, passage: Passage) -> str:
    return doc.headings[passage.section] if passage.section >= 0 else doc.label


def anchor_in(
    before: list[int], to_partner: dict[int, tuple[int, float]], part: DocDigest
) -> Passage | None:
    """The partner passage aligned to the last of `before` that has one."""
    for r in reversed(before):
        if r in to_partner:
            return part.passages[to_partner[r][0]]
    return None


def first_passage(doc: DocDigest) -> Passage | None:
    return doc.passages[0] if doc.passages else None


def start_of(doc: DocDigest) -> Location:
    first = first_passage(doc)
    if first is not None:
        return first.location
    return Location(path=doc.path, url=doc.url, line=1, column=1)


def names_partner(text: str, source: str) -> bool:
    """Whether a sentence names the partner itself (by its source name, "PumpShop")."""
    folded = re.sub(r"[\W_]+", "", text.casefold())
    name = re.sub(r"[\W_]+", "", source.casefold())
    return len(name) >= 3 and name in folded


def same_words(a: Passage, b: Passage) -> bool:
    """Whether two safety notes share most of their content words (a reworded warning)."""
    wa, wb = content_words(a.text), content_words(b.text)
    return bool(wa) and len(wa & wb) * 3 >= len(wa) * 2
