"""Safe YAML loading that remembers where every key and value was, for error messages.

PyYAML's safe loader builds plain data; composing the node tree first lets us keep each
node's line and column, so a validation error on `rules[3].level` points at the exact spot
in the user's file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from msglint.errors import ConfigError, Problem

Positions = dict[tuple[Any, ...], tuple[int, int]]

#: Bound on the size of a config or rule file; anything bigger is not a hand-written file.
MAX_YAML_BYTES = 5 * 1024 * 1024


def load_yaml(text: str, path: Path | str) -> tuple[Any, Positions]:
    """Parse `text` with the safe loader; return the data and the positions of its nodes."""
    if len(text) > MAX_YAML_BYTES:
        raise ConfigError(path, f"file is larger than {MAX_YAML_BYTES // 1024 // 1024} MiB")
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as exc:  # the reader refuses control characters up front
        raise ConfigError(path, f"not valid YAML: {exc}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        positions: Positions = {}
        problems: list[Problem] = []
        _record(node, (), positions, problems)
        if problems:
            raise ConfigError(path, problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or str(exc)
        if exc.context:
            message = f"{exc.context}: {message}" if exc.problem else exc.context
        raise ConfigError(
            path,
            [Problem(message, mark.line + 1 if mark else None, mark.column + 1 if mark else None)],
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, positions


def _record(node: yaml.Node, at: tuple[Any, ...], positions: Positions, problems: list) -> None:
    positions[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in seen:
                problems.append(
                    Problem(
                        f"duplicate key '{key}'",
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                    )
                )
            seen.add(key)
            positions[(*at, key, "<key>")] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            _record(value_node, (*at, key), positions, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record(item, (*at, i), positions, problems)


_UNKNOWN_FIELD = re.compile(r"unknown field '([^']+)'")


def position_of(
    loc: tuple[Any, ...], positions: Positions, base: tuple[Any, ...] = ()
) -> tuple[int | None, int | None]:
    """The best known position for a pydantic error location (skips union tag names)."""
    return positions.get(_resolve(loc, positions, base), (None, None))


def validation_problems(
    exc: ValidationError, positions: Positions, base: tuple[Any, ...] = ()
) -> list[Problem]:
    """Turn a pydantic ValidationError into positioned, readable problems."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        unknown = _UNKNOWN_FIELD.search(message)
        line, column = position_of(loc, positions, base)
        if unknown:
            key_pos = positions.get((*_resolve(loc, positions, base), unknown.group(1), "<key>"))
            if key_pos:
                line, column = key_pos
        elif err["type"] == "extra_forbidden":
            key_pos = positions.get((*_resolve(loc[:-1], positions, base), loc[-1], "<key>"))
            if key_pos:
                line, column = key_pos
            message = f"unknown field '{loc[-1]}'"
        where = ".".join(str(p) for p in loc if not _is_tag(p, loc))
        problems.append(Problem(f"{where}: {message}" if where else message, line, column))
    return problems


def _resolve(loc: tuple[Any, ...], positions: Positions, base: tuple[Any, ...]) -> tuple:
    """The longest prefix of `loc` (parts not in the file skipped) that has a position."""
    path = base
    for part in loc:
        if (*path, part) in positions:
            path = (*path, part)
    return path


def _is_tag(part: Any, loc: tuple[Any, ...]) -> bool:
    # pydantic puts the discriminator value of a tagged union into the location
    # ("rules.0.terminology.swap"); it is noise for the user.
    return isinstance(part, str) and part in _TAGS


_TAGS: set[str] = set()


def register_union_tags(tags: list[str]) -> None:
    """Tell error formatting which location parts are union tags (rule kinds)."""
    _TAGS.update(tags)


def validate(model: type[BaseModel], data: Any, positions: Positions, path: Path | str) -> Any:
    """Validate `data` against `model`, raising ConfigError with positions on failure."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(path, validation_problems(exc, positions)) from None
