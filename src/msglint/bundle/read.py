"""Reading a bundle: checks in a fixed order (readable, JSON, the format, its version, the
digest, the schema, the rules), then its products as the reference Records of an audit."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from msglint.bundle.schema import (
    FORMAT,
    FORMAT_VERSION,
    MAX_BUNDLE_BYTES,
    Bundle,
    BundleClaim,
    BundleSpec,
    LoadedBundle,
    digest_of,
)
from msglint.errors import ConfigError, Problem, UsageError
from msglint.model import Claim, Price, Record, Role, Spec


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
    return Claim(
        kind=claim.kind, value=value, unit=claim.unit, text=claim.text, qualifier=claim.qualifier
    )


def _text_spec(spec: BundleSpec) -> Spec:
    return Spec(key=spec.key, label=spec.label, text=spec.text)
