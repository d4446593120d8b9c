"""The one registry of rule kinds: packs, bundles, schemas and `msglint rules` all read it.

`KINDS` maps each public kind name (`kind: terminology` in YAML) to its class, as ruff's
codes table does: the name is part of the rule-file format and never changes, whatever
happens to the class behind it. `BUILTINS` maps the ids of msglint's own rules to theirs.
Adding a kind is one module in checks/ and one line here; what the YAML accepts
(`AnyRule`), what a reference bundle carries (`BUNDLE_KINDS`, the kinds whose class says
`bundled = True`) and the JSON Schemas follow from these tables.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field

from msglint.checks.banned import Banned
from msglint.checks.builtin import (
    BuiltinRule,
    ExtractError,
    MatchError,
    NoProductData,
    ParseError,
    SelfPriceMismatch,
    SourceEmpty,
    SourceError,
    UncertainMatch,
    UnusedSuppression,
)
from msglint.checks.capitalization import Capitalization
from msglint.checks.claim import ClaimRule
from msglint.checks.coverage import CoverageRule
from msglint.checks.description import DescriptionRule
from msglint.checks.document import DocumentRule
from msglint.checks.name import NameRule
from msglint.checks.pattern import Pattern
from msglint.checks.price import PriceRule
from msglint.checks.required import Required
from msglint.checks.spec import SpecRule
from msglint.checks.terminology import Terminology

#: YAML kind name -> rule class.
KINDS: dict[str, Any] = {
    "terminology": Terminology,
    "banned": Banned,
    "capitalization": Capitalization,
    "required": Required,
    "pattern": Pattern,
    "price": PriceRule,
    "spec": SpecRule,
    "name": NameRule,
    "claim": ClaimRule,
    "description": DescriptionRule,
    "coverage": CoverageRule,
    "document": DocumentRule,
}

#: Rule id -> msglint's own rule.
BUILTINS: dict[str, type[BuiltinRule]] = {
    rule.id: rule
    for rule in (
        SourceError,
        ParseError,
        SourceEmpty,
        ExtractError,
        NoProductData,
        SelfPriceMismatch,
        UnusedSuppression,
        UncertainMatch,
        MatchError,
    )
}

#: The kinds a reference bundle hands to partners.
BUNDLE_KINDS: dict[str, Any] = {name: cls for name, cls in KINDS.items() if cls.bundled}


def rule_union(kinds: dict[str, Any]) -> Any:
    """The pydantic type of a rule of one of `kinds`, told apart by its `kind` field."""
    return Annotated[Union[tuple(kinds.values())], Field(discriminator="kind")]  # noqa: UP007


#: Any rule a pack file may define.
AnyRule = rule_union(KINDS)
