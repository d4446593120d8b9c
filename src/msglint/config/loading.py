"""Finding and reading the config: discovery (nearest file wins, like ruff), validation.

`msglint.yaml` (or `.msglint.yaml`, or `[tool.msglint]` in `pyproject.toml`) is searched
from the working directory upwards; `--config` names one explicitly. Paths inside the
config are relative to the directory that holds it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msglint.config.models import CONFIG_NAMES, Config, SourceConfig, ValeConfig
from msglint.errors import ConfigError
from msglint.model import Role
from msglint.yamlsource import load_yaml, validate, validation_problems


@dataclass
class LoadedConfig:
    """A validated config plus where it came from (for relative paths and for `-v`)."""

    config: Config
    root: Path
    path: Path | None
    origin: str
    raw: dict[str, Any] = field(default_factory=dict)
    #: Where each YAML node sits (file:line:col for warnings found after validation).
    positions: dict[Any, tuple[int, int]] = field(default_factory=dict)
    #: Said once per run on stderr: settings that are valid but probably not meant.
    warnings: list[str] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """A short digest of the settings that shape a report, so two reports can be compared.

        Settings left at their defaults are left out, so adding a setting to msglint does
        not change the digest of configs that do not use it; where the history is kept does
        not change a report either.
        """
        settings = self.config.model_dump(mode="json", exclude_defaults=True, exclude={"history"})
        blob = json.dumps(settings, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def is_disabled(rule_id: str, disable: list[str]) -> bool:
    """Whether the config's `disable` list names this rule id, or a prefix of it ending in '.'."""
    return any(rule_id == d or (d.endswith(".") and rule_id.startswith(d)) for d in disable)


def discover(start: Path) -> Path | None:
    """The nearest config file at or above `start`, or None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml means to configure msglint. Matched loosely on the bytes
    ("[ tool.msglint", '[tool."msglint"]', a file that is not UTF-8 or not valid TOML), so
    a broken file is loaded and its error reported instead of being skipped in silence."""
    try:
        data = pyproject.read_bytes()
    except OSError:
        return False
    return _TOOL_TABLE.search(data) is not None


_TOOL_TABLE = re.compile(rb"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*[\"']?msglint\b", re.MULTILINE)


def load(path: Path) -> LoadedConfig:
    """Read and validate a config file (YAML, or a pyproject.toml with [tool.msglint])."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, "config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read config file: {exc}") from None
    if path.name == "pyproject.toml":
        return _load_pyproject(path, text)
    data, positions = load_yaml(text, path)
    if data is None:
        raise ConfigError(path, "the config file is empty; it needs at least 'sources'")
    if not isinstance(data, dict):
        raise ConfigError(path, "the config file must be a mapping (key: value) at the top level")
    config = validate(Config, data, positions, path)
    root = path.parent.resolve()
    return LoadedConfig(
        config=config,
        root=root,
        path=path,
        origin=str(path),
        raw=data,
        positions=positions,
        warnings=outside_paths(config, root, positions, path.name),
    )


def outside_paths(config: Config, root: Path, positions: Any, name: str) -> list[str]:
    """A warning for each source path that leads out of the project ("../../etc/"): such
    a path is read as asked, but a config handed around should not reach outside it."""
    from msglint.yamlsource import position_of

    out = []
    for s_index, source in enumerate(config.sources):
        for p_index, entry in enumerate(source.paths):
            target = (root / entry).resolve() if not Path(entry).is_absolute() else Path(entry)
            if target.is_relative_to(root):
                continue
            line, column = position_of(("sources", s_index, "paths", p_index), positions)
            where = f"{name}:{line}:{column}" if line is not None else name
            out.append(
                f"{where}: source '{source.name}' path {entry!r} is outside the project "
                f"({root}); it is read, but check that it is meant"
            )
    return out


def _load_pyproject(path: Path, text: str) -> LoadedConfig:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None
    table = data.get("tool", {}).get("msglint")
    if not isinstance(table, dict):
        raise ConfigError(path, "no [tool.msglint] table")
    from pydantic import ValidationError

    try:
        config = Config.model_validate(table)
    except ValidationError as exc:
        problems = validation_problems(exc, {})
        for p in problems:
            p.message = f"[tool.msglint] {p.message}"
        raise ConfigError(path, problems) from None
    return LoadedConfig(
        config=config,
        root=path.parent.resolve(),
        path=path,
        origin=f"{path} [tool.msglint]",
        raw=table,
    )


#: Where Vale looks for its config, nearest first (Vale's core/config.go).
VALE_CONFIG_NAMES = (".vale.ini", "_vale.ini", "vale.ini")


def find_vale_ini(start: Path) -> Path | None:
    """The nearest `.vale.ini` (or `_vale.ini`, `vale.ini`) from `start` upwards."""
    for folder in (start, *start.parents):
        for name in VALE_CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def with_vale(loaded: LoadedConfig, cwd: Path) -> LoadedConfig:
    """`loaded` with the nearest `.vale.ini` as its `vale:` block (unless it has one)."""
    if loaded.config.vale is not None:
        return loaded
    found = find_vale_ini(cwd.resolve())
    if found is None:
        raise ConfigError(
            None, "--vale: no .vale.ini, _vale.ini or vale.ini in this folder or above"
        )
    loaded.config.vale = ValeConfig(config=str(found))
    return loaded


def implicit(paths: list[str], cwd: Path) -> LoadedConfig:
    """The config used when there is no file: the given paths as one `docs` source."""
    config = Config(sources=[SourceConfig(name="files", role=Role.DOCS, paths=paths)])
    return LoadedConfig(config=config, root=cwd.resolve(), path=None, origin="built-in defaults")


def resolve(
    config_path: Path | None, cwd: Path, paths: list[str] | None = None, *, vale: bool = False
) -> LoadedConfig:
    """The config for a run: `--config`, else the nearest file, else built-in defaults.

    With `vale` (`check --vale`), the nearest `.vale.ini` is added as the `vale:` block
    when the config has none, and a folder without any msglint config is checked as one
    `docs` source (the given paths, or the folder itself)."""
    if config_path is not None:
        return with_vale(load(config_path), cwd) if vale else load(config_path)
    found = discover(cwd)
    if found is not None:
        return with_vale(load(found), cwd) if vale else load(found)
    if vale:
        return with_vale(implicit(paths or ["."], cwd), cwd)
    if paths:
        return implicit(paths, cwd)
    raise ConfigError(
        None,
        "no msglint.yaml found in this folder or above it; run 'msglint init' to create one, "
        "or name the files to check: 'msglint check docs/'",
    )
