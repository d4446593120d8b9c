"""The model's values as plain JSON data and back: one shape for each, shared by the JSON
report (`report/json.py`), the reference bundle and anything else that stores or sends them.

Exact numbers stay exact: amounts and claim values are decimal strings, never floats. Every
`*_from_dict` accepts what the matching `*_dict` writes and raises KeyError, TypeError or
ValueError on anything else; callers turn those into a clear message.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from msglint.model.common import Role, Severity
from msglint.model.document import Location
from msglint.model.findings import Code, Evidence, Finding, RecordField, Value
from msglint.model.records import Record
from msglint.model.values import Claim, Price, Spec

_LOCATION_KEYS = (
    "path",
    "page",
    "line",
    "column",
    "end_line",
    "end_column",
    "selector",
    "url",
    "segment",
    "cell",
)


def location_dict(loc: Location) -> dict[str, Any]:
    """The keys of _LOCATION_KEYS, in order (written out: a report has one per finding)."""
    return {
        "path": loc.path,
        "page": loc.page,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "selector": loc.selector,
        "url": loc.url,
        "segment": loc.segment,
        "cell": loc.cell,
    }


def location_from_dict(data: dict[str, Any]) -> Location:
    values = {k: data.get(k) for k in _LOCATION_KEYS}
    if not isinstance(values["path"], str):
        raise TypeError("a location needs a 'path'")
    return Location(**values)


def price_dict(price: Price) -> dict[str, Any]:
    return {
        "amount": str(price.amount),
        "currency": price.currency,
        "period": price.period,
        "kind": price.kind,
        "text": price.text,
    }


def price_from_dict(data: dict[str, Any]) -> Price:
    return Price(
        amount=Decimal(data["amount"]),
        currency=data.get("currency"),
        period=data.get("period"),
        kind=data.get("kind", "list"),
        text=data.get("text", ""),
    )


def spec_dict(spec: Spec) -> dict[str, Any]:
    return {
        "key": spec.key,
        "label": spec.label,
        "text": spec.text,
        "magnitude": spec.magnitude,
        "unit": spec.unit,
        "dimension": spec.dimension,
    }


def spec_from_dict(data: dict[str, Any]) -> Spec:
    magnitude = data.get("magnitude")
    return Spec(
        key=data["key"],
        label=data["label"],
        text=data["text"],
        magnitude=None if magnitude is None else float(magnitude),
        unit=data.get("unit"),
        dimension=data.get("dimension"),
    )


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim; `number` says whether `value` is a decimal (days, percent) or a word, and a
    threshold that is an amount of money (free shipping) is a `price` instead."""
    value = claim.value
    return {
        "kind": claim.kind,
        "value": None if isinstance(value, Price) else str(value),
        "number": isinstance(value, Decimal),
        "price": price_dict(value) if isinstance(value, Price) else None,
        "unit": claim.unit,
        "text": claim.text,
        **({"qualifier": claim.qualifier} if claim.qualifier else {}),
    }


def claim_from_dict(data: dict[str, Any]) -> Claim:
    value: Decimal | str | Price
    if data.get("price") is not None:
        value = price_from_dict(data["price"])
    elif data.get("number"):
        value = Decimal(data["value"])
    else:
        value = str(data["value"])
    return Claim(
        kind=data["kind"], value=value, unit=data["unit"], text=data["text"],
        qualifier=str(data.get("qualifier") or ""),
    )  # fmt: skip


_TYPED = {
    "price": (Price, price_dict, price_from_dict),
    "spec": (Spec, spec_dict, spec_from_dict),
    "claim": (Claim, claim_dict, claim_from_dict),
}


def value_dict(value: Value | None) -> dict[str, Any] | None:
    """`{"text": shown, "type": "price", "price": {...}}`; `type` "text" has no member."""
    if value is None:
        return None
    kind = value.kind
    out: dict[str, Any] = {"text": value.text, "type": kind}
    if value.typed is not None:
        out[kind] = _TYPED[kind][1](value.typed)  # type: ignore[operator]
    return out


def value_from_dict(data: dict[str, Any] | None) -> Value | None:
    if data is None:
        return None
    kind = data.get("type", "text")
    if kind == "text":
        return Value(str(data["text"]))
    if kind not in _TYPED:
        raise ValueError(f"unknown value type {kind!r}")
    return Value(str(data["text"]), _TYPED[kind][2](data[kind]))  # type: ignore[operator]


def evidence_dict(evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {
        "source": evidence.source,
        "record": evidence.record,
        "location": location_dict(evidence.location),
    }


def evidence_from_dict(data: dict[str, Any] | None) -> Evidence | None:
    if data is None:
        return None
    return Evidence(
        source=data["source"],
        location=location_from_dict(data["location"]),
        record=data.get("record"),
    )


def field_dict(field: RecordField | None) -> dict[str, Any] | None:
    return None if field is None else {"name": field.name, "key": field.key}


def field_from_dict(data: dict[str, Any] | None) -> RecordField | None:
    return None if data is None else RecordField(str(data["name"]), data.get("key"))


#: Characters of a finding's context kept on each side of its match: a report shows a
#: snippet, and one long paragraph with many findings must not grow the file quadratically.
CONTEXT_WINDOW = 160


def context_window(context: str | None, match: str | None) -> str | None:
    """`context` cut to CONTEXT_WINDOW characters around `match` (the start if absent)."""
    if context is None or len(context) <= 2 * CONTEXT_WINDOW + len(match or ""):
        return context
    at = context.find(match) if match else -1
    if at < 0:
        return context[: 2 * CONTEXT_WINDOW]
    start = max(0, at - CONTEXT_WINDOW)
    return context[start : at + len(match or "") + CONTEXT_WINDOW]


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding; `first_seen` and `overdue` only when the history set them."""
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "code": f.code.value if f.code else None,
        "message": f.message,
        "source": f.source,
        "role": f.role.value if f.role else None,
        "record": f.record,
        "location": location_dict(f.location),
        "product": f.product,
        "field": field_dict(f.field),
        "expected": value_dict(f.expected),
        "actual": value_dict(f.actual),
        "reference": evidence_dict(f.reference),
        "context": context_window(f.context, f.actual_text),
        "link": f.link,
        "fix": f.fix,
        "fingerprint": f.fingerprint,
        **({"first_seen": f.first_seen} if f.first_seen else {}),
        **({"overdue": f.overdue} if f.overdue else {}),
        **({"screenshot": f.screenshot} if f.screenshot else {}),
        **({"screenshot_note": f.screenshot_note} if f.screenshot_note else {}),
    }


def finding_from_dict(data: dict[str, Any]) -> Finding:
    return Finding(
        rule=str(data["rule"]),
        severity=Severity(data["severity"]),
        code=Code(data["code"]) if data.get("code") else None,
        message=str(data["message"]),
        source=str(data["source"]),
        role=Role(data["role"]) if data.get("role") else None,
        record=data.get("record"),
        location=location_from_dict(data["location"]),
        product=data.get("product"),
        field=field_from_dict(data.get("field")),
        expected=value_from_dict(data.get("expected")),
        actual=value_from_dict(data.get("actual")),
        reference=evidence_from_dict(data.get("reference")),
        context=data.get("context"),
        link=data.get("link"),
        fix=data.get("fix"),
        fingerprint=str(data.get("fingerprint", "")),
        first_seen=data.get("first_seen"),
        overdue=data.get("overdue"),
        screenshot=data.get("screenshot"),
        screenshot_note=data.get("screenshot_note"),
    )


def record_dict(record: Record) -> dict[str, Any]:
    """A record's facts and where the record was read (`location`).

    Where each fact was read is left out: findings carry their own evidence, and a catalog
    of 100,000 rows would otherwise write a location per cell.
    """
    where = record.at or record.where.get("name")
    return {
        "id": record.key,
        "kind": record.kind,
        "role": record.role.value,
        "path": record.path,
        "url": record.url,
        "origin": record.origin,
        "index": record.index,
        "item_id": record.item_id,
        "name": record.name,
        "brand": record.brand,
        "sku": record.sku,
        "mpn": record.mpn,
        "gtin": record.gtin,
        "codes": list(record.codes),
        "prices": [price_dict(p) for p in record.prices],
        "specs": [spec_dict(s) for s in record.specs.values()],
        "description": record.description,
        "claims": [claim_dict(c) for c in record.claims],
        "location": None if where is None else location_dict(where),
    } | ({"lang": record.lang} if record.lang else {})


def record_from_dict(source: str, data: dict[str, Any]) -> Record:
    record = Record(
        source=source,
        role=Role(data["role"]),
        path=str(data["path"]),
        url=data.get("url"),
        kind=str(data.get("kind", "product")),
        origin=str(data.get("origin", "")),
        index=int(data.get("index", 0)),
        item_id=data.get("item_id"),
        name=data.get("name"),
        brand=data.get("brand"),
        sku=data.get("sku"),
        mpn=data.get("mpn"),
        gtin=data.get("gtin"),
        codes=tuple(data.get("codes") or ()),
        prices=[price_from_dict(p) for p in data.get("prices") or []],
        description=data.get("description"),
        claims=[claim_from_dict(c) for c in data.get("claims") or []],
    )
    if data.get("location"):
        record.at = location_from_dict(data["location"])
    if isinstance(data.get("lang"), str):
        record.lang = data["lang"]
    for spec in data.get("specs") or []:
        parsed = spec_from_dict(spec)
        record.specs[parsed.key] = parsed
    return record
