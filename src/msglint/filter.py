"""Findings after the checks: stable order, fingerprints, and the fail-level decision."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from msglint.model import Code, Finding, Severity

FAIL_LEVELS = {"error": 3, "warning": 2, "info": 1, "never": 99}


def finalize(findings: Iterable[Finding]) -> list[Finding]:
    """Sort findings and give each a fingerprint that survives line shifts.

    The fingerprint hashes the rule, source, file, the matched text and the segment's prose
    (not its line), plus an occurrence counter for identical repeats, so inserting a
    paragraph above a finding does not make it look new.
    """
    ordered = sorted(findings, key=Finding.sort_key)
    seen: Counter[str] = Counter()
    for f in ordered:
        basis = "\x1f".join(
            [
                f.rule,
                f.source,
                f.location.url or f.location.path,
                " ".join((f.actual_text or "").split()),
                " ".join(subject(f).split()),
            ]
        )
        digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
        seen[digest] += 1
        f.fingerprint = f"{digest}:{seen[digest]}"
    return ordered


def subject(f: Finding) -> str:
    """What a finding is about, for its fingerprint: the prose around it, or for a product
    finding the product, the field and the sentence.

    The parts are joined as msglint 0.1 joined them (`product|field|sentence`, coverage as
    `missing|product`), so fingerprints in existing baselines and histories stay valid.
    """
    if f.product is None or f.field is None:
        return f.context or f.message
    if f.field.name == "product":
        side = "missing" if f.code is Code.MISSING_PRODUCT else "unknown"
        return f"{side}|{f.product}"
    if f.code is Code.SELF_PRICE:
        token = "self-price"
    elif f.field.name == "claim":
        token = f.field.key or ""
    else:
        token = str(f.field)
    return "|".join([f.product, token, *([f.context] if f.context else [])])


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether any finding is at or above the fail level (`never` never fails)."""
    threshold = FAIL_LEVELS[fail_on]
    return any(f.severity.rank >= threshold for f in findings)


def counts(findings: list[Finding]) -> dict[str, dict[str, int]]:
    """Summary counts by severity, rule and source, for every report format."""
    by_severity = {s.value: 0 for s in Severity}
    by_rule: Counter[str] = Counter()
    by_source: Counter[str] = Counter()
    for f in findings:
        by_severity[f.severity.value] += 1
        by_rule[f.rule] += 1
        by_source[f.source] += 1
    return {
        "by_severity": by_severity,
        "by_rule": dict(sorted(by_rule.items())),
        "by_source": dict(sorted(by_source.items())),
    }
