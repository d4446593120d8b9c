"""What every Vale rule type shares: its decoded definition, scope, and the alerts it makes.

As in Vale (internal/check/definition.go, existence.go), a rule type is two phases: a
constructor that decodes the YAML mapping into typed fields once (a pydantic model per
type: unknown keys, wrong types and bad levels are errors that name the key), validates
and compiles its patterns; and `run(block, file)`, which only matches and returns
`Alert`s in the block's own offsets. Placement in the file (place.py), comment controls,
levels and the `.vale.ini` switches are the linter's job (lint.py), so every type gets
them the same way. A `ValueError` from the constructor makes the rule *unsupported*: it
is listed with its reason and everything else runs.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from msglint.vale.place import Alert
from msglint.vale.regex import PatternError, compile_vale
from msglint.vale.scope import Scope
from msglint.vale.text import go_format

LEVELS = ("suggestion", "warning", "error")
_SPACES = re.compile(" +")


def _as_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [str(value)]
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return value


class Action(BaseModel):
    """A rule's `action`: Vale's fixers (`replace`, `remove`, `edit`, `convert`, ...)."""

    model_config = ConfigDict(extra="ignore")
    name: str = ""
    params: list[str] = Field(default_factory=list)

    _lists = field_validator("params", mode="before")(classmethod(lambda cls, v: _as_list(v)))


class Definition(BaseModel):
    """The keys every Vale rule has (Vale's `Definition`)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    extends: str
    message: str
    description: str = ""
    level: str = "suggestion"
    limit: int = 0
    link: str = ""
    scope: list[str] = Field(default_factory=list)
    action: Action = Field(default_factory=Action)
    name: str = ""
    code: bool = False
    selector: Any = None
    tests: Any = None
    vocab: bool = True

    @field_validator("scope", mode="before")
    @classmethod
    def _scope_list(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value not in LEVELS:
            raise ValueError(f"'{value}' must be one of {', '.join(LEVELS)}")
        return value

    @field_validator("action", mode="before")
    @classmethod
    def _action(cls, value: Any) -> Any:
        return value if isinstance(value, dict | Action) else {}

    @field_validator("code")
    @classmethod
    def _code(cls, value: bool) -> bool:
        if value:
            raise ValueError("`code` is deprecated; use `scope: raw`")
        return value


def string_list(*names: str) -> Any:
    """A before-validator turning a single string (or None) into a list, as Vale does."""
    return field_validator(*names, mode="before")(classmethod(lambda cls, v: _as_list(v)))


def decode(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """`data` as a typed `model`; a ValueError naming each bad key otherwise."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"]) or "rule"
            text = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                text = "unknown key for this rule type"
            problems.append(f"'{key}': {text}")
        raise ValueError("; ".join(problems)) from None


class Check:
    """A compiled Vale rule: `run(block, file)` returns its alerts in the block."""

    #: The Vale rule type (`extends`), e.g. "existence".
    vale_type: ClassVar[str] = ""
    #: The typed definition this type decodes.
    options: ClassVar[type[Definition]] = Definition
    #: The scope a rule of this type has when it names none.
    default_scope: ClassVar[str] = "text"

    def __init__(
        self,
        name: str,
        definition: Definition,
        accepted: list[str],
        env: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.d = definition
        self.accepted = accepted
        #: Where the rule was loaded from (`styles_path`), for files it names.
        self.env = env or {}
        self.scope = Scope(definition.scope or [self.default_scope])
        self.message = definition.message
        self.action = definition.action
        self.setup()

    def setup(self) -> None:  # pragma: no cover - every type overrides it
        raise NotImplementedError

    def run(self, blk: Any, file: Any) -> list[Alert]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- helpers ------------------------------------------------------------------------

    def compile(self, pattern: str, ignorecase: bool = False) -> Any:
        try:
            return compile_vale(pattern, (re.IGNORECASE if ignorecase else 0) | re.MULTILINE)
        except PatternError as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None

    def exception_matcher(self, exceptions: list[str], vocab: bool) -> Any:
        """Vale's `exceptRe`: `\\b(?:exc1|exc2)\\b`, longest first, the Vocab accept list
        added when the rule reads vocabularies; None when there is nothing to except."""
        terms = list(exceptions)
        if vocab:
            terms += [t for t in self.accepted if t not in terms]
        terms = sorted((t for t in terms if t), key=len, reverse=True)
        if not terms:
            return None
        return self.compile(r"\b(?:" + "|".join(terms) + r")\b")

    def alert(
        self, start: int, end: int, text: str, *subs: Any, expected: str | None = None
    ) -> Alert:
        """Vale's makeAlert: the match is `text[start:end]`, the message gets `subs` (the
        match when none), whitespace collapsed as FormatAlert does."""
        match = text[start:end]
        message = go_format(self.message, *(subs or (match,)))
        if "\n" in message or "  " in message:
            message = _SPACES.sub(" ", message.replace("\n", " "))
        return Alert(start, end, match, message, expected, bool(self.action.name))

    @classmethod
    def explain(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "") + "\n\n" + _COMMON_DOC


_COMMON_DOC = """**Common keys (every Vale rule type)**
- `message` (`%s` placeholders, filled as Vale fills them), `description`, `link`,
  `limit` (most alerts per file).
- `level`: `suggestion` (msglint `info`), `warning`, `error`.
- `scope`: Vale's selectors: `text` (default: headings, list items, table cells and
  paragraphs), `heading` (`heading.h1`...), `paragraph`, `sentence`, `list`, `table`
  (`table.header`, `table.cell`), `blockquote`, `alt`, `summary`, `raw`; `~` negates a
  part, `&` combines parts, a list means any of them.
- `action`: `replace`, `remove`, `edit` (`regex`, `trim`, `trim_left`, `trim_right`,
  `truncate`, `split`) and `convert` (`simple`) become the finding's expected text (the fix)."""


def apply_action(action: Action, match: str) -> str | None:
    """Vale's fixers (check/action.go), for the one suggestion a finding carries."""
    name = action.name
    params = action.params
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
