"""spelling: every word must be in a Hunspell dictionary (Vale.Spelling and style rules)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field

from msglint.vale import hunspell
from msglint.vale.place import Alert
from msglint.vale.rules.base import Check, Definition, string_list

#: Vale's default filters: camelCase words, words ending in capitals (acronyms), and
#: anything with a character other than a letter, `_` or `'` (numbers, hyphens, dots).
DEFAULT_FILTERS = (r"[A-Z]{1}[a-z]+[A-Z]+\w+", r"[A-Z]+$", r"[^a-zA-Z_']")
#: Where Hunspell dictionaries are looked for after the style's own `config/dictionaries`.
SYSTEM_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")
_SANITIZE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_PREFIXES = ("$", "(", '"', "[", "'")
_SUFFIXES = (",", ")", '"', "]", "!", ";", ".", "?", ":", "'")
_SPECIAL = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$")


class SpellingOptions(Definition):
    aff: str = ""
    dic: str = ""
    dicpath: str = ""
    dictionaries: list[str] = Field(default_factory=list)
    custom: bool = False
    append: bool = False
    filters: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    threshold: int = 0

    _lists = string_list("dictionaries", "filters", "ignore", "exceptions")


def words(text: str) -> list[str]:
    """Vale's word tokenizer (nlp/tokenize.go): whitespace-separated tokens with leading
    `$ ( " [ '` and trailing `, ) " ] ! ; . ? : '` stripped one at a time, abbreviations
    such as "e.g." and "Mr." kept whole, tokens without a letter dropped."""
    out = []
    for token in text.translate(_SANITIZE).replace("&rsquo;", "'").split():
        while token:
            if _SPECIAL.match(token):
                break
            if token.startswith(_PREFIXES):
                token = token[1:]
            elif token.endswith(_SUFFIXES):
                token = token[:-1]
            else:
                break
        if token and any(c.isalpha() for c in token):
            out.append(token)
    return out


def find_dictionary(name: str, folders: list[Path]) -> tuple[Path, Path] | None:
    """`name`.dic and `name`.aff in the first of `folders` that has both."""
    for folder in folders:
        dic, aff = folder / f"{name}.dic", folder / f"{name}.aff"
        if dic.is_file() and aff.is_file():
            return dic, aff
    return None


class Spelling(Check):
    """Vale `spelling`: flag words a Hunspell dictionary does not know.

    **What it checks**
    Each block's words (Vale's tokenizer: punctuation around a word removed) are looked
    up in Hunspell dictionaries expanded as Vale expands them (see `msglint.vale.hunspell`):
    the style's `dic` and `aff`, else the named `dictionaries` (in `dicpath`, the
    StylesPath's `config/dictionaries`, then the system's Hunspell folders; `append: true`
    adds the default), else `en_US` (Vale's default; msglint uses the system's en_US, e.g.
    Debian's hunspell-en-us, where Vale embeds its own en_US-web, which also accepts
    British variants such as "colour").
    Words with a digit, hyphen or other non-letter, camelCase words and words ending in
    capitals are skipped unless `custom: true`; `filters` adds patterns to skip, `ignore`
    word-list files to accept; the Vocab accept list is accepted too. The alert is at the
    word's first occurrence in the block; the message's `%s` is the word.

    **Why it matters**
    A misspelled product name on a partner page looks careless, and search misses it.

    **Example (flagged)**
    "Restart the routr."

    **Example (fine)**
    "Restart the router."

    **Options**
    - `dic`, `aff`, `dictionaries`, `dicpath`, `append`, `custom`, `filters`, `ignore`.
    """

    vale_type: ClassVar[str] = "spelling"
    options: ClassVar[type[Definition]] = SpellingOptions
    d: SpellingOptions

    def setup(self) -> None:
        d = self.d
        styles = self.env.get("styles_path")
        folders = [Path(d.dicpath)] if d.dicpath else []
        if styles is not None:
            folders.append(Path(styles) / "config" / "dictionaries")
        folders += [Path(p) for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
        folders += [Path(p) for p in SYSTEM_DIRS]
        if d.dic and d.aff:
            base = Path(styles) if styles is not None else Path.cwd()
            pair: tuple[Path, Path] | None = (base / d.dic, base / d.aff)
            if not (pair[0].is_file() and pair[1].is_file()):  # type: ignore[index]
                raise ValueError(f"dictionary files not found: {d.dic}, {d.aff}")
            pairs = [pair]
        else:
            pairs = []
            for name in d.dictionaries or ["en_US"]:
                pair = find_dictionary(name, folders)
                if pair is None:
                    raise ValueError(
                        f"Hunspell dictionary '{name}' not found (looked for {name}.dic and "
                        f"{name}.aff in {', '.join(str(f) for f in folders)}); Vale embeds "
                        "en_US, msglint reads an installed one such as Debian's hunspell-en-us"
                    )
                pairs.append(pair)
        if d.append and not (d.dic and d.aff):
            default = find_dictionary("en_US", folders)
            if default is not None and default not in pairs:
                pairs.append(default)
        try:
            self.dictionaries = [hunspell.load(dic, aff) for dic, aff in pairs]
        except hunspell.DictionaryError as exc:
            raise ValueError(f"cannot read the Hunspell dictionary: {exc}") from None
        self.iconv = [conv for dictionary in self.dictionaries for conv in dictionary.iconv]
        self.filters = [self.compile(f) for f in d.filters]
        if not d.custom:
            self.filters += [re.compile(f) for f in DEFAULT_FILTERS]
        # Vale adds the `ignore` lists' words to every dictionary's word set, so they are
        # looked up like dictionary words (as written, or lower-cased).
        extra: set[str] = set()
        for entry in d.ignore:
            extra |= self._word_list(entry, styles)
        if extra:
            self.dictionaries = [
                hunspell.Dictionary(x.words | extra, x.compounds, x.iconv)
                for x in self.dictionaries
            ]
        accepted = [*d.exceptions, *self.accepted]
        self.excepted = self.compile("(?i)" + "|".join(accepted)) if accepted else None
        self._known: dict[str, bool] = {}
        self._verdicts: dict[str, tuple[str, ...]] = {}

    def _word_list(self, entry: str, styles: Any) -> set[str]:
        for candidate in ([Path(styles) / entry] if styles is not None else []) + [Path(entry)]:
            if candidate.is_file():
                try:
                    lines = candidate.read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError) as exc:
                    raise ValueError(f"cannot read word list {candidate}: {exc}") from None
                return {w.strip() for w in lines if w.strip() not in ("", "#")}
        raise ValueError(f"word list '{entry}' not found")

    def known(self, word: str) -> bool:
        found = self._known.get(word)
        if found is None:
            if len(self._known) > 200_000:
                self._known.clear()
            found = any(d.spell(word) for d in self.dictionaries)
            self._known[word] = found
        return found

    def flagged(self, word: str) -> bool:
        """Whether a token is reported: not filtered, not known, not an exception."""
        if any(f.search(word) for f in self.filters):
            return False
        if self.known(word):
            return False
        return self.excepted is None or self.excepted.search(word) is None

    def run(self, blk: Any, file: Any) -> list[Alert]:
        text = blk.text
        for src, dst in self.iconv:
            text = text.replace(src, dst)
        # The same whitespace-separated tokens come back in block after block: each is
        # tokenized and judged once.
        verdicts = self._verdicts
        alerts: list[Alert] = []
        for raw in text.split():
            bad = verdicts.get(raw)
            if bad is None:
                if len(verdicts) > 200_000:
                    verdicts.clear()
                bad = verdicts[raw] = tuple(w for w in words(raw) if self.flagged(w))
            for word in bad:
                at = text.find(word)
                alerts.append(self.alert(at, at + len(word), text))
        return alerts
