"""Specifications: label -> canonical key, value -> quantity, and unit-aware comparison.

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

The jobs are in modules of their own: `units` (written unit -> pint unit), `quantities`
(values -> numbers in base units), `keys` (labels -> canonical keys) and `compare`
(`same_spec`, `describe`).
"""

from __future__ import annotations

from msglint.model import Location, Spec
from msglint.values.specs.compare import TEMPERATURE_SPAN_K, describe, same_spec
from msglint.values.specs.keys import MAX_LABEL, _as_text, _label_parts, normalize_key
from msglint.values.specs.quantities import MAX_TEXT, MAX_VALUE, _parse_value, decimal_comma
from msglint.values.specs.units import unit_registry

__all__ = [
    "MAX_LABEL",
    "MAX_TEXT",
    "MAX_VALUE",
    "TEMPERATURE_SPAN_K",
    "decimal_comma",
    "describe",
    "normalize_key",
    "parse_spec",
    "same_spec",
    "unit_registry",
]


def parse_spec(
    label: str, value: str, *, key: str | None = None, where: Location | None = None
) -> Spec:
    """A Spec for one label/value pair, with the value in base units when it is one quantity.

    Ranges, dimension tuples, plain numbers and anything pint cannot read stay text specs
    (magnitude None); same_spec still compares their numbers. A unit in the label applies
    to a value that names none ("Weight (kg)": "2.5" is 2.5 kg). `where` is the evidence
    the Spec carries. Never raises.
    """
    label = _as_text(label)
    value = _as_text(value)
    text = value.strip()
    parsed = _parse_value(text, _label_parts(label[:MAX_LABEL])[1]) if text else None
    spec_key = key if key is not None else normalize_key(label)
    if parsed is not None and parsed.kind == "one":
        val = parsed.items[0]
        if val.unit is not None and val.dimension is not None:
            return Spec(spec_key, label, text, val.magnitude, val.unit.base, val.dimension, where)
    return Spec(spec_key, label, text, where=where)
