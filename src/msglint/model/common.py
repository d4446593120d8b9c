"""The two enumerations every stage shares: how much a finding matters, what a source is."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters; `--fail-on` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Role(StrEnum):
    """What a source is to the brand.

    `reference` is the brand's canonical content, `partner` a reseller's, distributor's or
    franchisee's copy, `docs` a content repository linted by text rules only.
    """

    REFERENCE = "reference"
    PARTNER = "partner"
    DOCS = "docs"
