"""The enumerations every stage shares: how much a finding matters, what a source is, and
the one severity order (`--fail-on`, rule levels, scores and reports all read it here)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Severity(StrEnum):
    """How much a finding matters; `--fail-on` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}

#: A fail level: a severity, or `never` (nothing fails the run).
FailOn = Literal["error", "warning", "info", "never"]
#: Fail level -> the lowest severity rank that fails the run.
FAIL_LEVELS: dict[str, int] = {**{s.value: s.rank for s in Severity}, "never": 99}
#: A level a rule option may take for one of its cases, or `off` for "do not report".
LevelOrOff = Literal["error", "warning", "info", "off"]


class Role(StrEnum):
    """What a source is to the brand.

    `reference` is the brand's canonical content, `partner` a reseller's, distributor's or
    franchisee's copy, `docs` a content repository linted by text rules only.
    """

    REFERENCE = "reference"
    PARTNER = "partner"
    DOCS = "docs"
