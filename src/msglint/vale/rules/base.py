"""The shared base of every Vale rule type: definition fields, scope, level, findings.

A Vale rule is a msglint `TextRule`, so the engine, `rules list`, `rules explain`, `disable`
and every report treat it like any other rule; its id is Vale's `Style.Rule`. Each Vale
rule type (`extends:`) is one subclass in a module of its own whose docstring explains it.
`setup()` validates and compiles once at load time (raising ValueError for a rule msglint
cannot run, which the loader reports as unsupported with that reason); `check()` only
matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.checks.base import TextRule, finding_context
from msglint.model import Document, Finding, Segment, Severity, match_location
from msglint.vale.regex import PatternError, compile_vale
from msglint.vale.text import ScopeSpec, go_format, parse_scope, units

LEVELS = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}
#: Keys every Vale rule may have, whatever its type.
COMMON_KEYS = {"extends", "message", "description", "level", "link", "scope", "action", "limit"}
COMMON_KEYS |= {"name", "code", "selector", "matchcase", "tests", "vocab"}


class ValeRule(TextRule):
    """A rule read from a Vale style (see the rule type's own explanation)."""

    #: The Vale rule type (`extends`), e.g. "existence".
    vale_type: ClassVar[str] = ""
    #: Keys this rule type reads besides the common ones.
    keys: ClassVar[frozenset[str]] = frozenset()

    _d: dict[str, Any] = PrivateAttr(default_factory=dict)
    _spec: ScopeSpec | None = PrivateAttr(default=None)
    _vale_message: str = PrivateAttr(default="")
    _action: dict[str, Any] = PrivateAttr(default_factory=dict)
    _accepted: list[str] = PrivateAttr(default_factory=list)
    _resolve: Any = PrivateAttr(default=None)

    @classmethod
    def build(
        cls,
        rule_id: str,
        definition: dict[str, Any],
        origin: str,
        accepted: list[str] | None = None,
    ) -> ValeRule:
        """A prepared rule from its YAML mapping; ValueError says why it cannot run."""
        unknown = sorted(set(definition) - COMMON_KEYS - cls.keys)
        if unknown:
            raise ValueError(f"unknown key(s) for {cls.vale_type}: {', '.join(unknown)}")
        level = str(definition.get("level") or "suggestion")
        if level not in LEVELS:
            raise ValueError(f"level '{level}' must be one of suggestion, warning, error")
        message = definition.get("message")
        if not isinstance(message, str):
            raise ValueError("a Vale rule needs a 'message'")
        rule = cls.model_construct(
            id=rule_id,
            kind=cls.vale_type,
            level=LEVELS[level],
            description=definition.get("description") or None,
            link=definition.get("link") or None,
            exceptions=[],
            origin=origin,
        )
        rule._d = definition
        rule._vale_message = message
        action = definition.get("action") or {}
        rule._action = action if isinstance(action, dict) else {}
        rule._accepted = list(accepted or [])
        rule._spec = parse_scope(definition.get("scope") or cls.default_scope())
        rule.setup()
        rule.freeze()
        return rule

    def freeze(self) -> None:
        """Copy the compiled state where plain attribute reads find it.

        pydantic serves private attributes through `__getattr__`, about 1 µs a read; the
        rules read theirs for every block of every document, so they are copied into the
        instance dict once compiling is done (set them with `set_private` after that).
        """
        self.__dict__.update(self.__pydantic_private__ or {})

    def set_private(self, name: str, value: Any) -> None:
        setattr(self, name, value)
        self.__dict__[name] = value

    @classmethod
    def default_scope(cls) -> str:
        return "text"

    @property
    def vale_message(self) -> str:
        return self._vale_message

    def setup(self) -> None:  # pragma: no cover - every type overrides it
        raise NotImplementedError

    def prepare(self) -> None:
        """Nothing to do: `build` compiled everything already."""

    # -- applying to documents -------------------------------------------------------------

    def applies_to(self, doc: Document) -> bool:
        resolve = self._resolve
        if resolve is None:
            return self.scope.includes(doc)
        return resolve(self.id, doc.path, self.level) is not None and self.scope.includes(doc)

    def severity_for(self, doc: Document) -> Severity:
        resolve = self._resolve
        if resolve is None:
            return self.level
        return resolve(self.id, doc.path, self.level) or self.level

    def units(self, doc: Document) -> list[tuple[Segment, int, str]]:
        assert self._spec is not None
        return units(doc, self._spec)

    def make(
        self,
        doc: Document,
        severity: Severity,
        seg: Segment,
        start: int,
        end: int,
        message: str,
        expected: str | None = None,
    ) -> Finding:
        """One finding at `seg.text[start:end]`, located exactly in the source.

        With a Vale `action`, `expected` is the replacement Vale's own fixer would write, so
        it is also the finding's `fix` for `msglint check --fix`.
        """
        return Finding(
            rule=self.id,
            severity=severity,
            message=message,
            source=doc.source,
            role=doc.role,
            location=match_location(doc, seg, start, end),
            actual=seg.text[start:end],
            expected=expected,
            context=finding_context(seg.text, start, end)
            if seg.kind != "raw"
            else seg.text[max(0, start - 80) : end + 80],
            link=self.link,
            fix=expected if self._action else None,
        )

    def check(self, doc: Document) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- helpers for types -----------------------------------------------------------------

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._d.get(key, default)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "yes", "1")
        return bool(value)

    def strings(self, key: str) -> list[str]:
        value = self._d.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            raise ValueError(f"'{key}' must be a list of strings")
        return [str(v) for v in value if v is not None]

    def compile(self, pattern: str, ignorecase: bool = False) -> Any:
        try:
            return compile_vale(pattern, (re.IGNORECASE if ignorecase else 0) | re.MULTILINE)
        except PatternError as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None

    def exception_matcher(self, vocab_ok: bool = True) -> Any:
        """Vale's `exceptRe`: `\\b(?:exc1|exc2)\\b`, each case-sensitive unless it says
        `(?i)`, searched in the (trimmed) match; the Vocab accept list joins it when the
        rule reads vocabularies. None when there is nothing to except."""
        terms = self.strings("exceptions")
        if vocab_ok and self.flag("vocab", True):
            terms = terms + self._accepted
        terms = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
        if not terms:
            return None
        parts = [t if t.startswith("(?i)") else f"(?-i){t}" for t in terms]
        return self.compile(r"\b(?:" + "|".join(parts) + r")\b")

    def phrase_matcher(self) -> Any:
        """Multi-word exceptions: a match inside one of them is fine (Vale's phraseRe)."""
        terms = self.strings("exceptions") + (self._accepted if self.flag("vocab", True) else [])
        phrases = [t for t in terms if " " in t or "\t" in t or r"\s" in t]
        if not phrases:
            return None
        try:
            return self.compile(r"(?i)\b(?:" + "|".join(phrases) + r")\b")
        except ValueError:
            return None

    def format(self, *args: Any) -> str:
        return go_format(self._vale_message, *args)

    def fix(self, match: str) -> str | None:
        """The replacement Vale's `action` suggests for `match` (None when it has none)."""
        return apply_action(self._action, match)

    @classmethod
    def explain(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "") + "\n\n" + _COMMON_DOC


_COMMON_DOC = """**Common keys (every Vale rule type)**
- `message` (`%s` placeholders, filled as Vale fills them), `description`, `link`.
- `level`: `suggestion` (msglint `info`), `warning`, `error`.
- `scope`: `text` (default), `heading` (`heading.h1`...`h6`), `paragraph`, `sentence`,
  `list`, `table` (`table.header`, `table.cell`), `alt`, `title`, `summary`, `blockquote`,
  `raw` (the source text); `~scope` leaves a scope out. `code` is not supported: msglint
  never treats code as prose.
- `action`: `replace`, `remove`, `edit` (`regex`, `trim`, `trim_left`, `trim_right`,
  `truncate`, `split`) and `convert` (`simple`) become the finding's expected text (the fix)."""


def apply_action(action: dict[str, Any], match: str) -> str | None:
    """Vale's fixers (check/action.go), for the one suggestion a finding carries."""
    name = action.get("name")
    params = [str(p) for p in (action.get("params") or [])]
    if name == "replace":
        return params[0] if params else None
    if name == "remove":
        return ""
    if name == "convert":
        if params and params[0] == "simple":  # strcase.Simple: lower case, words by spaces
            return re.sub(r"[-_\s]+", " ", match).strip().lower()
        return match
    if name != "edit" or not params:
        return None
    op = params[0]
    out = match
    try:
        if op == "regex" and len(params) == 3:
            out = re.sub(params[1], params[2].replace("$", "\\"), match)
        elif op == "trim_right" and len(params) == 2:
            out = match.rstrip(params[1])
        elif op == "trim_left" and len(params) == 2:
            out = match.lstrip(params[1])
        elif op == "trim" and len(params) == 2:
            out = match.strip(params[1])
        elif op == "truncate" and len(params) == 2:
            out = match.split(params[1])[0]
        elif op == "split" and len(params) == 3:
            out = match.split(params[1])[int(params[2])]
        else:
            return None
    except (re.error, IndexError, ValueError):
        return None
    return out.strip()
