"""What consistency rules share: they compare a partner's record with the reference's.

A consistency rule kind is a subclass of `ConsistencyRule` in a module of its own, with the
same self-documenting docstring template as the text rules. `compare()` gets one matched
pair (the reference record and a partner record aligned to it); `survey()` gets the whole
run (for what is not in a pair: products missing at a partner, site-wide policies).
Every finding carries both sides as typed values: `expected` with the reference's Evidence,
`actual` at the partner's location.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, field_validator

from msglint.checks.base import RuleDefinition, coerce_terms
from msglint.globs import matches
from msglint.model import (
    Claim,
    Code,
    Evidence,
    Finding,
    Location,
    Match,
    Record,
    RecordField,
    Severity,
    Value,
)

if TYPE_CHECKING:
    from msglint.match import MatchResult

PLACEHOLDERS = ("rule", "product", "field", "expected", "actual")


@dataclass
class Survey:
    """Everything matched in one run, for rules that look beyond a single pair."""

    reference: list[Record] = field(default_factory=list)
    partners: dict[str, list[Record]] = field(default_factory=dict)
    results: dict[str, MatchResult] = field(default_factory=dict)
    policies: dict[str, list[Record]] = field(default_factory=dict)
    reference_sources: list[str] = field(default_factory=list)

    def reference_claims(self, kind: str) -> list[tuple[Claim, Record]]:
        """Site-wide claims of the brand (from its support and policy pages)."""
        return [
            (c, rec)
            for name in self.reference_sources
            for rec in self.policies.get(name, [])
            for c in rec.claims
            if c.kind == kind
        ]


class ConsistencyRule(RuleDefinition):
    """A rule that compares partner records with the reference records they match."""

    family: ClassVar[str] = "consistency"
    #: Consistency rules travel in reference bundles: they are how partners are compared.
    bundled: ClassVar[bool] = True
    default_message: ClassVar[str] = (
        "{field} differs from the reference: {actual} (expected {expected})"
    )

    def applies_to(self, record: Record) -> bool:
        """Whether the rule's scope covers this (partner) record."""
        scope = self.scope
        if scope.roles and record.role not in scope.roles:
            return False
        if scope.sources and record.source not in scope.sources:
            return False
        targets = [record.path] + ([record.url] if record.url else [])
        if scope.paths and not any(matches(t, scope.paths) for t in targets):
            return False
        return not (scope.exclude_paths and any(matches(t, scope.exclude_paths) for t in targets))

    def compare(self, reference: Record, match: Match, survey: Survey) -> Iterator[Finding]:
        """Findings for one matched pair; most kinds implement only this."""
        return iter(())

    def survey(self, survey: Survey) -> Iterator[Finding]:
        """Findings about the run as a whole (coverage, site-wide policies)."""
        return iter(())

    @classmethod
    def explain(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    def report(
        self,
        field: RecordField,
        reference: Record,
        partner: Record,
        *,
        expected: Value | None,
        actual: Value | None,
        summary: str,
        code: Code,
        level: Severity | None = None,
        partner_field: str | None = None,
        reference_field: str | None = None,
        context: str | None = None,
        partner_at: Location | None = None,
        reference_at: Location | None = None,
    ) -> Finding:
        """A finding at the partner's evidence that names the reference's evidence too.

        `summary` is the built-in message; a rule's own `message` template replaces it.
        `partner_field`/`reference_field` name the evidence to point at when it is not the
        field's own (the whole record for a missing value); `partner_at`/`reference_at` give
        the compared values' own evidence when the rule has it.
        """
        name = str(field)
        message = summary
        if self.message:
            message = self.message.format(
                rule=self.id,
                product=reference.label,
                field=name,
                expected=expected.text if expected else "",
                actual=actual.text if actual else "",
            )
        return Finding(
            rule=self.id,
            severity=level or self.level,
            message=message,
            source=partner.source,
            role=partner.role,
            location=partner_at or partner.location(partner_field or name),
            record=partner.key,
            actual=actual,
            expected=expected,
            context=context,
            link=self.link,
            product=reference.label,
            field=field,
            code=code,
            reference=Evidence(
                reference.source,
                reference_at or reference.location(reference_field or name),
                reference.key,
            ),
        )


class RetiredNamesRule(ConsistencyRule):
    """A consistency rule that knows the brand's retired product names (`retired`) and the
    other names partners may use for a product (`aliases`: other name -> current name)."""

    retired: dict[str, str | None] = Field(default_factory=dict)
    aliases: dict[str, str] = Field(default_factory=dict)

    @field_validator("retired", mode="before")
    @classmethod
    def _terms(cls, value: Any) -> dict[str, str | None]:
        return coerce_terms(value)

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            raise ValueError("expected a mapping of other name: current name")
        terms = coerce_terms(value)
        for other, current in terms.items():
            if not current or not current.strip():
                raise ValueError(f"the alias '{other}' needs the current name it stands for")
        return value

    def match_aliases(self) -> list[tuple[str, str]]:
        """(other name, current name) pairs matching tries partner names under: aliases."""
        return list(self.aliases.items())

    def with_aliases(self, name: str) -> str:
        """`name` with each alias replaced by its current name, longest aliases first."""
        for pattern, current in self._aliases_compiled:
            name = pattern.sub(current, name)
        return name

    def prepare(self) -> None:
        super().prepare()
        self._retired = [
            (re.compile(rf"(?<!\w){re.escape(old)}(?!\w)", re.IGNORECASE), old, new)
            for old, new in sorted(self.retired.items(), key=lambda kv: -len(kv[0]))
        ]
        self._aliases_compiled = [
            (re.compile(rf"(?<!\w){re.escape(other)}(?!\w)", re.IGNORECASE), current)
            for other, current in sorted(self.aliases.items(), key=lambda kv: -len(kv[0]))
        ]

    def retired_name(self, name: str) -> tuple[str, str | None] | None:
        """(retired name, its replacement) if `name` uses one, longest names first."""
        for pattern, old, new in self._retired:
            if pattern.search(name):
                return old, new
        return None
