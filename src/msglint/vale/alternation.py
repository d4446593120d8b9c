"""Long word lists as prefix trees, so one regex scan costs the same for 5 words or 700.

Python's `re` tries the branches of `(?:w1|w2|...)` one after another at every position,
so a 700-token cliché list costs 700 attempts per word boundary. A prefix tree
(`(?:a(?:bout|ll)|b...)`) fails after one character almost everywhere. It is only used
where it cannot change what matches: for a run of literal tokens none of which can match
at the same place as another (one token a prefix of another, with a word boundary
possible in between, as "in" and "in order to"). In such a run at most one token can
match at a position, so the order of the branches, which decides Vale's (and `re`'s)
leftmost-first choice, does not matter.
"""

from __future__ import annotations

import itertools
import re

_META = set("\\.^$*+?{}[]|()")

#: Off, every token is its own branch and no rule skips a document: the plain form the
#: tests compare the optimized one against.
OPTIMIZE = True


def literal_key(token: str, ignorecase: bool) -> str | None:
    """The text a token matches when it is a plain literal (case-folded), else None."""
    if not token or any(c in _META for c in token) or (ignorecase and not token.isascii()):
        return None
    if token.startswith("#") or " #" in token:  # verbose-mode comments are not used; be safe
        return None
    return token.lower() if ignorecase else token


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _prefix_free(keys: list[str]) -> bool:
    """No key is a prefix of another (needed without word boundaries)."""
    ordered = sorted(set(keys))
    return all(not b.startswith(a) for a, b in itertools.pairwise(ordered))


class _Interleaved(Exception):
    """Two tokens that can match at one place in an order a prefix tree cannot keep."""


def trie_pattern(keys: list[str], word: bool = True, order: list[int] | None = None) -> str:
    """A regex matching exactly the given literal keys, factored by common prefixes.

    Where one key is a prefix of another and both can match at one place ("it is" and
    "it is essential"), Vale takes the one listed first; the tree keeps that by trying
    the longer branch first (greedy) or the shorter one first (lazy). When a key's longer
    and shorter relatives are listed on both sides of it, no single order is right and
    `_Interleaved` is raised (the caller keeps a plain alternation).
    """
    root: dict[str, dict] = {}
    for position, key in enumerate(keys):
        index = order[position] if order is not None else position
        node = root
        for c in key:
            node = node.setdefault(c, {})
        node.setdefault("", index)  # type: ignore[arg-type]
    return _node(root, word, " ")[0]


def _node(node: dict, word: bool, last: str) -> tuple[str, int, int]:
    """(pattern, smallest and largest key index below) of a trie node; `last` is the
    character that led to it. Only longer keys that can also end at a word boundary
    (the next character is not a word character, or this one is not) compete with the
    key ending here."""
    end = node.get("")
    lo = hi = end if end is not None else -1
    branches = []
    los, his = [], []
    rel_lo: list[int] = []
    rel_hi: list[int] = []
    for c in sorted(k for k in node if k):
        chain = c
        child = node[c]
        while len(child) == 1 and "" not in child:
            (nxt,) = child
            chain += nxt
            child = child[nxt]
        pattern, clo, chi = _node(child, word, chain[-1])
        branches.append(re.escape(chain) + pattern)
        los.append(clo)
        his.append(chi)
        if not word or not _is_word(chain[0]) or not _is_word(last):
            rel_lo.append(clo)
            rel_hi.append(chi)
    if not branches:
        return "", lo, hi
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    sub_lo, sub_hi = min(los), max(his)
    if end is None:
        return body, sub_lo, sub_hi
    if len(branches) == 1:
        body = f"(?:{body})"
    if not rel_lo or end > max(rel_hi):
        suffix = "?"  # every competing longer key is listed first: try them first
    elif end < min(rel_lo):
        suffix = "??"  # this key is listed before all competing longer ones
    else:
        raise _Interleaved
    return body + suffix, min(end, sub_lo), max(end, sub_hi)


def runs(
    tokens: list[str], ignorecase: bool, word: bool
) -> list[tuple[str, dict[str, int] | None]]:
    """Split tokens into alternation parts, in order: `(pattern, strings)`.

    Consecutive tokens that are literals, or small finite languages of literals
    ("allows?", "air(?:m[ae]n|wom[ae]n)"), become one prefix-tree part whose `strings`
    maps each text it can match (case-folded with `ignorecase`) to the index of its token
    in `tokens`; every other token is a part of its own (`strings` None).
    """
    parts: list[tuple[str, dict[str, int] | None]] = []
    pending: list[tuple[int, list[str]]] = []

    def flush() -> None:
        if not pending:
            return
        strings: dict[str, int] = {}
        order: dict[str, int] = {}
        for position, (index, expanded) in enumerate(pending):
            for rank, text in enumerate(expanded):
                strings.setdefault(text, index)
                order.setdefault(text, position * _MAX_EXPANSIONS + rank)
        keys = list(strings)
        pattern = None
        if len(pending) >= 3 and (word or _prefix_free(keys)):
            try:
                pattern = trie_pattern(keys, word, [order[k] for k in keys])
            except _Interleaved:
                pattern = None
        if pattern is not None:
            parts.append((pattern, strings))
        else:
            parts.extend((tokens[i], None) for i, _e in pending)
        pending.clear()

    if not OPTIMIZE:
        return [(token, None) for token in tokens]
    for index, token in enumerate(tokens):
        key = literal_key(token, ignorecase)
        expanded = [key] if key is not None else _literals(token, ignorecase)
        if expanded is None:
            flush()
            parts.append((token, None))
        else:
            pending.append((index, expanded))
    flush()
    return parts


def _literals(token: str, ignorecase: bool) -> list[str] | None:
    """A token's strings when it is a small finite language of literals, else None."""
    if any(c in token for c in "\\^$") or "(?" in token.replace("(?:", ""):
        return None
    expanded = _expand(token)
    if expanded is None or len(expanded) > 32:
        return None
    keys = [literal_key(e, ignorecase) if e else None for e in expanded]
    if any(k is None for k in keys):
        return None
    return [k for k in keys if k is not None]


# -- a cheap necessary condition: the words a rule's matches must start with ----------------

_MAX_EXPANSIONS = 256
_LEAD_WORD = re.compile(r"\w+")


def first_words(tokens: list[str], ignorecase: bool) -> frozenset[str] | None:
    """The words every match of `\\b(?:tokens)\\b` starts with, when the tokens are finite
    languages of plain words ("allows?", "we'(?:ve|re)"); None when they are not (then the
    rule cannot be skipped on that ground). A document containing none of these words
    cannot match, so the rule does not scan it."""
    if not OPTIMIZE:
        return None
    words: set[str] = set()
    for token in tokens:
        strings = _expand(token)
        if strings is None:
            return None
        for s in strings:
            if not s or not s.isascii() or not _is_word(s[0]):
                return None
            lead = _LEAD_WORD.match(s)
            assert lead is not None
            words.add(lead.group().lower() if ignorecase else lead.group())
    return frozenset(words)


def _expand(pattern: str) -> list[str] | None:
    try:
        from re import _parser as parser  # type: ignore[attr-defined]

        parsed = parser.parse(pattern)
    except Exception:
        return None
    return _seq(list(parsed))


def _seq(items: list) -> list[str] | None:
    out = [""]
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            options = [chr(arg)]
        elif name == "IN":
            options = []
            for kind, value in arg:
                if str(kind) == "LITERAL":
                    options.append(chr(value))
                elif str(kind) == "RANGE" and value[1] - value[0] < 26:
                    options.extend(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    return None
        elif name == "SUBPATTERN":
            options = _seq(list(arg[-1]))
        elif name == "BRANCH":
            options = []
            for branch in arg[1]:
                expanded = _seq(list(branch))
                if expanded is None:
                    return None
                options.extend(expanded)
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[1] <= 1:
            inner = _seq(list(arg[2]))
            if inner is None:
                return None
            options = ([""] if arg[0] == 0 else []) + inner
        else:
            return None
        if options is None:
            return None
        out = [a + b for a in out for b in options]
        if len(out) > _MAX_EXPANSIONS:
            return None
    return out
