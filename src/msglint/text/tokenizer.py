"""spaCy's tokenizer, run in Python from spaCy's own rules, without importing spaCy.

Why: a terminology rule matches whole tokens as spaCy cuts them ("log in" is found in "Log
in." but not in "login" or "catalog in"), and a check of one file that holds a term spent
most of its start-up on spaCy: importing it 0.45 s, `spacy.blank("en")` 0.11 s and a
PhraseMatcher of a 500-term pack's 4,300 phrases 0.17 s (issue 20: 1.4 s against 0.8).
What the tokens depend on is data: the tokenizer's prefix, suffix, infix and URL
expressions and its special cases ("don't" -> "do", "n't"). `rules_of` reads them from a
spaCy tokenizer once; msglint.nlp keeps them as JSON beside the prepared rule packs, keyed
by the installed spaCy files, so later runs cut tokens with no spaCy at all.

The algorithm is spaCy's `Tokenizer.explain` (spacy/tokenizer.pyx, MIT licence), which spaCy
documents, and tests by fuzzing, as giving the tokens of the tokenizer itself, followed by
the special cases spaCy re-applies after splitting affixes (":)" inside "(:)"). It is
written out here because spaCy has no pure-Python tokenizer to import;
tests/test_tokenizer.py compares the two on varied and hostile text.

Tokens are (start, end) offsets. White space is not a token here; spaCy makes one of every
white-space run that is not a single space after a token, so two tokens are next to each
other in spaCy's Doc exactly when the text between them is "" or " " (`adjacent`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Span = tuple[int, int]
#: Distinct space-free chunks whose tokens are kept (as spaCy keeps its own cache); past
#: it the cache is emptied, so hostile text cannot grow it without end.
CACHE_CHUNKS = 50_000
_CHUNK = re.compile(r"\S+")
_NEVER = re.compile("a^")


def rules_of(tokenizer: Any) -> dict[str, Any] | None:
    """A spaCy tokenizer's rules as JSON-ready data; None when one of them is not a plain
    regular expression (a language may plug in a function: then spaCy has to run)."""
    rules: dict[str, Any] = {}
    for name in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        found = getattr(tokenizer, name, None)
        if found is None:
            rules[name] = None
            continue
        pattern = getattr(found, "__self__", None)
        if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
            return None
        rules[name] = [pattern.pattern, pattern.flags]
    specials: dict[str, list[str]] = {}
    for string, pieces in tokenizer.rules.items():
        orths = [next(v for k, v in piece.items() if k in (65, "ORTH")) for piece in pieces]
        specials[string] = orths
    rules["specials"] = specials
    rules["faster_heuristics"] = bool(getattr(tokenizer, "faster_heuristics", True))
    return rules


def _compiled(rule: Any, method: str) -> Callable[..., Any]:
    if rule is None:
        return getattr(_NEVER, method)
    pattern, flags = rule
    return getattr(re.compile(pattern, flags), method)


class Tokenizer:
    """Cuts text into spaCy's tokens, from `rules_of`'s data."""

    def __init__(self, rules: dict[str, Any]) -> None:
        self.prefix = _compiled(rules["prefix_search"], "search")
        self.suffix = _compiled(rules["suffix_search"], "search")
        self.infixes = _compiled(rules["infix_finditer"], "finditer")
        self.token_match = _compiled(rules["token_match"], "match")
        self.url_match = _compiled(rules["url_match"], "match")
        self.specials: dict[str, list[str]] = {
            k: list(v) for k, v in rules["specials"].items() if "".join(v) == k
        }
        self._cache: dict[str, tuple[list[Span], bool]] = {}
        # Special cases that the affix rules cut into other tokens are put back together
        # afterwards by spaCy's special-case matcher (Tokenizer.add_special_case): its
        # patterns are each special case as the rules alone cut it.
        self._merges_by_first: dict[str, list[tuple[str, ...]]] = {}
        heuristics = rules.get("faster_heuristics", True)
        for string in self.specials:
            if heuristics and not (
                self._find_prefix(string)
                or self._find_suffix(string)
                or any(True for _ in self.infixes(string))
                or " " in string
            ):
                continue
            cut = tuple(string[a:b] for a, b in self.spans_without_specials(string))
            if cut:
                self._merges_by_first.setdefault(cut[0], []).append(cut)
        self._merge_firsts = frozenset(self._merges_by_first)

    def spans_without_specials(self, text: str) -> list[Span]:
        """The tokens of `text` by the affix rules alone (spaCy's
        `_tokenize_affixes(text, False)`), white space left out."""
        return [
            (run.start() + a, run.start() + b)
            for run in _CHUNK.finditer(text)
            for a, b in self._chunk(run.group(), {})
        ]

    def spans(self, text: str) -> list[Span]:
        """The (start, end) of every token of `text`, as `Tokenizer.__call__` cuts it.

        A run of white space is one token, less its first character when that is a plain
        space (spaCy's `whitespace_` of the token before); the terminology matcher only
        needs to know that such a token stands between two others."""
        out: list[Span] = []
        cache = self._cache
        merge = False
        end = 0  # where the last chunk ended
        for run in _CHUNK.finditer(text):
            a = run.start()
            if a != end:  # white space before this chunk
                gap = end + 1 if end and text[end] == " " else end
                if gap < a:
                    out.append((gap, a))
            end = run.end()
            word = run.group()
            kept = cache.get(word)
            if kept is None:
                rel = self._chunk(word, self.specials)
                firsts = self._merge_firsts
                kept = (rel, any(word[x:y] in firsts for x, y in rel))
                if len(cache) >= CACHE_CHUNKS:
                    cache.clear()
                cache[word] = kept
            rel, joins = kept
            if len(rel) == 1:
                out.append((a, end))
            else:
                out.extend([(a + x, a + y) for x, y in rel])
            merge = merge or joins
        if end < len(text):
            out.append((end + 1 if end and text[end] == " " else end, len(text)))
            if out[-1][0] == out[-1][1]:
                out.pop()
        return self._merged(text, out) if merge else out

    def _find_prefix(self, string: str) -> int:
        m = self.prefix(string)
        return m.end() - m.start() if m is not None else 0

    def _find_suffix(self, string: str) -> int:
        m = self.suffix(string)
        return m.end() - m.start() if m is not None else 0

    def _chunk(self, word: str, specials: dict[str, list[str]]) -> list[Span]:
        """The tokens of one space-free chunk: spaCy's `_split_affixes`, then
        `_attach_tokens` (offsets in `word`)."""
        if word in specials:
            return _pieces(specials[word], 0)
        prefixes: list[Span] = []
        suffixes: list[Span] = []
        lo, hi = 0, len(word)
        token_match = self.token_match
        last = -1
        while lo < hi and hi - lo != last:
            string = word[lo:hi]
            if token_match(string) or string in specials:
                break
            last = hi - lo
            pre_len = self._find_prefix(string)
            if pre_len and string[pre_len:] and string[pre_len:] in specials:
                prefixes.append((lo, lo + pre_len))
                lo += pre_len
                break
            suf_len = self._find_suffix(string[pre_len:])
            if suf_len and string[:-suf_len] and string[:-suf_len] in specials:
                suffixes.append((hi - suf_len, hi))
                hi -= suf_len
                break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                prefixes.append((lo, lo + pre_len))
                suffixes.append((hi - suf_len, hi))
                lo, hi = lo + pre_len, hi - suf_len
            elif pre_len:
                prefixes.append((lo, lo + pre_len))
                lo += pre_len
            elif suf_len:
                suffixes.append((hi - suf_len, hi))
                hi -= suf_len
        tokens = prefixes
        if lo < hi:
            string = word[lo:hi]
            if string in specials:
                tokens.extend(_pieces(specials[string], lo))
            elif token_match(string) or self.url_match(string):
                tokens.append((lo, hi))
            else:
                start = 0
                for m in self.infixes(string):
                    if m.start() == 0:
                        continue
                    if m.start() != start:
                        tokens.append((lo + start, lo + m.start()))
                    if m.end() != m.start():
                        tokens.append((lo + m.start(), lo + m.end()))
                    start = m.end()
                if start < len(string):
                    tokens.append((lo + start, hi))
        tokens.extend(reversed(suffixes))
        return tokens

    def _merged(self, text: str, spans: list[Span]) -> list[Span]:
        """spaCy's `_apply_special_cases`: token runs that are a special case cut apart by
        the affix rules are found (the longest first, then the earliest; a run whose first
        or last token an earlier one took is dropped, as `_filter_special_spans` does),
        and those whose text is a special case are replaced by its tokens."""
        texts = [text[a:b] for a, b in spans]
        firsts = self._merge_firsts
        found: list[tuple[int, int]] = []
        for i, first in enumerate(texts):
            if first not in firsts:
                continue
            for cut in self._merges_by_first[first]:
                n = len(cut)
                if tuple(texts[i : i + n]) == cut:
                    found.append((i, i + n))
        if not found:
            return spans
        found.sort(key=lambda f: (f[1] - f[0], -f[0]))
        seen: set[int] = set()
        chosen: dict[int, int] = {}
        for start, end in reversed(found):
            if start not in seen and end - 1 not in seen:
                chosen[start] = end
            seen.update(range(start, end))
        out: list[Span] = []
        i = 0
        while i < len(spans):
            end = chosen.get(i)
            if end is None:
                out.append(spans[i])
                i += 1
                continue
            a, b = spans[i][0], spans[end - 1][1]
            rule = self.specials.get(text[a:b])
            out.extend(_pieces(rule, a) if rule is not None else spans[i:end])
            i = end
        return out


def _pieces(orths: list[str], at: int) -> list[Span]:
    out = []
    for orth in orths:
        out.append((at, at + len(orth)))
        at += len(orth)
    return out


def adjacent(text: str, end: int, start: int) -> bool:
    """Whether spaCy puts no white-space token between a token ending at `end` and the
    next one starting at `start`: nothing between them, or one plain space."""
    return start == end or (start == end + 1 and text[end] == " ")
