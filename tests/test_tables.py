"""The lexical tables shipped in msglint/data: every word is a string and every number a
number (YAML reads an unquoted `no`, `off` or `on` as a boolean, which would silently drop a
word), and they load."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import pytest

from msglint.text import tables

DATA = files("msglint").joinpath("data")
NAMES = sorted(p.name for p in DATA.iterdir() if p.name.endswith((".yaml", ".json")))


def _leaves(value: Any, path: str) -> list[str]:
    """Paths of keys and leaves that are not strings."""
    bad = []
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                bad.append(f"{path}: key {key!r}")
            bad += _leaves(item, f"{path}/{key}")
    elif isinstance(value, list):
        for item in value:
            bad += _leaves(item, path)
    elif isinstance(value, bool) or not isinstance(value, str | int):
        bad.append(f"{path}: {value!r}")
    return bad


@pytest.mark.parametrize("name", NAMES)
def test_every_word_of_a_table_is_a_string(name: str) -> None:
    assert _leaves(tables.load(name), name) == []


def test_a_missing_table_is_a_clear_error() -> None:
    with pytest.raises(tables.TableError, match=r"'nope\.yaml' cannot be read"):
        tables.load("nope.yaml")
