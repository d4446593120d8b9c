"""What msglint's own rules share: a fixed id and level, and their docs in the docstring."""

from __future__ import annotations

import inspect
from typing import ClassVar

from msglint.model import Severity


class BuiltinRule:
    """A rule msglint itself reports; subclasses document themselves with the same template
    as the YAML kinds (summary, What it checks, Why it matters, examples, Options)."""

    #: The rule id findings carry, and its kind's name (the id without `msglint.`).
    id: ClassVar[str]
    level: ClassVar[Severity]
    family: ClassVar[str] = "builtin"

    @classmethod
    def kind(cls) -> str:
        return cls.id.removeprefix("msglint.")

    @classmethod
    def explain(cls) -> str:
        """The rule's documentation, from its docstring."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first line of its documentation."""
        return cls.explain().splitlines()[0]
