"""Writing a bundle: the brand's records and rules as the format's data, with its digest."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from msglint.bundle.schema import BUNDLE_KINDS, FORMAT, FORMAT_VERSION, Bundle, digest_of
from msglint.model import Claim, Price, Record, Role
from msglint.model.serial import price_dict


def build(
    records: list[Record],
    rules: list[Any],
    *,
    brand: str,
    source: str,
    created: datetime,
    valid_until: date | None,
    version: str,
) -> dict[str, Any]:
    """The bundle's data (with its digest) from reference records and prepared rules."""
    products = [_product(r) for r in records if r.kind == "product"]
    policies: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for record in records:
        if record.kind != "policy":
            continue
        for claim in record.claims:
            key = (claim.kind, str(claim.key), claim.unit, claim.qualifier)
            if key not in seen:
                seen.add(key)
                policies.append(_claim(claim))
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "msglint_version": version,
        "created": created.astimezone(UTC).replace(microsecond=0).isoformat(),
        "valid_until": valid_until.isoformat() if valid_until else None,
        "content": {
            "brand": brand,
            "source": source,
            "products": products,
            "policies": policies,
            "rules": [_rule(r) for r in rules],
        },
    }
    data["digest"] = {"algorithm": "sha256", "value": digest_of(data)}
    Bundle.model_validate(data)  # what we write must be what we accept
    return data


def exportable(rule: Any, shipped: bool) -> bool:
    """Whether a brand rule belongs in a bundle handed to any partner.

    Rules scoped to named sources are about one partner; rules whose roles leave partners
    out never apply to them; msglint's own text packs (`general`) are not the brand's
    voice. Shipped consistency rules are kept: they are how partners are compared.
    """
    if BUNDLE_KINDS.get(rule.kind) is not type(rule):
        return False
    if shipped and rule.family == "text":
        return False
    scope = rule.scope
    if scope.sources:
        return False
    return not (scope.roles and Role.PARTNER not in scope.roles)


def _rule(rule: Any) -> dict[str, Any]:
    return rule.model_dump(mode="json", by_alias=True, exclude={"origin"}, exclude_defaults=True)


def _claim(claim: Claim) -> dict[str, Any]:
    value, unit = claim.value, claim.unit
    if isinstance(value, Price):  # format 1 writes a threshold as amount + "currency:<ISO>"
        value, unit = value.amount, f"currency:{value.currency}" if value.currency else "currency"
    return {
        "kind": claim.kind,
        "value": str(value),
        "number": isinstance(value, Decimal),
        "unit": unit,
        "text": claim.text,
        **({"qualifier": claim.qualifier} if claim.qualifier else {}),
    }


def _product(record: Record) -> dict[str, Any]:
    return {
        "name": record.name,
        "brand": record.brand,
        "sku": record.sku,
        "mpn": record.mpn,
        "gtin": record.gtin,
        "codes": list(record.codes),
        "prices": [price_dict(p) for p in record.prices],
        "specs": [{"key": k, "label": s.label, "text": s.text} for k, s in record.specs.items()],
        "description": record.description,
        "claims": [_claim(c) for c in record.claims],
        "page": record.url or record.path,
    }


def write(data: dict[str, Any], path: Path) -> None:
    """Write a bundle as JSON, or as a zip holding `reference.json` when `path` ends .zip."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            info = zipfile.ZipInfo("reference.json", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
        return
    path.write_text(text, encoding="utf-8")
