"""Rule packs: YAML files of rule definitions, shipped with msglint or written by the user.

A pack file holds `rules:` (a list of rule definitions) with optional `pack:` (the
namespace for ids written without one) and `description:`. A file whose top level has a
`kind:` is a single rule. A folder is every `*.yaml`/`*.yml` file in it, in name order.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from msglint import packcache
from msglint.checks.pack import Pack
from msglint.checks.registry import KINDS, AnyRule
from msglint.config import is_disabled
from msglint.errors import ConfigError, Problem
from msglint.strict import StrictModel
from msglint.yamlsource import (
    Positions,
    load_yaml,
    register_union_tags,
    validation_problems,
)

register_union_tags(list(KINDS))


class RuleFile(StrictModel):
    """The shape of a rule pack file (its JSON Schema is shipped for editors)."""

    pack: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    description: str | None = None
    rules: list[AnyRule] = Field(default_factory=list)
    spec_keys: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Spec synonyms the pack adds: canonical key -> labels (as in msglint.yaml).",
    )


def shipped_dir() -> Path:
    """Where the packs shipped with msglint live (installed, or in a source checkout)."""
    installed = files("msglint") / "_packs"
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[2] / "rules"


def shipped_packs() -> dict[str, Path]:
    """Shipped pack names -> files."""
    folder = shipped_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def load_file(path: Path, cache: Path | None = None) -> Pack:
    """Load and prepare one pack file; every mistake is reported with line and column.

    With a `cache` folder, rules take what they prepared in an earlier run of the same
    pack text from it, and keep what they prepare now (msglint.packcache)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read rule file: {exc}") from None
    data, positions = load_yaml(text, path)
    if data is None:
        return Pack(name=path.stem, path=path, description=None)
    if not isinstance(data, dict):
        raise ConfigError(path, "a rule file must be a mapping with 'rules:' (or one rule)")
    base: tuple[Any, ...] = ()
    if "kind" in data:  # a file holding a single rule
        data = {"rules": [data]}
        positions = {("rules", 0, *k): v for k, v in positions.items()}
    _check_kinds(data, positions, path)
    pack_name = data.get("pack") or path.stem
    for rule in data.get("rules") or []:
        if isinstance(rule, dict) and isinstance(rule.get("id"), str) and "." not in rule["id"]:
            rule["id"] = f"{pack_name}.{rule['id']}"
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(path, validation_problems(exc, positions, base)) from None
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    pack_key = packcache.key(text) if cache is not None else ""
    kept = packcache.read(cache, pack_key) if cache is not None else {}
    new: dict[str, Any] = {}
    for index, rule in enumerate(parsed.rules):
        line, column = positions.get(("rules", index), (None, None))
        if rule.id in seen:
            problems.append(Problem(f"rule id '{rule.id}' is defined twice", line, column))
        seen[rule.id] = index
        rule.origin = f"{path}:{line}" if line else str(path)
        state = kept.get(rule.id)
        reused = state is not None and rule.use_prepared(state)
        try:
            rule.prepare()
        except (ValueError, LookupError) as exc:
            problems.append(Problem(f"rule '{rule.id}': {exc}", line, column))
        if not reused:
            fresh = rule.prepared_state()
            if fresh is not None:
                new[rule.id] = fresh
    if problems:
        raise ConfigError(path, problems)
    if new:
        packcache.write(cache, pack_key, {**kept, **new})
    return Pack(
        name=pack_name,
        path=path,
        description=parsed.description,
        rules=parsed.rules,
        spec_keys=parsed.spec_keys,
    )


def _check_kinds(data: dict[str, Any], positions: Positions, path: Path) -> None:
    """Name the allowed kinds when one is missing or unknown (clearer than pydantic's tag error)."""
    rules = data.get("rules")
    if rules is None:
        return
    if not isinstance(rules, list):
        line, col = positions.get(("rules",), (None, None))
        raise ConfigError(path, [Problem("'rules' must be a list of rule definitions", line, col)])
    allowed = ", ".join(KINDS)
    problems = []
    for index, rule in enumerate(rules):
        line, col = positions.get(("rules", index), (None, None))
        if not isinstance(rule, dict):
            problems.append(Problem(f"rules.{index}: a rule must be a mapping", line, col))
            continue
        kind = rule.get("kind")
        if kind is None:
            problems.append(
                Problem(f"rules.{index}: missing 'kind'; allowed: {allowed}", line, col)
            )
        elif kind not in KINDS:
            line, col = positions.get(("rules", index, "kind"), (line, col))
            problems.append(
                Problem(f"rules.{index}: unknown rule kind '{kind}'; allowed: {allowed}", line, col)
            )
    if problems:
        raise ConfigError(path, problems)


def resolve_pack(entry: str, root: Path) -> list[Path]:
    """The files a `packs:` entry names: a shipped pack, a file, or a folder of files."""
    local = (root / entry).resolve()
    if local.is_dir():
        found = sorted([*local.glob("*.yaml"), *local.glob("*.yml")])
        return found
    if local.is_file():
        return [local]
    shipped = shipped_packs()
    if entry in shipped:
        return [shipped[entry]]
    names = ", ".join(shipped) or "none"
    raise ConfigError(
        None,
        f"rule pack '{entry}' is neither a file or folder under {root} nor a shipped pack "
        f"(shipped packs: {names})",
    )


def load_packs(
    entries: list[str], root: Path, disable: list[str] | None = None, cache: Path | None = None
) -> list[Pack]:
    """Load every pack a config names; rule ids must be unique across all of them (with
    `cache`, prepared rules are kept there: `load_file`)."""
    packs: list[Pack] = []
    owners: dict[str, Path] = {}
    for entry in entries:
        for path in resolve_pack(entry, root):
            pack = load_file(path, cache)
            for rule in pack.rules:
                if rule.id in owners:
                    raise ConfigError(
                        path, f"rule id '{rule.id}' is already defined in {owners[rule.id]}"
                    )
                owners[rule.id] = path
            packs.append(pack)
    if disable:
        for pack in packs:
            pack.rules = [r for r in pack.rules if not is_disabled(r.id, disable)]
    return packs


def load_all(loaded: Any) -> list[Pack]:
    """Every pack a config turns on: its `packs`, then its Vale styles (`vale:`), with the
    rules its `disable` list names left out."""
    config = loaded.config
    history = config.history
    kept_beside = (
        loaded.root / history.path if history.enabled and loaded.path is not None else None
    )
    cache = packcache.folder_for(kept_beside)
    packs = load_packs(config.packs, loaded.root, cache=cache)
    unknown = _unknown_disabled(loaded, packs)
    for pack in packs:
        pack.rules = [r for r in pack.rules if not is_disabled(r.id, config.disable)]
    if config.vale is not None:
        from msglint import vale

        for pack in vale.load(config.vale, loaded.root):
            unknown = [u for u in unknown if not any(_names(u[0], r.id) for r in pack.rules)]
            pack.rules = [r for r in pack.rules if not is_disabled(r.id, config.disable)]
            packs.append(pack)
    if unknown and packs:
        packs[0].warnings.extend(message for _, message in unknown)
    return packs


def _names(entry: str, rule_id: str) -> bool:
    return is_disabled(rule_id, [entry])


def _unknown_disabled(loaded: Any, packs: list[Pack]) -> list[tuple[str, str]]:
    """(entry, warning) for each `disable` entry that names no rule of the packs and none
    of msglint's own: a typo there silently switches nothing off."""
    from msglint.checks.registry import BUILTINS
    from msglint.yamlsource import position_of

    ids = [r.id for p in packs for r in p.rules] + list(BUILTINS)
    out = []
    for index, entry in enumerate(loaded.config.disable):
        if any(_names(entry, rule_id) for rule_id in ids):
            continue
        line, column = position_of(("disable", index), loaded.positions)
        where = str(loaded.path.name if loaded.path else "config")
        if line is not None:
            where += f":{line}:{column}"
        out.append(
            (
                entry,
                f"{where}: disable: {entry!r} names no loaded rule "
                "(see 'msglint rules list'); nothing is switched off by it",
            )
        )
    return out


__all__ = ["Pack", "RuleFile", "is_disabled", "load_all", "load_file", "load_packs"]
