"""The reference bundle's format: pydantic models, and the digest over its canonical JSON.

The models are the format: the published JSON Schema is generated from them
(`msglint schema bundle`) and every bundle is validated against them on load.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from msglint.checks.registry import BUNDLE_KINDS, rule_union
from msglint.strict import StrictModel

FORMAT = "msglint-reference-bundle"
FORMAT_VERSION = 1
#: Largest bundle file read (and largest JSON member of a zip, uncompressed).
MAX_BUNDLE_BYTES = 512 * 1024 * 1024
_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"

#: A rule a bundle carries: one of the registry's kinds whose class says `bundled`. Text
#: kinds say how partners write; consistency kinds how their records are compared.
#: `required` and `pattern` rules are about the brand's own pages and templates (and a regex
#: from a file is a denial-of-service risk), so they stay.
BundleRule = rule_union(BUNDLE_KINDS)


class BundlePrice(StrictModel):
    """A price: exact decimal amount as a string, ISO 4217 currency, billing period."""

    amount: str = Field(pattern=r"^-?\d+(\.\d+)?$", description="Exact decimal: '299.00'.")
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    period: Literal["month", "year", "one-time"] | None = None
    kind: Literal["list", "sale", "from", "to"] = "list"
    text: str = Field(default="", description="As the brand's page writes it.")


class BundleSpec(StrictModel):
    """A specification as the brand states it; quantities are re-read from `text`."""

    key: str = Field(description="Normalized key: 'weight'.")
    label: str = Field(description="As written: 'Weight'.")
    text: str = Field(description="Value as written: '2.5 kg'.")


class BundleClaim(StrictModel):
    """A support claim (warranty, returns, SLA, ...), normalized as msglint compares it."""

    kind: str
    value: str = Field(description="Days for durations, a percentage, or a canonical word.")
    number: bool = Field(description="Whether `value` is a decimal number.")
    unit: str
    text: str = Field(description="As the brand writes it: '2-year limited warranty'.")
    qualifier: str = Field(
        default="", description="What the value is stated for: 'p1', the priority of an SLA time."
    )

    @model_validator(mode="after")
    def _number(self) -> BundleClaim:
        if self.number:
            try:
                Decimal(self.value)
            except ArithmeticError:
                raise ValueError(f"value {self.value!r} is not a decimal number") from None
        return self


class BundleProduct(StrictModel):
    """One canonical product of the brand."""

    name: str | None = None
    brand: str | None = None
    sku: str | None = None
    mpn: str | None = None
    gtin: str | None = None
    codes: list[str] = Field(default_factory=list, description="Model codes in the name.")
    prices: list[BundlePrice] = Field(default_factory=list)
    specs: list[BundleSpec] = Field(default_factory=list)
    description: str | None = None
    claims: list[BundleClaim] = Field(default_factory=list)
    page: str | None = Field(default=None, description="The brand's page (URL or path).")


class BundleContent(StrictModel):
    """What the partner audits against."""

    brand: str = Field(description="The brand's name, as partners write it: 'Acme'.")
    source: str = Field(pattern=_NAME, description="Name of the reference in findings.")
    products: list[BundleProduct] = Field(default_factory=list)
    policies: list[BundleClaim] = Field(
        default_factory=list, description="Site-wide claims of the brand's policy pages."
    )
    rules: list[BundleRule] = Field(default_factory=list)  # type: ignore[valid-type]


class Digest(StrictModel):
    """SHA-256 over the canonical JSON of the bundle without its `digest`."""

    algorithm: Literal["sha256"] = "sha256"
    value: str = Field(pattern=r"^[0-9a-f]{64}$")


class Bundle(StrictModel):
    """A reference bundle (`msglint reference export`)."""

    format: Literal["msglint-reference-bundle"]
    format_version: int = Field(ge=1, le=FORMAT_VERSION)
    msglint_version: str
    created: datetime = Field(description="When it was exported (UTC, ISO 8601).")
    valid_until: date | None = Field(default=None, description="Audits warn after this day.")
    content: BundleContent
    digest: Digest


@dataclass
class LoadedBundle:
    """A verified bundle and what the audit needs from it."""

    bundle: Bundle
    path: Path
    warnings: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        return self.bundle.content.source


def canonical(data: Any) -> bytes:
    """The canonical JSON bytes the digest is taken over."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def digest_of(data: dict[str, Any]) -> str:
    """SHA-256 (hex) of a bundle's data without its `digest` member."""
    body = {k: v for k, v in data.items() if k != "digest"}
    return hashlib.sha256(canonical(body)).hexdigest()
