"""Whether two sources state the same spec value, and how to show a value in the other's
unit: the comparison the `spec` and `description` rules use.

Quantities compare in base units within a relative tolerance ("2.5 kg" is "5.51 lb"),
temperatures within an absolute one; ranges and dimension tuples end by end, side by side;
a quantity against a text by the quantities the text names; texts normalized and fuzzily
(rapidfuzz), their numbers equal ("Wi-Fi 6" is not "Wi-Fi 5").
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import Any

from msglint.model import Spec
from msglint.values.specs.dimcompare import compare_dims
from msglint.values.specs.keys import MAX_LABEL, _as_text, _label_parts
from msglint.values.specs.quantities import (
    _DIGIT,
    MAX_TEXT,
    _number,
    _parse_value,
    _quantities_in,
    _Val,
    _Values,
)
from msglint.values.specs.units import _Unit, _unit

#: Temperatures compare with an absolute tolerance of `tolerance` x this many kelvin (0.5 K at
#: the default 1 %): a relative tolerance on kelvin would call 25 °C and 27 °C equal.
TEMPERATURE_SPAN_K = 50.0

_NUMBER_TYPES = (float, int)


def _magnitude(spec: Spec) -> float | None:
    """The spec's quantity when its fields hold a usable one (Specs may come from anywhere)."""
    magnitude = spec.magnitude
    if magnitude is None or spec.dimension is None or type(magnitude) not in _NUMBER_TYPES:
        return None
    return float(magnitude) if math.isfinite(magnitude) else None


def _values_of(spec: Spec) -> _Values | None:
    magnitude = _magnitude(spec)
    if magnitude is not None:
        return _Values("one", (_Val(magnitude, spec.dimension, None),))
    text = _as_text(spec.text).strip()
    return _parse_value(text, _label_parts(_as_text(spec.label)[:MAX_LABEL])[1]) if text else None


def _close(expected: _Val, actual: _Val, tolerance: float) -> bool:
    return _close_numbers(
        expected.magnitude, expected.dimension, actual.magnitude, actual.dimension, tolerance
    )


def _close_numbers(
    expected: float,
    e_dimension: str | None,
    actual: float,
    a_dimension: str | None,
    tolerance: float,
) -> bool:
    """Relative tolerance for measured quantities; exact for plain numbers (model numbers,
    counts) and dimensionless ratios such as percentages, which no unit conversion rounds
    (99.9 % and 99.99 % uptime differ); an absolute tolerance for temperatures."""
    if e_dimension != a_dimension:
        return False
    diff = abs(actual - expected)
    scale = abs(expected)
    if e_dimension is None:
        return diff == 0.0
    if e_dimension == "dimensionless":
        return diff <= 1e-12 * scale
    if e_dimension == "[temperature]":
        return diff <= tolerance * TEMPERATURE_SPAN_K + 1e-9
    return diff <= (tolerance + 1e-12) * scale


def _quantity_in_text(quantity: _Val, spec: Spec, tolerance: float) -> bool:
    """Whether a text states the quantity: it names at least one quantity of that dimension
    and every one it names matches ("2.5 kg (5.51 lb)" states 2.5 kg; "2-3 kg" does not)."""
    text = _as_text(spec.text).strip()
    label_unit = _label_parts(_as_text(spec.label)[:MAX_LABEL])[1]
    same_kind = [v for v in _quantities_in(text, label_unit) if v.dimension == quantity.dimension]
    return bool(same_kind) and all(_close(quantity, v, tolerance) for v in same_kind)


_GLUED_UNIT = re.compile(r"(?<=\d)([^\W\d_]{1,6})\b")
_TIMES_BETWEEN_NUMBERS = re.compile(r"(?<=\d)\s*[x×✕*]\s*(?=\d)", re.IGNORECASE)
_JOINED_WORDS = re.compile(r"(?<=[^\W\d_])[-‐‑'’](?=[^\W\d_])")
#: A count written glued to its "x" before a word: "4x Gigabit LAN" is "4 × Gigabit LAN".
_COUNT_TIMES = re.compile(r"\b(\d+)x\b(?=\s*[^\W\d_])", re.IGNORECASE)
#: Display and video resolutions written by name ("4K UHD", "Full HD", "1080p").
_NAMED_RESOLUTIONS = (
    (re.compile(r"\b(?:8k(?:\s*uhd)?|4320p)\b"), "7680 x 4320"),
    (re.compile(r"\b(?:4k(?:\s*uhd)?|uhd(?:\s*4k)?|ultra\s*hd|2160p)\b"), "3840 x 2160"),
    (re.compile(r"\b(?:w?qhd|quad\s*hd|1440p)\b"), "2560 x 1440"),
    (re.compile(r"\b(?:full\s*hd|fhd|1080p)\b"), "1920 x 1080"),
    (re.compile(r"\b(?:hd\s*ready|720p)\b"), "1280 x 720"),
)
_RESOLUTION_KEYS = frozenset({"resolution", "video-resolution"})
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*[^\W_]*|[^\W_]+|[%°\"″]")
_PURE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


#: Words written glued to a number or spelled out that pint does not take as units.
_COUNT_WORDS = {"mp": "mp", "mpx": "mp", "mpix": "mp", "megapixel": "mp", "megapixels": "mp"}


def _split_glued(m: re.Match[str]) -> str:
    word = m[1]
    return f" {word}" if word.lower() in _COUNT_WORDS or _unit(word) is not None else word


def _canonical_token(token: str) -> str:
    if _PURE_NUMBER.fullmatch(token) and len(token) <= 15:
        number = _number(token)
        if number is not None:
            return str(int(number)) if number.is_integer() else repr(number)
    return token


@lru_cache(maxsize=16384)
def _text_form(text: str) -> tuple[str, tuple[str, ...]]:
    """A text for fuzzy comparison, and its tokens that hold digits, which must be equal.

    Case, punctuation and "×" vs "x" are ignored, "16GB" is "16 GB", "Wi-Fi" is "WiFi" and
    numbers are canonical ("5.0" is "5", "1,299" is "1299") but "6E" stays "6e".
    """
    s = text[:MAX_TEXT].replace("×", "x").replace("✕", "x")
    s = _TIMES_BETWEEN_NUMBERS.sub(" x ", s)
    s = _COUNT_TIMES.sub(r"\1 x", s)
    if _DIGIT.search(s):
        s = _GLUED_UNIT.sub(_split_glued, s)
    s = _JOINED_WORDS.sub("", s.lower())
    tokens = [_COUNT_WORDS.get(t) or _canonical_token(t) for t in _TOKEN.findall(s)]
    numbers = tuple(sorted(t for t in tokens if _DIGIT.search(t)))
    return " ".join(tokens), numbers


@cache
def _token_sort_ratio() -> Any:
    from rapidfuzz.fuzz import token_sort_ratio

    return token_sort_ratio


def _same_text(expected: str, actual: str, threshold: float) -> bool:
    e_form, e_numbers = _text_form(expected)
    a_form, a_numbers = _text_form(actual)
    if _one_within_other(e_form.split(), a_form.split()):
        return True
    if e_numbers != a_numbers:
        return False
    if e_form == a_form:
        return True
    return _token_sort_ratio()(e_form, a_form, score_cutoff=threshold) >= threshold


def _one_within_other(a: list[str], b: list[str]) -> bool:
    """Whether every token of one text is in the other: "White" within "Matte white",
    "802.11ax" within "Wi-Fi 6 (802.11ax)". One side says less, which contradicts nothing;
    "Wi-Fi 6" and "Wi-Fi 6E" differ in a token."""
    if not a or not b:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return set(small) <= set(large)


def _named_resolution(text: str) -> str:
    lower = text.lower()
    for pattern, size in _NAMED_RESOLUTIONS:
        lower = pattern.sub(size, lower)
    return lower


def same_spec(
    expected: Spec,
    actual: Spec,
    *,
    tolerance: float = 0.01,
    text_threshold: float = 90.0,
    translated: bool = False,
    commas: tuple[bool | None, bool | None] = (None, None),
) -> bool:
    """Whether two sources state the same spec value.

    Quantities: same dimension and |actual - expected| <= tolerance x |expected| ("2.5 kg"
    is "5.51 lb"); ranges end by end; dimensions side by side or axis by axis
    (`dims.compare_dims`: an uncertain reading is no difference). A quantity against
    a text: the quantities the text names. Texts: normalized, equal numbers, and a
    token_sort_ratio of at least `text_threshold` ("Wi-Fi 6" is not "Wi-Fi 5"). With
    `translated` (the two are in different languages) texts need equal numbers only: their
    words are a translation ("Dualband, 2,4 GHz und 5 GHz" is "Dual-band, 2.4 GHz and
    5 GHz"), and words msglint cannot translate are no evidence of a difference.
    `commas`: whether each side's language writes a decimal comma, for dimensions.
    """
    e_magnitude, a_magnitude = _magnitude(expected), _magnitude(actual)
    if e_magnitude is not None and a_magnitude is not None:
        if _close_numbers(
            e_magnitude, expected.dimension, a_magnitude, actual.dimension, tolerance
        ):
            return True
        return expected.dimension == actual.dimension and (
            _grouped_by_dots(actual, a_magnitude, e_magnitude, commas[1], tolerance)
            or _grouped_by_dots(expected, e_magnitude, a_magnitude, commas[0], tolerance)
        )
    verdict = compare_dims(expected, actual, tolerance, commas)
    if verdict is not None:
        return verdict.kind != "differs"  # an uncertain reading is no difference
    e_vals = _values_of(expected)
    a_vals = _values_of(actual)
    if e_vals is not None and a_vals is not None and e_vals.kind == a_vals.kind:
        if len(e_vals.items) != len(a_vals.items):
            return False
        return all(_close(e, a, tolerance) for e, a in zip(e_vals.items, a_vals.items, strict=True))
    if _is_quantity(e_vals):
        return _quantity_in_text(e_vals.items[0], actual, tolerance)  # type: ignore[union-attr]
    if _is_quantity(a_vals):
        return _quantity_in_text(a_vals.items[0], expected, tolerance)  # type: ignore[union-attr]
    e_text, a_text = _as_text(expected.text), _as_text(actual.text)
    if expected.key in _RESOLUTION_KEYS or actual.key in _RESOLUTION_KEYS:
        e_text, a_text = _named_resolution(e_text), _named_resolution(a_text)
    if translated:
        e_numbers, a_numbers = _text_form(e_text)[1], _text_form(a_text)[1]
        return e_numbers == a_numbers or _one_within_other(list(e_numbers), list(a_numbers))
    return _same_text(e_text, a_text, text_threshold)


_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?![\d,.])")


def _grouped_by_dots(
    spec: Spec, magnitude: float, other: float, comma: bool | None, tolerance: float
) -> bool:
    """Whether `spec` is `other` once its dots are read as thousands separators, on a side
    whose language writes decimal commas: "Akku: 5.000 mAh" on a German page is 5,000 mAh,
    which the reader, not knowing the page's language, took for 5."""
    if not comma or not magnitude:
        return False
    m = _DOT_GROUPED.search(_as_text(spec.text))
    if m is None:
        return False
    scaled = magnitude * 1000 ** m.group().count(".")
    return abs(scaled - other) <= tolerance * abs(other)


def _is_quantity(values: _Values | None) -> bool:
    return values is not None and values.kind == "one" and values.items[0].dimension is not None


def _format(number: float) -> str:
    number = round(number, 9) + 0.0  # float noise and -0.0 out of messages
    if number and abs(number) < 0.005:
        return f"{number:.3g}"
    return f"{number:,.2f}"


def _written_values(spec: Spec) -> _Values | None:
    """Like _values_of, but keeping the units as written, for messages."""
    text = _as_text(spec.text).strip()
    label_unit = _label_parts(_as_text(spec.label)[:MAX_LABEL])[1]
    parsed = _parse_value(text, label_unit) if text else None
    if parsed is not None or spec.magnitude is None:
        return parsed
    values = _values_of(spec)
    if values is None or not isinstance(spec.unit, str):
        return values
    return _Values("one", (values.items[0]._replace(unit=_unit(spec.unit)),))


def _written_unit(values: _Values) -> _Unit | None:
    units = {v.unit for v in values.items}
    return units.pop() if len(units) == 1 else None


def describe(spec: Spec, like: Spec | None = None) -> str:
    """The value as written, for messages; converted into `like`'s unit when `like` states
    the same kind of quantity in another unit: "5.51 lb (2.50 kg)"."""
    text = _as_text(spec.text).strip()
    if like is None:
        return text
    values, like_values = _written_values(spec), _written_values(like)
    if values is None or like_values is None or values.kind != like_values.kind:
        return text
    if len(values.items) != len(like_values.items):
        return text
    target = _written_unit(like_values)
    if target is None or target.scale is None or target.dimension is None:
        return text
    if any(v.dimension != target.dimension for v in values.items):
        return text
    if all(v.unit is not None and v.unit.name == target.name for v in values.items):
        return text
    numbers = [(v.magnitude - target.offset) / target.scale for v in values.items]
    joint = {"range": " to ", "dims": " x "}.get(values.kind, "")
    shown = joint.join(_format(n) for n in numbers)
    return f"{text} ({shown} {target.display or target.name})"
