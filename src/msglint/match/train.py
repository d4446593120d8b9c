"""Train the pair scorer and write `model.json`; print figures on data held out from each fit.

    pip install -e ".[train]"          # scikit-learn, for training only
    python -m msglint.match.train --data ../shared/data --evaluate
    python -m msglint.match.train --data ../shared/data --out src/msglint/match/model.json

The data (`trainset.py` says what and where from): the four WDC categories and Abt-Buy.
The model is scikit-learn's HistGradientBoostingClassifier (shallow trees, monotonic in
every feature whose direction is known, so a shared code never lowers the score and a
conflict never raises it, on catalogs unlike the training data); its trees are written as
plain lists and evaluated at run time with numpy (`scorer.py`), so scikit-learn is needed
only here.

Calibration and the decision threshold come from predictions on data the model was not
fitted to: each source (a WDC category, Abt-Buy) is predicted by a model fitted to the
others, a Platt scaling is fitted to those predictions, and the decision threshold is the
calibrated probability with the best F1 over them. So both describe how the model does on
a domain it has not seen, which is how it is used.

`--evaluate` prints, never on data a model was fitted to:
- leave-one-category-out on WDC: fitted to the other three categories and Abt-Buy, pair
  precision/recall/F1 on every labelled pair of the fourth;
- Abt-Buy held out: fitted to WDC only, the full Abt x Buy matching (blocking, scorer,
  assignment) scored against the gold mapping;
- Abt-Buy five-fold: fitted to WDC and four fifths of Abt-Buy's products, the full
  matching scored on the fifth (folds by Abt record; a held-out record's gold partners are
  left out of training too).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from msglint.match.features import FEATURES
from msglint.match.scorer import DEFAULT_MODEL, MODEL_FORMAT, MODEL_VERSION
from msglint.match.trainset import WDC_CATEGORIES, PairSet, abt_buy_pairs, wdc_pairs

#: +1: the probability may only rise with the feature; -1: only fall; 0: learned freely.
MONOTONE: dict[str, int] = {
    "token_set": 1,
    "token_sort": 1,
    "idf_cosine": 1,
    "cover_min": 1,
    "cover_max": 1,
    "extra_rare": -1,
    "subset": -1,
    "code_rare": 1,
    "code_common": 0,
    "code_near": 1,
    "code_spelled": 1,
    "code_stem_spelled": 1,
    "code_conflict": -1,
    "code_differ": -1,
    "code_variant": -1,
    "code_built": 1,
    "code_kinds": 0,
    "desc_code": 1,
    "shared_info": 1,
    "qty_agree": 1,
    "qty_conflict": -1,
    "qty_near": 0,
    "qty_one_side": -1,
    "num_agree": 1,
    "num_conflict": -1,
    "short_conflict": -1,
    "attr_conflict": -1,
    "attr_one_side": -1,
    "conflicts": -1,
    "brand_agree": 1,
    "brand_conflict": -1,
    "price_gap": -1,
    "price_missing": 0,
    "len_ratio": 1,
}
PARAMS: dict[str, Any] = {
    "max_depth": 3,
    "max_iter": 150,
    "learning_rate": 0.1,
    "l2_regularization": 1.0,
    "min_samples_leaf": 40,
    "random_state": 0,
}


def _sklearn() -> Any:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        sys.exit("training needs scikit-learn: pip install -e '.[train]'")
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier


def _arrays(sets: list[PairSet]) -> tuple[Any, Any, Any]:
    import numpy as np

    x = np.array([row for s in sets for row in s.rows], dtype=np.float64)
    y = np.array([label for s in sets for label in s.labels])
    source = np.array([k for k, s in enumerate(sets) for _ in s.rows])
    return x, y, source


def _estimator() -> Any:
    cls = _sklearn()
    return cls(monotonic_cst=[MONOTONE[f] for f in FEATURES], **PARAMS)


def _best_threshold(probabilities: Any, labels: Any) -> float:
    """The probability cut with the best F1 (ties: the higher cut, fewer wrong matches)."""
    best, best_f1 = 0.5, -1.0
    for step in range(5, 96):
        cut = step / 100
        predicted = probabilities >= cut
        tp = float((predicted & (labels == 1)).sum())
        f1 = 2 * tp / (predicted.sum() + (labels == 1).sum()) if tp else 0.0
        if f1 >= best_f1:
            best, best_f1 = cut, f1
    return best


def fit(sets: list[PairSet], note: str = "") -> dict[str, Any]:
    """A model file (as a dict) fitted to `sets`, calibrated on leave-one-source-out."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x, y, source = _arrays(sets)
    held_out = np.zeros(len(y))
    for k in range(len(sets)):
        test = source == k
        if test.all() or not test.any():
            continue
        held_out[test] = _estimator().fit(x[~test], y[~test]).decision_function(x[test])
    platt = LogisticRegression(C=1e6).fit(held_out.reshape(-1, 1), y)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    calibrated = 1.0 / (1.0 + np.exp(-(a * held_out + b)))
    decision = _best_threshold(calibrated, y)
    final = _estimator().fit(x, y)
    trees, depth = _export(final)
    return {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "created_by": "python -m msglint.match.train",
        "trained_on": {s.name: len(s) for s in sets} | ({"note": note} if note else {}),
        "features": list(FEATURES),
        "params": PARAMS,
        "base": round(float(np.ravel(final._baseline_prediction)[0]), 6),
        "calibration": [round(a, 6), round(b, 6)],
        "decision": decision,
        "depth": depth,
        "trees": trees,
    }


def _export(estimator: Any) -> tuple[list[dict[str, list[Any]]], int]:
    """The fitted trees as lists (a leaf has left = right = -1), and the deepest leaf."""
    trees: list[dict[str, list[Any]]] = []
    depth = 1
    for iteration in estimator._predictors:
        nodes = iteration[0].nodes
        tree: dict[str, list[Any]] = {k: [] for k in ("feature", "threshold", "left", "right")}
        tree["value"] = []
        for node in nodes:
            leaf = bool(node["is_leaf"])
            depth = max(depth, int(node["depth"]))
            tree["feature"].append(0 if leaf else int(node["feature_idx"]))
            tree["threshold"].append(0.0 if leaf else round(float(node["num_threshold"]), 6))
            tree["left"].append(-1 if leaf else int(node["left"]))
            tree["right"].append(-1 if leaf else int(node["right"]))
            tree["value"].append(round(float(node["value"]), 6) if leaf else 0.0)
        trees.append(tree)
    return trees, depth


def _pair_prf(model: dict[str, Any], test: PairSet) -> dict[str, float]:
    """Pair precision, recall and F1 of a model on labelled pairs, at its decision."""
    probabilities = _load(model).probabilities(test.rows)
    cut = model["decision"]
    tp = sum(1 for p, y in zip(probabilities, test.labels, strict=True) if p >= cut and y)
    predicted = sum(1 for p in probabilities if p >= cut)
    positive = sum(test.labels)
    precision = tp / predicted if predicted else 0.0
    recall = tp / positive if positive else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _load(model: dict[str, Any]) -> Any:
    from msglint.match.scorer import load_model

    return load_model(_path(model))


def build_sets(data: Path) -> dict[str, PairSet]:
    sets = {c: wdc_pairs(data / "wdc-train", c) for c in WDC_CATEGORIES}
    sets["abt-buy"] = abt_buy_pairs(data / "abt-buy")
    return sets


def evaluate(data: Path, sets: dict[str, PairSet]) -> dict[str, Any]:
    """The held-out figures described in the module docstring."""
    from msglint.match.folds import abt_buy_catalog_figures

    figures: dict[str, Any] = {"wdc_leave_one_category_out": {}}
    for held in WDC_CATEGORIES:
        train = [s for name, s in sets.items() if name != held]
        model = fit(train, f"without {held}")
        figures["wdc_leave_one_category_out"][held] = _pair_prf(model, sets[held])
        print(f"  WDC {held} held out: {figures['wdc_leave_one_category_out'][held]}")
    wdc_only = fit([sets[c] for c in WDC_CATEGORIES], "WDC only")
    figures["abt_buy_held_out"] = abt_buy_catalog_figures(data, _path(wdc_only))
    print(f"  Abt-Buy held out (WDC only): {figures['abt_buy_held_out']}")
    wdc = [sets[c] for c in WDC_CATEGORIES]
    figures["abt_buy_5_fold"] = abt_buy_catalog_figures(
        data, pairs=sets["abt-buy"], folds=5, fit=lambda train: _path(fit([*wdc, train]))
    )
    print(f"  Abt-Buy five-fold: {figures['abt_buy_5_fold']}")
    return figures


def _path(model: dict[str, Any]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(model, handle)
    return handle.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--evaluate", action="store_true", help="print held-out figures")
    parser.add_argument("--no-write", action="store_true", help="do not write the model")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sets = build_sets(args.data)
    print(", ".join(f"{k} {len(s)} pairs ({sum(s.labels)} +)" for k, s in sets.items()))
    figures = evaluate(args.data, sets) if args.evaluate else None
    if not args.no_write:
        model = fit(list(sets.values()), "all")
        if figures:
            model["figures"] = figures
        text = json.dumps(model, separators=(",", ":"))
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({len(text) / 1024:.0f} KiB), decision {model['decision']}")
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
