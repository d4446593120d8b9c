"""Unit strings as spec sheets write them -> pint units, resolved once and cached.

pint alone misreads product-page units in ways that would turn into false findings (see
shared/MEASUREMENTS.md): "12 MP" is twelve megapoise, "fps" feet per second, "mb" a
millibarn, "5 pcs" five parsecs. So unit strings go through a small alias table (sloppy
cases, inch marks, traps) and then pint, and a parsed unit is accepted only when all its
parts are units that occur on spec sheets (an allow-list of unit roots and prefixes), so
prefix accidents like "attoday" are refused. `import pint` and the registry (about 0.4 s
together) happen on the first value that has a unit, never at import.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import pint


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
    # durations in German, French, Spanish, Italian and Dutch ("2 Jahre", "24 mois")
    **dict.fromkeys(("jahr", "jahre", "jahren", "an", "ans", "année", "années", "annee", "annees",
                     "año", "años", "ano", "anos", "anno", "anni", "jaar"), "year"),
    **dict.fromkeys(("monat", "monate", "monaten", "mois", "mes", "meses", "mese", "mesi",
                     "maand", "maanden"), "month"),
    **dict.fromkeys(("woche", "wochen", "semaine", "semaines", "semana", "semanas",
                     "settimana", "settimane", "week", "weken"), "week"),
    **dict.fromkeys(("tag", "tage", "tagen", "jour", "jours", "día", "días", "dia", "dias",
                     "giorno", "giorni", "dag", "dagen"), "day"),
    **dict.fromkeys(("stunde", "stunden", "std", "heure", "heures", "hora", "horas", "ora",
                     "ore", "uur"), "hour"),
}  # fmt: skip


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
