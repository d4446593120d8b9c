"""How records are paired (`MatchOptions`) and what pairing found (`MatchResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from msglint.model import Finding, Match


@dataclass(frozen=True, slots=True)
class Pin:
    """One row of a confirmed-pairs file: this reference record is (or is not) this partner
    record. Ids are a catalog's row id, or a page's URL or path (`path#2` for the second
    product on a page)."""

    reference: str
    partner: str
    same: bool
    line: int = 0
    source: str | None = None  # the partner source it is about; None for any


@dataclass(frozen=True, slots=True)
class MatchProblem:
    """Something the user should fix about matching: the model file cannot be read, a
    confirmed pair names an unknown or ambiguous id, a catalog repeats a row id. `line` is
    None for a whole file; `source` names the source whose file it is (None: the run's)."""

    path: str
    line: int | None
    message: str
    source: str | None = None


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """How records are paired. Every default is general, not fitted to one catalog.

    threshold: the calibrated match probability (0-1) a pair needs to be matched; None
        takes the model's own decision threshold, chosen in training as the one with the
        best F1 on data held out from each fit (see README, "Matching").
    confidence: the probability a match needs for the consistency rules to compare it;
        matches below it are reported as `msglint.uncertain-match` (info) with both sides
        and the score, and not compared, since a wrong match turns into a wrong finding.
        Identifier matches (GTIN, SKU, MPN) and confirmed pairs are always certain.
    one_to_one: a record matches at most one record of the other side, except duplicate
        listings (below). False lets several partner records share a reference record,
        each partner record still taking its best.
    duplicates: recognize a product listed twice on one side (two partner rows with one
        GTIN, or names the model scores as the same product): each listing is matched to
        the product and checked, so two prices are two findings, not one and a miss.
    candidates: reference records scored per partner record after blocking. Ten covers
        a product family (sizes, colours) sharing its rare words, at a fixed cost.
    max_key_share: a blocking key on more than this share of reference records (and more
        than 20) is too common to point at a product and is not used to find candidates.
    use_descriptions: also mine model codes from descriptions, as evidence for the scorer
        (never a match on their own).
    aliases: (other name, current name) pairs from the rules (`retired:` and `aliases:` of
        name and coverage rules): a partner record under the other name is also scored
        as if it used the current one.
    pins: rows of a confirmed-pairs file: pairs to match whatever the score, or never.
    pairs_file: where the pins were read, to name in problems.
    model: a model file to use instead of the shipped one (`python -m msglint.match.train`).
    """

    threshold: float | None = None
    confidence: float = 0.8
    one_to_one: bool = True
    duplicates: bool = True
    candidates: int = 10
    max_key_share: float = 0.02
    use_descriptions: bool = True
    aliases: tuple[tuple[str, str], ...] = ()
    pins: tuple[Pin, ...] = ()
    pairs_file: str = "confirmed pairs"
    model: str | None = None


@dataclass(slots=True)
class MatchResult:
    """Pairs found, and the records on either side that nothing matched."""

    pairs: list[tuple[int, Match]] = field(default_factory=list)
    unmatched_reference: list[int] = field(default_factory=list)
    unmatched_partner: list[int] = field(default_factory=list)
    scored: int = 0  # pairs scored by the model, a measure of the work blocking left
    #: What the user should know about this matching (see MatchProblem).
    problems: list[MatchProblem] = field(default_factory=list)
    #: Positions in `MatchOptions.pins` of the rows whose partner id this source has.
    pins_found: set[int] = field(default_factory=set)
    #: The pairs' consistency findings when they were compared where they were matched (a
    #: cluster task); None: the caller compares them.
    compared: list[Finding] | None = None
