"""Pair each partner document with the brand's version of it.

In order of trust, the first that applies wins:

1. configuration: `documents.pairs` maps partner globs (or URLs) to a reference document;
2. canonical URL: a partner page whose `<link rel="canonical">` is a brand document's URL;
3. path: the same file name (stem, case and separators ignored: `X100_Manual.pdf` and
   `x100-manual.html`) as one brand document;
4. title: the same title (fuzzy, 92 or more) as one brand document;
5. content: the brand document whose text is most alike, by the Jaccard similarity of
   their bottom-k MinHash sketches (the 64 smallest hashes of their 5-word shingles), at
   or above `documents.threshold`.

Steps 3 and 4 also need some shared content (one shingle in the sketches, or a title that
says the same), so two unrelated `index.html` or two "FAQ" pages are not paired; when a
name or title fits several brand documents, content decides among them. Every pair keeps
its method and its content score (0-100), shown in findings.

Cost: adding a brand document indexes its 64 sketch hashes; pairing a partner document
looks up its 64 hashes in that index (blocking) and scores only the few brand documents
that share one, so pairing grows linearly with the corpus: `python benchmarks/documents.py`
pairs 10,000 partner documents against 2,000 brand documents (see the README).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from msglint.globs import matches
from msglint.model import DocDigest

if TYPE_CHECKING:
    from msglint.config import DocumentsConfig

TITLE_SCORE = 92.0
#: Brand documents scored in full per partner document (the best by shared sketch hashes).
CANDIDATES = 8
#: A shingle hash shared by more brand documents than this is boilerplate ("Contact
#: support", a site's standard disclaimer): it does not block candidates.
MAX_POSTINGS = 32
_SEPARATORS = re.compile(r"[\W_]+")
_DATASHEET_WORDS = re.compile(
    r"\b(?:datasheet|data sheet|manual|user guide|guide|instructions|operating instructions|"
    r"handbook|brochure|pdf|docx)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DocPair:
    """A partner document and the brand's version of it, and how they were paired."""

    reference: DocDigest
    partner: DocDigest
    method: str  # "config", "canonical", "path", "title" or "content"
    score: float  # estimated content similarity, 0-100
    #: What the rules compute once per pair and share (the passage alignment).
    cache: dict[object, object] = field(default_factory=dict, compare=False, repr=False)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Similarity (0-100) of two documents: the Jaccard index of their sketches.

    Two copies of one document share most of their smallest shingle hashes, so their
    sketches overlap; unrelated documents share few. (The bottom-k estimator over the
    union's k smallest is a little more exact and four times slower in Python; the ranking
    and the threshold are what matter here.)
    """
    if not a or not b:
        return 0.0
    both = len(set(a).intersection(b))
    return 100.0 * both / (len(a) + len(b) - both)


def stem(path: str) -> str:
    """A file's name without folder, suffix, case or separators."""
    name = PurePosixPath(path.split("?", 1)[0].rstrip("/")).stem
    return _SEPARATORS.sub("", name.casefold())


def title_key(title: str | None) -> str:
    """A title without case, punctuation or words naming the format ("Datasheet")."""
    if not title:
        return ""
    return " ".join(_SEPARATORS.sub(" ", _DATASHEET_WORDS.sub(" ", title.casefold())).split())


@dataclass
class Pairing:
    """The brand's documents, indexed; pairs partner documents as they arrive."""

    settings: DocumentsConfig | None = None
    reference: list[DocDigest] = field(default_factory=list)
    #: Per partner source, the indexes of the brand documents one of its documents copies.
    paired: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    #: Partner sources that had at least one document.
    partners: set[str] = field(default_factory=set)
    _by_hash: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    _by_url: dict[str, int] = field(default_factory=dict)
    _by_stem: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _by_title: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _titles: list[str] = field(default_factory=list)

    @property
    def threshold(self) -> float:
        return self.settings.threshold if self.settings is not None else 30.0

    def add_reference(self, doc: DocDigest) -> None:
        index = len(self.reference)
        self.reference.append(doc)
        for h in doc.sketch:
            self._by_hash[h].append(index)
        for url in (doc.url, doc.canonical):
            if url:
                self._by_url.setdefault(url.rstrip("/"), index)
        self._by_stem[stem(doc.url or doc.path)].append(index)
        key = title_key(doc.title)
        if key:
            self._by_title[key].append(index)
        self._titles.append(key)

    def pair(self, doc: DocDigest) -> DocPair | None:
        """The brand's version of partner document `doc`, or None."""
        self.partners.add(doc.source)
        if not self.reference:
            return None
        found = self._find(doc)
        if found is None:
            return None
        index, method, score = found
        self.paired[doc.source].add(index)
        return DocPair(self.reference[index], doc, method, round(score, 1))

    def _find(self, doc: DocDigest) -> tuple[int, str, float] | None:
        scores = self._content_scores(doc)

        def best(indexes: list[int]) -> int | None:
            if not indexes:
                return None
            return max(indexes, key=lambda i: (scores.get(i, 0.0), -i))

        configured = self._configured(doc)
        if configured:
            i = best(configured)
            assert i is not None
            return i, "config", scores.get(i, 0.0)
        if doc.canonical and doc.canonical.rstrip("/") in self._by_url:
            i = self._by_url[doc.canonical.rstrip("/")]
            return i, "canonical", scores.get(i, 0.0)
        named = [i for i in self._by_stem.get(stem(doc.url or doc.path), []) if i in scores]
        i = best(named)
        if i is not None:
            return i, "path", scores[i]
        i = best(self._titled(doc, scores))
        if i is not None:
            return i, "title", scores.get(i, 0.0)
        candidates = [j for j in scores if not _other_model(doc, self.reference[j])]
        i = best(candidates)
        if i is not None and scores[i] >= self.threshold:
            return i, "content", scores[i]
        return None

    def _content_scores(self, doc: DocDigest) -> dict[int, float]:
        """Similarity to the brand documents sharing a sketch hash with `doc` (the best few)."""
        shared: Counter[int] = Counter()
        for h in doc.sketch:
            postings = self._by_hash.get(h, ())
            if len(postings) <= MAX_POSTINGS:  # boilerplate every article shares says nothing
                shared.update(postings)
        return {
            i: similarity(doc.sketch, self.reference[i].sketch)
            for i, _ in shared.most_common(CANDIDATES)
        }

    def _configured(self, doc: DocDigest) -> list[int]:
        if self.settings is None or not self.settings.pairs:
            return []
        targets = [t for t in (doc.path, doc.url) if t]
        out: list[int] = []
        for rule in self.settings.pairs:
            if any(matches(t, [rule.partner]) or t == rule.partner for t in targets):
                out.extend(
                    i
                    for i, ref in enumerate(self.reference)
                    if any(
                        matches(t, [rule.reference]) or t == rule.reference
                        for t in (ref.path, ref.url)
                        if t
                    )
                )
        return out

    def _titled(self, doc: DocDigest, scores: dict[int, float]) -> list[int]:
        key = title_key(doc.title)
        if not key:
            return []
        exact = self._by_title.get(key, [])
        if len(exact) == 1:
            i = exact[0]
            headings = _headings_overlap(doc, self.reference[i])
            return [i] if i in scores or headings else []
        if exact:
            return [i for i in exact if i in scores]
        from rapidfuzz.fuzz import token_sort_ratio

        # Only the brand documents that share content are candidates (the blocking above),
        # so a fuzzy title costs a few comparisons, not one per brand document.
        return [
            i
            for i in scores
            if token_sort_ratio(key, self._titles[i]) >= TITLE_SCORE
            and not _other_model(doc, self.reference[i])
        ]

    def unpaired(self, source: str) -> list[int]:
        """Indexes of the brand documents no document of partner `source` copies."""
        done = self.paired.get(source, set())
        return [i for i in range(len(self.reference)) if i not in done]


_CODE = re.compile(r"\b(?=\w*\d)\w{2,}\b")


def _other_model(a: DocDigest, b: DocDigest) -> bool:
    """Whether two titles name different models ("X100" and "X200"): alike titles of two
    products' articles are not copies of each other."""
    ca = set(_CODE.findall(a.title.casefold())) if a.title else set()
    cb = set(_CODE.findall(b.title.casefold())) if b.title else set()
    return bool(ca and cb and not (ca <= cb or cb <= ca))


def _headings_overlap(a: DocDigest, b: DocDigest) -> bool:
    """Whether two documents share at least half of the shorter one's headings."""
    ha = {title_key(h) for h in a.headings} - {""}
    hb = {title_key(h) for h in b.headings} - {""}
    if not ha or not hb:
        return False
    return len(ha & hb) * 2 >= min(len(ha), len(hb))
