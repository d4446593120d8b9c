"""What every rule shares: id, level, message, scope, exceptions, link; and how it reports.

A rule kind is a subclass of `TextRule` in a module of its own. Its class docstring is its
documentation (`msglint rules explain` prints it), written to a fixed template:
a one-line summary, then **What it checks**, **Why it matters**, **Example (flagged)**,
**Example (fine)** and **Options**. `prepare()` validates and compiles once, when the pack
is loaded; `check()` is pure: a Document in, Findings out.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import Field, PrivateAttr, field_validator

from msglint.globs import matches
from msglint.model import SEGMENT_KINDS, Document, Finding, Role, Segment, Severity, match_location
from msglint.strict import StrictModel

_RULE_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)+$"
PLACEHOLDERS = ("match", "suggestion", "rule")
#: A text finding's `context` (the prose its fingerprint hashes and the HTML report shows)
#: is its whole segment up to this length (so fingerprints of ordinary paragraphs are what
#: they always were), else the words within CONTEXT_WINDOW characters of the match: a 50 MB
#: segment with 600,000 matches must not hash 50 MB per finding.
MAX_CONTEXT = 2_000
CONTEXT_WINDOW = 200


def finding_context(text: str, start: int, end: int) -> str:
    """The prose around `text[start:end]` for a finding: all of `text` when it is short,
    else the match and about CONTEXT_WINDOW characters either side, cut at spaces (so an
    edit further away in the segment does not change the finding's fingerprint)."""
    if len(text) <= MAX_CONTEXT:
        return text
    a, b = max(0, start - CONTEXT_WINDOW), min(len(text), end + CONTEXT_WINDOW)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space >= 0 else b
    return text[a:b]


class Scope(StrictModel):
    """Which documents and which parts of them a rule looks at. Empty lists mean all."""

    roles: list[Role] = Field(default_factory=list, description="Source roles.")
    sources: list[str] = Field(default_factory=list, description="Source names.")
    paths: list[str] = Field(default_factory=list, description="Path or URL globs to include.")
    exclude_paths: list[str] = Field(default_factory=list, description="Path or URL globs.")
    segments: list[str] = Field(
        default_factory=list,
        description="Segment kinds: " + ", ".join(SEGMENT_KINDS) + ".",
    )
    identifiers: bool = Field(
        default=False,
        description="Also match inside e-mail addresses, URLs, host names, paths, code, "
        "part numbers, versions, hashtags and handles (skipped by default).",
    )

    @field_validator("segments")
    @classmethod
    def _known_segments(cls, value: list[str]) -> list[str]:
        for kind in value:
            if kind not in SEGMENT_KINDS:
                raise ValueError(
                    f"unknown segment kind '{kind}'; allowed: {', '.join(SEGMENT_KINDS)}"
                )
        return value

    def includes(self, doc: Document) -> bool:
        if self.roles and doc.role not in self.roles:
            return False
        if self.sources and doc.source not in self.sources:
            return False
        targets = [doc.path] + ([doc.url] if doc.url else [])
        if self.paths and not any(matches(t, self.paths) for t in targets):
            return False
        return not (self.exclude_paths and any(matches(t, self.exclude_paths) for t in targets))


class RuleDefinition(StrictModel):
    """Fields shared by every rule kind."""

    id: str = Field(pattern=_RULE_ID, description="Stable, namespaced id such as 'acme.sign-in'.")
    kind: str
    level: Severity = Field(default=Severity.WARNING, description="error, warning or info.")
    message: str | None = Field(
        default=None,
        description="Finding message; placeholders: {match}, {suggestion}, {rule}.",
    )
    description: str | None = Field(default=None, description="One line on why the rule exists.")
    link: str | None = Field(default=None, description="Where to read more (style guide page).")
    scope: Scope = Field(
        default_factory=Scope,
        description="Where the rule looks; `scope: identifiers` is short for "
        "`scope: {identifiers: true}`.",
    )
    exceptions: list[str] = Field(
        default_factory=list,
        description="Matches equal to one of these, or inside one of these phrases, are fine.",
    )

    #: Set by the pack loader, for error messages and `rules list`.
    origin: str | None = Field(default=None, exclude=True)

    default_message: ClassVar[str] = "{match}"
    #: The names a `message` template may use; each family fills its own.
    placeholders: ClassVar[tuple[str, ...]] = PLACEHOLDERS

    _exceptions: list[tuple[str, re.Pattern[str]]] = PrivateAttr(default_factory=list)
    #: The last segment's exception spans: (segment, starts, running max of ends).
    _excepted_in: tuple[Any, list[int], list[int]] | None = PrivateAttr(default=None)

    @field_validator("scope", mode="before")
    @classmethod
    def _scope_word(cls, value: Any) -> Any:
        if value == "identifiers":
            return {"identifiers": True}
        if isinstance(value, str):
            raise ValueError(f"unknown scope '{value}'; write 'identifiers' or a mapping")
        return value

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(value) if f is not None]
        except ValueError as exc:
            raise ValueError(f"message is not a valid template: {exc}") from None
        for name in fields:
            if name not in cls.placeholders:
                raise ValueError(
                    f"unknown placeholder '{{{name}}}' in message; allowed: "
                    + ", ".join("{" + p + "}" for p in cls.placeholders)
                )
        try:  # a format spec or conversion text cannot take ("{match: }", fuzz.py)
            value.format(**dict.fromkeys(cls.placeholders, "x"))
        except (ValueError, KeyError, IndexError) as exc:
            raise ValueError(f"message is not a valid template: {exc}") from None
        return value

    def prepare(self) -> None:
        """Compile what the kind needs. Subclasses call super().prepare() first."""
        # Words of an exception match across any white space, as a reader sees it: a page
        # writes "long&nbsp;long" (Valgrind's notes) where the exception says "long long".
        self._exceptions = [
            (
                " ".join(e.casefold().split()),
                re.compile(r"\s+".join(map(re.escape, e.split())), re.IGNORECASE),
            )
            for e in self.exceptions
            if e.strip()
        ]

    def prepared_state(self) -> Any:
        """What `prepare` computed that is worth keeping between runs, as JSON data
        (msglint.packcache); None: nothing (most kinds prepare in microseconds)."""
        return None

    def use_prepared(self, state: Any) -> bool:
        """Take a kept `prepared_state` for the next `prepare`; False when it does not fit."""
        return False

    def warm(self, texts: list[str]) -> None:
        """Build now what checking documents like `texts` would build on first use (before
        worker processes are forked, so they inherit it); most kinds build nothing late."""

    # -- helpers for kinds -------------------------------------------------------------------

    def segments(self, doc: Document) -> Iterator[Segment]:
        """The segments of `doc` this rule looks at."""
        kinds = self.scope.segments
        for seg in doc.segments:
            if not kinds or seg.kind in kinds:
                yield seg

    def excepted(self, segment: Segment, start: int, end: int) -> bool:
        """Whether the match `segment.text[start:end]` is covered by an exception, or
        touches text that is not prose (an address, a URL, a part number: values/tokens.py)
        while the rule does not opt in with `scope: identifiers`, or joins words that
        skipped inline code stood between (`Segment.spans_gap`)."""
        if not self.scope.identifiers and in_nonprose(segment, start, end):
            return True
        if segment.gaps and segment.spans_gap(start, end):
            return True
        if not self._exceptions:
            return False
        matched = " ".join(segment.text[start:end].casefold().split())
        for folded, _ in self._exceptions:
            if matched == folded:
                return True
        # The exceptions' spans are found once per segment, not once per match (a long
        # segment with many matches would otherwise be scanned again for each).
        cached = self._excepted_in
        if cached is None or cached[0] is not segment:
            spans = sorted(
                m.span() for _, pattern in self._exceptions for m in pattern.finditer(segment.text)
            )
            reach, ends = -1, []
            for _, e in spans:
                reach = max(reach, e)
                ends.append(reach)
            cached = self._excepted_in = (segment, [a for a, _ in spans], ends)
        i = bisect_right(cached[1], start) - 1
        return i >= 0 and cached[2][i] >= end

    def render(self, actual: str, suggestion: str | None) -> str:
        template = self.message or self.default_message
        return template.format(match=actual, suggestion=suggestion or "", rule=self.id)

    def finding(
        self,
        doc: Document,
        segment: Segment,
        start: int,
        end: int,
        *,
        suggestion: str | None = None,
        expected: str | None = None,
    ) -> Finding:
        actual = segment.text[start:end]
        return Finding(
            rule=self.id,
            severity=self.level,
            message=self.render(actual, suggestion),
            source=doc.source,
            role=doc.role,
            location=match_location(doc, segment, start, end),
            actual=actual,
            expected=expected if expected is not None else suggestion,
            context=finding_context(segment.text, start, end),
            link=self.link,
        )


def in_nonprose(segment: Segment, start: int, end: int) -> bool:
    """Whether `segment.text[start:end]` overlaps a non-prose span (found once per segment,
    on the first match in it)."""
    spans = segment.nonprose
    if spans is None:
        from msglint.values.tokens import nonprose

        spans = segment.nonprose = nonprose(segment.text)
    return spans.overlaps(start, end)


class TextRule(RuleDefinition):
    """A rule that reads one document at a time."""

    family: ClassVar[str] = "text"
    #: Whether `check` reads `doc.segments`; when no rule on a docs file does (Vale rules
    #: read the source text themselves), the engine skips msglint's own parse of it.
    reads_segments: ClassVar[bool] = True

    #: Whether a reference bundle hands rules of this kind to partners (how they write).
    bundled: ClassVar[bool] = False

    lang: str | None = Field(
        default=None,
        pattern=r"^(en|de|fr|es|it|nl)$",
        description="Only documents in this language (en, de, fr, es, it, nl): the page's "
        "lang attribute, confirmed by its text; a document of unknown language counts as en.",
    )

    def applies_to(self, doc: Document) -> bool:
        if self.lang is not None:
            from msglint.text.language import document_language

            if (document_language(doc) or "en") != self.lang:
                return False
        return self.scope.includes(doc)

    def check(self, doc: Document) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def explain(cls) -> str:
        """The kind's documentation, from its docstring."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


def word_bounded(pattern: str) -> str:
    """Wrap a regex so it matches whole words only (letters/digits may not touch it)."""
    return rf"(?<![\w]){pattern}(?![\w])"


def match_case(template: str, actual: str) -> str:
    """Give `template` the capitalisation style of `actual` (Title, UPPER or as written)."""
    if actual.isupper() and len(actual) > 1:
        return template.upper()
    if actual[:1].isupper() and template[:1].islower():
        return template[:1].upper() + template[1:]
    return template


def coerce_terms(value: Any) -> dict[str, str | None]:
    """Accept a list of terms or a mapping term -> replacement; return the mapping."""
    if isinstance(value, list):
        out: dict[str, str | None] = {}
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise ValueError("every term must be a non-empty string")
            out[item] = None
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str) or not k.strip():
                raise ValueError("every term must be a non-empty string")
            if v is not None and not isinstance(v, str):
                raise ValueError(f"the replacement for '{k}' must be a string")
        return value
    raise ValueError("expected a list of terms or a mapping of term: replacement")
