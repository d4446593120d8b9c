"""Spec normalizer: cases as data under fixtures/specs/, one runner per file.

keys.yml (label -> key), parse.yml (value -> magnitude, unit, dimension), same.yml (pairs
and the expected answer with its reason), describe.yml (messages) and hostile.yml (input
that must not raise). The pint traps of shared/MEASUREMENTS.md each have a case.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from msglint.model import Spec
from msglint.values import specs
from msglint.values.specs import describe, keys, normalize_key, parse_spec, quantities, same_spec

CASES = Path(__file__).parent / "fixtures" / "specs"


def cases(name: str) -> list[Any]:
    data = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    return [
        pytest.param(case, id=f"{i}:{case.get('value', case.get('label', ''))!s:.40}")
        for i, case in enumerate(data)
    ]


def side(written: str | list[str]) -> Spec:
    """A fixture side: a value, or [label, value] when the label carries a unit."""
    label, value = written if isinstance(written, list) else ["Spec", written]
    return parse_spec(label, value)


@pytest.mark.parametrize("case", cases("keys.yml"))
def test_normalize_key(case: dict[str, Any]) -> None:
    assert normalize_key(case["label"]) == case["key"], case.get("why")


@pytest.mark.parametrize("case", cases("parse.yml"))
def test_parse_spec(case: dict[str, Any]) -> None:
    spec = parse_spec(case.get("label", "Spec"), case["value"])
    assert spec.text == case["value"].strip()
    if case["magnitude"] is None:
        assert (spec.magnitude, spec.unit, spec.dimension) == (None, None, None), case.get("why")
        return
    assert spec.magnitude == pytest.approx(float(case["magnitude"]), rel=1e-9), case.get("why")
    assert spec.unit == case["unit"]
    assert spec.dimension == case["dimension"]


def same_case_id(case: dict[str, Any]) -> str:
    return f"{case['expected']}|{case['actual']}"


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=same_case_id(c)) for c in yaml.safe_load((CASES / "same.yml").read_text())],
)
def test_same_spec(case: dict[str, Any]) -> None:
    options = {k: case[k] for k in ("tolerance", "text_threshold") if k in case}
    expected, actual = side(case["expected"]), side(case["actual"])
    assert same_spec(expected, actual, **options) is case["same"], case["why"]


@pytest.mark.parametrize("case", cases("describe.yml"))
def test_describe(case: dict[str, Any]) -> None:
    like = side(case["like"]) if "like" in case else None
    assert describe(side(case["spec"]), like=like) == case["text"], case.get("why")


HOSTILE_OTHERS = ["2.5 kg", "10-20 W", "30 x 20 x 5 cm", "Black", "", "1920x1080", "25 °C"]


@pytest.mark.parametrize("case", cases("hostile.yml"))
def test_hostile_input_never_raises(case: dict[str, Any]) -> None:
    label = case.get("label", "Weight")
    spec = parse_spec(label, case["value"])
    normalize_key(case["value"])
    if case["magnitude"] is None:
        assert spec.magnitude is None
    else:
        assert spec.magnitude == pytest.approx(case["magnitude"])
    for other in HOSTILE_OTHERS:
        ref = parse_spec("Weight", other)
        assert isinstance(same_spec(ref, spec), bool)
        assert isinstance(same_spec(spec, ref), bool)
        assert isinstance(describe(spec, like=ref), str)
        assert isinstance(describe(ref, like=spec), str)


def test_huge_values_are_bounded_and_still_compared_as_text() -> None:
    big = "2.5 kg " + "x" * 1_000_000
    spec = parse_spec("Weight " * 100_000, big)
    assert spec.magnitude is None and spec.text == big.strip()
    assert len(spec.key) <= specs.MAX_LABEL
    assert same_spec(parse_spec("Weight", "2.5 kg"), spec)  # the text's first 500 characters
    assert not same_spec(parse_spec("Weight", "3 kg"), spec)
    assert same_spec(spec, parse_spec("Weight", big))


def test_values_that_are_not_strings() -> None:
    assert parse_spec("Weight", 2.5).text == "2.5"  # type: ignore[arg-type]
    assert parse_spec("Weight (kg)", 2.5).magnitude == 2.5  # type: ignore[arg-type]
    assert parse_spec(None, None).text == ""  # type: ignore[arg-type]
    assert normalize_key(None) == ""  # type: ignore[arg-type]


def test_specs_built_elsewhere_compare_by_their_fields() -> None:
    mass = Spec("weight", "Weight", "about two and a half kilos", 2.5, "kilogram", "[mass]")
    assert same_spec(mass, parse_spec("Weight", "5.51 lb"))
    broken = Spec("weight", "Weight", "2.5 kg", float("nan"), "kilogram", "[mass]")
    assert same_spec(broken, parse_spec("Weight", "2.5 kg"))  # falls back to the text
    assert describe(parse_spec("Weight", "5.51 lb"), like=mass) == "5.51 lb (2.50 kilogram)"


def test_explicit_key_wins() -> None:
    spec = parse_spec("Gewicht", "2 kg", key="weight")
    assert spec.key == "weight" and spec.label == "Gewicht" and spec.dimension == "[mass]"


def test_shipped_table_has_each_label_under_one_key() -> None:
    table = keys._synonyms()
    raw: dict = {}
    for name in keys.TABLES:  # English, then de/fr/es/it/nl: one label, one key, across both
        folder = Path(specs.__file__).parents[2] / "data"
        raw.update(yaml.safe_load((folder / name).read_text(encoding="utf-8")))
    for key in raw:
        assert normalize_key(key) == key, f"canonical key {key!r} must map to itself"
        assert key == "-".join(key.split("-")) and key == key.lower()
    assert set(table.values()) == set(raw)


def test_table_refuses_a_label_under_two_keys() -> None:
    with pytest.raises(ValueError, match=r"'Wt\.' is listed under 'weight' and 'width'"):
        keys._load_synonyms({"weight": ["wt"], "width": ["Wt."]})


def test_parse_results_are_cached() -> None:
    parse_spec("Weight", "7.25 kg")
    hits = quantities._parse_value_in.cache_info().hits
    parse_spec("Item weight", "7.25 kg")
    assert quantities._parse_value_in.cache_info().hits == hits + 1


def test_import_does_not_load_pint_and_text_values_never_do() -> None:
    code = (
        "import sys; from msglint.values.specs import parse_spec, same_spec, normalize_key;"
        "assert 'pint' not in sys.modules;"
        "a = parse_spec('Colour', 'Black'); b = parse_spec('Colour:', 'black');"
        "assert same_spec(a, b) and normalize_key('Wt.') == 'weight';"
        "assert 'pint' not in sys.modules;"
        "assert parse_spec('Weight', '2 kg').magnitude == 2.0 and 'pint' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_magnitudes_are_finite_floats() -> None:
    for value in ("2.5 kg", "1,299 g", "10 000 mAh", "-20 °C", "40 dB"):
        spec = parse_spec("x", value)
        assert isinstance(spec.magnitude, float) and math.isfinite(spec.magnitude)


def test_project_spec_keys_add_and_override_synonyms() -> None:
    from msglint.values.specs.keys import use_spec_keys

    assert normalize_key("Qmax") == "qmax"
    try:
        use_spec_keys({"flow-rate": ["Qmax", "Förderstrom"], "head": ["Hmax"]})
        assert normalize_key("Qmax (l/h)") == "flow-rate"
        assert normalize_key("Förderstrom") == "flow-rate"
        assert normalize_key("Hmax") == "head"
        use_spec_keys({"shipping-weight": ["Gewicht"]})  # moves a shipped label
        assert normalize_key("Gewicht") == "shipping-weight"
        assert normalize_key("Weight") == "weight"
    finally:
        use_spec_keys(None)
    assert normalize_key("Qmax") == "qmax" and normalize_key("Gewicht") == "weight"


def test_spec_keys_in_config_and_packs_reach_the_run(tmp_path, run_cli) -> None:
    import json

    (tmp_path / "brand").mkdir()
    (tmp_path / "partner").mkdir()
    (tmp_path / "brand" / "catalog.csv").write_text("SKU;Name;Qmax\nVT-1;Pump One;3000 l/h\n")
    (tmp_path / "partner" / "catalog.csv").write_text(
        "SKU;Name;Durchsatz\nVT-1;Pump One;2500 l/h\n"
    )
    (tmp_path / "pack.yaml").write_text("spec_keys:\n  flow-rate: [Durchsatz]\nrules: []\n")
    (tmp_path / "msglint.yaml").write_text(
        "sources:\n"
        "  - {name: brand, role: reference, paths: [brand/catalog.csv]}\n"
        "  - {name: partner, role: partner, paths: [partner/catalog.csv]}\n"
        "packs: [consistency, pack.yaml]\n"
        "spec_keys:\n  flow-rate: [Qmax]\n"
    )
    result = run_cli(["check", "-f", "json", "--fail-on", "never"], tmp_path)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["message"]) for f in found] == [
        ("msglint.spec-mismatch", "Qmax of 'Pump One' is 2500 l/h; the reference says 3000 l/h.")
    ]


def test_dots_group_thousands_on_a_page_that_writes_decimal_commas() -> None:
    """ "Akku: 5.000 mAh" on a German page is 5,000 mAh; on an English page it stays 5."""
    brand, german = parse_spec("Battery", "5000 mAh"), parse_spec("Akku", "5.000 mAh")
    assert same_spec(brand, german, commas=(False, True))
    assert not same_spec(brand, german, commas=(False, False))
    assert not same_spec(parse_spec("Battery", "4000 mAh"), german, commas=(False, True))
    assert same_spec(
        parse_spec("Weight", "1.5 kg"), parse_spec("Gewicht", "1,5 kg"), commas=(False, True)
    )
