"""A loaded rule pack: where it came from and its prepared rules (packs.py loads them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from msglint.checks.base import RuleDefinition


@dataclass
class Pack:
    """A loaded pack: where it came from and its prepared rules."""

    name: str
    path: Path
    description: str | None
    rules: list[RuleDefinition] = field(default_factory=list)
    #: Rules of the pack msglint cannot run (Vale styles), id -> reason.
    unsupported: dict[str, str] = field(default_factory=dict)
    #: Spec synonyms the pack adds (`spec_keys:`), canonical key -> labels.
    spec_keys: dict[str, list[str]] = field(default_factory=dict)
    #: Said once per run on stderr (a Vale style's skipped rules, ignored settings).
    warnings: list[str] = field(default_factory=list)
