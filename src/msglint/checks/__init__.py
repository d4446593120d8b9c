"""Rule kinds, by the name used in YAML (`kind: terminology`).

One table maps each public kind name to its class, as ruff's codes table does: the name is
part of the rule-file format and never changes, whatever happens to the class behind it.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from msglint.checks.banned import Banned
from msglint.checks.base import RuleDefinition, TextRule
from msglint.checks.capitalization import Capitalization
from msglint.checks.pattern import Pattern
from msglint.checks.required import Required
from msglint.checks.terminology import Terminology

KINDS: dict[str, type[TextRule]] = {
    "terminology": Terminology,
    "banned": Banned,
    "capitalization": Capitalization,
    "required": Required,
    "pattern": Pattern,
}

AnyRule = Annotated[
    Terminology | Banned | Capitalization | Required | Pattern,
    Field(discriminator="kind"),
]

__all__ = ["KINDS", "AnyRule", "RuleDefinition", "TextRule"]
