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
#: Bound on the values a YAML document may hold once its aliases are expanded. A "billion
#: laughs" file of 1 KB (nine aliases of nine aliases...) expands to a billion; loading one
#: took 6.8 GB and 61 s. The biggest shipped or Vale rule file holds a few thousand.
MAX_NODES = 1_000_000
#: Bound on nesting: deeper documents are not configuration, and PyYAML recurses per level.
MAX_DEPTH = 100


class YAMLBoundError(yaml.YAMLError):
    """A YAML document over MAX_NODES values or MAX_DEPTH levels; `line`/`column` 1-based."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class _Loader(yaml.SafeLoader):
    """The safe loader, remembering where each anchor is used through an alias."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_marks: dict[int, yaml.Mark] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            node = super().compose_node(parent, index)
            self.alias_marks.setdefault(id(node), mark)
            return node
        return super().compose_node(parent, index)


def _compose(text: str) -> tuple[_Loader, yaml.Node | None]:
    """The node graph of `text`, checked against MAX_DEPTH and MAX_NODES before anything
    walks it as a tree (which expands every alias)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except RecursionError:
        loader.dispose()
        raise YAMLBoundError(f"nested more than {MAX_DEPTH} levels deep", None, None) from None
    except BaseException:
        loader.dispose()
        raise
    if node is not None:
        try:
            _check_bounds(node, loader.alias_marks)
        except BaseException:
            loader.dispose()
            raise
    return loader, node


def _check_bounds(root: yaml.Node, alias_marks: dict[int, yaml.Mark]) -> None:
    """Raise YAMLBoundError when the document nests deeper than MAX_DEPTH or expands to
    more than MAX_NODES values; linear in the number of distinct nodes."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if depth > MAX_DEPTH:
            mark = node.start_mark
            raise YAMLBoundError(
                f"nested more than {MAX_DEPTH} levels deep", mark.line + 1, mark.column + 1
            )
        children = _children(node)
        if done:
            total = 1 + sum(sizes[id(c)] for c in children)
            if total > MAX_NODES:
                aliased = [c for c in children if id(c) in alias_marks]
                biggest = max(aliased, key=lambda c: sizes[id(c)]) if aliased else None
                mark = alias_marks[id(biggest)] if biggest is not None else node.start_mark
                raise YAMLBoundError(
                    f"aliases expand to more than {MAX_NODES:,} values (a 'billion laughs' "
                    "document); use each anchor fewer times",
                    mark.line + 1,
                    mark.column + 1,
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        sizes[key] = 0  # an alias cycle (only in hostile files) adds nothing
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


#: Bound on YAML read from content (front matter): PyYAML reads about 30 KB/s of hostile
#: text, and real front matter is a few hundred bytes.
MAX_DATA_CHARS = 65_536


def load_data(text: str) -> Any:
    """Plain data from YAML read from content (front matter), bounded like a config file
    and to MAX_DATA_CHARS; raises yaml.YAMLError (YAMLBoundError past a bound)."""
    if len(text) > MAX_DATA_CHARS:
        raise YAMLBoundError(f"longer than {MAX_DATA_CHARS:,} characters", None, None)
    loader, node = _compose(text)
    try:
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml(text: str, path: Path | str) -> tuple[Any, Positions]:
    """Parse `text` with the safe loader; return the data and the positions of its nodes."""
    if len(text) > MAX_YAML_BYTES:
        raise ConfigError(path, f"file is larger than {MAX_YAML_BYTES // 1024 // 1024} MiB")
    try:
        loader, node = _compose(text)
    except YAMLBoundError as exc:
        raise ConfigError(path, [Problem(exc.message, exc.line, exc.column)]) from None
    except yaml.MarkedYAMLError as exc:
        raise ConfigError(path, [_marked_problem(exc)]) from None
    except yaml.YAMLError as exc:  # the reader refuses control characters up front
        raise ConfigError(path, f"not valid YAML: {exc}") from None
    try:
        if node is None:
            return None, {}
        positions: Positions = {}
        problems: list[Problem] = []
        _record(node, positions, problems)
        if problems:
            raise ConfigError(path, problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise ConfigError(path, [_marked_problem(exc)]) from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, positions


def _marked_problem(exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or str(exc)
    if exc.context:
        message = f"{exc.context}: {message}" if exc.problem else exc.context
    return Problem(message, mark.line + 1 if mark else None, mark.column + 1 if mark else None)


def _record(root: yaml.Node, positions: Positions, problems: list) -> None:
    """Positions of every node by its path of keys and indexes, and duplicate keys.

    Iterative, and each node is walked once: an aliased node keeps the position of its
    first use (walking it at every alias would expand the aliases again).
    """
    seen_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, tuple[Any, ...]]] = [(root, ())]
    while stack:
        node, at = stack.pop()
        positions[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
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
                stack.append((value_node, (*at, key)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*at, i)) for i, item in enumerate(node.value))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))


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
