"""`.vale.ini` -> styles, rule switches, levels, formats and ignores, as Vale 3.7 reads them.

Read by hand rather than with configparser: Vale's INI (go-ini with `AllowShadows`) lets a
key repeat and merges the values (`BasedOnStyles` twice adds both), keeps `#`/`;` comments,
and a mistake must be reported with its line. Vale's semantics (core/ini.go, file.go):

- keys before any section are global: `StylesPath`, `MinAlertLevel`, `Vocab`, `Packages`,
  `IgnoredScopes`, `SkippedScopes`, `IgnoredClasses`, `WordTemplate`, and global
  `BasedOnStyles` and rule switches;
- a `[glob]` section holds `BasedOnStyles`, `BlockIgnores`, `TokenIgnores`, `Transform`,
  `Lang` and rule switches `Style.Rule = YES|NO|suggestion|warning|error`;
- for a file, the *last* matching section with `BasedOnStyles` gives its styles (they do
  not add up); the switches of every matching section apply, later ones winning; a
  switch turns a rule on even when its style is in no `BasedOnStyles`;
- a level in a switch (`Style.Rule = error`) sets that rule's level everywhere;
- `[formats]` maps an extension to another (`mdx = md`).

Keys msglint does not know, or values Vale would ignore, give a warning with file and line
and the rest of the file still applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from msglint.errors import ConfigError, Problem
from msglint.model import Severity

LEVELS = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}
_CORE_LISTS = {"IgnoredScopes", "SkippedScopes", "IgnoredClasses", "Packages", "Vocab"}
_CORE_IGNORED = {
    "NLPEndpoint": "not used: msglint does its own sentence splitting",
    "SphinxBuildPath": "not used: .rst files are converted with docutils",
    "SphinxAutoBuild": "not used: .rst files are converted with docutils",
}
_SECTION_IGNORED = {
    "Transform": "XSLT transforms for XML files are not applied (msglint does not read XML)",
    "CommentDelimiters": "comment delimiters only matter for code files, which msglint "
    "does not lint with Vale",
    "Lang": "read but not used: Vale's non-English sentence splitting needs an NLP server",
}


@dataclass
class Section:
    """One `[glob]` section."""

    glob: str
    styles: list[str] | None = None
    checks: dict[str, bool] = field(default_factory=dict)
    block_ignores: list[str] = field(default_factory=list)
    token_ignores: list[str] = field(default_factory=list)
    pattern: re.Pattern[str] | None = None

    def matches(self, path: str) -> bool:
        if self.pattern is None:
            return True
        return self.pattern.fullmatch(path) is not None or any(
            self.pattern.fullmatch(path[i + 1 :]) for i, c in enumerate(path) if c == "/"
        )


@dataclass
class ValeIni:
    """What msglint reads from a `.vale.ini`."""

    path: Path
    styles_path: Path | None = None
    #: MinAlertLevel; None when the file does not set it (Vale's default is warning).
    min_level: str | None = None
    vocab: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    ignored_scopes: list[str] = field(default_factory=list)
    skipped_scopes: list[str] = field(default_factory=list)
    ignored_classes: list[str] = field(default_factory=list)
    global_styles: list[str] = field(default_factory=list)
    global_checks: dict[str, bool] = field(default_factory=dict)
    #: Rule levels set by switches (`Style.Rule = error`), for every file.
    levels: dict[str, str] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def styles(self) -> list[str]:
        """Every style named in a `BasedOnStyles`, in order of first mention."""
        out = list(self.global_styles)
        for sec in self.sections:
            out.extend(s for s in sec.styles or () if s not in out)
        return out

    def switched_on(self) -> set[str]:
        """Rules some switch turns on (they load even when their style is not a base)."""
        on = {k for k, v in self.global_checks.items() if v}
        for sec in self.sections:
            on |= {k for k, v in sec.checks.items() if v}
        return on


def glob_to_regex(glob: str) -> re.Pattern[str]:
    """Vale's section globs: `*` (any characters, `/` too), `?`, `{a,b}`, `[...]`."""
    out = []
    i = 0
    while i < len(glob):
        c = glob[i]
        if c == "*":
            out.append(".*")
            while i + 1 < len(glob) and glob[i + 1] == "*":
                i += 1
        elif c == "?":
            out.append(".")
        elif c == "{":
            close = glob.find("}", i)
            if close == -1:
                raise ValueError(f"unclosed '{{' in '{glob}'")
            options = glob[i + 1 : close].split(",")
            out.append("(?:" + "|".join(re.escape(o) for o in options) + ")")
            i = close
        elif c == "[":
            close = glob.find("]", i + 1)
            if close == -1:
                raise ValueError(f"unclosed '[' in '{glob}'")
            out.append(glob[i : close + 1].replace("[!", "[^"))
            i = close
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out))


def _values(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def read_ini(path: Path) -> ValeIni:
    """Parse a `.vale.ini`; mistakes are reported with file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read Vale config: {exc}") from None
    ini = ValeIni(path=path)
    problems: list[Problem] = []
    current: Section | None = None
    kind = "core"
    core: dict[str, list[tuple[str, int]]] = {}

    def note(number: int, message: str) -> None:
        ini.notes.append(f"{path}:{number}: {message}")

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            if not line.endswith("]"):
                problems.append(Problem("a section header must end with ']'", number, 1))
                continue
            name = line[1:-1].strip()
            if name in ("formats", "asciidoctor"):
                kind = name
                current = None
                continue
            kind = "section"
            current = next((s for s in ini.sections if s.glob == name), None)
            if current is None:
                try:
                    pattern = None if name == "*" else glob_to_regex(name)
                except ValueError as exc:
                    problems.append(Problem(str(exc), number, 2))
                    kind = "skip"
                    continue
                current = Section(glob=name, pattern=pattern)
                ini.sections.append(current)
            continue
        if "=" not in line:
            problems.append(Problem(f"expected 'key = value', got '{line}'", number, 1))
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        value = re.split(r"\s[#;]", value, maxsplit=1)[0].strip()
        if kind == "formats":
            ini.formats[key.lstrip(".")] = value.lstrip(".")
        elif kind == "asciidoctor" or kind == "skip":
            continue
        elif kind == "core":
            if key == "BasedOnStyles":
                ini.global_styles += [s for s in _values(value) if s not in ini.global_styles]
            elif "." in key:
                _switch(ini, ini.global_checks, key, value, number, note)
            else:
                core.setdefault(key, []).append((value, number))
        else:
            assert current is not None
            if key == "BasedOnStyles":
                styles = current.styles if current.styles is not None else []
                styles += [s for s in _values(value) if s not in styles]
                current.styles = styles
            elif key == "BlockIgnores":
                current.block_ignores += _values(value)
            elif key == "TokenIgnores":
                current.token_ignores += _values(value)
            elif key in _SECTION_IGNORED:
                note(number, f"{key}: {_SECTION_IGNORED[key]}")
            elif "." in key:
                _switch(ini, current.checks, key, value, number, note)
            else:
                note(number, f"unknown key '{key}' in [{current.glob}]: ignored")
    for key, values in core.items():
        value, number = values[-1]
        if key == "StylesPath":
            ini.styles_path = (path.parent / value).resolve()
        elif key == "MinAlertLevel":
            if value not in LEVELS:
                problems.append(
                    Problem("MinAlertLevel must be suggestion, warning or error", number, 1)
                )
            ini.min_level = value
        elif key in _CORE_LISTS:
            merged: list[str] = []
            for v, _n in values:
                merged += [x for x in _values(v) if x not in merged]
            attr = {
                "Vocab": "vocab",
                "Packages": "packages",
                "IgnoredScopes": "ignored_scopes",
                "SkippedScopes": "skipped_scopes",
                "IgnoredClasses": "ignored_classes",
            }[key]
            setattr(ini, attr, merged)
        elif key in _CORE_IGNORED:
            note(number, f"{key}: {_CORE_IGNORED[key]}")
        elif key == "WordTemplate":
            note(number, "WordTemplate: not supported; rules keep Vale's default \\b(?:%s)\\b")
        else:
            note(number, f"unknown key '{key}': ignored")
    if problems:
        raise ConfigError(path, problems)
    return ini


def _switch(
    ini: ValeIni, checks: dict[str, bool], key: str, value: str, number: int, note: Any
) -> None:
    if value == "YES":
        checks[key] = True
    elif value == "NO":
        checks[key] = False
    elif value in LEVELS:
        checks[key] = True
        ini.levels[key] = value
    else:
        checks[key] = False
        note(number, f"{key} = {value}: not YES, NO, suggestion, warning or error; "
             "the rule is off, as in Vale")  # fmt: skip


def read_vocab(styles_path: Path, name: str) -> tuple[list[str], list[str]]:
    """(accepted, rejected) terms of a vocabulary, Vale 3 layout or the older `Vocab/`."""
    for folder in (styles_path / "config" / "vocabularies" / name, styles_path / "Vocab" / name):
        if folder.is_dir():
            return _terms(folder / "accept.txt"), _terms(folder / "reject.txt")
    raise ConfigError(
        styles_path,
        f"vocabulary '{name}' not found (looked for config/vocabularies/{name}/ and Vocab/{name}/)",
    )


def _terms(path: Path) -> list[str]:
    if not path.is_file():
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read vocabulary: {exc}") from None
    return [t.strip() for t in lines if t.strip() and not t.lstrip().startswith("#")]


def resolver(ini: ValeIni, min_level: str) -> Any:
    """rule id, path, its level -> the rule's severity for that file, or None when off."""
    floor = LEVELS[min_level].rank

    # Every file has its own path, so a cache by (rule, path) never hits across files; the
    # sections a path matches are few and shared by most files, so the answer is cached by
    # (rule, matching sections) and the globs are matched once per path.
    @lru_cache(maxsize=4096)
    def sections_of(path: str) -> tuple[int, ...]:
        return tuple(i for i, sec in enumerate(ini.sections) if sec.matches(path))

    def resolve(rule_id: str, path: str, default: Severity | None = None) -> Severity | None:
        return by_sections(rule_id, sections_of(path), default)

    @lru_cache(maxsize=65536)
    def by_sections(
        rule_id: str, matching: tuple[int, ...], default: Severity | None
    ) -> Severity | None:
        name = ".".join(rule_id.split(".")[:2])
        styles = ini.global_styles
        checks: dict[str, bool] = {}
        for index in matching:
            sec = ini.sections[index]
            if sec.styles is not None:
                styles = sec.styles
            checks.update(sec.checks)
        if name in checks:
            on = checks[name]
        elif name in ini.global_checks:
            on = ini.global_checks[name]
        else:
            on = name.split(".", 1)[0] in styles
        if not on:
            return None
        level = LEVELS[ini.levels[name]] if name in ini.levels else default
        if level is not None and level.rank < floor:
            return None
        return level

    return resolve


def patterns_for(ini: ValeIni) -> Any:
    """path -> the compiled TokenIgnores/BlockIgnores of the sections its extension matches."""
    from msglint.vale.regex import PatternError, compile_vale
    from msglint.vale.view import Patterns

    compiled: dict[str, Any] = {}

    def one(pattern: str) -> Any:
        if pattern not in compiled:
            try:
                compiled[pattern] = compile_vale(pattern)
            except PatternError as exc:
                ini.notes.append(f"{ini.path}: ignore pattern '{pattern}' skipped: {exc}")
                compiled[pattern] = None
        return compiled[pattern]

    @lru_cache(maxsize=256)
    def of(ext: str) -> Patterns:
        # Vale matches these sections against the file's extension (".md"), not its path.
        tokens: list[Any] = []
        blocks: list[Any] = []
        for sec in ini.sections:
            if sec.pattern is None or sec.pattern.fullmatch(ext):
                tokens += [p for p in map(one, sec.token_ignores) if p is not None]
                blocks += [p for p in map(one, sec.block_ignores) if p is not None]
        return Patterns(tuple(tokens), tuple(blocks))

    def for_path(path: str) -> Patterns:
        name = path.rsplit("/", 1)[-1]
        return of(name[name.rfind(".") :] if "." in name else "")

    return for_path
