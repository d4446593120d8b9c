"""Spec labels -> canonical keys: "Item Weight:", "Wt." and "weight (kg)" are `weight`.

The synonyms are data (`data/spec_keys.yaml`), so a language or an industry adds labels
there, not here. A label's trailing unit in brackets ("Weight (kg)") is returned too: it is
the unit of a bare number in the value.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from msglint.text.tables import load
from msglint.values.specs.units import _unit, _words

#: Longer labels are cut before normalizing.
MAX_LABEL = 200

_LABEL_TAIL = re.compile(r"\s*[(\[]([^()\[\]]{1,24})[)\]]\s*[:：]?\s*$")
_LABEL_HEDGES = _words(
    "approx approximately approximate typ typical est estimated nominal avg average"
)
_NON_WORD = re.compile(r"[\W_]+")
_FILLER_WORDS = frozenset({"item", "product", "device", "the", "total", "unit"})


@lru_cache(maxsize=16384)
def _label_parts(label: str) -> tuple[tuple[str, ...], str | None]:
    """A label's words (case, punctuation, trailing colon, trailing unit or hedge in
    parentheses removed) and the unit it names in parentheses, if any ("Weight (kg)")."""
    text = label.strip().rstrip(":：").strip()
    unit: str | None = None
    for _ in range(2):
        m = _LABEL_TAIL.search(text)
        if not m:
            break
        inner = m[1].strip()
        if inner.rstrip(".").lower() in _LABEL_HEDGES:
            pass
        elif unit is None and _unit(inner) is not None:
            unit = inner
        else:
            break
        text = text[: m.start()].rstrip(" :：")
    words = tuple(w for w in _NON_WORD.split(text.lower()) if w)
    return words, unit


def _load_synonyms(table: dict[Any, Any]) -> dict[str, str]:
    """Label (its words run together) -> canonical key; refuses a label under two keys."""
    out: dict[str, str] = {}
    for key, labels in table.items():
        for label in (key, *(labels or ())):
            name = "".join(_label_parts(str(label))[0])
            other = out.setdefault(name, str(key))
            if other != str(key):
                raise ValueError(f"spec label {label!r} is listed under {other!r} and {key!r}")
    return out


@cache
def _synonyms() -> dict[str, str]:
    return _load_synonyms(load("spec_keys.yaml"))


@lru_cache(maxsize=16384)
def _key(label: str) -> str:
    words = _label_parts(label)[0]
    if not words:
        return ""
    table = _synonyms()
    key = table.get("".join(words))
    if key is None and len(words) > 1 and words[0] in _FILLER_WORDS:
        key = table.get("".join(words[1:]))
    return key or "-".join(words)


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)


def normalize_key(label: str) -> str:
    """The canonical key of a spec label: "Item Weight:", "Wt." and "weight (kg)" -> "weight".

    Case, punctuation, a trailing colon and a trailing unit or hedge in parentheses are
    dropped, then the shipped synonym table (data/spec_keys.yaml) maps synonyms; a label it
    does not list becomes a slug ("Max. Output Power" -> "max-output-power"). "" for a label
    without words.
    """
    return _key(_as_text(label)[:MAX_LABEL])
