"""`.vale.ini` -> the styles, vocabularies, levels and per-glob sections it names.

Read by hand rather than with configparser: Vale's INI (go-ini with `AllowShadows`) lets
a key repeat and merges the values (`BasedOnStyles` twice adds both), keeps `#`/`;`
comments and treats `key = NO` as switching a rule off; configparser would keep only the
last value and cannot report the line of a mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from msglint.errors import ConfigError, Problem
from msglint.model import Severity

LEVELS = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}
_IGNORED = {
    "Packages": "packages are not downloaded; sync them with `vale sync` first",
    "BlockIgnores": "not applied",
    "TokenIgnores": "not applied",
    "IgnoredScopes": "not applied",
    "SkippedScopes": "not applied",
    "IgnoredClasses": "not applied",
    "Transform": "not applied",
    "CommentDelimiters": "not applied",
}


@dataclass
class Section:
    """One `[glob]` section: its styles and rule settings (`Style.Rule = NO|YES|level`)."""

    glob: str
    styles: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
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
    min_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def styles(self) -> list[str]:
        """Every style any section is based on, in order of first mention."""
        out: list[str] = []
        for sec in self.sections:
            out.extend(s for s in sec.styles if s not in out)
        return out


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


def read_ini(path: Path) -> ValeIni:
    """Parse a `.vale.ini`; mistakes are reported with file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read Vale config: {exc}") from None
    ini = ValeIni(path=path)
    problems: list[Problem] = []
    current: Section | None = None
    core: dict[str, list[tuple[str, int]]] = {}
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
                current = Section(glob=name, pattern=re.compile(r"(?!)"))
                continue
            existing = next((s for s in ini.sections if s.glob == name), None)
            if existing is None:
                try:
                    pattern = None if name == "*" else glob_to_regex(name)
                except ValueError as exc:
                    problems.append(Problem(str(exc), number, 2))
                    continue
                existing = Section(glob=name, pattern=pattern)
                ini.sections.append(existing)
            current = existing
            continue
        if "=" not in line:
            problems.append(Problem(f"expected 'key = value', got '{line}'", number, 1))
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        value = re.split(r"\s[#;]", value, maxsplit=1)[0].strip()
        if current is None:
            core.setdefault(key, []).append((value, number))
            continue
        if key == "BasedOnStyles":
            for style in (s.strip() for s in value.split(",")):
                if style and style not in current.styles:
                    current.styles.append(style)
        elif key in _IGNORED:
            ini.notes.append(f"{path}:{number}: {key}: {_IGNORED[key]}")
        elif value in ("NO", "YES", *LEVELS):
            current.settings[key] = value
        else:
            problems.append(
                Problem(f"'{key}' must be YES, NO, suggestion, warning or error", number, 1)
            )
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
        elif key == "Vocab":
            for v, _n in values:
                ini.vocab.extend(x.strip() for x in v.split(",") if x.strip())
        elif key in _IGNORED:
            ini.notes.append(f"{path}:{number}: {key}: {_IGNORED[key]}")
    if problems:
        raise ConfigError(path, problems)
    return ini


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


def resolver(ini: ValeIni, min_level: str) -> object:
    """rule id, path -> the rule's severity for that file, or None when it is off there."""
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
        style = rule_id.split(".", 1)[0]
        on = False
        level: Severity | None = default
        for index in matching:
            sec = ini.sections[index]
            if style in sec.styles:
                on = True
            for key in (style, rule_id):
                setting = sec.settings.get(key)
                if setting == "NO":
                    on = False
                elif setting == "YES":
                    on = True
                elif setting in LEVELS:
                    on = True
                    level = LEVELS[setting]
        if not on:
            return None
        if level is not None and level.rank < floor:
            return None
        return level

    return resolve
