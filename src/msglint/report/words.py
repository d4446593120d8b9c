"""The HTML report's words for a partner manager: how a product was matched, where its facts
were read, what a claim is called. The matcher's and extractor's own terms stay in the
report's technical details row, one click away."""

from __future__ import annotations

from msglint.model import Match

#: How a partner's product was matched to the brand's, in a partner manager's words (the
#: matcher's method and score stay one click away, in the technical details row).
MATCHED_BY = {
    "gtin": "same GTIN",
    "sku": "same SKU",
    "mpn": "same part number",
    "code": "same model code",
    "name": "similar name",
}
#: Where a record's facts were read, in plain words (the extractor's name is in the details).
READ_FROM = {
    "json-ld": "the page's structured data",
    "microdata": "the page's structured data",
    "opengraph": "the page's sharing tags",
    "selectors": "the page's product section",
    "heuristic": "the page's visible text",
    "prose": "the page's visible text",
    "catalog": "a catalog row",
    "datasheet": "a datasheet",
}
#: Claim kinds as row titles; any other kind reads as its words ("support-hours").
CLAIM_TITLES = {"sla": "SLA / uptime", "returns": "Returns"}


def claim_title(kind: str) -> str:
    """'support-channel' -> 'Support channel'."""
    return CLAIM_TITLES.get(kind) or kind.replace("-", " ").replace("_", " ").capitalize()


def matched_by(match: Match | None) -> str | None:
    """'same GTIN', 'similar name (87 % alike)'; None for the reference's own column."""
    if match is None:
        return None
    words = MATCHED_BY.get(match.method, match.method)
    if match.method == "name":
        return f"{words} ({match.score:.0f} % alike)"
    return words
