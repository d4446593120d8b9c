"""The consistency score of a partner: one number (0-100) a partner manager can track.

Definition (also printed in the HTML report and the README):

    score = 100 * sum(quality(p) for p in matched products) / (matched + missing)

- *matched*: reference products the partner sells (a group in which the partner has a record);
- *missing*: reference products the partner lacks (the run's `unmatched.reference`);
- quality(p) = max(0, 1 - sum of the weights of the partner's findings on that product),
  with the weights error 1.0, warning 0.5, info 0.1.

So a partner that carries every product with no finding scores 100; each missing product
counts as a product with quality 0 (coverage), and one error on a product takes that product
to 0 (a wrong price is not "a bit" consistent). Text findings (wording, placeholders) are
counted in the report but do not move the score: it measures product consistency only.
A partner without any reference product to compare has no score (None).

It reads the typed findings and groups, so the HTML report, the history and a saved report
(loaded back into a RunResult) all score the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from msglint.model.common import Role
from msglint.model.findings import Finding
from msglint.model.records import Group, Record

WEIGHTS = {"error": 1.0, "warning": 0.5, "info": 0.1}

DEFINITION = (
    "score = 100 × (sum over the reference products the partner sells of the product's quality)"
    " ÷ (products sold + reference products missing at the partner). A product's quality is 1"
    " minus the weights of the partner's findings on it (error 1, warning 0.5, info 0.1),"
    " never below 0. Text findings are counted but do not change the score."
)


@dataclass(frozen=True, slots=True)
class Score:
    """One partner's score and the counts it was computed from."""

    source: str
    score: float | None
    matched: int
    missing: int
    clean: int  # matched products without any finding


def partner_sources(
    findings: Iterable[Finding], groups: list[Group], missing: dict[str, list[Record]]
) -> list[str]:
    """The partner sources of a run, in the order the run knows them."""
    names: dict[str, None] = {}
    for f in findings:
        if f.role is Role.PARTNER:
            names[f.source] = None
    for g in groups:
        for m in g.matches:
            names[m.record.source] = None
    for name in missing:
        names[name] = None
    return list(names)


def scores(
    findings: list[Finding], groups: list[Group], missing: dict[str, list[Record]]
) -> list[Score]:
    """Every partner's score; `missing` is the reference products each partner lacks."""
    penalty: dict[tuple[str, str], float] = defaultdict(float)
    for f in findings:
        if f.product:
            penalty[(f.source, f.product)] += WEIGHTS.get(f.severity.value, 0.0)
    sold: dict[str, list[str]] = defaultdict(list)
    for g in groups:
        label = g.reference.label
        for source in dict.fromkeys(m.record.source for m in g.matches):
            sold[source].append(label)
    out = []
    for source in partner_sources(findings, groups, missing):
        labels = sold.get(source, [])
        lacking = len(missing.get(source, []))
        qualities = [max(0.0, 1.0 - penalty[(source, label)]) for label in labels]
        total = len(labels) + lacking
        value = round(100.0 * sum(qualities) / total, 1) if total else None
        clean = sum(1 for label in labels if penalty[(source, label)] == 0)
        out.append(Score(source, value, len(labels), lacking, clean))
    return out
