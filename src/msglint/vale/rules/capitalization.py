"""capitalization: a block's case style ($sentence, $title, $lower, $upper, a pattern)."""

from __future__ import annotations

import re
from typing import Any, ClassVar

import regex
from pydantic import Field

from msglint.vale.place import Alert
from msglint.vale.rules.base import Check, Definition, string_list

# AP style: these stay lower case inside a title (Chicago adds a few prepositions).
_SMALL_AP = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "but",
        "by",
        "for",
        "in",
        "nor",
        "of",
        "on",
        "or",
        "so",
        "the",
        "to",
        "up",
        "yet",
    ]
)
_SMALL_CHICAGO = _SMALL_AP | frozenset(
    ["as", "if", "via", "per", "vs", "from", "into", "onto", "with", "over"]
)
_WORD = r"[\p{N}\p{L}*]+[^\s]*"
_NUMBER_LIST = re.compile(r"\d+\.")


class CapitalizationOptions(Definition):
    match: str
    style: str = ""
    exceptions: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    threshold: float = 0.0
    prefix: str = ""

    _lists = string_list("exceptions", "indicators")


def _title_word(token: str) -> str:
    return token[:1].upper() + token[1:].lower()


def _go_title(word: str) -> str:
    """Go's strings.Title: upper-case each letter that follows a non-letter."""
    out = []
    prev = " "
    for c in word:
        out.append(c.upper() if not (prev.isalpha() or prev.isdigit() or prev == "_") else c)
        prev = c
    return "".join(out)


class Capitalization(Check):
    """Vale `capitalization`: the whole block (usually a heading) in one case style.

    **What it checks**
    `match: $sentence`: the block is compared word by word with its sentence-case form
    (first word and any word after one of the `indicators`, such as ":", capitalized;
    a leading "1." counts as one; exceptions and the Vocab accept list as written; every
    other word lower case). At least `threshold` (default 0.8) of the words must agree,
    and a first word that is not capitalized fails at once. `$title`: the same against
    AP (or `style: Chicago`) title case. `$lower`, `$upper`: the whole text. Anything
    else is a regular expression the block must match. One alert spans the block; the
    message's first `%s` is the block, the second the expected form.

    **Why it matters**
    Mixed heading styles ("Getting Started" next to "Next steps") look careless.

    **Example (flagged)**
    With `match: $sentence`, `scope: heading`: "## Getting Started With The Router"

    **Example (fine)**
    "## Getting started with the router"

    **Options**
    - `match` (required), `style` (AP, Chicago), `exceptions`, `indicators`, `threshold`,
      `prefix`, `vocab`.
    """

    vale_type: ClassVar[str] = "capitalization"
    options: ClassVar[type[Definition]] = CapitalizationOptions
    default_scope: ClassVar[str] = "heading"
    d: CapitalizationOptions

    def setup(self) -> None:
        d = self.d
        if not d.match:
            raise ValueError("a capitalization rule needs 'match'")
        self.mode = d.match
        self.threshold = d.threshold or 0.8
        self.except_re = self.exception_matcher(d.exceptions, d.vocab)
        vocab = list(d.exceptions) + (list(self.accepted) if d.vocab else [])
        self.vocab = vocab
        words = _WORD
        if self.except_re is not None:
            words = self.except_re.pattern + "|" + words
        try:
            self.words = regex.compile(words)
            alts = "|".join(vocab)
            # Case-sensitive, as Vale 3.7's twine reads its vocabulary: "vs." is not "VS".
            self.convert_words = regex.compile(rf"\b(?:{alts})\b|{_WORD}" if vocab else _WORD)
            self.vocab_res = [(v.lower(), regex.compile(v)) for v in vocab]
        except regex.error as exc:
            raise ValueError(f"exceptions do not compile: {exc}") from None
        self._verdicts: dict[str, tuple[str, bool]] = {}
        self.prefix = None
        if d.prefix:
            self.prefix = self.compile(d.prefix)
        self.regex = None
        if self.mode not in ("$sentence", "$title", "$lower", "$upper"):
            self.regex = self.compile(self.mode)

    def _excepted(self, word: str) -> bool:
        return self.except_re is not None and self.except_re.search(word) is not None

    def _in_vocab(self, token: str) -> str:
        low = token.lower()
        for entry, pat in self.vocab_res:
            if entry == low:
                return self.vocab[[v.lower() for v in self.vocab].index(entry)]
            if pat.search(token):
                return token
        return ""

    def _indicator(self, word: str, idx: int) -> bool:
        if any(word.endswith(s) for s in self.d.indicators):
            return True
        return idx == 0 and _NUMBER_LIST.search(word) is not None

    def sentence_case(self, s: str) -> str:
        """twine's SentenceConverter.Convert."""
        made = []
        tokens = self.convert_words.findall(s)
        for i, token in enumerate(tokens):
            prev = tokens[i - 1] if i else ""
            entry = self._in_vocab(token)
            if entry:
                made.append(entry)
            elif i == 0 or self._indicator(prev, i - 1):
                made.append(_title_word(token))
            else:
                made.append(token.lower())
        return " ".join(made)

    def title_case(self, s: str) -> str:
        small = _SMALL_CHICAGO if self.d.style == "Chicago" else _SMALL_AP
        tokens = self.convert_words.findall(s)
        made = []
        for i, token in enumerate(tokens):
            entry = self._in_vocab(token)
            if entry:
                made.append(entry)
            elif 0 < i < len(tokens) - 1 and token.lower() in small:
                made.append(token.lower())
            else:
                made.append(token[:1].upper() + token[1:])
        return " ".join(made)

    def _compare(self, s: str, expected: str, first_strict: bool) -> bool:
        want = self.words.findall(expected)
        count = words = 0
        for i, w in enumerate(self.words.findall(s)):
            if i >= len(want) or w == want[i] or self._excepted(w):
                count += 1
            elif first_strict and i == 0 and w != _go_title(w.lower()):
                return False
            elif not first_strict and w == w.upper():
                count += 1
            words += 1
        return words > 0 and count / words >= self.threshold

    def evaluate(self, text: str) -> tuple[str, bool]:
        """(the expected form, whether `text` already has it)."""
        mode = self.mode
        if mode == "$sentence":
            expected = self.sentence_case(text)
            return expected, self._compare(text, expected, True)
        if mode == "$title":
            expected = self.title_case(text)
            return expected, self._compare(text, expected, False)
        if mode == "$lower":
            return text.lower(), text == text.lower() or self._excepted(text)
        if mode == "$upper":
            return text.upper(), text == text.upper() or self._excepted(text)
        return mode, self.regex.search(text) is not None or self._excepted(text)

    def run(self, blk: Any, file: Any) -> list[Alert]:
        text = blk.text
        # Headings repeat from file to file ("Overview", "Next steps"): judged once each.
        cache = self._verdicts
        found = cache.get(text)
        if found is None:
            if len(cache) > 4096:
                cache.clear()
            found = cache[text] = self.evaluate(text)
        expected, ok = found
        if ok:
            return []
        fix = expected if self.mode in ("$sentence", "$title") else None
        return [self.alert(0, len(text), text, text, expected, expected=fix)]
