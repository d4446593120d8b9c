"""Rule kinds: one module per kind, each documenting itself; `registry.py` lists them.

Text kinds (`base.TextRule`) read one Document at a time; consistency kinds
(`consistency.ConsistencyRule`) compare matched Records; msglint's own rules are in
`builtin/`. Prefer `msglint.checks.registry` for the tables; the names below are the
common ones, for convenience.
"""

from __future__ import annotations

from msglint.checks.base import RuleDefinition, TextRule
from msglint.checks.consistency import ConsistencyRule
from msglint.checks.registry import BUILTINS, KINDS, AnyRule

__all__ = ["BUILTINS", "KINDS", "AnyRule", "ConsistencyRule", "RuleDefinition", "TextRule"]
