"""Is any of many phrases in a text? A pre-test that is cheap to build and to run.

A rule pack's terminology rules may list hundreds of terms, each with every inflection of
every word (a 500-term pack gives about 4,300 phrases). The question asked of each text is
whether any phrase occurs with only white space between its words, so that documents
without one are skipped before spaCy is loaded or the text tokenized. One alternation of
all phrases answers it, but Python's `re` has no trie: it tries every alternative at every
position (5.6 ms per 2.5 KB file) and compiling it took 0.22 s of a one-file check's start
(issue 20). Here the same answer comes in two stages:

1. each phrase is filed under its longest word (its *key*, reduced to the shortest key it
   starts with: "logging" and "logged" both under "log"), and one regular expression built
   as a trie over the few hundred keys finds which keys occur anywhere in the text
   (a lookahead, so overlapping keys are all seen);
2. only the phrases filed under a key found are then searched, with a trie expression per
   key compiled the first time the key is found.

A phrase in the text contains its longest word, which starts with its key, so stage 1
always finds the key and the answer is exactly that of the one alternation (a test compares
them). No library builds trie-shaped expressions for `re` (the `regex` module's named
lists and Aho-Corasick packages are other dependencies for a dozen lines), hence
`trie_pattern` here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""
#: Branching levels of a trie expression beyond which the rest is a flat alternation: a
#: pack of terms "a", "aa", "aaa"... would otherwise nest groups a thousand deep.
_MAX_NESTING = 64


def trie_pattern(words: Iterable[str], *, space: str = r"\s*") -> str:
    """A regular expression matching exactly `words`, shaped as a trie so that `re` walks
    one branch per character; a space in a word stands for `space`. Empty: never matches."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not root:
        return "(?!)"

    def piece(ch: str) -> str:
        return space if ch == " " else re.escape(ch)

    def emit(node: dict[str, dict], depth: int) -> str:
        literal = ""
        while len(node) == 1 and _END not in node:  # a chain: one literal, no nesting
            ((ch, node),) = node.items()
            literal += piece(ch)
        if depth > _MAX_NESTING:  # past it, flat: nested groups are recursion in `re` too
            rest = sorted("".join(map(piece, s)) for s in _suffixes(node))
            tail = "|".join(rest)
            return literal + (f"(?:{tail})" if len(rest) > 1 else tail)
        options = [piece(ch) + emit(child, depth + 1) for ch, child in sorted(node.items()) if ch]
        if not options:
            return literal
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        return literal + (f"(?:{body})?" if _END in node else body)

    return emit(root, 0)


def _suffixes(node: dict[str, dict]) -> list[str]:
    """Every word below `node` (without the part above it), without recursion."""
    found: list[str] = []
    stack = [(node, "")]
    while stack:
        here, prefix = stack.pop()
        for ch, child in here.items():
            if ch == _END:
                found.append(prefix)
            else:
                stack.append((child, prefix + ch))
    return found


class PhraseSet:
    """Phrases (words separated by single spaces) to look for in texts, any white space
    between their words; `search(text)` says whether one occurs."""

    __slots__ = ("_compiled", "_groups", "_keys")

    def __init__(self, phrases: Iterable[str]) -> None:
        by_key: dict[str, set[str]] = {}
        for phrase in phrases:
            words = [w for w in phrase.split(" ") if w]
            if words:
                by_key.setdefault(max(words, key=len), set()).add(" ".join(words))
        # Each key files its phrases under the shortest key it starts with, so no key is a
        # prefix of another and the trie's match at a position is the only one there.
        self._groups: dict[str, list[str]] = {}
        shortest: str | None = None
        for key in sorted(by_key):
            if shortest is None or not key.startswith(shortest):
                shortest = key
                self._groups[shortest] = []
            self._groups[shortest].extend(sorted(by_key[key]))
        self._keys = re.compile(f"(?=({trie_pattern(self._groups)}))") if self._groups else None
        self._compiled: dict[str, re.Pattern[str]] = {}

    def search(self, text: str) -> bool:
        """Whether any phrase occurs in `text`, its words separated by any white space
        (none included, as `\\s*`: a phrase whose words the text writes together still
        counts, the tokenizer deciding later)."""
        if self._keys is None:
            return False
        tried: set[str] = set()
        for m in self._keys.finditer(text):
            key = m.group(1)
            if key in tried:
                continue
            tried.add(key)
            pattern = self._compiled.get(key)
            if pattern is None:
                pattern = self._compiled[key] = re.compile(trie_pattern(self._groups[key]))
            if pattern.search(text) is not None:
                return True
        return False
