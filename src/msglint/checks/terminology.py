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
#: Key of a trie node's set of entries ending there (no token is empty).
_ENDS = ""


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

    _index: Any = PrivateAttr(default=None)
    _right_forms: dict[str, list[str]] = PrivateAttr(default_factory=dict)
    _patterns: dict[int, tuple[str, tuple[str, ...]]] = PrivateAttr(default_factory=dict)
    #: One entry per swap: (discouraged term, preferred term, the discouraged term's
    #: words, every variant, the inflections of each of the preferred term's words).
    _entries: list[tuple[str, str, list[str], list[str], dict[str, list[str]]]] = PrivateAttr(
        default_factory=list
    )
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
        `lemma`) and the inflections of the preferred terms' words, or the ones a pack cache
        kept (`use_prepared`): cutting the terms into tokens and reading the lemma tables
        need spaCy, about 1.5 s of a one-file check (issue 20)."""
        super().prepare()
        if self._restored is not None:
            self._entries, self._restored = self._restored, None
            return
        from msglint import nlp

        blank = nlp.blank()
        lang = self.lang or "en"
        self._entries = []
        for wrong, right in sorted(self.swap.items()):
            words = [t.text for t in blank.make_doc(wrong)]
            if self.lemma:
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
            right_forms = {w: sorted(nlp.forms(w, lang)) for w in right.split(" ") if w.isalpha()}
            self._entries.append((wrong, right, words, variants, right_forms))

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
                and len(entry) == 5
                and entry[:2] == [wrong, right]
                and all(
                    isinstance(x, list) and all(isinstance(w, str) for w in x) for x in entry[2:4]
                )
                and isinstance(entry[4], dict)
                and all(
                    isinstance(v, list) and all(isinstance(w, str) for w in v)
                    for v in entry[4].values()
                )
            ):
                return False
            entries.append((wrong, right, entry[2], entry[3], entry[4]))
        self._restored = entries
        return True

    def warm(self, texts: list[str]) -> None:
        """The phrase index (and the tokenizer's rules) now, when one of `texts` may hold
        a term: worker processes then share them instead of each building its own."""
        if self._index is None and any(self._pretest_finds(t) for t in texts):
            from msglint import nlp

            nlp.tokenizer()
            self._build_index()

    def _pretest_finds(self, text: str) -> bool:
        return self._phrases().search(text.lower() if self.ignore_case else text)

    def _candidates(self, doc: Document) -> list[int]:
        """The segments in which a variant can be: its words in order with only white space
        between them, in the text (lower-cased unless case counts). A match is always such
        a stretch, so other segments are never tokenized; most documents have none."""
        search = self._phrases().search
        kinds = self.scope.segments
        lower = self.ignore_case
        return [
            i
            for i, seg in enumerate(doc.segments)
            if (not kinds or seg.kind in kinds) and search(seg.text.lower() if lower else seg.text)
        ]

    def _phrases(self) -> PhraseSet:
        if self._pretest is None:
            fold = str.lower if self.ignore_case else str
            self._pretest = PhraseSet(
                fold(variant)
                for _wrong, _right, words, variants, _forms in self._entries
                for variant in [*variants, " ".join(words)]
            )
        return self._pretest

    def _build_index(self) -> None:
        """The discouraged terms as token sequences (lower-cased unless case counts), each
        with the entries it stands for: spaCy's PhraseMatcher on LOWER or ORTH, as a trie
        of tokens. Variants that tokenize to another number of words than the term are
        left out, as before."""
        from msglint import nlp

        tokenizer = nlp.tokenizer()
        fold = str.lower if self.ignore_case else str
        index: dict[str, Any] = {}
        for n, (wrong, right, words, variants, _forms) in enumerate(self._entries):
            self._patterns[n] = (right, tuple(w.lower() for w in words))
            for k, text in enumerate([*variants, wrong]):
                tokens = [fold(text[a:b]) for a, b in tokenizer.spans(text)]
                if not tokens or (k < len(variants) and len(tokens) != len(words)):
                    continue
                node = index
                for token in tokens:
                    node = node.setdefault(token, {})
                node.setdefault(_ENDS, set()).add(n)
        self._index = index
        self._right_forms = {w: f for entry in self._entries for w, f in entry[4].items()}

    def _matches(self, text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int, int]]:
        """(entry, first token, end token) of every run of tokens that is a term, in the
        order of their start, shortest first; white-space tokens break a run."""
        index = self._index
        if not self.ignore_case:
            tokens = [text[a:b] for a, b in spans]
        else:
            if text.isascii():  # one lower-casing, then slices
                lowered = text.lower()
                tokens = [lowered[a:b] for a, b in spans]
            else:  # token by token, as spaCy's LOWER ("İ" grows, "Σ" depends on its end)
                tokens = [text[a:b].lower() for a, b in spans]
        for i, first in enumerate(tokens):
            node = index.get(first)
            j = i + 1
            while node is not None:
                for n in sorted(node.get(_ENDS, ())):
                    yield n, i, j
                if j >= len(tokens):
                    break
                node = node.get(tokens[j])
                j += 1

    def check(self, doc: Document) -> Iterator[Finding]:
        candidates = self._candidates(doc)
        if not candidates:
            return
        from msglint import nlp

        if self._index is None:
            self._build_index()
        patterns = self._patterns  # bound once: pydantic private attributes are slow to read
        forms = self._right_forms
        for index in candidates:
            segment = doc.segments[index]
            text = segment.text
            spans = nlp.segment_tokens(doc, index)
            for n, i, j in self._matches(text, spans):
                s, e = spans[i][0], spans[j - 1][1]
                if self.excepted(segment, s, e):
                    continue
                right, words = patterns[n]
                actual = text[s:e]
                matched = [text[a:b].lower() for a, b in spans[i:j]]
                suggestion = match_case(_inflect(right, words, matched, forms), actual)
                if actual == suggestion:
                    continue
                found = self.finding(doc, segment, s, e, suggestion=suggestion)
                found.fix = suggestion
                yield found


def _inflect(
    replacement: str,
    term_words: tuple[str, ...],
    matched: list[str],
    forms: dict[str, list[str]],
) -> str:
    """Carry the match's inflection over to the replacement: "logged in" -> "signed in".

    The word that differs from the term is found, and the replacement word at the same end
    of the phrase takes the form that shares the longest ending with it ("logged" picks
    "signed" among sign/signs/signed/signing, `forms` of the replacement's words, prepared
    with the rule). Irregular pairs stay uninflected.
    """
    if tuple(matched) == term_words or len(matched) != len(term_words):
        return replacement
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
        candidates = forms.get(target, [target]) if target.isalpha() else [target]
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
