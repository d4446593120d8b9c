"""The plain values that flow through the pipeline: Document, Segment, Record, Group, Finding.

Every stage takes and returns these; none of them knows about the terminal or the
parsers, so a reporter or a check can be written against this module alone.
The values live in submodules by what they describe; import them from here
(`msglint.model.result` holds the RunResult, `msglint.model.serial` their JSON shapes).
"""

from msglint.model.common import FAIL_LEVELS, FailOn, LevelOrOff, Role, Severity
from msglint.model.digest import DocDigest, Edition, Passage
from msglint.model.document import (
    SEGMENT_KINDS,
    Comment,
    Document,
    Location,
    Segment,
    document_location,
    match_location,
    place_text,
)
from msglint.model.findings import (
    Code,
    Evidence,
    Finding,
    RecordField,
    Value,
    counts,
    fails,
)
from msglint.model.plans import (
    FLAT_BASIS,
    Discount,
    Plan,
    PlanFeature,
    PlanGroup,
    PlanPrice,
)
from msglint.model.records import Group, Match, Record
from msglint.model.values import Claim, Price, Spec

__all__ = [
    "FAIL_LEVELS",
    "FLAT_BASIS",
    "SEGMENT_KINDS",
    "Claim",
    "Code",
    "Comment",
    "Discount",
    "DocDigest",
    "Document",
    "Edition",
    "Evidence",
    "FailOn",
    "Finding",
    "Group",
    "LevelOrOff",
    "Location",
    "Match",
    "Passage",
    "Plan",
    "PlanFeature",
    "PlanGroup",
    "PlanPrice",
    "Price",
    "Record",
    "RecordField",
    "Role",
    "Segment",
    "Severity",
    "Spec",
    "Value",
    "counts",
    "document_location",
    "fails",
    "match_location",
    "place_text",
]
