"""A document's digest: what comparing it with another copy needs, without its text tree.

The engine streams documents and keeps only compact results. For documents (manuals,
datasheets, knowledge-base articles, policies) that result is a `DocDigest`: the title and
headings (for pairing), a bottom-k MinHash sketch of its word shingles (for pairing by
content), its version or date statement, and its passages (sentences, procedure steps,
table rows, warnings), each with the Location it came from. No parser tree, no raw markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from msglint.model.common import Role
from msglint.model.document import Location


@dataclass(frozen=True, slots=True)
class Passage:
    """One comparable piece of a document: a sentence, a numbered step, a table row.

    `kind` is "sentence", "step" or "row"; `warning` marks a safety note (a "WARNING:" or
    "CAUTION" label, or any sentence in a section headed Safety or Warnings); `step` is the
    step's number and `procedure` numbers the procedure (list) it belongs to; `section` is
    the index of the heading above it in `DocDigest.headings` (-1 before the first).
    """

    kind: str
    text: str
    location: Location
    section: int = -1
    warning: bool = False
    step: int | None = None
    procedure: int | None = None
    #: A table row read as a product specification (the `spec` rule compares those).
    spec: bool = False
    #: The paragraph (segment) it came from: sentences of one paragraph share it.
    block: int = 0
    #: Offsets in `text` where skipped inline content (code) stood: a value the other copy
    #: writes as prose may be in there (`nsswitch.conf(5)` as code in one copy, as text in
    #: the other), and `shown` marks them for a reader.
    gaps: tuple[int, ...] = ()

    @property
    def shown(self) -> str:
        """The text as evidence: "…" where code was left out ("the call to … will be")."""
        if not self.gaps:
            return self.text
        out, pos = [], 0
        for g in self.gaps:
            out.append(self.text[pos:g].rstrip())
            pos = g
        out.append(self.text[pos:].lstrip())
        return " … ".join(out)


@dataclass(frozen=True, slots=True)
class Edition:
    """What a document says about its own version or date ("Version 4.1", "Rev. C",
    "Last updated: 12 March 2024"), normalized to compare: `version` as numbers, `date` as
    an ISO date (all readings when the format is ambiguous, as 03/04/2024 is)."""

    text: str
    location: Location
    version: tuple[int, ...] | None = None
    dates: tuple[str, ...] = ()


@dataclass(slots=True)
class DocDigest:
    """The compact form of one document kept for pairing and comparison."""

    source: str
    role: Role
    path: str
    format: str
    url: str | None = None
    title: str | None = None
    canonical: str | None = None
    headings: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    editions: list[Edition] = field(default_factory=list)
    #: Bottom-k MinHash of the document's 5-word shingles (sorted 64-bit hashes).
    sketch: tuple[int, ...] = ()
    words: int = 0

    @property
    def where(self) -> str:
        """The document's URL or path, for messages."""
        return self.url or self.path

    @property
    def label(self) -> str:
        """The title, or the file name when it has none."""
        return self.title or self.path.rsplit("/", 1)[-1]
