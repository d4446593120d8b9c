"""capitalization: a block's case style ($sentence, $title, $lower, $upper, a pattern)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.model import Document, Finding
from msglint.vale.rules.base import ValeRule

# AP style: these stay lower case inside a title (Chicago adds a few prepositions).
_SMALL_AP = set(
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
_SMALL_CHICAGO = _SMALL_AP | set(
    ["as", "if", "via", "per", "vs", "from", "into", "onto", "with", "over"]
)


class Capitalization(ValeRule):
    """Vale `capitalization`: the whole block (usually a heading) in one case style.

    **What it checks**
    `match: $sentence`: the first word capitalized and at least `threshold` (default 0.8)
    of the words lower case, upper case (acronyms), an exception, or following a word that
    ends in one of the `indicators` (such as ":"). `$title`: words capitalized as AP (or
    `style: Chicago`) title case, small words lower case. `$lower`, `$upper`: the whole
    text. Anything else is a regular expression the block must match. One finding spans
    the block; the message's first `%s` is the block, the second the expected form.

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
    keys: ClassVar[frozenset[str]] = frozenset(
        {"match", "style", "exceptions", "indicators", "threshold", "prefix"}
    )

    _mode: str = PrivateAttr(default="")
    _regex: Any = PrivateAttr(default=None)
    _except: Any = PrivateAttr(default=None)
    _tokens: Any = PrivateAttr(default=None)
    _exceptions: list[str] = PrivateAttr(default_factory=list)
    _threshold: float = PrivateAttr(default=0.8)

    @classmethod
    def default_scope(cls) -> str:
        return "heading"

    def setup(self) -> None:
        match = self._d.get("match")
        if not isinstance(match, str) or not match:
            raise ValueError("a capitalization rule needs 'match'")
        self._mode = match
        if match not in ("$sentence", "$title", "$lower", "$upper"):
            self._regex = self.compile(match)
        self._threshold = float(self._d.get("threshold") or 0.8)
        self._except = self.exception_matcher()
        exceptions = self.strings("exceptions")
        if self.flag("vocab", True):
            exceptions = exceptions + self._accepted
        self._exceptions = exceptions
        ignore = "|".join(re.escape(e) for e in sorted(exceptions, key=len, reverse=True))
        words = r"[\w*]+[^\s]*"
        self._tokens = re.compile(rf"\b(?:{ignore})\b|{words}" if ignore else words)

    def _excepted(self, word: str) -> bool:
        return self._except is not None and self._except.search(word) is not None

    def _sentence(self, text: str) -> tuple[str, bool]:
        indicators = self.strings("indicators")
        tokens = self._tokens.findall(text.rstrip("?!.:"))
        count = words = 0
        expected = []
        for i, tok in enumerate(tokens):
            prev = tokens[i - 1] if i else ""
            w = re.split(r"[-'’]", tok, maxsplit=1)[0] if any(c in tok for c in "-'’") else tok
            after_indicator = any(prev.endswith(s) and len(prev) > len(s) - 1 for s in indicators)
            if w == w.upper() or after_indicator or self._excepted(w) or tok in self._exceptions:
                count += 1
                expected.append(tok)
            elif i == 0:
                if w != w[:1].upper() + w[1:].lower():
                    return _sentence_case(tokens, self), False
                count += 1
                expected.append(tok)
            elif w == w.lower():
                count += 1
                expected.append(tok)
            else:
                expected.append(tok.lower())
            words += 1
        ok = words == 0 or count / words > self._threshold
        return _sentence_case(tokens, self), ok

    def _title(self, text: str) -> tuple[str, bool]:
        small = _SMALL_CHICAGO if self._d.get("style") == "Chicago" else _SMALL_AP
        tokens = self._tokens.findall(text)
        expected = []
        count = 0
        for i, tok in enumerate(tokens):
            want = tok
            if tok in self._exceptions or self._excepted(tok) or tok == tok.upper():
                pass
            elif 0 < i < len(tokens) - 1 and tok.lower() in small:
                want = tok.lower()
            else:
                want = tok[:1].upper() + tok[1:]
            expected.append(want)
            if tok == want or tok == tok.upper() or self._excepted(tok):
                count += 1
        ok = not tokens or count / len(tokens) > self._threshold
        return " ".join(expected), ok

    def evaluate(self, text: str) -> tuple[str, bool]:
        """(the expected form, whether `text` already has it)."""
        mode = self._mode
        if mode == "$sentence":
            return self._sentence(text)
        if mode == "$title":
            return self._title(text)
        if mode == "$lower":
            return text.lower(), text == text.lower() or text in self._exceptions
        if mode == "$upper":
            return text.upper(), text == text.upper() or text in self._exceptions
        ok = self._regex.search(text) is not None or self._excepted(text)
        return mode, ok

    def check(self, doc: Document) -> Iterator[Finding]:
        for seg, offset, text in self.units(doc):
            expected, ok = self.evaluate(text)
            if ok:
                continue
            fix = expected if self._mode in ("$sentence", "$title") else None
            message = self.format(text, expected)
            yield self.make(
                doc, self.severity_for(doc), seg, offset, offset + len(text), message, fix
            )


def _sentence_case(tokens: list[str], rule: Capitalization) -> str:
    out = []
    for i, tok in enumerate(tokens):
        if i == 0:
            out.append(tok[:1].upper() + tok[1:])
        elif tok == tok.upper() or tok in rule._exceptions or rule._excepted(tok):
            out.append(tok)
        else:
            out.append(tok.lower())
    return " ".join(out)
