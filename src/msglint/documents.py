"""The document stage: pair partner documents with the brand's and run `document` rules.

The engine hands each document's digest here as the document streams by (digests are
compact; no text tree is kept). Brand documents are indexed as they come; a partner
document is paired and compared at once when every reference source has been read (the
usual order: the brand first), and otherwise waits, as a digest, until they have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from msglint.model import DocDigest, Finding, Role
from msglint.pairing import DocPair, Pairing

if TYPE_CHECKING:
    from msglint.checks.document import DocumentRule
    from msglint.config import Config


@dataclass
class DocumentStage:
    """Streams digests in, findings out."""

    rules: list[DocumentRule]
    pairing: Pairing
    #: Reference sources not read yet; partner documents wait until this is empty.
    references_left: set[str] = field(default_factory=set)
    waiting: list[DocDigest] = field(default_factory=list)
    pairs: list[DocPair] = field(default_factory=list)

    @classmethod
    def of(cls, config: Config, rules: list[DocumentRule]) -> DocumentStage:
        refs = {s.name for s in config.sources if s.role is Role.REFERENCE}
        return cls(rules=rules, pairing=Pairing(config.documents), references_left=refs)

    def source_done(self, name: str) -> list[Finding]:
        """A source has been read; partner documents that waited for it are compared."""
        self.references_left.discard(name)
        if self.references_left or not self.waiting:
            return []
        waiting, self.waiting = self.waiting, []
        return [f for doc in waiting for f in self._compare(doc)]

    def add(self, doc: DocDigest) -> list[Finding]:
        """Index a brand document, or pair and compare a partner's."""
        if doc.role is Role.REFERENCE:
            self.pairing.add_reference(doc)
            return []
        if doc.role is not Role.PARTNER:
            return []
        if self.references_left:
            self.waiting.append(doc)
            return []
        return self._compare(doc)

    def _compare(self, doc: DocDigest) -> list[Finding]:
        pair = self.pairing.pair(doc)
        if pair is None:
            return []
        self.pairs.append(DocPair(pair.reference, _shell(doc), pair.method, pair.score))
        out: list[Finding] = []
        for rule in self.rules:
            if rule.applies_to(doc):  # type: ignore[arg-type]  # a digest has the fields
                out.extend(rule.compare_documents(pair))
        return out

    def finish(self) -> list[Finding]:
        """Whatever still waits, then documents partners should carry and do not."""
        out: list[Finding] = []
        waiting, self.waiting = self.waiting, []
        for doc in waiting:
            out.extend(self._compare(doc))
        for rule in self.rules:
            out.extend(rule.missing_documents(self.pairing))
        return out


def _shell(doc: DocDigest) -> DocDigest:
    """A partner digest without its passages: what the run keeps of a compared document."""
    return DocDigest(
        source=doc.source, role=doc.role, path=doc.path, format=doc.format, url=doc.url,
        title=doc.title,
    )  # fmt: skip
