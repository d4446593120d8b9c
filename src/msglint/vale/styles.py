"""Vale styles on disk -> prepared rules, or the reason a rule cannot run.

A style is a folder of `*.yml` rule files; the rule `Microsoft/Passive.yml` has the id
`Microsoft.Passive`. YAML is read with the project's safe loader, so a broken file is
reported with file, line and column. A rule whose type msglint does not implement, or
whose pattern Python cannot compile, is *unsupported*: it is listed with its reason and
the other rules still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msglint.errors import ConfigError
from msglint.vale.rules import TYPES, UNSUPPORTED_TYPES, ValeRule
from msglint.yamlsource import load_yaml

MAX_RULES_PER_STYLE = 2000


@dataclass
class Loaded:
    """What loading styles gave: the rules, and the rules that cannot run with why."""

    rules: list[ValeRule] = field(default_factory=list)
    unsupported: dict[str, str] = field(default_factory=dict)
    #: `sequence` rules skipped for want of a tagger (one warning names them all).
    skipped_sequence: list[str] = field(default_factory=list)


def read_definition(path: Path) -> tuple[dict[str, Any], int]:
    """A rule file's mapping and the line of its `extends` key."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read Vale rule: {exc}") from None
    data, positions = load_yaml(text, path)
    if not isinstance(data, dict):
        raise ConfigError(path, "a Vale rule file must be a mapping (extends: ..., message: ...)")
    line = positions.get(("extends",), (1, 1))[0]
    return data, line


def style_files(folder: Path) -> list[Path]:
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    if len(files) > MAX_RULES_PER_STYLE:
        raise ConfigError(folder, f"more than {MAX_RULES_PER_STYLE} rule files in one style")
    return files


def load_style(
    folder: Path,
    loaded: Loaded,
    accepted: list[str] | None = None,
    definitions: dict[str, tuple[dict[str, Any], str]] | None = None,
) -> None:
    """Add every rule of the style `folder` (named after the folder) to `loaded`."""
    if not folder.is_dir():
        raise ConfigError(folder, "Vale style folder not found")
    style = folder.name
    defs = definitions if definitions is not None else {}
    pending = []
    for path in style_files(folder):
        data, line = read_definition(path)
        rule_id = f"{style}.{path.stem}"
        defs[rule_id] = (data, f"{path}:{line}")
        pending.append(rule_id)
    for rule_id in pending:
        data, origin = defs[rule_id]
        add_rule(rule_id, data, origin, loaded, accepted, defs)


def _inherit(
    rule_id: str, data: dict[str, Any], defs: dict[str, tuple[dict[str, Any], str]]
) -> dict[str, Any]:
    """`extends: Style.Rule`: the parent's definition with this rule's keys on top."""
    seen = {rule_id}
    merged = dict(data)
    while True:
        parent = merged.get("extends")
        if not isinstance(parent, str) or "." not in parent:
            return merged
        if parent in seen or parent not in defs:
            raise ValueError(f"extends '{parent}': no such rule loaded (or a cycle)")
        seen.add(parent)
        merged = {**defs[parent][0], **{k: v for k, v in merged.items() if k != "extends"}}
        merged["extends"] = defs[parent][0].get("extends")


def _sequence_reason() -> str:
    """Why a sequence rule is skipped: no tagger, or (with one) not implemented yet."""
    import importlib.util

    if importlib.util.find_spec("en_core_web_sm") is None:
        return UNSUPPORTED_TYPES["sequence"]
    return "sequence rules are not implemented yet (a spaCy tagger is installed)"


def add_rule(
    rule_id: str,
    data: dict[str, Any],
    origin: str,
    loaded: Loaded,
    accepted: list[str] | None,
    defs: dict[str, tuple[dict[str, Any], str]],
) -> None:
    """Build one rule into `loaded`, or record why it cannot run."""
    try:
        data = _inherit(rule_id, data, defs)
    except ValueError as exc:
        loaded.unsupported[rule_id] = str(exc)
        return
    kind = data.get("extends")
    if kind == "sequence":
        loaded.skipped_sequence.append(rule_id)
        loaded.unsupported[rule_id] = _sequence_reason()
        return
    if kind in UNSUPPORTED_TYPES:
        loaded.unsupported[rule_id] = UNSUPPORTED_TYPES[str(kind)]
        return
    cls = TYPES.get(str(kind))
    if cls is None:
        known = ", ".join([*TYPES, *UNSUPPORTED_TYPES])
        loaded.unsupported[rule_id] = f"'extends: {kind}' is not a Vale rule type ({known})"
        return
    try:
        loaded.rules.append(cls.build(rule_id, data, origin, accepted))
    except ValueError as exc:
        loaded.unsupported[rule_id] = f"{origin}: {exc}"
