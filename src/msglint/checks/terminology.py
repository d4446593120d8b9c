"""terminology: use the brand's word, not another one."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, PrivateAttr, field_validator

from msglint.checks.base import TextRule, coerce_terms, match_case
from msglint.model import Document, Finding
from msglint.text.phrases import PhraseSet

#: Cap on the inflected variants generated for one multi-word term (the product of each
#: word's forms); beyond it the rarest combinations would only slow the matcher down.
MAX_VARIANTS = 256
#: Cap on the characters of one term's variants together. A term of a few hundred words (a
#: broken or hostile pack: benchmarks/fuzz.py made one of 590 words) got 256 variants of
#: its whole length: 1.4 s to prepare one 3 KB rule file, and a pretest of 150,000 words.
#: A term under 32 characters never reaches it; past it, the rarest combinations go.
MAX_VARIANT_CHARS = 8_192


class Terminology(TextRule):
    """Use the preferred term instead of a discouraged one, in any inflection.

    **What it checks**
    Every occurrence of a term on the left of `swap` is reported with the term on the right
    as the suggested replacement. Matching is by whole tokens, case-insensitive unless
    `ignore_case: false`, and with `lemma: true` (the default) inflected forms match too: a
    rule on "log in" also catches "logged in" and "logging in". The suggestion is inflected
    to match ("logged in" -> "signed in").

    **Why it matters**
    Customers meet the brand through many partners. When one says "sign in", another "log in"
    and a third "login", the product feels like three products, and help articles stop
    matching what people see.

    **Example (flagged)**
    With `swap: {log in: sign in}`: "Logged in users see their orders."

    **Example (fine)**
    "Signed in users see their orders." and "The activity log records each order."

    **Options**
    - `swap` (required): mapping of discouraged term -> preferred term; multi-word terms work.
    - `ignore_case` (default true): match regardless of case.
    - `lemma` (default true): also match inflected forms, using spaCy's lookup lemmatizer.
    - `lang` (optional): only documents in this language (de, fr, es, it, nl, en); inflected
      forms then come from that language's lookup table ("anmelden" also catches
      "angemeldet").
    """

    bundled: ClassVar[bool] = True
    kind: Literal["terminology"]
    swap: dict[str, str] = Field(description="Discouraged term -> preferred term.")
    ignore_case: bool = True
    lemma: bool = Field(default=True, description="Match inflected forms too.")

    default_message: ClassVar[str] = "Use '{suggestion}' instead of '{match}'."

    _matcher: Any = PrivateAttr(default=None)
    _patterns: dict[int, tuple[str, tuple[str, ...]]] = PrivateAttr(default_factory=dict)
    #: One entry per swap: (discouraged term, preferred term, the discouraged term's
    #: words, every variant).
    _entries: list[tuple[str, str, list[str], list[str]]] = PrivateAttr(default_factory=list)
    _pretest: Any = PrivateAttr(default=None)
    _restored: Any = PrivateAttr(default=None)

    @field_validator("swap", mode="before")
    @classmethod
    def _swap(cls, value: Any) -> Any:
        terms = coerce_terms(value)
        for wrong, right in terms.items():
            if not right:
                raise ValueError(f"'{wrong}' needs a replacement (swap maps wrong: right)")
        return terms

    def prepare(self) -> None:
        """The variants of every discouraged term (each inflection of each word, with
        `lemma`), or the ones a pack cache kept (`use_prepared`): tokenizing the terms and
        reading the lemma table need spaCy, about 1.5 s of a one-file check (issue 20)."""
        super().prepare()
        if self._restored is not None:
            self._entries, self._restored = self._restored, None
            return
        from msglint import nlp

        blank = nlp.blank()
        self._entries = []
        for wrong, right in sorted(self.swap.items()):
            words = [t.text for t in blank.make_doc(wrong)]
            if self.lemma:
                lang = self.lang or "en"
                choices = [sorted(nlp.forms(w, lang)) if w.isalpha() else [w] for w in words]
            else:
                choices = [[w] for w in words]
            variants: list[str] = []
            size = 0
            for combo in itertools.islice(itertools.product(*choices), MAX_VARIANTS):
                variant = " ".join(combo)
                size += len(variant)
                if variants and size > MAX_VARIANT_CHARS:
                    break
                variants.append(variant)
            self._entries.append((wrong, right, words, variants))

    def prepared_state(self) -> Any:
        """What `prepare` computed, as JSON, for the pack cache (msglint.packcache)."""
        return [list(entry) for entry in self._entries]

    def use_prepared(self, state: Any) -> bool:
        """Take a state `prepared_state` gave (from the pack cache) for the next `prepare`;
        False when it is not of that shape."""
        if not isinstance(state, list) or len(state) != len(self.swap):
            return False
        entries = []
        for entry, (wrong, right) in zip(state, sorted(self.swap.items()), strict=True):
            if not (
                isinstance(entry, list)
                and len(entry) == 4
                and entry[:2] == [wrong, right]
                and all(
                    isinstance(x, list) and all(isinstance(w, str) for w in x) for x in entry[2:]
                )
            ):
                return False
            entries.append((wrong, right, entry[2], entry[3]))
        self._restored = entries
        return True

    def warm(self, texts: list[str]) -> None:
        """The PhraseMatcher (and spaCy) now, when one of `texts` may hold a term."""
        if self._matcher is None and any(self._pretest_finds(t) for t in texts):
            self._build_matcher()

    def _pretest_finds(self, text: str) -> bool:
        return self._phrases().search(text.lower() if self.ignore_case else text)

    def _might_match(self, doc: Document) -> bool:
        """Whether any variant can be in `doc`: its words in order with only white space
        between them, in the text (lower-cased unless case counts). A PhraseMatcher match
        is always such a stretch, so a document without one is skipped before spaCy is
        loaded or the document tokenized; most documents have none."""
        return any(self._pretest_finds(seg.text) for seg in doc.segments)

    def _phrases(self) -> PhraseSet:
        if self._pretest is None:
            fold = str.lower if self.ignore_case else str
            self._pretest = PhraseSet(
                fold(variant)
                for _wrong, _right, words, variants in self._entries
                for variant in [*variants, " ".join(words)]
            )
        return self._pretest

    def _build_matcher(self) -> None:
        from spacy.matcher import PhraseMatcher

        from msglint import nlp

        blank = nlp.blank()
        self._matcher = PhraseMatcher(blank.vocab, attr="LOWER" if self.ignore_case else "ORTH")
        for n, (wrong, right, words, variants) in enumerate(self._entries):
            key = f"{self.id}#{n}"
            match_id = blank.vocab.strings.add(key)
            self._patterns[match_id] = (right, tuple(w.lower() for w in words))
            docs = []
            for variant in variants:
                doc = blank.make_doc(variant)
                if len(doc) == len(words):
                    docs.append(doc)
            docs.append(blank.make_doc(wrong))
            self._matcher.add(key, docs)

    def check(self, doc: Document) -> Iterator[Finding]:
        if not self._might_match(doc):
            return
        from msglint import nlp

        if self._matcher is None:
            self._build_matcher()
        tokens = nlp.tokenized(doc)
        kinds = self.scope.segments
        patterns = self._patterns  # bound once: pydantic private attributes are slow to read
        for match_id, span, start_char in tokens.matches(self._matcher):
            seg_index, offset = tokens.locate(start_char)
            segment = doc.segments[seg_index]
            if kinds and segment.kind not in kinds:
                continue
            s, e = offset, offset + (span.end_char - span.start_char)
            if self.excepted(segment, s, e):
                continue
            right, words = patterns[match_id]
            actual = segment.text[s:e]
            matched = [t.lower_ for t in span]
            suggestion = match_case(_inflect(right, words, matched, self.lang or "en"), actual)
            if actual == suggestion:
                continue
            found = self.finding(doc, segment, s, e, suggestion=suggestion)
            found.fix = suggestion
            yield found


def _inflect(
    replacement: str, term_words: tuple[str, ...], matched: list[str], lang: str = "en"
) -> str:
    """Carry the match's inflection over to the replacement: "logged in" -> "signed in".

    The word that differs from the term is found, and the replacement word at the same end
    of the phrase takes the form that shares the longest ending with it ("logged" picks
    "signed" among sign/signs/signed/signing). Irregular pairs stay uninflected.
    """
    if tuple(matched) == term_words or len(matched) != len(term_words):
        return replacement
    from msglint import nlp

    rep_words = replacement.split(" ")
    for i, (term_word, got) in enumerate(zip(term_words, matched, strict=True)):
        if term_word == got:
            continue
        j = (
            0
            if i == 0
            else len(rep_words) - 1
            if i == len(term_words) - 1
            else min(i, len(rep_words) - 1)
        )
        target = rep_words[j]
        candidates = nlp.forms(target, lang) if target.isalpha() else {target}
        best, best_len = target, 0
        for form in sorted(candidates):
            common = _common_suffix(form, got)
            if common > best_len and form != target.lower():
                best, best_len = form, common
        rep_words[j] = best if best_len else target
    return " ".join(rep_words)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n
