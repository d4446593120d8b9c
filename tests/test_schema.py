"""The JSON Schemas, generated from the models, accept what the code accepts.

The schemas are generated at run time (see msglint.schemas), so there is no stored copy to
go stale when pydantic changes how it writes a type.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import EXAMPLE, REPO
from msglint.schemas import WHICH, generate


@pytest.mark.parametrize("which", WHICH)
def test_generated_schemas_are_valid_json_schemas(which: str) -> None:
    schema = generate(which)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")


def test_example_config_and_packs_validate() -> None:
    config_schema = generate("config")
    rules_schema = generate("rules")
    jsonschema.validate(yaml.safe_load((EXAMPLE / "msglint.yaml").read_text()), config_schema)
    for pack in [*(REPO / "rules").glob("*.yaml"), *(EXAMPLE / "rules").glob("*.yaml")]:
        jsonschema.validate(yaml.safe_load(pack.read_text()), rules_schema)


def test_schema_rejects_a_bad_kind() -> None:
    bad = {"rules": [{"id": "a.b", "kind": "nope"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, generate("rules"))


def test_schema_rejects_a_negative_tolerance() -> None:
    bad = {"rules": [{"id": "a.b", "kind": "price", "tolerance": {"absolute": -1}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, generate("rules"))


def test_schema_command_prints_each_schema(run_cli, tmp_path) -> None:
    for which in WHICH:
        result = run_cli(["schema", which], tmp_path)
        assert result.exit_code == 0
        assert json.loads(result.stdout) == generate(which)
    assert run_cli(["schema", "nope"], tmp_path).exit_code == 2
