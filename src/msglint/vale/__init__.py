"""Vale styles in msglint: read `.vale.ini` and style folders, run their rules as Vale does.

`load(settings, root)` returns one `Pack` per style, so the engine, `rules list`,
`rules explain`, `disable` and every report treat Vale rules like msglint's own; rule ids
are Vale's (`Microsoft.Passive`). All the rules share one `Linter` (lint.py) that lints a
document the way Vale 3.7 does: its blocks and scopes (view.py, walk.py), its alert
placement (place.py), its `.vale.ini` switches, levels and ignores (ini.py). Rules msglint
cannot run are listed, with the reason, in `Pack.unsupported`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msglint.checks.pack import Pack
from msglint.config import find_vale_ini
from msglint.errors import ConfigError
from msglint.vale.ini import ValeIni, patterns_for, read_ini, read_vocab, resolver
from msglint.vale.styles import Loaded, add_rule, load_style

#: Vale's built-in style (internal/check/definition.go), from the Vocab lists.
BUILTIN_STYLE = "Vale"
#: The nearest `.vale.ini` (or `_vale.ini`, `vale.ini`) from a folder upwards.
find_config = find_vale_ini


def load(settings: Any, root: Path) -> list[Pack]:
    """Packs for a `vale:` config block (`config`, `styles`, `min_level`)."""
    from msglint.vale.lint import Linter, Settings
    from msglint.vale.walk import Ignores

    ini: ValeIni | None = None
    if settings.config:
        ini = read_ini((root / settings.config).resolve())
    folders: list[Path] = [(root / s).resolve() for s in settings.styles]
    if ini is None:
        ini = ValeIni(path=root / "msglint.yaml")
    ini.global_styles += [f.name for f in folders if f.name not in ini.global_styles]
    accepted: list[str] = []
    rejected: list[str] = []
    if ini.vocab:
        if ini.styles_path is None:
            raise ConfigError(ini.path, "Vocab needs a StylesPath")
        for name in ini.vocab:
            ok, no = read_vocab(ini.styles_path, name)
            accepted += ok
            rejected += no
    bases = set(ini.styles)
    switched = ini.switched_on()
    by_name = {f.name: f for f in folders}
    wanted = list(ini.styles) + sorted({r.split(".", 1)[0] for r in switched} - bases)
    for style in wanted:
        if style == BUILTIN_STYLE or style in by_name:
            continue
        if ini.styles_path is None:
            raise ConfigError(ini.path, f"style '{style}' needs a StylesPath")
        by_name[style] = ini.styles_path / style
    if ini.styles_path is not None:
        for package in ini.packages:
            name = package.rsplit("/", 1)[-1].removesuffix(".zip")
            if not (ini.styles_path / name).exists():
                ini.notes.append(
                    f"{ini.path}: package '{package}' is not in {ini.styles_path}; run "
                    "`vale sync` first (msglint downloads nothing)"
                )
    # Vale's own default is warning; msglint's `vale: styles:` without a .vale.ini keeps
    # every level, as it always has.
    min_level = (
        settings.min_level or ini.min_level or ("warning" if settings.config else "suggestion")
    )
    packs: list[Pack] = []
    defs: dict[str, Any] = {}
    env = {"styles_path": ini.styles_path}
    for name, folder in by_name.items():
        loaded = Loaded(env=env)
        if not folder.is_dir():
            ini.notes.append(f"{ini.path}: style '{name}' not found in {folder.parent}")
            continue
        only = None if name in bases else {r for r in switched if r.startswith(name + ".")}
        load_style(folder, loaded, accepted, defs, only)
        packs.append(_pack(name, folder, loaded))
    if BUILTIN_STYLE in bases or any(r.startswith("Vale.") for r in switched):
        loaded = Loaded(env=env)
        _builtin(loaded, accepted, rejected, defs)
        packs.append(_pack(BUILTIN_STYLE, ini.path, loaded))
    rules = [r for p in packs for r in p.rules]
    Linter(
        rules,
        Settings(
            resolve=resolver(ini, min_level),
            formats=dict(ini.formats),
            patterns=patterns_for(ini),
            ignores=Ignores(
                tuple(ini.skipped_scopes), tuple(ini.ignored_scopes), tuple(ini.ignored_classes)
            ),
        ),
    )
    for note in ini.notes:
        if packs:
            packs[0].warnings.append(note)
    return packs


def _pack(name: str, path: Path, loaded: Loaded) -> Pack:
    pack = Pack(name=name, path=path, description=f"Vale style {name}", rules=list(loaded.rules))
    pack.unsupported = dict(loaded.unsupported)
    if loaded.skipped_sequence:
        pack.warnings.append(
            "skipped Vale sequence rules (they need Vale's part-of-speech tagger): "
            + ", ".join(loaded.skipped_sequence)
        )
    return pack


def _builtin(loaded: Loaded, accepted: list[str], rejected: list[str], defs: Any) -> None:
    """Vale.Terms (accepted terms as written), Vale.Avoid (rejected), Vale.Repetition and
    Vale.Spelling."""
    if accepted:
        swap = {f"(?i){term}": term for term in accepted}
        terms = {
            "extends": "substitution",
            "message": "Use '%s' instead of '%s'.",
            "level": "error",
            "ignorecase": True,
            "vocab": False,
            "swap": swap,
        }
        add_rule("Vale.Terms", terms, "Vocab accept lists", loaded, [], defs)
    if rejected:
        avoid = {
            "extends": "existence",
            "message": "Avoid using '%s'.",
            "level": "error",
            "tokens": rejected,
        }
        add_rule("Vale.Avoid", avoid, "Vocab reject lists", loaded, accepted, defs)
    # As Vale 3.7 runs it: case-sensitive ("The the" passes), whole tokens between
    # spaces, letters only ("it. It" and "it, it" pass).
    repetition = {
        "extends": "repetition",
        "message": "'%s' is repeated!",
        "level": "error",
        "alpha": True,
        "action": {"name": "edit", "params": ["truncate", " "]},
        "tokens": [r"[^\s]+"],
    }
    add_rule("Vale.Repetition", repetition, "Vale built-in", loaded, accepted, defs)
    spelling = {
        "extends": "spelling",
        "message": "Did you really mean '%s'?",
        "level": "error",
    }
    add_rule("Vale.Spelling", spelling, "Vale built-in", loaded, accepted, defs)
