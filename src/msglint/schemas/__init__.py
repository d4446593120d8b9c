"""JSON Schemas for msglint.yaml and rule files, generated from the pydantic models.

The generated files are shipped next to this module (`config.schema.json`,
`rules.schema.json`) so editors can validate against them; a test keeps them in sync with
the models, so the schema can never describe a format the code does not accept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
FILES = {
    "config": HERE / "config.schema.json",
    "rules": HERE / "rules.schema.json",
    "bundle": HERE / "bundle.schema.json",
}


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
    else:
        from msglint.packs import RuleFile

        schema = RuleFile.model_json_schema()
        schema["title"] = "msglint rule pack"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def write_all() -> None:
    """Regenerate the shipped schema files after changing a model:
    `python -c "from msglint.schemas import write_all; write_all()"`.
    """
    import json

    for which, path in FILES.items():
        path.write_text(json.dumps(generate(which), indent=2) + "\n", encoding="utf-8")
