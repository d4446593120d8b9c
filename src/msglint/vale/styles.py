"""Vale styles on disk -> prepared rules, or the reason a rule cannot run.

A style is a folder of `*.yml` rule files; the rule `Microsoft/Passive.yml` has the id
`Microsoft.Passive`. YAML is read with the project's safe loader. A rule file that does
not parse, a type msglint does not implement, or a pattern Python cannot compile makes
that rule *unsupported*: it is listed with its reason (file and line) and the other rules
still run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from msglint.errors import ConfigError
from msglint.vale.rules import TYPES, UNSUPPORTED_TYPES
from msglint.yamlsource import MAX_YAML_BYTES, load_yaml

MAX_RULES_PER_STYLE = 2000


@dataclass
class Loaded:
    """What loading styles gave: the rules, and the rules that cannot run with why."""

    rules: list[Any] = field(default_factory=list)
    unsupported: dict[str, str] = field(default_factory=dict)
    #: `sequence` rules skipped for want of a tagger (one warning names them all).
    skipped_sequence: list[str] = field(default_factory=list)
    #: What rules may read at build time (`styles_path`: where `dic`/`ignore` files are).
    env: dict[str, Any] = field(default_factory=dict)


_EXTENDS = re.compile(r"^extends\s*:", re.MULTILINE)
_FAST = getattr(yaml, "CSafeLoader", None)


def read_definition(path: Path) -> tuple[dict[str, Any], int]:
    """A rule file's mapping and the line of its `extends` key.

    libyaml's safe loader reads a style's files about ten times faster than the
    position-keeping pure-Python one (most of a run's start-up with three styles); a file
    it rejects is read again with the latter for the line and column of the mistake.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read Vale rule: {exc}") from None
    data: Any = None
    if _FAST is not None and len(text) <= MAX_YAML_BYTES:
        try:
            data = yaml.load(text, Loader=_FAST)
        except yaml.YAMLError:
            data = None
    if isinstance(data, dict):
        m = _EXTENDS.search(text)
        return data, (text.count("\n", 0, m.start()) + 1) if m else 1
    data, positions = load_yaml(text, path)
    if not isinstance(data, dict):
        raise ConfigError(path, "a Vale rule file must be a mapping (extends: ..., message: ...)")
    line = positions.get(("extends",), (1, 1))[0]
    return data, line


#: How deep a style folder is walked for rule files (Vale walks without a bound; a style
#: cloned as a repository keeps its rules one level down, in `Name/Name/`).
MAX_STYLE_DEPTH = 8


def style_files(folder: Path) -> list[tuple[str, Path]]:
    """The rule files of a style folder as Vale 3 finds them, with their rule ids: every
    `.yml` file in the folder and below it (symbolic links followed), named `<its
    folder's name>.<stem>`, and of those the style's own. So a style cloned from its
    repository (`styles/Google/Google/Colons.yml`) gives `Google.Colons`, while
    `styles/T/fixtures/x.yml` is `fixtures.x` to Vale, which no `BasedOnStyles = T`
    switches on. `.yaml` files are not rules to Vale. Where two files give one name, the
    shallower wins (Vale keeps the first its unsorted walk meets)."""
    own = f"{folder.name}."
    found: list[tuple[int, str, Path]] = []
    seen: set[Path] = set()
    stack = [(folder, 0)]
    while stack:
        here, depth = stack.pop()
        try:
            real = here.resolve()
            if real in seen:
                continue  # a symbolic link back up: walked already
            seen.add(real)
            entries = sorted(here.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                if depth < MAX_STYLE_DEPTH:
                    stack.append((entry, depth + 1))
            elif entry.suffix == ".yml" and entry.is_file():
                found.append((depth, f"{here.name}.{entry.name.split('.')[0]}", entry))
                if len(found) > MAX_RULES_PER_STYLE:
                    raise ConfigError(
                        folder, f"more than {MAX_RULES_PER_STYLE} rule files in one style"
                    )
    files: dict[str, Path] = {}
    for _, rule_id, path in sorted(found, key=lambda f: (f[0], str(f[2]))):
        if rule_id.startswith(own):
            files.setdefault(rule_id, path)
    return sorted(files.items(), key=lambda item: str(item[1]))


def load_style(
    folder: Path,
    loaded: Loaded,
    accepted: list[str] | None = None,
    definitions: dict[str, tuple[dict[str, Any], str]] | None = None,
    only: set[str] | None = None,
) -> None:
    """Add the rules of the style `folder` (named after the folder) to `loaded`: all of
    them, or the ids in `only` (rules switched on in a style no section is based on)."""
    if not folder.is_dir():
        raise ConfigError(folder, "Vale style folder not found")
    defs = definitions if definitions is not None else {}
    pending = []
    for rule_id, path in style_files(folder):
        try:
            data, line = read_definition(path)
        except ConfigError as exc:
            if only is None or rule_id in only:
                loaded.unsupported[rule_id] = str(exc)
            continue
        defs[rule_id] = (data, f"{path}:{line}")
        if only is None or rule_id in only:
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


def add_rule(
    rule_id: str,
    data: dict[str, Any],
    origin: str,
    loaded: Loaded,
    accepted: list[str] | None,
    defs: dict[str, tuple[dict[str, Any], str]],
) -> None:
    """Build one rule into `loaded`, or record why it cannot run."""
    from msglint.vale.rule import ValeRule

    try:
        data = _inherit(rule_id, data, defs)
    except ValueError as exc:
        loaded.unsupported[rule_id] = f"{origin}: {exc}"
        return
    kind = data.get("extends")
    if kind == "sequence":
        loaded.skipped_sequence.append(rule_id)
    if kind in UNSUPPORTED_TYPES:
        loaded.unsupported[rule_id] = UNSUPPORTED_TYPES[str(kind)]
        return
    if str(kind) not in TYPES:
        known = ", ".join([*TYPES, *UNSUPPORTED_TYPES])
        loaded.unsupported[rule_id] = (
            f"{origin}: 'extends: {kind}' is not a Vale rule type ({known})"
        )
        return
    try:
        loaded.rules.append(ValeRule.build(rule_id, data, origin, accepted, loaded.env))
    except ValueError as exc:
        loaded.unsupported[rule_id] = f"{origin}: {exc}"
