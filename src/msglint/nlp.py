"""spaCy, loaded once and only when a rule needs it (importing spaCy costs about 0.9 s).

No trained model is needed or downloaded: the pipeline is `spacy.blank("en")` (the English
tokenizer) plus the lookup lemmatizer whose table ships in `spacy-lookups-data`. If a trained
pipeline such as `en_core_web_sm` happens to be installed it is not required by anything here.
"""

from __future__ import annotations

import gzip
import json
from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from msglint.model import Document


@cache
def blank() -> Language:
    """The blank English pipeline: tokenizer only, the cheapest way to get spaCy tokens."""
    import spacy

    return spacy.blank("en")


@cache
def lemmatizer() -> Language:
    """A blank English pipeline with the lookup lemmatizer (mode="lookup": the default
    rule mode needs POS tags, which a blank pipeline has not, and silently lemmatizes nothing).
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@cache
def _lemma_lookup() -> dict[str, str]:
    """spacy-lookups-data's English lemma table with its surface forms as plain strings.

    spaCy's own Table keys entries by hash, which cannot be inverted; the reverse index
    (lemma -> forms) needs the strings, so the same JSON file is read directly.
    """
    from importlib.resources import files

    data = files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(str(data), "rt", encoding="utf-8") as fh:
        table: dict[str, str] = json.load(fh)
    return table


@cache
def _inflections() -> dict[str, frozenset[str]]:
    reverse: dict[str, set[str]] = {}
    for form, lemma in _lemma_lookup().items():
        reverse.setdefault(lemma.lower(), set()).add(form.lower())
    return {k: frozenset(v) for k, v in reverse.items()}


def lemma(word: str) -> str:
    """The lookup lemma of one word, case-insensitively ("Logging" -> "log")."""
    return _lemma_of_lower(word.lower())


@cache
def _lemma_of_lower(word: str) -> str:
    doc = lemmatizer()(word)
    return doc[0].lemma_ if len(doc) == 1 else word


def forms(word: str) -> frozenset[str]:
    """Every surface form sharing `word`'s lemma: log -> {log, logs, logged, logging}."""
    base = lemma(word)
    return _inflections().get(base, frozenset()) | {base, word.lower()}


class TokenizedDocument:
    """All segments of a Document tokenized in one spaCy call, with a map back to segments.

    Tokenizing one joined string is much faster than one call per segment; segments are
    separated by a blank line, which spaCy never joins into a token.
    """

    __slots__ = ("doc", "starts")

    def __init__(self, document: Document) -> None:
        self.starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for seg in document.segments:
            self.starts.append(offset)
            parts.append(seg.text)
            offset += len(seg.text) + 2
        self.doc: Doc = blank().make_doc("\n\n".join(parts))

    def locate(self, start_char: int) -> tuple[int, int]:
        """(segment index, offset in that segment) of a character of the joined text."""
        i = bisect_right(self.starts, start_char) - 1
        return i, start_char - self.starts[i]


def tokenized(document: Document) -> TokenizedDocument:
    """The document's tokens, computed once and shared by every rule that needs them."""
    cache: dict[str, Any] = document.meta.setdefault("_cache", {})
    tok = cache.get("tokens")
    if tok is None:
        tok = cache["tokens"] = TokenizedDocument(document)
    return tok
