"""match: align each partner's Records with the brand's reference Records.

The stage, in the order it runs (one module each):

1. `prepare`: each record read once into words, quantities, model codes, brand, price and
   identifiers (`normalize` makes spelling variants and abbreviations meet);
2. identifiers: an equal GTIN, or an equal SKU or MPN (compared across the two fields), is
   a match by itself; two valid GTINs that differ keep a pair apart whatever the names;
3. `blocking`: an inverted index proposes the few reference records worth scoring for each
   partner record, so the cost stays near-linear as catalogs grow;
4. `features` + `scorer`: a gradient-boosted tree model trained on public labelled data
   (`trainset`, `train`) turns each proposed pair into a calibrated match probability
   (`codes` says how two different model codes relate: variants, built from words, kinds);
5. `assign`: one-to-one by evidence and probability, duplicate listings recognized;
6. confirmed pairs (`pairs`) pin or forbid pairs; aliases and retired names from the
   rules let a partner's page under an old name match the current product.

Matches below `MatchOptions.confidence` are marked uncertain: the engine reports them as
`msglint.uncertain-match` instead of comparing them. Nothing here mutates the Records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msglint.match.options import MatchOptions, MatchProblem, MatchResult, Pin

if TYPE_CHECKING:
    from msglint.match.records import match_records, match_sources
    from msglint.match.scorer import ModelError

__all__ = [
    "MatchOptions",
    "MatchProblem",
    "MatchResult",
    "ModelError",
    "Pin",
    "match_records",
    "match_sources",
]


def __getattr__(name: str) -> Any:
    """The matcher itself is imported on first use (rapidfuzz, the stage's modules), so
    importing the options, the setup or the rule ids costs next to nothing."""
    if name in ("match_records", "match_sources"):
        from msglint.match import records

        return getattr(records, name)
    if name == "ModelError":
        from msglint.match.scorer import ModelError

        return ModelError
    raise AttributeError(f"module 'msglint.match' has no attribute {name!r}")
