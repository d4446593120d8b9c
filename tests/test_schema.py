"""The shipped JSON Schemas match the models, and the example validates against them."""

from __future__ import annotations

import json

import jsonschema
import yaml

from conftest import EXAMPLE, REPO
from msglint.schemas import FILES, generate


def test_shipped_schemas_are_up_to_date() -> None:
    for which, path in FILES.items():
        shipped = json.loads(path.read_text(encoding="utf-8"))
        assert shipped == generate(which), (
            f"{path.name} is stale: run python -c "
            "'from msglint.schemas import write_all; write_all()'"
        )


def test_example_config_and_packs_validate() -> None:
    config_schema = json.loads(FILES["config"].read_text())
    rules_schema = json.loads(FILES["rules"].read_text())
    jsonschema.validate(yaml.safe_load((EXAMPLE / "msglint.yaml").read_text()), config_schema)
    for pack in [*(REPO / "rules").glob("*.yaml"), *(EXAMPLE / "rules").glob("*.yaml")]:
        jsonschema.validate(yaml.safe_load(pack.read_text()), rules_schema)


def test_schema_rejects_a_bad_kind() -> None:
    rules_schema = json.loads(FILES["rules"].read_text())
    bad = {"rules": [{"id": "a.b", "kind": "nope"}]}
    try:
        jsonschema.validate(bad, rules_schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an unknown rule kind")
