"""Dimensions written as one value, read side by side: "120 x 80 x 45 cm", "1200 × 800 ×
450 mm", '47.2" x 31.5" x 17.7"', "L 120 × B 80 × H 45 cm", "120 cm (L) x 80 cm (W) x
45 cm (H)", "Width: 80 cm, Height: 45 cm, Length: 120 cm", "120 × 80 × 45 cm (47.2 × 31.5
× 17.7 in)". Each side is a length; it names its axis (length, width, height, depth) when
the side itself, a trailing "(L × B × H)" or the label ("Dimensions (W × D × H)") says so.

`dimcompare.compare_dims` decides between two such values:

- the same: side by side, or axis by axis when both name the same axes ("W 80 x L 120 x
  H 45" is "120 x 80 x 45 cm (L x W x H)"); sides in different units may differ by half a
  unit of the coarser side's last written digit, as a converted and rounded figure does
  ("47 x 31 x 18 in" is "120 x 80 x 45 cm");
- a difference: which sides differ, each as a typed Spec ("height: 50 cm, not 45 cm");
- uncertain, which is no finding: another number of sides, a unit missing on one side, a
  side that cannot be read, two readings of one value that disagree, or the same lengths in
  another order (W × D × H against L × W × H: the order is a convention, not a fact).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from msglint.model import Spec
from msglint.values.specs.keys import MAX_LABEL, _as_text, fold_accents
from msglint.values.specs.quantities import (
    _COMMA_DECIMAL,
    _DIGIT,
    _DIM_SEP,
    _ONE,
    _clean_value,
    _number,
    _Val,
    _val,
)
from msglint.values.specs.units import _Unit, _unit

_LENGTH = "[length]"

#: Axis words and letters in the five languages and English -> the axis. Letters are
#: looked up as written first: French writes "L x l x H" (longueur, largeur, hauteur).
_AXIS_WORDS = {
    "length": "length", "long": "length", "lange": "length", "laenge": "length",
    "longueur": "length", "largo": "length", "longitud": "length", "lunghezza": "length",
    "lengte": "length",
    "width": "width", "wide": "width", "breite": "width", "largeur": "width",
    "ancho": "width", "anchura": "width", "larghezza": "width", "breedte": "width",
    "height": "height", "high": "height", "tall": "height", "hohe": "height",
    "hoehe": "height", "hauteur": "height", "alto": "height", "altura": "height",
    "altezza": "height", "hoogte": "height",
    "depth": "depth", "deep": "depth", "tiefe": "depth", "profondeur": "depth",
    "fondo": "depth", "profundidad": "depth", "profondita": "depth", "diepte": "depth",
    "thickness": "thickness", "dicke": "thickness", "starke": "thickness",
    "epaisseur": "thickness", "grosor": "thickness", "espesor": "thickness",
    "spessore": "thickness", "dikte": "thickness",
}  # fmt: skip
#: B(reite), T(iefe), P(rofondeur, profondità); Spanish An(cho), Al(to), Pr(ofundidad).
_AXIS_LETTERS = {"l": "length", "w": "width", "b": "width", "h": "height", "d": "depth",
                 "t": "depth", "p": "depth", "an": "width", "al": "height",
                 "pr": "depth"}  # fmt: skip

_WORD = r"[^\W\d_]{1,12}\.?"
_PRE_AXIS = re.compile(rf"^(?P<axis>{_WORD})\s*[:=]?\s*(?=[-−+]?\d)")
_POST_AXIS = re.compile(rf"\s*(?:\(\s*(?P<a>{_WORD})\s*\)|(?<=[\s\d\"″])(?P<b>{_WORD}))$")
_AXES_TEXT = re.compile(
    r"(?<![^\W\d_])([^\W\d_]{1,12}\.?)((?:\s*(?:[x×✕*/]|\bby\b)\s*[^\W\d_]{1,12}\.?){1,3})"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_AXES_SPLIT = re.compile(
    r"\s*(?:(?<![^\W\d_])[xX](?![^\W\d_])|(?<=\s)x(?=[A-Z]\b)|[×✕*/]|\bby\b)\s*"
)
_GLUED_AXES = re.compile(r"\b([LWHDBTP])x([LWHDBTP])(?:x([LWHDBTP]))?\b")
_TAIL_PAREN = re.compile(r"\s*[(\[]([^()\[\]]{1,60})[)\]]\s*$")
_DUAL = re.compile(r"\s+[/|]\s+")
_LIST_SEP = re.compile(r"\s*;\s*|,\s+|\s+(?:and|und|et|y|e|en)\s+", re.IGNORECASE)
_LOOKS_LIKE = re.compile(
    r"\d[^\d\n]{0,16}?(?:(?<![^\W\d_])[xX](?![^\W\d_])|[×✕*]|\bby\b)[^\d\n]{0,16}?\d"
)


class Side(NamedTuple):
    """One side of a dimensions value: the length, as written ("45 cm"), and its axis."""

    val: _Val
    written: str
    axis: str | None
    resolution: float  # half a unit of the last written digit, in base units


class Dims(NamedTuple):
    sides: tuple[Side, ...]

    @property
    def lengths(self) -> bool:
        """Whether every side is a length (a unit was written or the label names one)."""
        return bool(self.sides) and all(s.val.dimension == _LENGTH for s in self.sides)


#: A value that looks like dimensions but cannot be read: no verdict but "uncertain".
_UNREADABLE = Dims(())


def _fold(word: str) -> str:
    return fold_accents(word.rstrip("."))


def _axis_of(word: str, french: bool = False) -> str | None:
    word = word.rstrip(".")
    if len(word) == 1 and french and word in "lL":
        return "width" if word == "l" else "length"
    return _AXIS_LETTERS.get(word.lower()) or _AXIS_WORDS.get(_fold(word))


def _axes_list(text: str) -> tuple[str, ...] | None:
    """ "L x B x H", "W × D × H", "Länge x Breite x Höhe" -> the axes, or None."""
    parts = [p for p in _AXES_SPLIT.split(text.strip()) if p]
    if not 2 <= len(parts) <= 4:
        return None
    french = "L" in parts and "l" in parts  # longueur x largeur x hauteur
    if "P" in parts and "L" in parts and not french and not {"W", "B", "l"} & set(parts):
        parts = ["l" if p == "L" else p for p in parts]  # "L x H x P": largeur, profondeur
        french = True
    axes = tuple(_axis_of(p, french) for p in parts)
    if None in axes or len(set(axes)) != len(axes):
        return None
    return axes  # type: ignore[return-value]


@lru_cache(maxsize=4096)
def label_axes(label: str) -> tuple[str, ...] | None:
    """The axes a label names: "Dimensions (L × W × H)", "Abmessungen B x H x T", "WxHxD"."""
    found = None
    for m in _AXES_TEXT.finditer(label[:MAX_LABEL]):
        found = _axes_list(m[0]) or found
    if found is None and (m := _GLUED_AXES.search(label[:MAX_LABEL])):
        found = _axes_list(" x ".join(a for a in m.groups() if a))
    return found


def _resolution(number: str, unit: _Unit | None) -> float:
    """Half a unit of the last written digit, in base units ("18 in": 0.5 in, "0,45 m":
    0.005 m); "1.220" read as 1220 has no decimals."""
    digits = number.replace(",", ".").rsplit(".", 1)
    decimals = len(digits[1]) if len(digits) == 2 else 0
    if decimals == 3 and (value := _number(number)) is not None and value >= 1000:
        decimals = 0  # a thousands separator
    scale = unit.scale if unit is not None and unit.scale is not None else 1.0
    return 0.5 * 10.0**-decimals * scale


def _side_parts(side: str) -> tuple[str, str | None, str | None] | None:
    """A side -> (number, unit as written or None, axis or None); None if unreadable."""
    axis = None
    if m := _PRE_AXIS.match(side):
        axis = _axis_of(m["axis"])
        if axis is None:
            return None
        side = side[m.end() :]
    m = _ONE.fullmatch(side)
    if m and (not m["unit"] or ((u := _unit(m["unit"])) and u.dimension == _LENGTH)):
        return m["num"], (m["unit"] or "").strip() or None, axis
    post = _POST_AXIS.search(side)
    if post is None or axis is not None:
        return None
    axis = _axis_of(post["a"] or post["b"])
    m = _ONE.fullmatch(side[: post.start()].rstrip())
    if axis is None or m is None:
        return None
    return m["num"], (m["unit"] or "").strip() or None, axis


def _split_sides(text: str) -> list[str] | None:
    sides = _DIM_SEP.split(text)
    if len(sides) == 1:
        sides = _LIST_SEP.split(text)
        if len(sides) == 1 or not all(_PRE_AXIS.match(s) for s in sides):
            return None
    return sides if 2 <= len(sides) <= 4 else None


def _read_one(text: str, label: str) -> Dims:
    tail_axes = None
    if m := _TAIL_PAREN.search(text):
        tail_axes = _axes_list(m[1])
        if tail_axes is not None:
            text = text[: m.start()]
    sides = _split_sides(text)
    if sides is None:
        return _UNREADABLE
    parts = [_side_parts(s.strip()) for s in sides]
    if any(p is None for p in parts):
        return _UNREADABLE
    units: list[str | None] = [p[1] for p in parts]  # type: ignore[index]
    shared = None
    for i in range(len(units) - 1, -1, -1):  # a side takes the next unit written after it
        shared = units[i] = units[i] or shared
    shared = None
    for i, u in enumerate(units):  # or else the last one before it
        shared = units[i] = u or shared
    fallback = _label_unit(label)
    own_axes = [p[2] for p in parts]  # type: ignore[index]
    axes = own_axes if all(own_axes) else tail_axes or label_axes(label)
    if axes is None or len(axes) != len(sides) or len(set(axes)) != len(axes):
        axes = [None] * len(sides)
    out = []
    for (number, _u, _a), unit_text, axis in zip(parts, units, axes, strict=True):  # type: ignore[misc]
        val = _val(number, unit_text, fallback)
        if val is None or val.dimension not in (None, _LENGTH):
            return _UNREADABLE
        unit = _unit(unit_text) if unit_text else fallback
        shown = f"{number} {unit.display}" if unit is not None and unit.display else number
        out.append(Side(val, shown.replace('" ', '"').strip(), axis, _resolution(number, unit)))
    return Dims(tuple(out))


def _label_unit(label: str) -> _Unit | None:
    from msglint.values.specs.keys import _label_parts

    written = _label_parts(label[:MAX_LABEL])[1]
    return _unit(written) if written else None


@lru_cache(maxsize=8192)
def _read(text: str, label: str, comma_decimal: bool) -> Dims | None:
    if not _DIGIT.search(text):
        return None
    token = _COMMA_DECIMAL.set(comma_decimal)  # numbers are read with _number, which reads it
    try:
        return _read_in(text, label)
    finally:
        _COMMA_DECIMAL.reset(token)


def _read_in(text: str, label: str) -> Dims | None:
    text = _clean_value(text)
    if not _LOOKS_LIKE.search(text) and not _LIST_SEP.search(text):
        return None
    readings = _DUAL.split(text, maxsplit=1)
    if len(readings) == 1 and (m := _TAIL_PAREN.search(text)) and _LOOKS_LIKE.search(m[1]):
        readings = [text[: m.start()], m[1]]
    dims = [_read_one(r.strip(), label) for r in readings]
    first = dims[0]
    if first is _UNREADABLE:
        return None if not _LOOKS_LIKE.search(text) else _UNREADABLE
    if any(not d.sides for d in dims):
        return _UNREADABLE
    for other in dims[1:]:  # a second reading in other units must agree with the first
        if len(other.sides) != len(first.sides):
            return _UNREADABLE
        if _pairing(first.sides, other.sides, 0.02, by_axis=False):
            return _UNREADABLE
    return first


def read_dims(spec: Spec, comma_decimal: bool | None = None) -> Dims | None:
    """The spec's value as dimensions; None when it is not one (text, one quantity, a
    tuple of other quantities); an empty Dims when it looks like one but cannot be read.
    `comma_decimal`: the value's language writes a decimal comma (None: as set around the
    current extraction, `quantities.decimal_comma`)."""
    text = _as_text(spec.text).strip()
    if not text or len(text) > 240:
        return None
    comma = _COMMA_DECIMAL.get() if comma_decimal is None else comma_decimal
    return _read(text, _as_text(spec.label), comma)


def _close(e: Side, a: Side, tolerance: float) -> bool:
    diff = abs(a.val.magnitude - e.val.magnitude)
    slack = tolerance * abs(e.val.magnitude) + 1e-12
    if e.val.unit is None or a.val.unit is None or e.val.unit.name != a.val.unit.name:
        slack += max(e.resolution, a.resolution)  # a converted, rounded figure
    return diff <= slack


def _pairing(
    expected: tuple[Side, ...], actual: tuple[Side, ...], tolerance: float, *, by_axis: bool
) -> tuple[tuple[Side, Side], ...]:
    """The pairs that differ, side by side or axis by axis."""
    if by_axis:
        by = {a.axis: a for a in actual}
        pairs = [(e, by[e.axis]) for e in expected]
    else:
        pairs = list(zip(expected, actual, strict=True))
    return tuple((e, a) for e, a in pairs if not _close(e, a, tolerance))
