"""Spec labels -> canonical keys: "Item Weight:", "Wt." and "weight (kg)" are `weight`.

The synonyms are data (`data/spec_keys.yaml` for English, `data/spec_keys_i18n.yaml` for
German, French, Spanish, Italian and Dutch), so a language or an industry adds labels
there, not here; a project adds or overrides synonyms with `spec_keys:` in its config or
a rule pack (`use_spec_keys`). A label's trailing unit in brackets ("Weight (kg)") is
returned too: it is the unit of a bare number in the value. Accents are ignored
("Fördermenge" is "fordermenge"), and a label not in the tables is looked up again
without a leading or trailing "max."/"maximum"/"maximal"/"máximo"/... qualifier, so
"Max. pressure [bar]" and "Pression max." are `pressure` ("min." is never dropped: a
minimum is another figure).
"""

from __future__ import annotations

import re
import unicodedata
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
_ACCENTS = re.compile(r"[\u0300-\u036f]")
#: Qualifiers that do not change which figure a label names, in the five languages.
_QUALIFIERS = frozenset(
    [
        "max",
        "maximum",
        "maximal",
        "maximale",
        "maximaler",
        "maximales",
        "maxi",
        "rated",
        "nominal",
        "nenn",
        "máximo",
        "máxima",
        "maximo",
        "maxima",
        "massimo",
        "massima",
        "maximaal",
        "ca",
        "approx",
        "circa",
        "env",
    ]
)
#: Axis letters in a dimensions label: "(L × W × H)", "(B x H x T)", "(l x l x h)".
_AXES = re.compile(r"\s*[(\[]\s*([a-zA-Z])(?:\s*[x×*/]\s*([a-zA-Z])){1,2}\s*[)\]]")
_AXIS_ONLY = re.compile(r"^[a-zA-Z](?:\s*[x×*/]\s*[a-zA-Z]){1,2}$")
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
        if inner.rstrip(".").lower() in _LABEL_HEDGES or _AXIS_ONLY.match(inner):
            pass  # a hedge, or the axes of "Dimensions (L × W × H)": not part of the name
        elif unit is None and _unit(inner) is not None:
            unit = inner
        else:
            break
        text = text[: m.start()].rstrip(" :：")
    folded = fold_accents(text)
    words = tuple(w for w in _NON_WORD.split(folded) if w)
    return words, unit


def fold_accents(text: str) -> str:
    """`text` lower-cased without its accents ("Höhe" -> "hohe", "Épaisseur" -> "epaisseur"),
    the form spec labels and their words are looked up in."""
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text.lower()))


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


#: The shipped tables, merged (a label under two keys across them is refused).
TABLES = ("spec_keys.yaml", "spec_keys_i18n.yaml")
#: The project's own synonyms (`spec_keys:`), label -> key; they win over the shipped ones.
_project: dict[str, str] = {}


@cache
def _shipped() -> dict[str, str]:
    merged: dict[str, list[Any]] = {}
    for name in TABLES:
        for key, labels in (load(name) or {}).items():
            merged.setdefault(str(key), []).extend(labels or ())
    return _load_synonyms(merged)


def _synonyms() -> dict[str, str]:
    return {**_shipped(), **_project} if _project else _shipped()


def use_spec_keys(table: dict[str, list[str]] | None) -> None:
    """Add or override synonyms for this process: canonical key -> labels (the shape of
    spec_keys.yaml), from the config's and the packs' `spec_keys:`. A label the shipped
    tables put under another key moves to this one. Empty or None: shipped tables only."""
    global _project
    project: dict[str, str] = {}
    for key, labels in (table or {}).items():
        for label in (key, *(labels or ())):
            name = "".join(_label_parts(str(label))[0])
            if name:
                project[name] = str(key)
    if project != _project:
        _project = project
        _key.cache_clear()


def _lookup(table: dict[str, str], words: tuple[str, ...]) -> str | None:
    key = table.get("".join(words))
    if key is None and len(words) > 1 and words[0] in _FILLER_WORDS:
        key = table.get("".join(words[1:]))
    return key


@lru_cache(maxsize=16384)
def _key(label: str) -> str:
    words = _label_parts(label)[0]
    if not words:
        return ""
    table = _synonyms()
    key = _lookup(table, words)
    if key is None:
        bare = words
        while len(bare) > 1 and bare[0] in _QUALIFIERS:
            bare = bare[1:]
        while len(bare) > 1 and bare[-1] in _QUALIFIERS:
            bare = bare[:-1]
        if bare != words:
            key = _lookup(table, bare)
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
