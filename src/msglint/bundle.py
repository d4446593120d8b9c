"""Reference bundles: the brand's canonical products and brand rules in one signed-off file.

A brand runs `msglint reference export` (app/reference.py) to hand its partners what
`msglint audit` needs,
without its config, its site sources or its repositories: the products read from its
reference sources (identifiers, names, prices, specs, claims), the site-wide policy claims,
and the rules that say how partners must write (terminology, banned and retired names,
capitalization) and how they are compared (the consistency rules, with their tuning).

The file is JSON (or a zip holding one JSON file). Its `digest` is SHA-256 over the
canonical JSON of everything else in the file (keys sorted, no spaces, UTF-8, as
`json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` writes it),
so a partner can tell that nobody changed a price on the way. Numbers the matcher needs
exactly are strings (prices as decimal strings) and spec quantities are re-read from their
text on load, so the content has no floats whose spelling could differ between JSON tools.

The pydantic models below are the format; the published JSON Schema is generated from
them (`msglint schema bundle`) and every bundle is validated against them on load.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from msglint.checks.registry import BUNDLE_KINDS, rule_union
from msglint.errors import ConfigError, Problem, UsageError
from msglint.model import Claim, Price, Record, Role, Spec
from msglint.model.serial import price_dict
from msglint.strict import StrictModel

FORMAT = "msglint-reference-bundle"
FORMAT_VERSION = 1
#: Largest bundle file read (and largest JSON member of a zip, uncompressed).
MAX_BUNDLE_BYTES = 512 * 1024 * 1024
#: Rule kinds a bundle carries (the registry's kinds whose class says `bundled`). Text
#: kinds say how partners write; consistency kinds how their records are compared.
#: `required` and `pattern` rules are about the brand's own pages and templates (and a regex
#: from a file is a denial-of-service risk), so they stay.
_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"

BundleRule = rule_union(BUNDLE_KINDS)


class BundlePrice(StrictModel):
    """A price: exact decimal amount as a string, ISO 4217 currency, billing period."""

    amount: str = Field(pattern=r"^-?\d+(\.\d+)?$", description="Exact decimal: '299.00'.")
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    period: Literal["month", "year", "one-time"] | None = None
    kind: Literal["list", "sale"] = "list"
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


# --- digest ----------------------------------------------------------------------------------


def canonical(data: Any) -> bytes:
    """The canonical JSON bytes the digest is taken over."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def digest_of(data: dict[str, Any]) -> str:
    """SHA-256 (hex) of a bundle's data without its `digest` member."""
    body = {k: v for k, v in data.items() if k != "digest"}
    return hashlib.sha256(canonical(body)).hexdigest()


# --- export ----------------------------------------------------------------------------------


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
            key = (claim.kind, str(claim.key))
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


# --- load ------------------------------------------------------------------------------------


def load(path: Path, today: date | None = None) -> LoadedBundle:
    """Read, check and verify a bundle; every problem is a UsageError/ConfigError (exit 2).

    Order: readable, JSON, a bundle at all, a format version this msglint reads, digest
    (so tampering is named as such), then the full schema. An expired bundle loads with a
    warning: the partner may still want to see what changed.
    """
    raw = _read(path)
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not a reference bundle: the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{path}:{exc.lineno}:{exc.colno}: not a reference bundle: invalid JSON ({exc.msg})"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UsageError(
            f"{path}: not a msglint reference bundle (its 'format' is not '{FORMAT}'); "
            "the brand creates one with 'msglint reference export'"
        )
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UsageError(f"{path}: unknown bundle format version {version!r}")
    if version > FORMAT_VERSION:
        raise UsageError(
            f"{path}: bundle format version {version} is newer than this msglint reads "
            f"(up to {FORMAT_VERSION}); upgrade msglint: python -m pip install -U msglint"
        )
    stated = data.get("digest")
    if not isinstance(stated, dict) or not isinstance(stated.get("value"), str):
        raise UsageError(f"{path}: the bundle has no digest; it cannot be verified")
    if stated.get("algorithm") != "sha256":
        raise UsageError(f"{path}: unknown digest algorithm {stated.get('algorithm')!r}")
    actual = digest_of(data)
    if actual != stated["value"]:
        raise UsageError(
            f"{path}: digest mismatch: the content was changed after export (sha256 "
            f"{actual[:16]}…, the bundle states {stated['value'][:16]}…); ask the brand for a "
            "fresh copy"
        )
    try:
        bundle = Bundle.model_validate(data)
    except ValidationError as exc:
        from msglint.yamlsource import validation_problems

        raise ConfigError(path, validation_problems(exc, {})) from None
    problems = _prepare_rules(bundle)
    if problems:
        raise ConfigError(path, problems)
    loaded = LoadedBundle(bundle=bundle, path=path)
    today = today or date.today()
    if bundle.valid_until is not None and bundle.valid_until < today:
        loaded.warnings.append(
            f"the reference bundle expired on {bundle.valid_until.isoformat()} "
            f"({(today - bundle.valid_until).days} day(s) ago); its prices and names may be "
            "out of date: ask the brand for a current one"
        )
    return loaded


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BUNDLE_BYTES:
            raise UsageError(f"{path}: {size:,} bytes is over the {MAX_BUNDLE_BYTES:,} limit")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: reference bundle not found") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a reference bundle") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the reference bundle: {exc}") from None
    if not data.startswith(b"PK\x03\x04"):
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [i for i in archive.infolist() if i.filename.endswith(".json")]
            if len(members) != 1:
                raise UsageError(f"{path}: a bundle zip must hold exactly one .json file")
            if members[0].file_size > MAX_BUNDLE_BYTES:
                raise UsageError(f"{path}: the bundle inside the zip is too large")
            return archive.read(members[0])
    except zipfile.BadZipFile as exc:
        raise UsageError(f"{path}: not a readable zip: {exc}") from None


def _prepare_rules(bundle: Bundle) -> list[Problem]:
    problems = []
    for index, rule in enumerate(bundle.content.rules):
        rule.origin = f"reference bundle rule {index}"
        try:
            rule.prepare()
        except (ValueError, LookupError) as exc:
            problems.append(Problem(f"content.rules.{index}: rule '{rule.id}': {exc}"))
    return problems


# --- bundle -> reference records -------------------------------------------------------------


def reference_records(loaded: LoadedBundle) -> list[Record]:
    """The bundle's products (and its site-wide policy, if any) as reference Records."""
    from msglint.values.specs import parse_spec

    content = loaded.bundle.content
    source = content.source
    fallback = str(loaded.path.name)
    records: list[Record] = []
    for index, product in enumerate(content.products):
        page = product.page or fallback
        is_url = page.startswith(("http://", "https://"))
        record = Record(
            source=source,
            role=Role.REFERENCE,
            path=page if not is_url else fallback,
            url=page if is_url else None,
            kind="product",
            origin="bundle",
            index=index,
            name=product.name,
            brand=product.brand,
            sku=product.sku,
            mpn=product.mpn,
            gtin=product.gtin,
            codes=tuple(product.codes),
            prices=[
                Price(
                    amount=Decimal(p.amount),
                    currency=p.currency,
                    period=p.period,
                    kind=p.kind,
                    text=p.text,
                )
                for p in product.prices
            ],
            description=product.description,
            claims=[_to_claim(c) for c in product.claims],
        )
        for spec in product.specs:
            parsed = parse_spec(spec.label, spec.text, key=spec.key)
            record.specs[spec.key] = parsed if parsed is not None else _text_spec(spec)
        records.append(record)
    if content.policies:
        records.append(
            Record(
                source=source,
                role=Role.REFERENCE,
                path=fallback,
                kind="policy",
                origin="bundle",
                index=len(records),
                claims=[_to_claim(c) for c in content.policies],
            )
        )
    return records


def _to_claim(claim: BundleClaim) -> Claim:
    if claim.number and (claim.unit == "currency" or claim.unit.startswith("currency:")):
        price = Price(Decimal(claim.value), claim.unit.partition(":")[2] or None)
        return Claim(kind=claim.kind, value=price, unit="price", text=claim.text)
    value: Decimal | str = Decimal(claim.value) if claim.number else claim.value
    return Claim(kind=claim.kind, value=value, unit=claim.unit, text=claim.text)


def _text_spec(spec: BundleSpec) -> Spec:
    return Spec(key=spec.key, label=spec.label, text=spec.text)
