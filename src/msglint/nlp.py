"""spaCy's data, and spaCy itself loaded once and only when a rule needs it (importing
spaCy costs about 0.5 s).

No trained model is needed or downloaded: the pipeline is `spacy.blank("en")` (the English
tokenizer) plus the lookup lemmatizer whose table ships in `spacy-lookups-data`. If a trained
pipeline such as `en_core_web_sm` happens to be installed it is not required by anything here.
Terminology rules cut text with spaCy's tokenizer rules run in Python (`tokenizer`,
msglint.text.tokenizer), so a check whose packs were prepared before imports no spaCy.

Hostile text is bounded before it reaches a tokenizer (see `tokenizer_text`): affix
splitting is quadratic in the length of a run without spaces ("&" x 4,096 took 0.68 s in
spaCy, x 20,000 about a minute), so runs longer than `MAX_RUN` are blanked (same length, so
every offset stays exact). The claim finder, which runs spaCy's Matcher, tokenizes one
block at a time, far below spaCy's `max_length` (E088 at 1,000,000 characters).
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

    from msglint.model import Document
    from msglint.text.tokenizer import Tokenizer

#: Longest run of non-space characters the tokenizer is given. Longer runs are URLs, file
#: paths, base64 or junk, never a term a rule looks for; spaCy's prefix/suffix splitting costs
#: time quadratic in a run's length (measured: "&" x 256 0.3 ms, x 1,024 18 ms, x 4,096
#: 0.68 s), so they are replaced by spaces of the same length.
MAX_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def tokenizer_text(text: str) -> str:
    """`text` as the tokenizer may see it: runs over MAX_RUN non-space characters blanked.

    The result has the same length, so token offsets are offsets in `text`.
    """
    if len(text) <= MAX_RUN:
        return text
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), text)


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


@cache
def tokenizer() -> Tokenizer:
    """spaCy's English tokenizer run without spaCy (msglint.text.tokenizer): its rules are
    read from spaCy once and kept in the user's cache folder under a key of the installed
    spaCy files (msglint.packcache), so a later run imports no spaCy to cut tokens. A kept
    file that is unreadable or of another shape is read from spaCy again."""
    from msglint import packcache
    from msglint.text.tokenizer import Tokenizer, rules_of

    folder = packcache.folder_for(None)
    key = packcache.key("spaCy tokenizer rules: en")
    rules = packcache.read(folder, key).get("en")
    if rules is not None:
        try:
            return Tokenizer(rules)
        except (KeyError, TypeError, ValueError, AttributeError, re.error):
            pass
    rules = rules_of(blank().tokenizer)
    if rules is None:  # not a plain-regex tokenizer: English always is (a test checks)
        raise LookupError("spaCy's English tokenizer rules are not regular expressions")
    packcache.write(folder, key, {"en": rules})
    return Tokenizer(rules)


def segment_tokens(document: Document, index: int) -> list[tuple[int, int]]:
    """The tokens of one segment of `document` (long runs blanked: `tokenizer_text`),
    computed once and shared by every rule that needs them."""
    cache: dict[str, Any] = document.meta.setdefault("_cache", {})
    kept: dict[int, list[tuple[int, int]]] = cache.setdefault("tokens", {})
    spans = kept.get(index)
    if spans is None:
        text = tokenizer_text(document.segments[index].text)
        spans = kept[index] = tokenizer().spans(text)
    return spans
