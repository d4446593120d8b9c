"""The pair scorer: a small gradient-boosted tree model, shipped as JSON, read lazily.

`model.json` (next to this module) is written by `python -m msglint.match.train` from public
labelled data (see `trainset.py`); no download happens at install or run time. It holds
the feature names (refused if they differ from `features.FEATURES`), the trees (split
feature, threshold, children, leaf values), a Platt calibration (a, b: the probability is
1 / (1 + exp(-(a * raw + b)))), and the decision threshold chosen in training.

Trees are evaluated with numpy over batches of pairs (numpy is already installed with
spaCy): each tree is made complete to the ensemble's depth, every node's test is one
comparison over the batch, and each level picks the tests on the rows' paths, so a pair
costs about 5 us for 150 trees instead of the ~40 us of a Python loop over its nodes;
that is what keeps 100k x 100k catalogs within the budget in the README.

A missing or unreadable model file raises `ModelError` naming the file and the reason;
`match_records` then falls back to identifiers and shared model codes only (see
`MatchOptions`), and says so.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from msglint.match.features import FEATURES

MODEL_FORMAT = "msglint-pair-model"
MODEL_VERSION = 1
DEFAULT_MODEL = Path(__file__).with_name("model.json")
#: Largest model file read; the shipped one is far smaller.
MAX_MODEL_BYTES = 20 * 1024 * 1024
#: Rows evaluated per numpy batch: the temporary arrays (trees x rows) of a batch of about a
#: thousand rows stay in the processor's cache, which measured 3-5x faster than 16k rows.
_BATCH = 1024
#: Deepest tree read: a complete tree of this depth has 2**depth leaves.
_MAX_DEPTH = 8


class ModelError(Exception):
    """The model file cannot be used; the message names the file and why."""


@dataclass(frozen=True, slots=True)
class Model:
    """A calibrated tree ensemble over `FEATURES`, each tree made complete to `depth` (a
    leaf above the last level is copied down both ways under a test every row passes)."""

    path: str
    base: float
    feature: Any  # int array (trees * inner nodes), heap order per tree
    threshold: Any  # float array, (trees * inner nodes) x 1
    value: Any  # float array, trees x leaves
    depth: int
    calibration: tuple[float, float]
    decision: float  # the probability the training chose as the match threshold
    info: dict[str, Any]

    def raw(self, x: Any) -> Any:
        """The ensemble's raw score of each row of `x` (rows x features)."""
        import numpy as np

        trees, inner = self.value.shape[0], 2**self.depth - 1
        passed = (np.ascontiguousarray(x.T)[self.feature] <= self.threshold).reshape(
            trees, inner, -1
        )
        position = np.zeros((trees, x.shape[0]), dtype=np.intp)
        for level in range(self.depth):
            first = 2**level - 1
            nodes = passed[:, first : first + 2**level, :]
            left = np.take_along_axis(nodes, position[:, None, :], axis=1)[:, 0, :]
            position = 2 * position + ~left
        return self.base + np.take_along_axis(self.value, position, axis=1).sum(axis=0)

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """The calibrated match probability of each feature row."""
        import numpy as np

        out: list[float] = []
        a, b = self.calibration
        for start in range(0, len(rows), _BATCH):
            raw = self.raw(np.asarray(rows[start : start + _BATCH], dtype=np.float64))
            z = np.clip(a * raw + b, -50.0, 50.0)
            out.extend((1.0 / (1.0 + np.exp(-z))).tolist())
        return out


def _check(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ModelError(f"{where}: not a msglint pair model (format {MODEL_FORMAT!r})")
    if data.get("version") != MODEL_VERSION:
        raise ModelError(f"{where}: model version {data.get('version')!r}, expected 1")
    if tuple(data.get("features") or ()) != FEATURES:
        raise ModelError(
            f"{where}: trained on other features than this msglint computes; "
            "retrain it with `python -m msglint.match.train`"
        )
    return data


def _complete(trees: list[dict[str, list[Any]]], depth: int, where: str) -> tuple[Any, ...]:
    """Trees as complete binary trees of `depth` levels in heap order: (features,
    thresholds, leaf values). Every node is checked to lie inside its tree."""
    import numpy as np

    inner, leaves = 2**depth - 1, 2**depth
    feature = np.zeros((len(trees), inner), dtype=np.intp)
    threshold = np.full((len(trees), inner), np.inf)
    value = np.zeros((len(trees), leaves))
    for k, tree in enumerate(trees):
        nodes = len(tree["feature"])
        if not nodes or any(
            len(tree[key]) != nodes for key in ("threshold", "left", "right", "value")
        ):
            raise ModelError(f"{where}: tree {k} has lists of different lengths")
        stack = [(0, 0, 0)]  # (node, heap position, level)
        while stack:
            node, position, level = stack.pop()
            left, right = int(tree["left"][node]), int(tree["right"][node])
            if left < 0:  # a leaf: copied down to the last level
                if level == depth:
                    value[k, position - inner] = float(tree["value"][node])
                else:
                    stack.append((node, 2 * position + 1, level + 1))
                    stack.append((node, 2 * position + 2, level + 1))
                continue
            f = int(tree["feature"][node])
            if level >= depth or not (
                0 <= f < len(FEATURES) and 0 < left < nodes and 0 < right < nodes
            ):
                raise ModelError(f"{where}: tree {k} node {node} points outside the tree")
            feature[k, position] = f
            threshold[k, position] = float(tree["threshold"][node])
            stack.append((left, 2 * position + 1, level + 1))
            stack.append((right, 2 * position + 2, level + 1))
    return feature.ravel(), threshold.reshape(-1, 1), value


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Model:
    """The model at `path` (default: the shipped one), read once per process."""
    file = Path(path) if path else DEFAULT_MODEL
    where = str(file)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise ModelError(f"{where}: cannot read the match model: {exc.strerror or exc}") from None
    if len(raw) > MAX_MODEL_BYTES:
        raise ModelError(f"{where}: larger than {MAX_MODEL_BYTES // 2**20} MB, not a model")
    try:
        data = _check(json.loads(raw), where)
        trees = data["trees"]
        if not isinstance(trees, list) or not trees:
            raise ModelError(f"{where}: no trees")
        depth = int(data["depth"])
        if not 0 < depth <= _MAX_DEPTH:
            raise ModelError(f"{where}: tree depth {depth} outside 1-{_MAX_DEPTH}")
        feature, threshold, value = _complete(trees, depth, where)
        a, b = (float(v) for v in data["calibration"])
        decision = float(data["decision"])
        base = float(data["base"])
    except ModelError:
        raise
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise ModelError(
            f"{where}: not a valid match model ({type(exc).__name__}: {exc})"
        ) from None
    if not (0.0 < decision < 1.0 and math.isfinite(a) and math.isfinite(b)):
        raise ModelError(f"{where}: decision or calibration out of range")
    info = {k: data[k] for k in ("trained_on", "figures", "created_by") if k in data}
    return Model(where, base, feature, threshold, value, depth, (a, b), decision, info)
