"""The plain values that flow through the pipeline: Document, Segment, Record, Group, Finding.

Every stage takes and returns these; none of them knows about the terminal or the
parsers, so a reporter or a check can be written against this module alone.
The values live in submodules by what they describe; import them from here.
"""

from msglint.model.common import Role, Severity
from msglint.model.document import (
    SEGMENT_KINDS,
    Document,
    Location,
    Segment,
    document_location,
    match_location,
)
from msglint.model.findings import Finding
from msglint.model.plans import FLAT_BASIS, Discount, Plan, PlanFeature, PlanPrice
from msglint.model.records import Group, Match, Record
from msglint.model.values import Claim, Price, Spec

__all__ = [
    "FLAT_BASIS",
    "SEGMENT_KINDS",
    "Claim",
    "Discount",
    "Document",
    "Finding",
    "Group",
    "Location",
    "Match",
    "Plan",
    "PlanFeature",
    "PlanPrice",
    "Price",
    "Record",
    "Role",
    "Segment",
    "Severity",
    "Spec",
    "document_location",
    "match_location",
]
