"""Typed values to JSON and back, rebuilding only the dataclasses a root type declares.

What `--since-last` stores (msglint.incremental) is a checked item's whole outcome: findings
with their full context, records with every fact's Location, suppressions, a document's
digest. `model/serial.py` writes the report's shape, which leaves some of that out on
purpose (per-fact locations, long contexts), so the cache needs a lossless form; pickle was
lossless but runs whatever code a tampered file names. This codec is both: the decoder is
driven by the root type's annotations (`typing.get_type_hints`, followed recursively), so
it builds only those dataclasses and enums, checks every value against its declared type,
and rejects anything else with ValueError. A hostile file can at worst be refused.

Shapes (JSON): None, bool, int, float, str and lists as themselves; a tuple
`{"~t": [...]}`, a dict `{"~m": [[key, value], ...]}`, a Decimal `{"~d": "12.50"}`, an enum
member `{"~e": value}`, a dataclass `{"~c": "Name", "f": {field: value}}`.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from decimal import Decimal, InvalidOperation
from typing import Any

_NONE = type(None)


class Codec:
    """Encodes any value of `root` (and what its fields hold); decodes only that."""

    def __init__(self, root: type) -> None:
        self.root = root
        self._hints: dict[type, dict[str, Any]] = {}
        self._learn(root)

    def _learn(self, cls: type) -> None:
        if not dataclasses.is_dataclass(cls) or cls in self._hints:
            return
        hints = typing.get_type_hints(cls)
        self._hints[cls] = {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.init}
        for hint in self._hints[cls].values():
            for inner in _classes(hint):
                self._learn(inner)

    # -- encoding -------------------------------------------------------------------------

    def encode(self, value: Any) -> Any:
        """Plain JSON data for `value`; TypeError for a type the root does not declare."""
        if value is None or isinstance(value, (bool, int, float, str)):
            if isinstance(value, enum.Enum):
                return {"~e": value.value}
            return value
        if isinstance(value, Decimal):
            return {"~d": str(value)}
        if isinstance(value, list):
            return [self.encode(v) for v in value]
        if isinstance(value, tuple):
            return {"~t": [self.encode(v) for v in value]}
        if isinstance(value, dict):
            return {"~m": [[self.encode(k), self.encode(v)] for k, v in value.items()]}
        if isinstance(value, enum.Enum):
            return {"~e": value.value}
        cls = type(value)
        if cls in self._hints:
            fields = {name: self.encode(getattr(value, name)) for name in self._hints[cls]}
            return {"~c": cls.__name__, "f": fields}
        raise TypeError(f"cannot store a {cls.__name__}")

    # -- decoding -------------------------------------------------------------------------

    def decode(self, data: Any) -> Any:
        """The `root` value `data` encodes; ValueError for anything it does not declare."""
        return self._value(data, self.root)

    def _value(self, data: Any, hint: Any) -> Any:
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            for arm in typing.get_args(hint):
                try:
                    return self._value(data, arm)
                except ValueError:
                    continue
            raise ValueError(f"no type of {hint} fits")
        if hint is Any:
            if data is None or isinstance(data, (bool, int, float, str)):
                return data
            raise ValueError("only plain values where the type is Any")
        if hint is _NONE or hint is None:
            if data is None:
                return None
            raise ValueError("expected null")
        if origin is list:
            (item,) = typing.get_args(hint) or (Any,)
            if not isinstance(data, list):
                raise ValueError("expected a list")
            return [self._value(v, item) for v in data]
        if origin is tuple:
            return self._tuple(data, typing.get_args(hint))
        if origin is dict:
            key, val = typing.get_args(hint) or (Any, Any)
            pairs = _tagged(data, "~m")
            if not isinstance(pairs, list) or not all(
                isinstance(p, list) and len(p) == 2 for p in pairs
            ):
                raise ValueError("expected key-value pairs")
            return {self._value(k, key): self._value(v, val) for k, v in pairs}
        if origin is not None:
            raise ValueError(f"cannot read a {hint}")
        return self._plain(data, hint)

    def _tuple(self, data: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
        items = _tagged(data, "~t")
        if not isinstance(items, list):
            raise ValueError("expected a tuple")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(self._value(v, args[0]) for v in items)
        if not args:
            return tuple(self._value(v, Any) for v in items)
        if len(items) != len(args):
            raise ValueError("a tuple of the wrong length")
        return tuple(self._value(v, a) for v, a in zip(items, args, strict=True))

    def _plain(self, data: Any, hint: Any) -> Any:
        if hint is bool:
            if isinstance(data, bool):
                return data
        elif hint is int:
            if isinstance(data, int) and not isinstance(data, bool):
                return data
        elif hint is float:
            if isinstance(data, (int, float)) and not isinstance(data, bool):
                return float(data)
        elif hint is str:
            if isinstance(data, str):
                return data
        elif hint is Decimal:
            text = _tagged(data, "~d")
            try:
                number = Decimal(text) if isinstance(text, str) and len(text) < 100 else None
            except InvalidOperation:
                number = None
            if number is not None and number.is_finite():
                return number
        elif isinstance(hint, type) and issubclass(hint, enum.Enum):
            try:
                return hint(_tagged(data, "~e"))
            except (ValueError, TypeError):
                pass
        elif hint in self._hints:
            return self._dataclass(data, hint)
        raise ValueError(f"expected a {getattr(hint, '__name__', hint)}")

    def _dataclass(self, data: Any, cls: type) -> Any:
        if not isinstance(data, dict) or data.get("~c") != cls.__name__:
            raise ValueError(f"expected a {cls.__name__}")
        fields = data.get("f")
        hints = self._hints[cls]
        if not isinstance(fields, dict) or not set(fields) <= set(hints):
            raise ValueError(f"unknown fields in a {cls.__name__}")
        values = {name: self._value(v, hints[name]) for name, v in fields.items()}
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:  # a required field missing
            raise ValueError(f"a {cls.__name__} that cannot be built: {exc}") from None


def _tagged(data: Any, tag: str) -> Any:
    if not isinstance(data, dict) or len(data) != 1 or tag not in data:
        raise ValueError(f"expected {tag}")
    return data[tag]


def _classes(hint: Any) -> list[type]:
    """The dataclasses a type annotation names, at any depth (list[X], X | None, ...)."""
    args = typing.get_args(hint)
    if args:
        return [c for a in args if a is not Ellipsis for c in _classes(a)]
    return [hint] if isinstance(hint, type) and dataclasses.is_dataclass(hint) else []
