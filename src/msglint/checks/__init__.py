"""Rule kinds: one module per kind, each documenting itself; `registry.py` lists them.

Text kinds (`base.TextRule`) read one Document at a time; consistency kinds
(`consistency.ConsistencyRule`) compare matched Records; the document kind
(`document.DocumentRule`) compares a partner's copy of a document with the brand's;
msglint's own rules are in `builtin/`. Prefer `msglint.checks.registry` for the tables;
the names below are the common ones, for convenience.
"""

from __future__ import annotations

from msglint.checks.base import RuleDefinition, TextRule
from msglint.checks.consistency import ConsistencyRule
from msglint.checks.document import DocumentRule
from msglint.checks.registry import BUILTINS, KINDS, AnyRule

__all__ = [
    "BUILTINS",
    "KINDS",
    "AnyRule",
    "ConsistencyRule",
    "DocumentRule",
    "RuleDefinition",
    "TextRule",
]
