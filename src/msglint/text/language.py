"""The language a document is written in: English, German, French, Spanish, Italian, Dutch,
or unknown (None: every reader then falls back to English).

The page's own `lang` attribute comes first; the text confirms or overrules it with
lingua (lingua-language-detector, its models inside the wheel, restricted to the six
languages msglint reads, in low-accuracy mode: trigrams only). Measured on this machine
(shared, two cores) against py3langid on 60 short product-page texts (labels, claims,
buttons; 10 per language) and on page-length texts (the 10 of a language joined):

    detector              short texts  per text  page-length  per page  first-use load
    py3langid (6 langs)   0.92         0.11 ms   6/6          0.6 ms    2.5 s (numpy, model)
    lingua (high)         0.95         3.0 ms    6/6          1.0 ms    1.2 s
    lingua (low accuracy) 0.85         0.13 ms   6/6          0.8 ms    0.3 s

A document is long enough for either, so the cheapest load wins: lingua in low-accuracy
mode, run once per document on its first MAX_SAMPLE characters of prose. Most pages do not
even need it: when one language's frequent function words ("der", "und", "les", "het")
are at least FAST_SHARE of those in the sample, that is the language (a word count costs
microseconds; on the planted benchmark's pages lingua took about 10 ms a page on 4,000
characters, 40 % of the run's extra CPU, before this). Short texts
(under MIN_LETTERS letters) are not guessed: the `lang` attribute decides, or nothing does.
Text in another script (Arabic, Hebrew, Japanese, ...) gives no language among the six:
unknown, with English fallbacks. A `lang` attribute the text contradicts with confidence
(a German page left at `lang="en"` by its template) is overruled.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: The languages msglint reads (their vocabulary is in msglint/data).
SUPPORTED = ("en", "de", "fr", "es", "it", "nl")
#: Languages that write a decimal comma and group thousands with a dot or a space.
DECIMAL_COMMA = frozenset({"de", "fr", "es", "it", "nl"})
MAX_SAMPLE = 1_500
MIN_LETTERS = 40
#: Segments of at least this many spaces are read first (sentences, not menu items).
PROSE_WORDS = 6
#: Confidence the detector needs to name a language (or to overrule `lang`).
MIN_CONFIDENCE = 0.6
_LETTER = re.compile(r"[^\W\d_]")
_NOISE = re.compile(r"\S*[@/\\]\S*|\d+")  # addresses, links, paths, numbers


def declared(lang: str | None) -> str | None:
    """The primary subtag of a `lang` attribute, lower case ("de-DE" -> "de"), or None."""
    if not lang or not isinstance(lang, str):
        return None
    primary = lang.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


@cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.ENGLISH,
        Language.GERMAN,
        Language.FRENCH,
        Language.SPANISH,
        Language.ITALIAN,
        Language.DUTCH,
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


_CODES = {
    "ENGLISH": "en",
    "GERMAN": "de",
    "FRENCH": "fr",
    "SPANISH": "es",
    "ITALIAN": "it",
    "DUTCH": "nl",
}


#: Short function words that are frequent in one of the six languages and rare in the
#: others. A sample where one language has FAST_HITS of them and FAST_SHARE of all hits is
#: that language without asking the detector (most pages; the detector costs about 2 ms).
_FUNCTION_WORDS = {
    "en": "the and of to with for is are your you this that from",
    "de": "der die das und mit für ist sind ein eine nicht auch sie wird",
    "fr": "le la les et des du une est pour avec vous sur dans",
    "es": "el los las y del una es para con por más sus",
    "it": "il gli della delle che di è per con una sono più",
    "nl": "het een van en de voor met zijn niet ook naar uw",
}
_WORD_LANG: dict[str, list[str]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _w in _words.split():
        _WORD_LANG.setdefault(_w, []).append(_lang)
_WORDS = re.compile(r"[^\W\d_]+")
FAST_HITS = 8
FAST_SHARE = 0.8


def _by_function_words(sample: str) -> str | None:
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    total = 0
    for word in _WORDS.findall(sample.lower()):
        langs = _WORD_LANG.get(word)
        if langs is not None and len(langs) == 1:
            counts[langs[0]] += 1
            total += 1
    if not total:
        return None
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= FAST_HITS and counts[best] >= FAST_SHARE * total else None


def detect(text: str) -> str | None:
    """The language of `text` among SUPPORTED, or None (too short, another script, mixed)."""
    if not isinstance(text, str):
        return None
    sample = _NOISE.sub(" ", text[:MAX_SAMPLE])
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    quick = _by_function_words(sample)
    if quick is not None:
        return quick
    try:
        values = _detector().compute_language_confidence_values(sample)
    except Exception:  # a detector failure on hostile text: unknown, never a stopped run
        return None
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return _CODES.get(values[0].language.name)


def choose(attribute: str | None, text: str) -> str | None:
    """The language of a document whose `lang` attribute is `attribute` and whose prose is
    `text`: the attribute when the text agrees or says too little, the text's language when
    it contradicts the attribute, None when neither names one of SUPPORTED."""
    said = declared(attribute)
    found = detect(text)
    if found is not None:
        return found
    return said if said in SUPPORTED else None


def document_language(doc: Any) -> str | None:
    """A Document's language (cached in `doc.meta`): its `lang` attribute and its prose."""
    meta = doc.meta
    if "language" not in meta:
        # Sentences first: menus, buttons and footers are short and often left in English
        # (or are names); a paragraph says what language the page is written in.
        pieces: list[str] = []
        size = 0
        for long_only in (True, False):
            for seg in doc.segments:
                if (seg.text.count(" ") >= PROSE_WORDS) != long_only:
                    continue
                pieces.append(seg.text)
                size += len(seg.text) + 1
                if size >= MAX_SAMPLE:
                    break
            if size >= MAX_SAMPLE:
                break
        meta["language"] = choose(doc.lang, " ".join(pieces))
    return meta["language"]
