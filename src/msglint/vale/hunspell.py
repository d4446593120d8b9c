"""Hunspell dictionaries read the way Vale reads them (its `internal/spell`).

Vale does not run Hunspell's lookup algorithm: it expands every `.dic` entry with its
`.aff` affix rules once, into a set of word forms, and a word is spelled right when it, or
its lower-case form, is in that set (or looks like a number, a hex or binary literal, a
40-character hash, a number with a known unit such as `100GB`, or matches a COMPOUNDRULE).
Reading the files the same way gives the same verdicts, including Vale's quirks:

- a prefix rule's condition gets `^` appended (`[^y]^`), so a conditional prefix never
  applies; a suffix rule's condition is anchored at the end, and its strip text is removed
  only when the word ends with it;
- affix and continuation flags are single characters (`FLAG long` and `FLAG num` are not
  read), and continuation classes on affixes (`ing/S`) are kept as written;
- COMPOUNDRULE metacharacters (`*`, `?`, `+`, `(`, `)`) are matched literally;
- ONLYINCOMPOUND entries are left out of the word set.

An expanded dictionary is a plain set of strings: building it is a single pass over the
files (en_US: about half a second), and lookups are set probes. The expansion is kept in
msglint's cache folder (`$XDG_CACHE_HOME/msglint`, else `~/.cache/msglint`; `MSGLINT_CACHE`
overrides it, an empty value turns it off) as JSON named by a digest of both files, so later
runs read it in a few hundredths of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Bumped when the expansion changes, so older cache files are not read.
CACHE_VERSION = 1

_NUMBER = re.compile(r"[0-9]+(?:[.,-][0-9]+)*[.,-]?")  # Vale's ^([0-9]+[.,-]?)+$
_UNITS = re.compile(r"([0-9]+)([a-zA-Z]+)")
_HEX = re.compile(r"0?x[0-9A-Fa-f]+")
_BINARY = re.compile(r"0b[01]+")
_HASH = re.compile(r"[0-9a-z]{40}")
_COMPOUND_META = frozenset("()+?*")


@dataclass
class _Affix:
    prefix: bool
    cross: bool
    rules: list[tuple[str, str, re.Pattern[str] | None]] = field(default_factory=list)

    def expand(self, word: str, out: list[str]) -> None:
        for strip, text, cond in self.rules:
            if cond is not None and cond.search(word) is None:
                continue
            if self.prefix:
                out.append(text + word)
            elif strip and word.endswith(strip):
                out.append(word[: len(word) - len(strip)] + text)
            else:
                out.append(word + text)


@dataclass
class Dictionary:
    """One `.dic`/`.aff` pair, expanded."""

    words: set[str]
    compounds: list[re.Pattern[str]]
    iconv: list[tuple[str, str]]

    def add_words(self, words: set[str]) -> None:
        self.words |= words

    def spell(self, word: str) -> bool:
        words = self.words
        if word in words or word.lower() in words:
            return True
        if _NUMBER.fullmatch(word) or _HEX.fullmatch(word) or _BINARY.fullmatch(word):
            return True
        if _HASH.fullmatch(word):
            return True
        if any(p.fullmatch(word) for p in self.compounds):
            return True
        units = _UNITS.fullmatch(word)
        return units is not None and units.group(2) in words


class DictionaryError(ValueError):
    """An `.aff` or `.dic` file Vale would refuse to read."""


def _condition(pattern: str, prefix: bool) -> re.Pattern[str] | None:
    if pattern == ".":
        return None
    try:
        return re.compile(pattern + ("^" if prefix else "$"))
    except re.error:
        raise DictionaryError(f"unable to compile {pattern}") from None


def read_aff(text: str) -> tuple[dict[str, _Affix], list[str], str, list[tuple[str, str]]]:
    """Affixes by flag, COMPOUNDRULEs, the ONLYINCOMPOUND flags and ICONV pairs."""
    affixes: dict[str, _Affix] = {}
    compound_rules: list[str] = []
    only_in_compound = ""
    iconv: list[tuple[str, str]] = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        head = parts[0]
        if head == "ICONV" and len(parts) >= 3:
            iconv.append((parts[1], parts[2]))
        elif head == "ONLYINCOMPOUND" and len(parts) >= 2:
            only_in_compound = parts[1]
        elif head == "COMPOUNDRULE" and len(parts) >= 2:
            if parts[1].lstrip("+-").isdigit():
                compound_rules = []
            else:
                compound_rules.append(parts[1])
        elif head in ("PFX", "SFX"):
            if len(parts) > 4:
                flag = parts[1][0]
                affix = affixes.get(flag)
                if affix is None:
                    raise DictionaryError(f"got rules for flag {flag!r} but no definition")
                strip = "" if parts[2] == "0" else parts[2]
                text_ = "" if parts[3] == "0" else parts[3]
                affix.rules.append((strip, text_, _condition(parts[4], affix.prefix)))
            elif len(parts) > 3:
                if parts[2] not in ("Y", "N"):
                    raise DictionaryError(f"CrossProduct is not Y or N: got {parts[2]!r}")
                affixes[parts[1][0]] = _Affix(prefix=head == "PFX", cross=parts[2] == "Y")
    return affixes, compound_rules, only_in_compound, iconv


def expand(dic: str, aff: str) -> Dictionary:
    """Every word form of a `.dic` text under an `.aff` text, as Vale expands them."""
    affixes, compound_rules, only_in_compound, iconv = read_aff(aff)
    groups: dict[str, list[str]] = {c: [] for rule in compound_rules for c in rule}
    words: set[str] = set()
    add = words.add
    lines = dic.splitlines()
    for line in lines[1:]:
        entry = line.split("\t", 1)[0]
        slash = entry.find("/")
        if slash == -1:
            add(entry)
            continue
        if slash == 0 or slash == len(entry) - 1:
            raise DictionaryError(f"unable to process {line!r}: slash in first or last place")
        word, flags = entry[:slash], entry[slash + 1 :]
        compound_only = False
        for flag in flags:
            if flag in only_in_compound:
                compound_only = True
            elif flag in groups:
                groups[flag].append(word)
        if compound_only:
            continue
        out = [word]
        prefixes: list[_Affix] = []
        suffixes: list[_Affix] = []
        for flag in flags:
            affix = affixes.get(flag)
            if affix is None:
                continue
            if not affix.cross:
                affix.expand(word, out)
            elif affix.prefix:
                prefixes.append(affix)
            else:
                suffixes.append(affix)
        for suffix in suffixes:
            suffix.expand(word, out)
        for prefix in prefixes:
            prefixed: list[str] = []
            prefix.expand(word, prefixed)
            out += prefixed
            for suffix in suffixes:
                for w in prefixed:
                    suffix.expand(w, out)
        words.update(out)
    compounds = []
    for rule in compound_rules:
        pattern = "".join(
            re.escape(c) if c in _COMPOUND_META else "(" + "|".join(groups[c]) + ")" for c in rule
        )
        try:
            compounds.append(re.compile(pattern))
        except re.error as exc:
            raise DictionaryError(f"COMPOUNDRULE {rule}: {exc}") from None
    return Dictionary(words=words, compounds=compounds, iconv=iconv)


_LOADED: dict[tuple[str, str], Dictionary] = {}


def cache_dir() -> Path | None:
    """Where expanded dictionaries are kept (None: caching turned off)."""
    from msglint import usercache

    return usercache.folder()


def load(dic: Path, aff: Path) -> Dictionary:
    """An expanded dictionary from files: once per process, through the cache folder."""
    key = (str(dic), str(aff))
    found = _LOADED.get(key)
    if found is None:
        try:
            dic_bytes, aff_bytes = dic.read_bytes(), aff.read_bytes()
        except OSError as exc:
            raise DictionaryError(f"cannot read {exc.filename}: {exc.strerror}") from None
        found = _LOADED[key] = _cached(dic_bytes, aff_bytes)
    return found


def _cached(dic: bytes, aff: bytes) -> Dictionary:
    folder = cache_dir()
    digest = hashlib.sha256(b"%d\0%d\0" % (CACHE_VERSION, len(aff)) + aff + dic).hexdigest()
    path = folder / "hunspell" / f"{digest[:32]}.json" if folder is not None else None
    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Dictionary(
                words=set(data["words"]),
                compounds=[re.compile(p) for p in data["compounds"]],
                iconv=[(a, b) for a, b in data["iconv"]],
            )
        except (OSError, ValueError, KeyError, TypeError, re.error):
            pass
    found = expand(dic.decode("utf-8", "replace"), aff.decode("utf-8", "replace"))
    if path is not None:
        data = {
            "words": sorted(found.words),
            "compounds": [p.pattern for p in found.compounds],
            "iconv": found.iconv,
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            partial.replace(path)
        except OSError:
            pass
    return found
