"""The plain values that flow through the pipeline: Document, Segment, Record, Group, Finding.

Every stage takes and returns these; none of them knows about the terminal or the
parsers, so a reporter or a check can be written against this module alone.
The values live in submodules by what they describe; import them from here.
"""

from msglint.model.common import Role, Severity
from msglint.model.digest import DocDigest, Edition, Passage
from msglint.model.document import (
    SEGMENT_KINDS,
    Document,
    Location,
    Segment,
    document_location,
    match_location,
    place_text,
)
from msglint.model.findings import Finding
from msglint.model.records import Group, Match, Record
from msglint.model.values import Claim, Price, Spec

__all__ = [
    "SEGMENT_KINDS",
    "Claim",
    "DocDigest",
    "Document",
    "Edition",
    "Finding",
    "Group",
    "Location",
    "Match",
    "Passage",
    "Price",
    "Record",
    "Role",
    "Segment",
    "Severity",
    "Spec",
    "document_location",
    "match_location",
    "place_text",
]
