"""Fingerprints that survive line shifts, and the one final order of a run's findings.

A fingerprint hashes the rule, source, file, the matched text and the prose around it (not
its line), plus an occurrence counter for identical repeats, so inserting a paragraph above
a finding does not make it look new. Fingerprints are given once, when the run's findings
are known (the baseline and the history match on them); the list is sorted once, last.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from msglint.model import Code, Finding


def fingerprint(findings: list[Finding]) -> None:
    """Give every finding its fingerprint.

    Identical repeats (same digest) are numbered in the findings' final order (by
    `Finding.sort_key`), so the numbers do not depend on the order the checks ran in.
    """
    by_digest: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        basis = "\x1f".join(
            [
                f.rule,
                f.source,
                f.location.url or f.location.path,
                " ".join((f.actual_text or "").split()),
                " ".join(subject(f).split()),
            ]
        )
        by_digest[hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]].append(f)
    for digest, same in by_digest.items():
        if len(same) > 1:
            same.sort(key=Finding.sort_key)
        for n, f in enumerate(same, 1):
            f.fingerprint = f"{digest}:{n}"


def finalize(findings: list[Finding]) -> list[Finding]:
    """The findings in their one final order (source, file, line, column, rule, message)."""
    return sorted(findings, key=Finding.sort_key)


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
