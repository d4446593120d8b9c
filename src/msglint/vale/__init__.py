"""Vale styles in msglint: read `.vale.ini` and style folders, run their rules as text rules.

`load(settings, root)` returns one `Pack` per style, so the engine, `rules list`,
`rules explain`, `disable` and every report treat Vale rules like msglint's own; rule ids
are Vale's (`Microsoft.Passive`). Rules msglint cannot run are listed, with the reason, in
`Pack.unsupported`; `sequence` rules skipped for want of a tagger give one warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msglint.checks.pack import Pack
from msglint.errors import ConfigError
from msglint.vale.ini import Section, ValeIni, read_ini, read_vocab, resolver
from msglint.vale.styles import Loaded, add_rule, load_style

#: Vale's built-in style (internal/check/definition.go), from the Vocab lists.
BUILTIN_STYLE = "Vale"


def load(settings: Any, root: Path) -> list[Pack]:
    """Packs for a `vale:` config block (`config`, `styles`, `min_level`)."""
    ini: ValeIni | None = None
    if settings.config:
        ini = read_ini((root / settings.config).resolve())
    folders: list[Path] = [(root / s).resolve() for s in settings.styles]
    if ini is None:
        ini = ValeIni(path=root / "msglint.yaml")
    if folders:
        star = next((s for s in ini.sections if s.glob == "*"), None)
        if star is None:
            star = Section(glob="*")
            ini.sections.insert(0, star)
        star.styles.extend(f.name for f in folders if f.name not in star.styles)
    accepted: list[str] = []
    rejected: list[str] = []
    if ini.vocab:
        if ini.styles_path is None:
            raise ConfigError(ini.path, "Vocab needs a StylesPath")
        for name in ini.vocab:
            ok, no = read_vocab(ini.styles_path, name)
            accepted += ok
            rejected += no
    by_name = {f.name: f for f in folders}
    for style in ini.styles:
        if style == BUILTIN_STYLE or style in by_name:
            continue
        if ini.styles_path is None:
            raise ConfigError(ini.path, f"style '{style}' needs a StylesPath")
        by_name[style] = ini.styles_path / style
    min_level = settings.min_level or ini.min_level
    resolve = resolver(ini, min_level)
    packs: list[Pack] = []
    defs: dict[str, Any] = {}
    for name, folder in by_name.items():
        loaded = Loaded()
        load_style(folder, loaded, accepted, defs)
        packs.append(_pack(name, folder, loaded, resolve))
    if BUILTIN_STYLE in ini.styles:
        loaded = Loaded()
        _builtin(loaded, accepted, rejected, defs)
        packs.append(_pack(BUILTIN_STYLE, ini.path, loaded, resolve))
    for note in ini.notes:
        if packs:
            packs[0].warnings.append(note)
    return packs


def _pack(name: str, path: Path, loaded: Loaded, resolve: Any) -> Pack:
    for rule in loaded.rules:
        rule.set_private("_resolve", resolve)
    pack = Pack(name=name, path=path, description=f"Vale style {name}", rules=list(loaded.rules))
    pack.unsupported = dict(loaded.unsupported)
    if loaded.skipped_sequence:
        pack.warnings.append(
            "skipped Vale sequence rules (no part-of-speech tagger installed): "
            + ", ".join(loaded.skipped_sequence)
        )
    return pack


def _builtin(loaded: Loaded, accepted: list[str], rejected: list[str], defs: Any) -> None:
    """Vale.Terms (accepted terms as written), Vale.Avoid (rejected), Vale.Repetition;
    Vale.Spelling needs Hunspell dictionaries and is listed as unsupported."""
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
    repetition = {
        "extends": "repetition",
        "message": "'%s' is repeated!",
        "level": "error",
        "ignorecase": True,
        "alpha": True,
        "action": {"name": "edit", "params": ["truncate", " "]},
        "tokens": [r"[^\s.!?]+"],
    }
    add_rule("Vale.Repetition", repetition, "Vale built-in", loaded, accepted, defs)
    loaded.unsupported["Vale.Spelling"] = (
        "spelling rules need Hunspell dictionaries, which msglint does not read yet"
    )
