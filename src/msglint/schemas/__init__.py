"""JSON Schemas for msglint.yaml, rule files and reference bundles, generated from the models.

The schemas are generated on demand (`msglint schema config|rules|bundle`) and never stored
in the repository: a stored copy compared byte for byte with a fresh one breaks whenever
pydantic changes how it writes a type (2.14 stopped writing a `pattern` for Decimal fields),
and then a fresh machine's test run is red for no fault of the code. Editors take the
printed schema (`msglint schema config > config.schema.json`).
"""

from __future__ import annotations

from typing import Any

WHICH = ("config", "rules", "bundle")


def generate(which: str) -> dict[str, Any]:
    """The JSON Schema of `which` ("config", "rules" or "bundle")."""
    if which == "config":
        from msglint.config import Config

        schema = Config.model_json_schema()
        schema["title"] = "msglint configuration (msglint.yaml)"
    elif which == "bundle":
        from msglint.bundle import Bundle

        schema = Bundle.model_json_schema()
        schema["title"] = "msglint reference bundle (msglint reference export)"
    elif which == "rules":
        from msglint.packs import RuleFile

        schema = RuleFile.model_json_schema()
        schema["title"] = "msglint rule pack"
    else:
        raise ValueError(f"no schema named {which!r}; choose one of: {', '.join(WHICH)}")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
