"""Abt-Buy matched as catalogs, for the training script's held-out figures.

The whole Abt x Buy matching (catalog loader, blocking, scorer, assignment) scored against
the gold mapping, either with one given model (fitted without Abt-Buy), or in folds: Abt's
products are split five ways, and each fifth is scored with a model fitted without it (nor
the Buy records its gold pairs name), so no figure comes from a pair a model was fitted to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from random import Random
from typing import Any

from msglint.match.evaluate import pair_figures
from msglint.match.options import MatchOptions
from msglint.match.records import match_records
from msglint.match.trainset import PairSet, load_catalog_file, read_gold
from msglint.model import Role


def abt_buy_catalog_figures(
    data: Path,
    model: str | None = None,
    *,
    pairs: PairSet | None = None,
    folds: int = 0,
    fit: Callable[[PairSet], str] | None = None,
) -> dict[str, Any]:
    """Precision, recall and F1 of Abt x Buy matching (summed over folds when `folds`)."""
    folder = data / "abt-buy"
    abt = load_catalog_file(folder / "Abt.csv", Role.REFERENCE)
    buy = load_catalog_file(folder / "Buy.csv", Role.PARTNER)
    gold = read_gold(folder / "abt_buy_perfectMapping.csv")
    if not folds:
        result = match_records(abt, buy, MatchOptions(model=model))
        return _brief(asdict(pair_figures(abt, buy, gold, result)))
    assert pairs is not None and fit is not None
    ids = sorted(str(r.item_id) for r in abt)
    Random(0).shuffle(ids)
    totals = {"gold": 0, "predicted": 0, "correct": 0, "confident_predicted": 0,
              "confident_correct": 0}  # fmt: skip
    for k in range(folds):
        held = set(ids[k::folds])
        held_buy = {b for a, b in gold if a in held}

        def keep(group: str, held: set[str] = held, held_buy: set[str] = held_buy) -> bool:
            a, _, b = group.partition("|")
            return a not in held and b not in held_buy

        path = fit(pairs.subset(keep))
        result = match_records(abt, buy, MatchOptions(model=path))
        fold = pair_figures(abt, buy, gold, result, keep=held.__contains__)
        for key in totals:
            totals[key] += getattr(fold, key)
    return _brief(_scores(totals))


def _scores(t: dict[str, int]) -> dict[str, Any]:
    p = t["correct"] / t["predicted"] if t["predicted"] else 0.0
    r = t["correct"] / t["gold"] if t["gold"] else 0.0
    cp = t["confident_correct"] / t["confident_predicted"] if t["confident_predicted"] else 0.0
    cr = t["confident_correct"] / t["gold"] if t["gold"] else 0.0
    return t | {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "confident_precision": round(cp, 4),
        "confident_recall": round(cr, 4),
    }


def _brief(figures: dict[str, Any]) -> dict[str, Any]:
    keys = ("precision", "recall", "f1", "confident_precision", "confident_recall", "gold",
            "predicted", "correct")  # fmt: skip
    return {k: figures[k] for k in keys if k in figures}
