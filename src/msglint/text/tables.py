"""The lexical tables shipped in `msglint/data/`: loaded once, on first use, and shared.

Words that depend on a language or an industry (spec-key synonyms, catalog header names,
currency symbols and cue words, claim vocabularies, sentence abbreviations) are data, not
code, so adding a language or an industry's synonyms is a change to a YAML or JSON file.
Each table is parsed on the first call that needs it (never at import: `msglint --help`
must stay fast) and cached for the process; the caller gets the parsed value as written,
and turns it into the structure it searches (a dict, a regex) once, in its own cache.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


class TableError(ValueError):
    """A shipped table is missing or malformed (a packaging mistake, not user input)."""


@cache
def load(name: str) -> Any:
    """The parsed content of `msglint/data/<name>` (`.yaml`/`.yml` or `.json`)."""
    try:
        text = files("msglint").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise TableError(f"msglint data table {name!r} cannot be read: {exc}") from None
    if name.endswith(".json"):
        try:
            return json.loads(text)
        except ValueError as exc:
            raise TableError(f"msglint data table {name!r} is not valid JSON: {exc}") from None
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise TableError(f"msglint data table {name!r} is not valid YAML: {exc}") from None


def words(name: str, key: str) -> tuple[str, ...]:
    """A list of words under `key` of a table, as a tuple of strings."""
    value = load(name).get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise TableError(f"msglint data table {name!r}: {key!r} must be a list of strings")
    return tuple(value)
