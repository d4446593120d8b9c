"""Precision, recall and F1 of matched pairs against a gold mapping.

Shared by `benchmarks/matching.py` (any two catalogs with a gold file) and the training
script's held-out figures (`python -m msglint.match.train --evaluate`), so both count the
same way: a predicted pair is (reference row id, partner row id) of a match, right when the
gold mapping has it; a match below the confidence level counts as predicted too (it is a
pair the run names, as an uncertain match), and `confident` gives the figures of the
confident matches alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from msglint.match.options import MatchResult
from msglint.model import Record


@dataclass
class PairFigures:
    """Figures of one matching against its gold pairs."""

    gold: int
    predicted: int
    correct: int
    precision: float
    recall: float
    f1: float
    confident_predicted: int = 0
    confident_correct: int = 0
    confident_precision: float = 0.0
    confident_recall: float = 0.0
    methods: dict[str, int] = field(default_factory=dict)
    methods_correct: dict[str, int] = field(default_factory=dict)


def _prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def pair_figures(
    reference: list[Record],
    partner: list[Record],
    gold: set[tuple[str, str]],
    result: MatchResult,
    keep: Callable[[str], bool] | None = None,
) -> PairFigures:
    """Figures of `result`; `keep` limits them to pairs whose reference id it accepts (a
    cross-validation fold)."""
    predicted: dict[tuple[str, str], tuple[str, bool]] = {}
    for ref_index, match in result.pairs:
        key = (str(reference[ref_index].item_id), str(match.record.item_id))
        if keep is None or keep(key[0]):
            predicted[key] = (match.method, match.uncertain)
    wanted = {g for g in gold if keep is None or keep(g[0])}
    correct = {k for k in predicted if k in wanted}
    confident = {k for k, (_, uncertain) in predicted.items() if not uncertain}
    precision, recall, f1 = _prf(len(correct), len(predicted), len(wanted))
    c_precision, c_recall, _ = _prf(len(correct & confident), len(confident), len(wanted))
    return PairFigures(
        gold=len(wanted),
        predicted=len(predicted),
        correct=len(correct),
        precision=precision,
        recall=recall,
        f1=f1,
        confident_predicted=len(confident),
        confident_correct=len(correct & confident),
        confident_precision=c_precision,
        confident_recall=c_recall,
        methods=dict(Counter(m for m, _ in predicted.values())),
        methods_correct=dict(Counter(predicted[k][0] for k in correct)),
    )
