"""The smaller sections of msglint.yaml: `match:`, `documents:`, `outputs:` and `vale:`.

Split from models.py (the top-level `Config` and its sources) to keep each module short;
models.py re-exports them, so `msglint.config.models.MatchConfig` still works.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from msglint.strict import StrictModel


class MatchConfig(StrictModel):
    """How partner records are matched to reference records (README, "Matching")."""

    threshold: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Match score (the calibrated match probability x 100) a pair needs to be "
        "matched when no identifier (GTIN, SKU, MPN) is shared; default: the shipped model's "
        "decision threshold.",
    )
    confidence: float = Field(
        default=80.0,
        ge=0,
        le=100,
        description="Match score a match needs to be compared by the consistency rules; "
        "matches below it are reported as msglint.uncertain-match (info) instead.",
    )
    one_to_one: bool = Field(
        default=True,
        description="A record matches at most one record of the other side (duplicate "
        "listings excepted); false lets several partner records share a reference record.",
    )
    duplicates: bool = Field(
        default=True,
        description="Match and check each listing of a product listed twice on one side.",
    )
    pairs: str | None = Field(
        default=None,
        description="A CSV of confirmed pairs (reference id, partner id, verdict "
        "match|different, optional partner source) that pins or forbids pairs.",
    )
    model: str | None = Field(
        default=None,
        description="A pair-scorer model file to use instead of the shipped one "
        "(python -m msglint.match.train).",
    )


class DocumentPairConfig(StrictModel):
    """One explicit pairing: partner documents (glob or URL) copy this brand document."""

    partner: str = Field(description="Glob (or URL) of partner documents.")
    reference: str = Field(description="Glob (or URL) of the brand's document they copy.")


class CarryConfig(StrictModel):
    """Brand documents that partners must carry: one missing at a partner is a finding."""

    reference: str = Field(description="Glob (or URL) of brand documents partners must carry.")
    sources: list[str] = Field(
        default_factory=list,
        description="Partner sources that must carry them (default: every partner source "
        "with documents).",
    )


class DocumentsConfig(StrictModel):
    """How partner documents are paired with the brand's (see README, "Documents")."""

    threshold: float = Field(
        default=30.0,
        ge=0,
        le=100,
        description="Content similarity (0-100, estimated Jaccard of 5-word shingles) a "
        "pairing by content alone needs.",
    )
    pairs: list[DocumentPairConfig] = Field(default_factory=list)
    carry: list[CarryConfig] = Field(default_factory=list)


class OutputConfig(StrictModel):
    """Default output, overridden by `--format` and `--output`."""

    format: str = Field(
        default="console", description="An output format: `msglint check --help` lists them."
    )
    path: str | None = Field(default=None, description="Write the report here instead of stdout.")

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        from msglint.formats import OUTPUT_FORMATS

        if value not in OUTPUT_FORMATS:
            raise ValueError(
                f"unknown format '{value}'; choose one of: {', '.join(OUTPUT_FORMATS)}"
            )
        return value


class ValeConfig(StrictModel):
    """Vale styles to run next to msglint's own rules (see README, "Vale styles")."""

    styles: list[str] = Field(
        default_factory=list,
        description="Vale style folders (e.g. styles/Microsoft); every rule in them is on.",
    )
    config: str | None = Field(
        default=None,
        description="A .vale.ini: StylesPath, BasedOnStyles, per-glob sections, "
        "MinAlertLevel, Vocab.",
    )
    min_level: Literal["suggestion", "warning", "error"] | None = Field(
        default=None,
        description="Lowest Vale level reported (default: the .vale.ini's MinAlertLevel, "
        "else suggestion). Vale's suggestion is msglint's info.",
    )

    @model_validator(mode="after")
    def _something(self) -> ValeConfig:
        if not self.styles and not self.config:
            raise ValueError("name Vale 'styles' folders, a .vale.ini in 'config', or both")
        return self
