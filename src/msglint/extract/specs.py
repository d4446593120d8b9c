"""Specification normalizer: label -> canonical key, value -> quantity, and unit-aware comparison.

Quantities are read with pint, but pint alone misreads product-page values in ways that would
turn into false findings (see shared/MEASUREMENTS.md): "2,5 kg" becomes 25 kg, `15.6"` loses
its inch mark, "12 MP" is twelve megapoise, "fps" is feet per second, "mb" a millibarn,
"5 pcs" five parsecs and "1920x1080" raises. So this module hand-writes only the thin layer
around pint that knows how product pages write numbers and units:

- numbers are split off with a regex and read by pattern ("1,299" thousands, "2,5" decimal
  comma, "10 000" grouped), so pint never sees a number and its expression parser never runs;
- unit strings go through a small alias table (sloppy cases, inch marks, traps) and then pint,
  and a parsed unit is accepted only when all its parts are units that occur on spec sheets
  (an allow-list of unit roots and prefixes), so prefix accidents like "attoday" are refused;
- ranges ("10-20 W", "0 to 40 °C") and dimension tuples ("30 x 20 x 5 cm") are read as several
  quantities sharing the unit written last. A Spec holds one magnitude, so these stay text
  specs (magnitude None) and same_spec re-reads them (cached) to compare every end or side.

Everything pint resolves is cached per unit string, so a value costs a regex match, a float()
and a dict look-up; values are cached too, since the same specs repeat on every page.
`import pint` and the registry (about 0.4 s together) happen on the first value that has a
unit, never at import.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any, NamedTuple

from msglint.model import Spec

if TYPE_CHECKING:
    import pint

__all__ = ["describe", "normalize_key", "parse_spec", "same_spec", "unit_registry"]

#: Longer labels are cut before normalizing; longer values are never read as quantities,
#: and fuzzy text comparison reads at most MAX_TEXT characters of a value.
MAX_LABEL = 200
MAX_VALUE = 120
MAX_TEXT = 500

#: Temperatures compare with an absolute tolerance of `tolerance` x this many kelvin (0.5 K at
#: the default 1 %): a relative tolerance on kelvin would call 25 °C and 27 °C equal.
TEMPERATURE_SPAN_K = 50.0


# --- the unit registry and unit strings ---------------------------------------------------------


@cache
def unit_registry() -> pint.UnitRegistry:
    """The one pint registry msglint uses (quantities from two registries cannot be mixed)."""
    import pint

    return pint.UnitRegistry()


class _Unit(NamedTuple):
    """A unit as written, resolved once: base = value x scale + offset.

    `scale` is None for logarithmic units (dB), which keep their own unit: a relative
    tolerance on the power ratio behind "40 dB" would be meaningless.
    """

    scale: float | None
    offset: float
    base: str  # pint's base unit, e.g. "kilogram"
    dimension: str | None  # None: a plain number (a unit-like word such as "px" was written)
    name: str  # pint's name of the written unit, e.g. "pound"; "" for plain numbers
    display: str  # the unit as written, for messages


#: Written unit -> pint unit, checked before pint; None: not a unit (the value stays text),
#: "": a plain number. These are the traps: pint reads "MP" as megapoise, "fps" as foot per
#: second, "mb" as millibarn, "dpi" as dry pint, "C" as coulomb, "px" as a CSS length.
_EXACT: dict[str, str | None] = {
    '"': "inch",
    "″": "inch",
    "''": "inch",
    "in": "inch",
    "mb": "MB",
    "kb": "kB",
    "KB": "kB",
    "mbps": "Mbps",
    "MBps": "MB/s",
    "dpi": "pixels_per_inch",
    "DPI": "pixels_per_inch",
    "PPI": "pixels_per_inch",
    "℃": "degC",
    "℉": "degF",
    "ºC": "degC",
    "ºF": "degF",
    "° C": "degC",
    "° F": "degF",
    "º": "degree",
    "fl oz": "floz",
    "fl. oz": "floz",
    "dBA": "dB",
    "dBa": "dB",
    "dB(A)": "dB",
    "dB (A)": "dB",
    "px": "",
    "pixel": "",
    "pixels": "",
    "MP": None,
    "Mp": None,
    "mp": None,
    "MPx": None,
    "Mpx": None,
    "MPix": None,
    "megapixel": None,
    "megapixels": None,
    "fps": None,
    "FPS": None,
    "a": None,
    "pcs": None,
    "ac": None,
    "AC": None,
    "DC": None,
}

#: Lower-cased written unit -> pint unit, tried only when pint does not take the unit as
#: written ("gb", "Mhz", "Lbs", "KWh"): sloppy case on spec sheets.
_LOOSE: dict[str, str] = {
    "gb": "GB",
    "tb": "TB",
    "pb": "PB",
    "kib": "KiB",
    "mib": "MiB",
    "gib": "GiB",
    "tib": "TiB",
    "hz": "Hz",
    "khz": "kHz",
    "mhz": "MHz",
    "ghz": "GHz",
    "ah": "Ah",
    "mah": "mAh",
    "wh": "Wh",
    "mwh": "mWh",
    "kwh": "kWh",
    "w": "W",
    "kw": "kW",
    "mw": "mW",
    "v": "V",
    "lbs": "lb",
    "kbps": "kbps",
    "gbps": "Gbps",
    "mb/s": "MB/s",
    "gb/s": "GB/s",
    "db": "dB",
    "dba": "dB",
    "db(a)": "dB",
    "hrs": "hour",
    "mos": "month",
    "mo": "month",
    "wk": "week",
    "wks": "week",
    "yrs": "year",
    "secs": "second",
    "m2": "m²",
    "m3": "m³",
    "cm2": "cm²",
    "cm3": "cm³",
    "mm2": "mm²",
    "cd/m2": "cd/m²",
    "°c": "degC",
    "°f": "degF",
    "celsius": "degC",
    "fahrenheit": "degF",
    "rpm": "rpm",
    "kph": "km/h",
    "kmh": "km/h",
    "inch": "inch",
    "inches": "inch",
    "btu": "BTU",
    "btu/h": "BTU/h",
    "l": "L",
    "ml": "mL",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Unit roots that take SI (and binary) prefixes, and roots accepted only as written.
_PREFIXABLE = _words(
    "gram meter second liter byte bit baud hertz watt watt_hour ampere ampere_hour volt ohm "
    "joule newton pascal lux lumen candela bar"
)
_PLAIN_ROOTS = _words(
    "pound ounce stone inch foot yard mile minute hour day week month year fluid_ounce "
    "gallon degree radian revolutions_per_minute degree_Celsius degree_Fahrenheit kelvin "
    "nit percent ppm decibel decibelmilliwatt pixels_per_inch mile_per_hour "
    "kilometer_per_hour knot pound_force_per_square_inch british_thermal_unit calorie "
    "horsepower"
)
_PREFIXES = _words("nano micro milli centi deci kilo mega giga tera peta kibi mebi gibi tebi pebi")

_UNIT_CHARS = re.compile(r"[^\W\d_]|[µμΩ°º℃℉%\"″'/·⋅^²³() .*23-]", re.UNICODE)
_EXPLICIT_PRODUCT = re.compile(r"[/·⋅* ]")
_NO_UNIT = _Unit(1.0, 0.0, "", None, "", "")


def _unit_shape_ok(text: str) -> bool:
    return all(_UNIT_CHARS.match(ch) for ch in text) and not text[0].isdigit()


@lru_cache(maxsize=512)
def _root_allowed(name: str) -> bool:
    """Whether pint's unit `name` is one a spec sheet plausibly means (see module doc)."""
    for prefix, root, _suffix in unit_registry().parse_unit_name(name):
        if (not prefix and (root in _PLAIN_ROOTS or root in _PREFIXABLE)) or (
            prefix in _PREFIXES and root in _PREFIXABLE
        ):
            return True
    return False


def _resolve(candidate: str) -> _Unit | None:
    """Ask pint about one unit string; None when pint refuses it or it is not on the list."""
    ureg = unit_registry()
    try:
        units = ureg.parse_units(candidate)
        parts = dict(units._units)
        if not parts or (len(parts) > 1 and not _EXPLICIT_PRODUCT.search(candidate)):
            return None  # "" or a glued product such as "KWh" read as kelvin x watt-hour
        if not all(_root_allowed(part) for part in parts):
            return None
        m0, m1, m2 = (ureg.Quantity(x, units).to_base_units() for x in (0.0, 1.0, 2.0))
    except Exception:  # pint raises many kinds (UndefinedUnitError, AssertionError, ...)
        return None
    b0, b1, b2 = float(m0.magnitude), float(m1.magnitude), float(m2.magnitude)
    if not all(math.isfinite(b) for b in (b0, b1, b2)):
        return None
    name = str(units)
    step = b1 - b0
    if step and abs((b2 - b1) - step) <= 1e-9 * abs(step):
        return _Unit(step, b0, str(m1.units), _dimension(m1), name, "")
    return _Unit(None, 0.0, name, f"[{name}]", name, "")


def _dimension(base: Any) -> str:
    """pint's dimensionality as a string, telling apart what pint calls dimensionless.

    pint gives bytes and degrees no dimension, so "2 TB", "110°" and "50 %" would be
    comparable; information and plane angle get their own names here.
    """
    units = base.units._units
    if "bit" in units:
        return str(base.dimensionality.add("[information]", units["bit"]))
    if list(units) == ["radian"]:
        return "[angle]"
    return str(base.dimensionality)


def _display(written: str) -> str:
    return "in" if written in ('"', "″", "''") else written


@lru_cache(maxsize=4096)
def _unit(written: str) -> _Unit | None:
    """The unit behind a written unit string ("kg", "Lbs", '"', "-inch", "in."), cached."""
    text = written.strip().lstrip("-").strip()
    if text.endswith(".") and text != ".":
        text = text[:-1].rstrip()
    if not text or len(text) > 24 or not _unit_shape_ok(text):
        return None
    display = _display(text)
    if text in _EXACT:
        target = _EXACT[text]
        if target is None:
            return None
        if not target:
            return _NO_UNIT._replace(display=display)
        info = _resolve(target)
    else:
        info = _resolve(text)
        if info is None and (loose := _LOOSE.get(text.lower())):
            info = _resolve(loose)
    return info._replace(display=display) if info else None


# --- numbers -------------------------------------------------------------------------------------

_THOUSANDS_COMMA = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+,\d+|[1-9]\d{0,2}(?:\.\d{3}){2,}")
_THOUSANDS_SPACE = re.compile(r"[1-9]\d{0,2}(?: \d{3})+(?:[.,]\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?|\.\d+")


@lru_cache(maxsize=4096)
def _number(written: str) -> float | None:
    """A number as a product page writes it, decimal comma or thousands separator decided by
    pattern: "1,299" and "10 000" are thousands, "2,5" and "0,750" decimal; None if unclear."""
    text = written.strip().replace("\u202f", " ").replace("\u00a0", " ").replace("\u2009", " ")
    sign = 1.0
    if text[:1] in ("-", "−", "+"):
        sign = -1.0 if text[0] != "+" else 1.0
        text = text[1:].lstrip()
    if not text or len(text) > 24:
        return None
    if _PLAIN_NUMBER.fullmatch(text):
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


@lru_cache(maxsize=16384)
def _parse_value(value: str, label_unit: str | None) -> _Values | None:
    """A value read as numbers with units, or None when it is text ("Wi-Fi 6", "Black")."""
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


# --- labels and keys ------------------------------------------------------------------------------

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
    import yaml

    text = files("msglint").joinpath("data", "spec_keys.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _load_synonyms(yaml.load(text, Loader=loader))


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


# --- public API ---------------------------------------------------------------------------------


def parse_spec(label: str, value: str, *, key: str | None = None) -> Spec:
    """A Spec for one label/value pair, with the value in base units when it is one quantity.

    Ranges, dimension tuples, plain numbers and anything pint cannot read stay text specs
    (magnitude None); same_spec still compares their numbers. A unit in the label applies
    to a value that names none ("Weight (kg)": "2.5" is 2.5 kg). Never raises.
    """
    label = _as_text(label)
    value = _as_text(value)
    text = value.strip()
    parsed = _parse_value(text, _label_parts(label[:MAX_LABEL])[1]) if text else None
    spec_key = key if key is not None else normalize_key(label)
    if parsed is not None and parsed.kind == "one":
        val = parsed.items[0]
        if val.unit is not None and val.dimension is not None:
            return Spec(spec_key, label, text, val.magnitude, val.unit.base, val.dimension)
    return Spec(spec_key, label, text)


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


_NUM_IN_TEXT = re.compile(
    r"(?<![\w.,])(?P<num>[-−]?\d[\d,.]*\d|[-−]?\d)"
    r"(?:\s?-?\s?(?P<unit>°\s?[CF]\b|[°º℃℉%\"″]|[^\W\d_]+(?:/[^\W\d_]+)?[23²³]?))?"
)


@lru_cache(maxsize=8192)
def _quantities_in(text: str, label_unit: str | None) -> tuple[_Val, ...]:
    """Every number in a text with its unit when one follows it ("2.5 kg (5.5 lb)")."""
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
    if e_numbers != a_numbers:
        return False
    if e_form == a_form:
        return True
    return _token_sort_ratio()(e_form, a_form, score_cutoff=threshold) >= threshold


def same_spec(
    expected: Spec, actual: Spec, *, tolerance: float = 0.01, text_threshold: float = 90.0
) -> bool:
    """Whether two sources state the same spec value.

    Quantities: same dimension and |actual - expected| <= tolerance x |expected| ("2.5 kg"
    is "5.51 lb"); ranges and dimension tuples end by end, side by side. A quantity against
    a text: the quantities the text names. Texts: normalized, equal numbers, and a
    token_sort_ratio of at least `text_threshold` ("Wi-Fi 6" is not "Wi-Fi 5").
    """
    e_magnitude, a_magnitude = _magnitude(expected), _magnitude(actual)
    if e_magnitude is not None and a_magnitude is not None:
        return _close_numbers(
            e_magnitude, expected.dimension, a_magnitude, actual.dimension, tolerance
        )
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
    return _same_text(_as_text(expected.text), _as_text(actual.text), text_threshold)


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
