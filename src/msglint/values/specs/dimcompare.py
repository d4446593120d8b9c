"""Two dimensions values compared (`compare_dims`), and one side of a dimensions value
compared with a one-length spec of the same axis (`axis_difference`): the reference's
"Height: 45 cm" against a partner's "Dimensions (L x W x H): 120 x 80 x 50 cm". How the
values are read, and what counts as the same, uncertain or a difference: `dims`.
"""

from __future__ import annotations

from typing import NamedTuple

from msglint.model import Spec
from msglint.values.specs.dims import (
    _LENGTH,
    Dims,
    Side,
    _close,
    _label_unit,
    _pairing,
    _resolution,
    read_dims,
)
from msglint.values.specs.keys import _as_text
from msglint.values.specs.quantities import _COMMA_DECIMAL, _ONE, _clean_value, _val
from msglint.values.specs.units import _unit

_ORDINALS = ("1st", "2nd", "3rd", "4th")


class Verdict(NamedTuple):
    """`kind` "same", "uncertain" or "differs"; `differing`: (name, expected, actual)."""

    kind: str
    differing: tuple[tuple[str, Side, Side], ...] = ()


def _same_axes(e: Dims, a: Dims) -> bool:
    e_axes = {s.axis for s in e.sides}
    return (
        None not in e_axes
        and len(e_axes) == len(e.sides) == len(a.sides)
        and e_axes == {s.axis for s in a.sides}
    )


def compare_dims(
    expected: Spec,
    actual: Spec,
    tolerance: float,
    commas: tuple[bool | None, bool | None] = (None, None),
) -> Verdict | None:
    """Whether two dimensions values agree (see the module doc); None when neither value
    is dimensions, so the caller compares them as it compares any value. `commas`: whether
    each side's language writes a decimal comma ("1.200 x 800 mm" in German is 1200 mm)."""
    e, a = read_dims(expected, commas[0]), read_dims(actual, commas[1])
    e_lengths, a_lengths = e is not None and e.lengths, a is not None and a.lengths
    if not e_lengths and not a_lengths:
        return None  # "1920 x 1080", "2 x 5 W": not dimensions, compared as before
    if e is None or a is None:
        other = actual if e is not None else expected
        has_number = any(ch.isdigit() for ch in _as_text(other.text))
        return Verdict("uncertain") if has_number else None
    if not e_lengths or not a_lengths or len(e.sides) != len(a.sides):
        return Verdict("uncertain")  # unreadable, a unit missing, or another count
    by_axis = _same_axes(e, a)
    differing = _pairing(e.sides, a.sides, tolerance, by_axis=by_axis)
    if not differing:
        return Verdict("same")
    if not by_axis:
        ranked = tuple(sorted(e.sides, key=lambda s: s.val.magnitude))
        permuted = tuple(sorted(a.sides, key=lambda s: s.val.magnitude))
        by_rank = _pairing(ranked, permuted, tolerance, by_axis=False)
        if not by_rank:
            return Verdict("uncertain")  # the same lengths in another order
        if len(by_rank) < len(differing):
            differing = by_rank  # "W 80 x L 120 x H 50" against "120 x 80 x 45": the height
    index = {id(s): i for i, s in enumerate(e.sides)}
    return Verdict(
        "differs",
        tuple(
            (x.axis or y.axis or f"{_ORDINALS[index[id(x)]]} dimension", x, y) for x, y in differing
        ),
    )


def side_spec(spec: Spec, name: str, side: Side) -> Spec:
    """One side of a dimensions spec as a Spec of its own: key "dimensions.height", label
    "Height" (or "3rd dimension" when no axis is named), the evidence of the whole value."""
    unit = side.val.unit
    axis = name.split()[0]
    return Spec(
        spec.key if spec.key == axis else f"{spec.key}.{axis}",
        name[:1].upper() + name[1:],
        side.written,
        side.val.magnitude,
        unit.base if unit is not None and unit.scale is not None else None,
        side.val.dimension,
        spec.where,
    )


#: Spec keys (data/spec_keys.yaml) that are one side of a dimensions value.
AXIS_KEYS = ("length", "width", "height", "depth", "thickness")


def _single_side(spec: Spec, axis: str) -> Side | None:
    """A one-length spec ("Height: 45 cm", "Höhe (cm): 45") as a Side, or None."""
    text = _clean_value(_as_text(spec.text).strip())
    m = _ONE.fullmatch(text) if text and len(text) <= 60 else None
    if m is None:
        return None
    fallback = _label_unit(_as_text(spec.label))
    unit_text = (m["unit"] or "").strip() or None
    val = _val(m["num"], unit_text, fallback)
    if val is None or val.dimension != _LENGTH:
        return None
    unit = _unit(unit_text) if unit_text else fallback
    shown = f"{m['num']} {unit.display}" if unit is not None and unit.display else m["num"]
    return Side(val, shown.replace('" ', '"').strip(), axis, _resolution(m["num"], unit))


def axis_difference(
    one: Spec,
    dims: Spec,
    axis: str,
    tolerance: float,
    commas: tuple[bool | None, bool | None] = (None, None),
) -> tuple[Side, Side] | None:
    """Whether a one-length spec of `axis` ("Height: 45 cm") and the side of a dimensions
    value that names that axis ("Dimensions (W x H x D): 80 x 50 x 120 cm") differ: the
    two Sides (the one-length spec's first) when they do; None when they agree or when the
    dimensions do not name the axis or cannot be read (no finding then)."""
    comma = _COMMA_DECIMAL.get() if commas[0] is None else commas[0]
    token = _COMMA_DECIMAL.set(comma)
    try:
        single = _single_side(one, axis)
    finally:
        _COMMA_DECIMAL.reset(token)
    read = read_dims(dims, commas[1])
    if single is None or read is None or not read.lengths:
        return None
    named = [s for s in read.sides if s.axis == axis]
    if len(named) != 1 or None in {s.axis for s in read.sides}:
        return None
    return None if _close(single, named[0], tolerance) else (single, named[0])
