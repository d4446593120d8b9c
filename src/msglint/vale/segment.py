"""Vale's sentences and words: its Punkt sentence splitter and iter word tokenizer, in brief.

Vale splits a paragraph into sentences with prose's Punkt tokenizer (neurosnap/sentences
with its English model: NLTK's abbreviation list, sentence starters and collocations,
plus prose's rules for `."`/`?)` endings and dotted abbreviations). This keeps Vale's
decisions where they show in sentence-scoped rules: a break after `.`, `?` or `!` (and
closing quotes or brackets) before the next word, no break after a known abbreviation
(`a.m.`, `Inc.`, `e.g.`, ...), an initial or an ellipsis unless a capitalized frequent
sentence starter follows, and no break before a lower-case word. It does not carry
Punkt's orthographic statistics (a 400 KB table of how often each word was seen
capitalized), so a known abbreviation followed by a capitalized word that is not a
frequent sentence starter never ends a sentence here; the conformance report counts
what that costs. msglint's own rules keep their own splitter: this one is Vale's.
"""

from __future__ import annotations

import re

#: Punkt's English abbreviations (neurosnap/sentences data/english.json, plus prose's).
ABBREVIATIONS = frozenset(
    [
        "prof",
        "r.i",
        "g.k",
        "r.t",
        "tenn",
        "j.r",
        "chg",
        "s.c",
        "ph.d",
        "n.m",
        "messrs",
        "pa",
        "c.v",
        "inc",
        "r.a",
        "t",
        "r",
        "ct",
        "reps",
        "s.g",
        "t.j",
        "w.va",
        "a.c",
        "a.m",
        "s.a.y",
        "va",
        "ms",
        "d.c",
        "ltd",
        "a.s",
        "ft",
        "a.a",
        "jan",
        "w.r",
        "cos",
        "r.k",
        "mich",
        "u.n",
        "c",
        "d.h",
        "ill",
        "d.w",
        "h.c",
        "kan",
        "jr",
        "col",
        "corp",
        "p.m",
        "l.f",
        "rep",
        "dr",
        "fla",
        "sept",
        "u.s.a",
        "h.m",
        "r.h",
        "feb",
        "nov",
        "w",
        "ok",
        "sep",
        "g",
        "j.j",
        "i.m.s",
        "a.d",
        "j.c",
        "ave",
        "bros",
        "oct",
        "minn",
        "a.m.e",
        "n.y",
        "ky",
        "l",
        "u.k",
        "ariz",
        "n.d",
        "b.f",
        "sw",
        "l.a",
        "m.b.a",
        "yr",
        "calif",
        "h.f",
        "e.f",
        "j.p",
        "e.m",
        "p.a.m",
        "v",
        "st",
        "e.l",
        "a.g",
        "u.s",
        "l.p",
        "g.d",
        "wed",
        "ga",
        "adm",
        "ala",
        "colo",
        "tues",
        "okla",
        "f",
        "n",
        "cie",
        "b.v",
        "co",
        "f.j",
        "k",
        "e",
        "h",
        "n.h",
        "e.h",
        "s.s",
        "u.s.s.r",
        "c.i.t",
        "conn",
        "f.g",
        "p",
        "fri",
        "s.p.a",
        "a.h",
        "s.a",
        "dec",
        "s",
        "d",
        "n.j",
        "sr",
        "m.j",
        "g.f",
        "maj",
        "n.v",
        "lt",
        "ore",
        "wis",
        "m",
        "mr",
        "wash",
        "aug",
        "c.o.m.b",
        "nev",
        "mg",
        "vt",
        "sen",
        "j.k",
        "a.t",
        "mrs",
        "n.c",
        "j.b",
        "vs",
        "r.j",
        "w.c",
        "m.d.c",
        "w.w",
        "gen",
        "sgt",
        "gov",
        "no",
        "mt",
    ]
)
SENTENCE_STARTERS = frozenset(
    [
        "although",
        "but",
        "separately",
        "yet",
        "so",
        "indeed",
        "many",
        "both",
        "even",
        "nor",
        "meanwhile",
        "the",
        "most",
        "in",
        "these",
        "among",
        "nonetheless",
        "nevertheless",
        "sales",
        "under",
        "he",
        "some",
        "this",
        "they",
        "there",
        "while",
        "i",
        "since",
        "despite",
        "according",
        "thus",
        "instead",
        "if",
        "though",
        "moreover",
        "similarly",
        "however",
        "when",
        "it",
    ]
)
_ENDERS = (
    '."',
    ".)",
    ".’",
    ".”",
    "?",
    '?"',
    "?'",
    "?)",
    "?’",
    "?”",
    "!",
    '!"',
    "!'",
    "!)",
    "!’",
    "!”",
)
_PARENS = (".[", ".(", '."', "?[", "?(", "![", "!(")
_ELLIPSIS = re.compile(r"(?:\.\s?){2,}\.")
_DOTTED = re.compile(r"(?:\w\.)+\w*\.")
_NUMBER = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_INITIAL = re.compile(r"[^\W\d]\.$")


def _sent_end(tok: str) -> bool:
    if tok.endswith(_ENDERS) and "Yahoo!" not in tok:
        return True
    return any(p in tok for p in _PARENS)


def _type(tok: str) -> str:
    """Punkt's token type: lower case, numbers as ##number##, final period removed."""
    low = tok.lower()
    if _NUMBER.match(low):
        return "##number##"
    return low[:-1] if low.endswith(".") and len(low) > 1 else low


def _first_upper(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()


def _first_lower(tok: str) -> bool:
    return bool(tok) and tok[0].islower()


_CANDIDATE = re.compile(r"\S*[.?!]\S*")
_NEXT = re.compile(r"\s+(\S+)")


def _breaks(tok: str, nxt: str | None) -> bool:
    """Whether a token holding `.`, `?` or `!` ends a sentence, `nxt` the word after."""
    if tok.endswith(".") and not _ELLIPSIS.search(tok):
        brk = _type(tok) not in ABBREVIATIONS and not _INITIAL.match(tok)
    else:
        brk = _sent_end(tok)
    if nxt is None:
        return brk
    nxt = nxt.lstrip("\"'“‘([")
    ntype = _type(nxt.rstrip(".,;:!?\"'”’)]"))
    if tok.endswith("..") or _ELLIPSIS.search(tok):
        return _first_upper(nxt) or ntype in SENTENCE_STARTERS
    if brk and tok.endswith(".") and _first_lower(nxt) and ntype not in SENTENCE_STARTERS:
        return False  # Punkt's orthographic heuristic: a lower-case word continues
    if brk and tok.endswith(('"', "'", ")", "’", "”")) and _first_lower(nxt):
        return ntype in SENTENCE_STARTERS
    if not brk and tok.endswith("."):
        abbreviation = _type(tok) in ABBREVIATIONS or _DOTTED.fullmatch(tok)
        if (abbreviation or _INITIAL.match(tok)) and _first_upper(nxt):
            return ntype in SENTENCE_STARTERS
    return brk


def sentences(text: str) -> list[str]:
    """The sentences of `text` as Vale's tokenizer gives them (untrimmed spans).

    Only a whitespace-separated token holding `.`, `?` or `!` can end a sentence, so only
    those are looked at, with the token after them."""
    if not text.strip():
        return [text] if text else []
    out: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        nxt = _NEXT.match(text, m.end())
        if _breaks(m.group(), nxt.group(1) if nxt else None):
            out.append(text[start : m.end()])
            start = m.end()
    if start < len(text) and text[start:].strip():
        out.append(text[start:])
    return out


_PREFIXES = "$([{\"'“‘"
_SUFFIXES = ",.;:!?)]}\"'”’%"


def words(text: str) -> list[str]:
    """Vale's word tokenizer, as far as guessLocation needs it: words without the
    punctuation around them."""
    out = []
    for tok in text.split():
        tok = tok.lstrip(_PREFIXES).rstrip(_SUFFIXES)
        if tok and any(c.isalpha() for c in tok):
            out.append(tok)
    return out
