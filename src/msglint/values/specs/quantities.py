"""Values as product pages write them -> numbers in base units: one quantity, a range
("10-20 W", "0 to 40 °C") or a dimension tuple ("30 x 20 x 5 cm").

Numbers are split off with a regex and read by pattern ("1,299" thousands, "2,5" decimal
comma, "10 000" grouped), so pint never sees a number and its expression parser never
runs; units go through `units._unit`. Ranges and tuples share the unit written last. A Spec
holds one magnitude, so these stay text specs (magnitude None) and the comparison re-reads
them (cached) to compare every end or side.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import NamedTuple

from msglint.values.specs.units import _Unit, _unit

#: Longer values are never read as quantities, and fuzzy text comparison reads at most
#: MAX_TEXT characters of a value.
MAX_VALUE = 120
MAX_TEXT = 500


_THOUSANDS_COMMA = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+,\d+|[1-9]\d{0,2}(?:\.\d{3}){2,}")
_THOUSANDS_SPACE = re.compile(r"[1-9]\d{0,2}(?: \d{3})+(?:[.,]\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?|\.\d+")


#: Whether the text being read writes a decimal comma (German, French, Spanish, Italian,
#: Dutch: msglint.text.language), set around one document's extraction by `decimal_comma`.
#: It decides the two forms pattern cannot: "3.000" (three thousand there, three here) and
#: "1,500" (one and a half there, fifteen hundred here).
_COMMA_DECIMAL: ContextVar[bool] = ContextVar("msglint_comma_decimal", default=False)
_ONE_DOT_GROUP = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_ONE_COMMA_GROUP = re.compile(r"\d{1,3},\d{3}")


@contextmanager
def decimal_comma(on: bool) -> Iterator[None]:
    """Read numbers as a decimal-comma language writes them while the block runs."""
    token = _COMMA_DECIMAL.set(on)
    try:
        yield
    finally:
        _COMMA_DECIMAL.reset(token)


def _number(written: str) -> float | None:
    """A number as a product page writes it, decimal comma or thousands separator decided by
    pattern: "1,299" and "10 000" are thousands, "2,5" and "0,750" decimal; None if unclear.
    In a decimal-comma language "3.000" is three thousand and "1,500" one and a half."""
    return _read_number(written, _COMMA_DECIMAL.get())


@lru_cache(maxsize=4096)
def _read_number(written: str, comma_decimal: bool) -> float | None:
    text = written.strip().replace("\u202f", " ").replace("\u00a0", " ").replace("\u2009", " ")
    sign = 1.0
    if text[:1] in ("-", "−", "+"):
        sign = -1.0 if text[0] != "+" else 1.0
        text = text[1:].lstrip()
    if not text or len(text) > 24:
        return None
    if comma_decimal and _ONE_DOT_GROUP.fullmatch(text):
        text = text.replace(".", "")
    elif comma_decimal and _ONE_COMMA_GROUP.fullmatch(text):
        text = text.replace(",", ".")
    elif _PLAIN_NUMBER.fullmatch(text):
        pass
    elif _THOUSANDS_COMMA.fullmatch(text):
        text = text.replace(",", "")
    elif _THOUSANDS_DOT.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS_SPACE.fullmatch(text):
        text = text.replace(" ", "").replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    else:
        return None
    if len(text.replace(".", "").lstrip("0")) > 15:
        return None  # beyond float precision: a GTIN or serial, compared as text
    value = sign * float(text)
    return value if math.isfinite(value) else None


# --- values: one quantity, a range or a dimension tuple ------------------------------------------


class _Val(NamedTuple):
    """One number of a value: base magnitude, dimension (None: a plain number), its unit."""

    magnitude: float
    dimension: str | None
    unit: _Unit | None


class _Values(NamedTuple):
    kind: str  # "one", "range" or "dims"
    items: tuple[_Val, ...]


_NUM = r"[-−+]?(?:\d[\d,.\u00a0\u202f\u2009 ]*\d|\d)"
_UNIT_RE = r"[^\d\s\-–—~][^\d\-–—~]*?[23²³]?"
_ONE = re.compile(rf"(?P<num>{_NUM})\s*-?\s*(?P<unit>{_UNIT_RE})?")
_RANGE = re.compile(
    rf"(?P<a>{_NUM})\s*(?P<ua>{_UNIT_RE})??\s*(?:-|–|—|~|\bto\b|\.\.\.|…)\s*"
    rf"(?P<b>{_NUM})\s*(?P<ub>{_UNIT_RE})?",
    re.IGNORECASE,
)
_DIM_SEP = re.compile(r"\s*(?:(?<![^\W\d_])[xX](?![^\W\d_])|[×✕*]|\bby\b)\s*")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_HEDGE_HEAD = re.compile(
    r"^(?:up\s+to|approx(?:imately|\.)?|about|around|ca\.|circa|~|≈|max(?:imum|\.)?)\s*",
    re.IGNORECASE,
)
_HEDGE_TAIL = re.compile(
    r"\s*\((?:approx\.?|approximately|max\.?|maximum|typ\.?|typical|nominal|est\.?)\)$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


def _clean_value(value: str) -> str:
    text = _SPACES.sub(" ", value).strip()
    text = _HEDGE_TAIL.sub("", text)
    return _HEDGE_HEAD.sub("", text).strip()


def _val(number: str, unit_text: str | None, fallback: _Unit | None) -> _Val | None:
    """One number with its unit (or the fallback unit); None if either cannot be read."""
    magnitude = _number(number)
    if magnitude is None:
        return None
    unit = _unit(unit_text) if unit_text else fallback
    if unit_text and unit is None:
        return None
    if unit is None or unit.dimension is None:
        return _Val(magnitude, None, unit)
    if unit.display == "K" and abs(magnitude) < 100:
        return None  # "4K", "8K": a resolution class, not a temperature
    if unit.scale is None:
        return _Val(magnitude, unit.dimension, unit)
    return _Val(magnitude * unit.scale + unit.offset, unit.dimension, unit)


def _parts(pairs: list[tuple[str, str | None]], fallback: _Unit | None) -> tuple[_Val, ...] | None:
    """Numbers that share units: a number without one takes the next unit written after it,
    or else the last one before it ("30 x 20 x 5 cm", "10-20 W", "30 cm x 20")."""
    units: list[_Unit | None] = []
    for _number_text, unit_text in pairs:
        if unit_text is None:
            units.append(None)
            continue
        unit = _unit(unit_text)
        if unit is None:
            return None
        units.append(unit)
    shared: _Unit | None = None
    for i in range(len(units) - 1, -1, -1):
        shared = units[i] = units[i] or shared
    shared = None
    for i, unit in enumerate(units):
        shared = units[i] = unit or shared
    vals = []
    for (number_text, _unit_text), unit in zip(pairs, units, strict=True):
        val = _val(number_text, None, unit or fallback)
        if val is None:
            return None
        vals.append(val)
    return tuple(vals)


def _parse_value(value: str, label_unit: str | None) -> _Values | None:
    """A value read as numbers with units, or None when it is text ("Wi-Fi 6", "Black")."""
    return _parse_value_in(value, label_unit, _COMMA_DECIMAL.get())


@lru_cache(maxsize=16384)
def _parse_value_in(value: str, label_unit: str | None, comma_decimal: bool) -> _Values | None:
    if len(value) > MAX_VALUE * 2 or not _DIGIT.search(value):
        return None
    text = _clean_value(value)
    if not text or len(text) > MAX_VALUE or not (_DIGIT.match(text) or text[0] in "-−+"):
        return None
    fallback = _unit(label_unit) if label_unit else None
    if m := _ONE.fullmatch(text):
        val = _val(m["num"], m["unit"], fallback)
        return _Values("one", (val,)) if val else None
    if m := _RANGE.fullmatch(text):
        items = _parts([(m["a"], m["ua"]), (m["b"], m["ub"])], fallback)
        return _Values("range", items) if items else None
    sides = _DIM_SEP.split(text)
    if 2 <= len(sides) <= 4:
        pairs = []
        for side in sides:
            if not (m := _ONE.fullmatch(side)):
                return None
            pairs.append((m["num"], m["unit"]))
        items = _parts(pairs, fallback)
        return _Values("dims", items) if items else None
    return None


_NUM_IN_TEXT = re.compile(
    r"(?<![\w.,])(?P<num>[-−]?\d[\d,.]*\d|[-−]?\d)"
    r"(?:\s?-?\s?(?P<unit>°\s?[CF]\b|[°º℃℉%\"″]|[^\W\d_]+(?:/[^\W\d_]+)?[23²³]?))?"
)


def _quantities_in(text: str, label_unit: str | None) -> tuple[_Val, ...]:
    """Every number in a text with its unit when one follows it ("2.5 kg (5.5 lb)")."""
    return _quantities_in_with(text, label_unit, _COMMA_DECIMAL.get())


@lru_cache(maxsize=8192)
def _quantities_in_with(text: str, label_unit: str | None, comma_decimal: bool) -> tuple[_Val, ...]:
    whole = _parse_value(text, label_unit)
    if whole is not None:
        return whole.items
    found = []
    for m in _NUM_IN_TEXT.finditer(text[:MAX_TEXT]):
        val = _val(m["num"], m["unit"], None)
        if val is None and m["unit"]:
            val = _val(m["num"], None, None)  # "4 ports": the word is not a unit
        if val is not None:
            found.append(val)
    return tuple(found)
