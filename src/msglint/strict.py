"""A pydantic base for user-written YAML: unknown fields are errors that list the allowed ones."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


class StrictModel(BaseModel):
    """Rejects unknown keys with a message naming every allowed key (typos are common)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False)

    @model_validator(mode="before")
    @classmethod
    def _reject_unknown(cls, data: Any) -> Any:
        if isinstance(data, dict):
            allowed = set()
            for name, field in cls.model_fields.items():
                allowed.add(field.alias or name)
            unknown = [k for k in data if k not in allowed]
            if unknown:
                names = ", ".join(sorted(allowed))
                raise ValueError(f"unknown field '{unknown[0]}'; allowed fields: {names}")
        return data
