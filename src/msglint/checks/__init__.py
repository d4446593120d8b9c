"""Rule kinds, by the name used in YAML (`kind: terminology`).

One table maps each public kind name to its class, as ruff's codes table does: the name is
part of the rule-file format and never changes, whatever happens to the class behind it.
Text kinds read one Document at a time; consistency kinds compare matched Records; the
document kind compares a partner's copy of a document with the brand's.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from msglint.checks.banned import Banned
from msglint.checks.base import RuleDefinition, TextRule
from msglint.checks.capitalization import Capitalization
from msglint.checks.claim import ClaimRule
from msglint.checks.consistency import ConsistencyRule
from msglint.checks.coverage import CoverageRule
from msglint.checks.description import DescriptionRule
from msglint.checks.document import DocumentRule
from msglint.checks.name import NameRule
from msglint.checks.pattern import Pattern
from msglint.checks.price import PriceRule
from msglint.checks.required import Required
from msglint.checks.spec import SpecRule
from msglint.checks.terminology import Terminology

KINDS: dict[str, type[TextRule] | type[ConsistencyRule]] = {
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

AnyRule = Annotated[
    Terminology
    | Banned
    | Capitalization
    | Required
    | Pattern
    | PriceRule
    | SpecRule
    | NameRule
    | ClaimRule
    | DescriptionRule
    | CoverageRule
    | DocumentRule,
    Field(discriminator="kind"),
]

__all__ = ["KINDS", "AnyRule", "ConsistencyRule", "DocumentRule", "RuleDefinition", "TextRule"]
