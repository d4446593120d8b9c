"""Identifier cases as data: GTINs, SKU/MPN normalization and model codes mined from names.

Each file under fixtures/identifiers/ holds named cases: `gtin.yml` (code -> normalized
GTIN-14 or null), `codes.yml` (code -> normalized SKU/MPN or null), `model_codes.yml`
(text -> codes in order).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from msglint.values.identifiers import model_codes, normalize_code, normalize_gtin, valid_gtin

CASES_DIR = Path(__file__).parent / "fixtures" / "identifiers"


def cases(name: str) -> list[Any]:
    data = yaml.safe_load((CASES_DIR / name).read_text(encoding="utf-8"))
    return [pytest.param(case, id=key) for key, case in data.items()]


@pytest.mark.parametrize("case", cases("gtin.yml"))
def test_gtin(case: dict[str, Any]) -> None:
    assert normalize_gtin(case["code"]) == case["gtin"]
    assert valid_gtin(case["code"]) is (case["gtin"] is not None)


@pytest.mark.parametrize("case", cases("codes.yml"))
def test_normalize_code(case: dict[str, Any]) -> None:
    assert normalize_code(case["code"]) == case["expected"]


@pytest.mark.parametrize("case", cases("model_codes.yml"))
def test_model_codes(case: dict[str, Any]) -> None:
    assert list(model_codes(case["text"])) == [str(c) for c in case["codes"]]


@pytest.mark.parametrize("bad", [None, 12345, b"AX5400", ["AX5400"]])
def test_hostile_input_never_raises(bad: Any) -> None:
    assert normalize_gtin(bad) is None
    assert normalize_code(bad) is None
    assert model_codes(bad) == ()


def test_huge_text_is_bounded() -> None:
    text = "Acme AX5400 Router " + "filler " * 200_000 + "ZZ9999"
    assert model_codes(text) == ("AX5400",)
