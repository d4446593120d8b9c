"""A finding: one inconsistency with its evidence, as typed values.

`expected` and `actual` are `Value`s: the Price, Spec or Claim a rule compared (or plain
text), with the text reports show for it. Where each side came from is an `Evidence`
(source, Location, record id). What kind of problem a finding is, within its rule, is a
`Code`, so nothing downstream reads message text. Reports render from these types; none
parses a string a rule wrote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from msglint.model.common import FAIL_LEVELS, Role, Severity
from msglint.model.document import Location
from msglint.model.state import quick_state
from msglint.model.values import Claim, Price, Spec


class Code(StrEnum):
    """What a finding is about within its rule (one rule can report several kinds)."""

    # consistency: a value differs, or one side lacks it
    DIFFERS = "differs"
    BELOW_FLOOR = "below-floor"
    OTHER_CURRENCY = "other-currency"
    OTHER_PERIOD = "other-period"
    MISSING_VALUE = "missing-value"
    RETIRED_NAME = "retired-name"
    BRAND_DROPPED = "brand-dropped"
    CHANGED_QUANTITY = "changed-quantity"
    INVENTED_CLAIM = "invented-claim"
    # SaaS plans (the `plan` kind): a price per another basis, a plan's features and names
    OTHER_BASIS = "other-basis"
    FEATURE_MISSING = "feature-missing"
    FEATURE_ADDED = "feature-added"
    MISSING_PLAN = "missing-plan"
    UNKNOWN_PLAN = "unknown-plan"
    RENAMED_PLAN = "renamed-plan"
    # documents: a partner's copy of a brand document
    OUTDATED = "outdated"
    STEP_MISSING = "step-missing"
    STEP_EXTRA = "step-extra"
    STEP_ORDER = "step-order"
    WARNING_MISSING = "warning-missing"
    SENTENCE_REMOVED = "sentence-removed"
    MISSING_DOCUMENT = "missing-document"
    # coverage: a product only one side has
    MISSING_PRODUCT = "missing-product"
    UNKNOWN_PRODUCT = "unknown-product"
    RETIRED_PRODUCT = "retired-product"
    # msglint's own rules: content that could not be read or checked
    UNREADABLE = "unreadable"
    PARTLY_READ = "partly-read"
    OVER_TIME_BUDGET = "over-time-budget"
    UNPARSABLE = "unparsable"
    NO_FILES = "no-files"
    NO_PRODUCT_DATA = "no-product-data"
    NOT_A_CATALOG = "not-a-catalog"
    COLUMNS_UNMAPPED = "columns-unmapped"
    COLUMNS_UNRECOGNIZED = "columns-unrecognized"
    ROW_SKIPPED = "row-skipped"
    VALUE_UNREADABLE = "value-unreadable"
    MALFORMED_DATA = "malformed-data"
    LIMIT_REACHED = "limit-reached"
    SELF_PRICE = "self-price"
    UNUSED_SUPPRESSION = "unused-suppression"


@quick_state
@dataclass(frozen=True, slots=True)
class RecordField:
    """The field of a product record a consistency finding is about.

    `name` is "name", "price", "sale_price", "spec", "claim", "description" or "product"
    (the product as a whole: coverage); `key` is the spec key or the claim kind. A SaaS
    plan's fields are "plan" (the plan as a whole), "name", "price" (key: the billing
    cycle), "feature" (key: the feature's normalized words), "limit" (key: "storage",
    "users", ...), "trial", "sla" and "discount".
    """

    name: str
    key: str | None = None

    def __str__(self) -> str:
        return f"{self.name}:{self.key}" if self.key else self.name


@quick_state
@dataclass(frozen=True, slots=True)
class Value:
    """A value a finding states: typed (`typed` is a Price, Spec or Claim) or plain text.

    `text` is how reports show it: a price as "USD 299.00", a spec as written (or converted
    into the other side's unit by the rule: "5.51 lb (2.50 kg)"), a claim as written.
    """

    text: str
    typed: Price | Spec | Claim | None = None

    @classmethod
    def of(cls, value: Price | Spec | Claim | str, text: str | None = None) -> Value:
        if isinstance(value, str):
            return cls(value)
        if text is None:
            text = value.display() if isinstance(value, Price) else value.text
        return cls(text, value)

    @property
    def kind(self) -> str:
        """ "price", "spec", "claim" or "text"."""
        if self.typed is None:
            return "text"
        return {Price: "price", Spec: "spec", Claim: "claim"}[type(self.typed)]


@quick_state
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value was read: the source, the place in it, and the record it belongs to."""

    source: str
    location: Location
    record: str | None = None


@dataclass(slots=True)
class Finding:
    """One inconsistency, with its evidence: the rule, where, what was expected and found.

    `source`, `location` and `record` are where the actual value is (the partner side);
    `reference` is where the expected value is, for consistency findings. `context` is the
    prose around the finding (the segment's text, the sentence of a claim); it feeds the
    fingerprint, which must survive line shifts, so it never includes line numbers. A plain
    string given for `actual` or `expected` is a text Value.
    """

    rule: str
    severity: Severity
    message: str
    source: str
    location: Location
    actual: Value | None = None
    expected: Value | None = None
    role: Role | None = None
    context: str | None = None
    link: str | None = None
    fingerprint: str = ""
    #: Consistency findings: the product, the field compared, and the reference's evidence.
    product: str | None = None
    field: RecordField | None = None
    reference: Evidence | None = None
    #: The partner record the finding is about (its id), when there is one.
    record: str | None = None
    #: What kind of problem this is within the rule (None: the rule has one kind).
    code: Code | None = None
    #: From the run history (when it is on): when this finding was first seen (ISO 8601),
    #: and, past the partner's SLA for its severity, why it is overdue ("open 9 days; SLA 7d").
    first_seen: str | None = None
    overdue: str | None = None
    #: The replacement for `actual` when the rule knows it for sure (terminology,
    #: capitalization); `msglint check --fix` writes it over the exact source span.
    fix: str | None = None
    #: Web findings: a screenshot of the element (a path relative to the config's folder),
    #: or why there is none although one was asked for (the text evidence stands).
    screenshot: str | None = None
    screenshot_note: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.actual, str):
            self.actual = Value(self.actual)
        if isinstance(self.expected, str):
            self.expected = Value(self.expected)

    @property
    def evidence(self) -> Evidence:
        """Where the actual value is."""
        return Evidence(self.source, self.location, self.record)

    @property
    def actual_text(self) -> str | None:
        return None if self.actual is None else self.actual.text

    @property
    def expected_text(self) -> str | None:
        return None if self.expected is None else self.expected.text

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (self.source, loc.path, loc.line or 0, loc.column or 0, self.rule, self.message)


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether any finding is at or above the fail level (`never` never fails)."""
    threshold = FAIL_LEVELS[fail_on]
    return any(f.severity.rank >= threshold for f in findings)


def counts(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
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
