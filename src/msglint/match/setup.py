"""From the configuration to `MatchOptions`, and what matching has to say as findings.

What matching has to say becomes two of msglint's own rules (checks/builtin/):
`msglint.uncertain-match` for pairs below the confidence level and `msglint.match-error`
for a model file or confirmed-pairs row that cannot be used.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from msglint.config import MatchConfig
from msglint.match.options import MatchOptions, MatchProblem
from msglint.match.pairs import read_pairs


def match_options(
    config: MatchConfig, root: Path, aliases: Iterable[tuple[str, str]] = ()
) -> tuple[MatchOptions, list[MatchProblem]]:
    """The options a run matches with, and the problems of its confirmed-pairs file."""
    problems: list[MatchProblem] = []
    pins: list = []
    pairs_file = ""
    if config.pairs:
        path = root / config.pairs
        pairs_file = config.pairs
        pins, found = read_pairs(path)
        problems.extend(MatchProblem(config.pairs, line, message) for line, message in found)
    model = str(root / config.model) if config.model else None
    options = MatchOptions(
        threshold=None if config.threshold is None else config.threshold / 100.0,
        confidence=config.confidence / 100.0,
        one_to_one=config.one_to_one,
        duplicates=config.duplicates,
        aliases=tuple(dict.fromkeys(aliases)),
        pins=tuple(pins),
        pairs_file=pairs_file or "confirmed pairs",
        model=model,
    )
    return options, problems
