"""A Vale rule as a msglint text rule: id, level and docs for `rules list`/`explain`,
findings from the file's Vale linter.

The engine, `rules list`, `rules explain`, `disable` and every report treat a Vale rule
like msglint's own; its id is Vale's `Style.Rule`. All Vale rules of a run share one
`Linter` (lint.py), which lints a document once, block by block and rule by rule as Vale
does (rules share per-file state: acronym definitions, repeated alerts), and hands each
rule its findings.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.checks.base import TextRule
from msglint.model import Document, Finding, Severity
from msglint.vale.rules import TYPES, Check

LEVELS = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}


_NOT_VALE = frozenset({"pdf", "docx"})


class ValeRule(TextRule):
    """A rule read from a Vale style (see the rule type's own explanation)."""

    #: Vale's `<!-- vale ... -->` comments are applied while linting (see suppress.apply).
    applies_vale_comments: ClassVar[bool] = True

    _check: Check | None = PrivateAttr(default=None)
    _linter: Any = PrivateAttr(default=None)

    @classmethod
    def build(
        cls,
        rule_id: str,
        definition: dict[str, Any],
        origin: str,
        accepted: list[str] | None = None,
        env: dict[str, Any] | None = None,
    ) -> ValeRule:
        """A prepared rule from its YAML mapping; ValueError says why it cannot run."""
        from msglint.vale.rules.base import decode

        kind = str(definition.get("extends"))
        check_type = TYPES[kind]
        typed = decode(check_type.options, definition)
        check = check_type(rule_id, typed, list(accepted or []), env)
        # Built without validation: Vale ids need not fit msglint's id pattern, and every
        # field was just decoded.
        rule = _CLASSES[kind].model_construct(
            id=rule_id,
            kind=kind,
            level=LEVELS[typed.level],
            description=typed.description or None,
            link=typed.link or None,
            exceptions=[],
            origin=origin,
        )
        rule._check = check
        return rule

    @property
    def check_impl(self) -> Check:
        assert self._check is not None
        return self._check

    @property
    def vale_message(self) -> str:
        return self.check_impl.message

    def bind(self, linter: Any) -> None:
        self._linter = linter

    #: Vale rules read `doc.content` (Vale's own view of the source), never msglint's segments.
    reads_segments: ClassVar[bool] = False

    def prepare(self) -> None:
        """Nothing to do: `build` compiled everything already."""

    def applies_to(self, doc: Document) -> bool:
        # Vale reads no PDF or DOCX; msglint's text of one has no lines Vale could report.
        if doc.format in _NOT_VALE:
            return False
        # Read from pydantic's private dict, not through its __getattr__: this runs for every
        # rule on every file.
        linter = self.__pydantic_private__["_linter"]
        if linter is None:
            return self.scope.includes(doc)
        return linter.applies(self.id, doc)

    def check(self, doc: Document) -> Iterator[Finding]:
        linter = self.__pydantic_private__["_linter"]
        if linter is None:
            from msglint.vale.lint import Linter

            linter = self._linter = Linter([self])
        yield from linter.findings(doc).get(self.id, ())

    #: The Vale rule type this class runs (one subclass per type, for `rules explain`).
    check_type: ClassVar[type[Check] | None] = None

    @classmethod
    def explain(cls) -> str:
        if cls.check_type is None:
            return inspect.cleandoc(cls.__doc__ or "")
        return cls.check_type.explain()


_CLASSES: dict[str, type[ValeRule]] = {
    kind: type(
        f"Vale{check.__name__}Rule", (ValeRule,), {"check_type": check, "__module__": __name__}
    )
    for kind, check in TYPES.items()
}
