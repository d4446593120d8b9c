"""required: a statement every document in scope must contain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from msglint.checks.base import TextRule
from msglint.model import Document, Finding, document_location, match_location


class Required(TextRule):
    """Require a statement (a disclaimer, a legal line) in every document in scope.

    **What it checks**
    Each document the rule's `scope` selects must contain `statement`, or one of `any_of`.
    The match is fuzzy (rapidfuzz, case and punctuation ignored, score >= `threshold`), so
    small rewordings such as "All prices exclude VAT & shipping" still count. A document that
    lacks it gets one finding, located at its title or first line.

    **Why it matters**
    Pricing pages without the tax disclaimer, or support pages without the warranty terms,
    create promises the brand did not make, and in some markets break consumer law.

    **Example (flagged)**
    With `statement: All prices exclude VAT and shipping.` and `scope: {paths: [pricing.html]}`:
    a pricing page that lists prices and no disclaimer.

    **Example (fine)**
    A pricing page with the footnote "All prices exclude VAT and shipping costs."

    **Options**
    - `statement` or `any_of` (one is required): the text that must appear.
    - `threshold` (default 85, 50-100): the lowest fuzzy score that counts as present.
    """

    kind: Literal["required"]
    statement: str | None = None
    any_of: list[str] = Field(default_factory=list)
    threshold: float = Field(default=85, ge=50, le=100)

    default_message: ClassVar[str] = "Missing required statement: '{suggestion}'."

    @model_validator(mode="after")
    def _one_statement(self) -> Required:
        if not self.statement and not self.any_of:
            raise ValueError("a required rule needs 'statement' or 'any_of'")
        return self

    @property
    def statements(self) -> list[str]:
        return ([self.statement] if self.statement else []) + list(self.any_of)

    def check(self, doc: Document) -> Iterator[Finding]:
        from rapidfuzz import fuzz
        from rapidfuzz.utils import default_process

        wanted = [default_process(s) for s in self.statements]
        for segment in self.segments(doc):
            text = default_process(segment.text)
            for needle in wanted:
                scorer = fuzz.partial_ratio if len(text) >= len(needle) else fuzz.ratio
                if scorer(needle, text, score_cutoff=self.threshold):
                    return
        expected = self.statements[0]
        anchor = next((s for s in doc.segments if s.kind == "title"), None)
        if anchor is None and doc.segments:
            anchor = doc.segments[0]
        yield Finding(
            rule=self.id,
            severity=self.level,
            message=self.render("", expected),
            source=doc.source,
            role=doc.role,
            location=(
                match_location(doc, anchor, 0, len(anchor.text))
                if anchor is not None
                else document_location(doc)
            ),
            expected=expected,
            context=anchor.text if anchor is not None else None,
            link=self.link,
        )
