"""spaCy, loaded once and only when a rule needs it (importing spaCy costs about 0.9 s).

No trained model is needed or downloaded: the pipeline is `spacy.blank("en")` (the English
tokenizer) plus the lookup lemmatizer whose table ships in `spacy-lookups-data`. If a trained
pipeline such as `en_core_web_sm` happens to be installed it is not required by anything here.

Hostile text is bounded before it reaches the tokenizer (see `tokenizer_text`): spaCy refuses
texts over `nlp.max_length` (1,000,000 characters, error E088), so a document is tokenized in
chunks cut at segment or sentence boundaries; and its affix splitting is quadratic in the
length of a run without spaces ("&" x 4,096 took 0.68 s, x 20,000 about a minute), so runs
longer than `MAX_RUN` are blanked (same length, so every offset stays exact).
"""

from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from msglint.model import Document

#: Longest run of non-space characters the tokenizer is given. Longer runs are URLs, file
#: paths, base64 or junk, never a term a rule looks for; spaCy's prefix/suffix splitting costs
#: time quadratic in a run's length (measured: "&" x 256 0.3 ms, x 1,024 18 ms, x 4,096
#: 0.68 s), so they are replaced by spaces of the same length.
MAX_RUN = 100
#: Characters per spaCy call: far below spaCy's max_length (E088 at 1,000,000), and a chunk's
#: tokens are a few MB at most. Chunks end at a segment, else a sentence, else a space.
CHUNK_CHARS = 100_000
#: Documents up to this many characters keep their tokens for every rule that needs them.
KEEP_CHARS = 1_000_000
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def tokenizer_text(text: str) -> str:
    """`text` as the tokenizer may see it: runs over MAX_RUN non-space characters blanked.

    The result has the same length, so token offsets are offsets in `text`.
    """
    if len(text) <= MAX_RUN:
        return text
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), text)


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """[start, end) pieces of `text` of at most `size` characters that together cover it,
    each cut after a blank line (a segment boundary here), else after a sentence's end,
    else at a space, else anywhere."""
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        floor = start + size // 2
        cut = text.rfind("\n\n", floor, limit)
        if cut >= 0:
            cut += 2
        else:
            cut = max(text.rfind(". ", floor, limit), text.rfind("\n", floor, limit))
            cut = cut + 1 if cut >= 0 else text.rfind(" ", floor, limit) + 1
        if cut <= start:
            cut = limit
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


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


def forms(word: str, lang: str = "en") -> frozenset[str]:
    """Every surface form sharing `word`'s lemma: log -> {log, logs, logged, logging}.

    For German, French, Spanish, Italian and Dutch (`lang`), the language's lookup table in
    spacy-lookups-data: "anmelden" -> {anmelden, angemeldet, anmeldet, ...}.
    """
    if lang != "en" and lang in OTHER_LEMMA_LANGUAGES:
        lower = word.lower()
        table = _lookup_of(lang)
        base = table["lemmas"].get(lower, lower)
        return table["forms"].get(base, frozenset()) | {base, lower}
    base = lemma(word)
    return _inflections().get(base, frozenset()) | {base, word.lower()}


#: Languages whose lemma lookup table spacy-lookups-data ships besides English.
OTHER_LEMMA_LANGUAGES = ("de", "fr", "es", "it", "nl")


@cache
def _lookup_of(lang: str) -> dict[str, Any]:
    """A language's lemma table (form -> lemma, lower case) and its reverse (lemma -> forms)."""
    from importlib.resources import files

    data = files("spacy_lookups_data") / "data" / f"{lang}_lemma_lookup.json.gz"
    with gzip.open(str(data), "rt", encoding="utf-8") as fh:
        table: dict[str, str] = json.load(fh)
    lemmas: dict[str, str] = {}
    reverse: dict[str, set[str]] = {}
    for form, base in table.items():
        if not isinstance(base, str):
            continue
        form, base = form.lower(), base.lower()
        lemmas.setdefault(form, base)
        reverse.setdefault(base, set()).add(form)
    return {"lemmas": lemmas, "forms": {k: frozenset(v) for k, v in reverse.items()}}


class TokenizedDocument:
    """All segments of a Document tokenized in a few spaCy calls, with a map back to segments.

    Tokenizing one joined string is much faster than one call per segment; segments are
    separated by a blank line, which spaCy never joins into a token. The joined text is cut
    into chunks of at most CHUNK_CHARS (see `chunk_bounds`), so a document of any size is
    tokenized; a phrase that a chunk boundary cuts is not matched (boundaries fall between
    segments or sentences wherever the text has them). The chunks' tokens are kept for the
    next rule up to KEEP_CHARS of text; a longer document is tokenized again, one chunk at
    a time, for each rule, so its tokens never all sit in memory (a token costs spaCy about
    100 bytes: 10 million of them in a 50 MB page would be a gigabyte).
    """

    __slots__ = ("_bounds", "_docs", "_joined", "starts")

    def __init__(self, document: Document) -> None:
        self.starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for seg in document.segments:
            self.starts.append(offset)
            parts.append(seg.text)
            offset += len(seg.text) + 2
        self._joined = tokenizer_text("\n\n".join(parts))
        self._bounds = chunk_bounds(self._joined)
        self._docs: list[Doc] | None = None
        if len(self._joined) <= KEEP_CHARS:
            make_doc = blank().make_doc
            self._docs = [make_doc(self._joined[a:b]) for a, b in self._bounds]

    def chunks(self) -> Iterator[tuple[int, Doc]]:
        """(offset of the chunk in the joined text, its tokens), chunk after chunk."""
        if self._docs is not None:
            yield from zip((a for a, _ in self._bounds), self._docs, strict=True)
            return
        make_doc = blank().make_doc
        for a, b in self._bounds:
            yield a, make_doc(self._joined[a:b])

    def matches(self, matcher: Any) -> Iterator[tuple[int, Span, int]]:
        """(match id, span, start in the joined text) of each match of a spaCy matcher."""
        for base, doc in self.chunks():
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                yield match_id, span, base + span.start_char

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
