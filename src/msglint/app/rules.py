"""`msglint rules list|explain`: the rules a config turns on, and what each one checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msglint.checks.pack import Pack
from msglint.checks.registry import BUILTINS, KINDS
from msglint.errors import UsageError


@dataclass(frozen=True)
class RuleRow:
    """One line of `msglint rules list`."""

    id: str
    kind: str
    level: str
    description: str


def packs_for(config: Path | None, cwd: Path) -> list[Pack]:
    """The packs of the config (`--config`, else the nearest), or the shipped packs."""
    from msglint.config import discover, load
    from msglint.packs import load_all, load_file, shipped_packs

    path = config or discover(cwd)
    if path is None:
        return [load_file(p) for p in shipped_packs().values()]
    return load_all(load(path))


def rows(packs: list[Pack]) -> list[RuleRow]:
    """Every rule of the packs, the rules a pack cannot run, and msglint's own rules."""
    out = []
    for pack in packs:
        for rule in pack.rules:
            out.append(RuleRow(rule.id, rule.kind, rule.level.value, rule.description or ""))
        for rule_id, reason in pack.unsupported.items():
            out.append(RuleRow(rule_id, "unsupported", "-", reason))
    for builtin in BUILTINS.values():
        out.append(RuleRow(builtin.id, "builtin", builtin.level.value, builtin.summary()))
    return out


def explain(rule_id: str, config: Path | None, cwd: Path) -> str:
    """Markdown that explains a rule id, a msglint rule or a rule kind (the config's packs
    are loaded only for a rule id of theirs)."""
    if rule_id in KINDS:
        return f"# {rule_id}\n\n" + KINDS[rule_id].explain()
    if rule_id in BUILTINS:
        builtin = BUILTINS[rule_id]
        return (
            f"# {rule_id}\n\n*msglint's own rule*, level **{builtin.level.value}**\n\n"
            + builtin.explain()
        )
    for pack in packs_for(config, cwd):
        for rule in pack.rules:
            if rule.id == rule_id:
                return _rule_markdown(rule)
    raise UsageError(
        f"no rule '{rule_id}' in the loaded packs; 'msglint rules list' shows them, and "
        f"the rule kinds are: {', '.join(KINDS)}"
    )


def _rule_markdown(rule: Any) -> str:
    lines = [f"# {rule.id}", "", f"*{rule.kind}*, level **{rule.level.value}**"]
    if getattr(rule, "vale_message", None):
        lines += ["", f"Message: {rule.vale_message}"]
    if rule.description:
        lines += ["", rule.description]
    if rule.link:
        lines += ["", f"See: {rule.link}"]
    if rule.origin:
        lines += ["", f"Defined in `{rule.origin}`."]
    lines += ["", "---", "", f"## The `{rule.kind}` rule kind", "", type(rule).explain()]
    return "\n".join(lines)
