"""Matching one partner source against the reference: the steps of the stage, wired.

See the package docstring (`msglint.match`) for the order and the reasons.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable

from msglint.match.assign import LEVEL, Candidate, assign
from msglint.match.blocking import Index
from msglint.match.codes import variants
from msglint.match.features import brand_relation, features
from msglint.match.options import MatchOptions, MatchProblem, MatchResult
from msglint.match.pairs import repeated_ids, resolve_pins, unknown_partner_ids
from msglint.match.prepare import Corpus, Prepared, infer_brand, known_brands, prepare
from msglint.match.scorer import Model, ModelError, load_model
from msglint.model import Match, Record
from msglint.values.titles import fold, name_prefixes, same_names, specific

#: The options of a call that gives none (frozen, so one shared value is safe).
DEFAULT_OPTIONS = MatchOptions()
#: The probability the very same specific name on one record of each side has at least:
#: the default confidence level, so such a pair is compared unless a user asks for more.
_SAME_NAME = 0.8
#: Pairs whose feature rows are built and scored at once.
_CHUNK = 4096
#: The methods whose score is the pair scorer's probability (identifiers and confirmed
#: pairs are matches by themselves, scored 100 without asking the model).
_SCORED = frozenset({"name", "code", "alias"})


def _alias_patterns(aliases: Iterable[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    """Other names as whole-word patterns, longest first."""
    return [
        (re.compile(rf"(?<!\w){re.escape(old)}(?!\w)", re.IGNORECASE), new)
        for old, new in sorted(aliases, key=lambda kv: -len(kv[0]))
        if old.strip() and new and new.strip() and old.casefold() != new.casefold()
    ]


def _views(
    partner: list[Record], parts: list[Prepared], options: MatchOptions
) -> list[tuple[int, Prepared, bool]]:
    """(partner index, prepared view, is an alias view): each record as it is, plus a view
    under the current name for each record whose name uses an alias or retired name."""
    views = [(j, p, False) for j, p in enumerate(parts)]
    patterns = _alias_patterns(options.aliases)
    if not patterns:
        return views
    for j, record in enumerate(partner):
        name = record.name or ""
        for pattern, new in patterns:
            if pattern.search(name):
                renamed = pattern.sub(new, name)
                views.append((j, prepare(record, renamed, options.use_descriptions), True))
                break
    return views


def _id_pairs(refs: list[Prepared], parts: list[Prepared]) -> Iterable[tuple[str, int, int]]:
    """(method, reference index, partner index) for equal GTINs, SKUs and MPNs."""
    by_gtin: dict[str, list[int]] = {}
    by_id: dict[str, list[tuple[int, str]]] = {}
    for i, r in enumerate(refs):
        if r.gtin:
            by_gtin.setdefault(r.gtin, []).append(i)
        for kind, value in r.ids.items():
            by_id.setdefault(value, []).append((i, kind))
    for j, p in enumerate(parts):
        if p.gtin:
            for i in by_gtin.get(p.gtin, ()):
                yield "gtin", i, j
        seen: set[int] = set()
        for value in p.ids.values():
            for i, kind in by_id.get(value, ()):
                if i not in seen:
                    seen.add(i)
                    yield kind, i, j


def _apart(a: Prepared, b: Prepared) -> bool:
    """Identifiers that say two records are different products: two valid GTINs, or two
    MPNs, that differ. A partner's own SKU numbering says nothing and is not compared."""
    if a.gtin and b.gtin and a.gtin != b.gtin:
        return True
    return bool(a.mpn and b.mpn and a.mpn != b.mpn)


#: A code on more reference records than this names a product line, not a product, and
#: does not make its records candidates by itself (blocking still may).
_CODE_HITS = 3


def _code_pairs(
    refs: list[Prepared], views: list[tuple[int, Prepared, bool]]
) -> set[tuple[int, int]]:
    """(reference index, view index) for model codes shared by the two names, scored even
    when blocking would not propose them."""
    by_code: dict[str, list[int]] = {}
    for i, r in enumerate(refs):
        for code in r.codes:
            by_code.setdefault(code, []).append(i)
    out: set[tuple[int, int]] = set()
    for v, (_j, p, _alias) in enumerate(views):
        for code in p.codes:
            hits = by_code.get(code, ())
            if len(hits) <= _CODE_HITS:
                out.update((i, v) for i in hits)
    return out


def _model(options: MatchOptions, problems: list[MatchProblem]) -> Model | None:
    try:
        return load_model(options.model)
    except ModelError as exc:
        path, _, reason = str(exc).partition(": ")
        problems.append(
            MatchProblem(
                path, None, f"{reason}; matching by identifiers and shared model codes only"
            )
        )
        return None


#: Matches every partner source against the reference elsewhere (a cluster: one task per
#: partner source), giving what `match_records` gives for each, in `partners`' order; it
#: may also compare the pairs where it matched them (`MatchResult.compared`).
Mapper = Callable[[list[Record], dict[str, list[Record]], MatchOptions], dict[str, MatchResult]]


def match_sources(
    reference: list[Record],
    partners: dict[str, list[Record]],
    options: MatchOptions,
    mapper: Mapper | None = None,
) -> tuple[dict[str, MatchResult], list[MatchProblem]]:
    """Every partner source matched against the reference, and the problems of the run
    (each said once): the model file, confirmed pairs naming unknown ids. Each partner
    source is matched on its own (its own corpus statistics, its own assignment), so a
    `mapper` may match them anywhere and in any order with the same result."""
    if mapper is not None:
        results = mapper(reference, partners, options)
    else:
        results = {n: match_records(reference, recs, options) for n, recs in partners.items()}
    problems: dict[tuple[str, int | None, str], None] = {}
    found: set[int] = set()
    for result in results.values():
        problems.update(((p.path, p.line, p.message), None) for p in result.problems)
        found |= result.pins_found
    pins = list(options.pins)
    for line, message in unknown_partner_ids(pins, found):
        problems[(options.pairs_file, line, message)] = None
    out = [MatchProblem(*key) for key in problems]
    for records in (reference, *partners.values()):
        out.extend(
            MatchProblem(path, line, message, source)
            for source, path, line, message in repeated_ids(records)
        )
    return results, out


def match_records(
    reference: list[Record],
    partner: list[Record],
    options: MatchOptions = DEFAULT_OPTIONS,
    *,
    extra_pairs: Iterable[tuple[int, int]] = (),
) -> MatchResult:
    """Pair each partner record with the reference record(s) it describes.

    Returns pairs as (reference index, Match) sorted by reference index, and the indices
    on each side left unmatched. A Match's score is the match probability times 100 (100
    for identifiers and confirmed pairs); `uncertain` marks one below the confidence level.
    `item_id` is used only to find the records a confirmed-pairs file names.
    `extra_pairs` (reference index, partner index) are scored on top of what blocking
    proposes: the benchmark measures with them what blocking costs in recall.

    The cyclic garbage collector is paused meanwhile: matching builds a few small objects
    per record and keeps them all, nothing here makes reference cycles, and each of the
    collector's passes walks every live object, which cost a third of the time of
    100k x 100k catalogs.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _match(reference, partner, options, extra_pairs)
    finally:
        if paused:
            gc.enable()


def _match(
    reference: list[Record],
    partner: list[Record],
    options: MatchOptions,
    extra_pairs: Iterable[tuple[int, int]],
) -> MatchResult:
    result = MatchResult()
    model = _model(options, result.problems)
    threshold = options.threshold
    if threshold is None:
        threshold = model.decision if model is not None else 0.5
    refs = [prepare(r, use_descriptions=options.use_descriptions) for r in reference]
    parts = [prepare(p, use_descriptions=options.use_descriptions) for p in partner]
    views = _views(partner, parts, options)
    known = known_brands(r.brand for r in (*reference, *partner))
    for p in (*refs, *(v for _, v, _ in views)):
        infer_brand(p, known)
    corpus = Corpus((*refs, *parts))
    for p in (*refs, *(v for _, v, alias in views if alias), *parts):
        corpus.weigh(p)
    pinned, forbidden, result.pins_found, pin_problems = resolve_pins(
        options.pins, reference, partner
    )
    result.problems.extend(MatchProblem(options.pairs_file, n, m) for n, m in pin_problems)

    candidates = [Candidate(LEVEL["pinned"], 1.0, i, j, "pinned") for i, j in pinned]
    for method, i, j in _id_pairs(refs, parts):
        if (i, j) not in forbidden:
            candidates.append(Candidate(LEVEL[method], 1.0, i, j, method))
    for i, j in _title_pairs(reference, partner):
        if (i, j) not in forbidden:
            candidates.append(Candidate(LEVEL["title"], 1.0, i, j, "title"))
    wanted = _code_pairs(refs, views)
    if extra_pairs:
        view_of = {j: v for v, (j, _p, alias) in enumerate(views) if not alias}
        wanted.update((i, view_of[j]) for i, j in extra_pairs)
    # the very same specific name on one record of each side, with no longer look-alike:
    # at least _SAME_NAME whatever the score (a small catalog gives the scorer little to
    # weigh words by: "Acme Router AX1" / "Acme Router AX1" with prices 100 / 79 scored 77)
    sure = set(same_names([r.name or "" for r in reference], [p.name or "" for p in partner]))
    scored = _scored(refs, views, corpus, model, threshold, forbidden, options, wanted, sure)
    result.scored = scored[1]
    candidates.extend(scored[0])

    def same_listing(requests: list[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
        side_of = {"reference": refs, "partner": parts}
        same = {(s, x, y) for s, x, y in requests if _same_ids(side_of[s][x], side_of[s][y])}
        # two listings of one catalog with variant codes ("NSAW390WH" / "NSAW390BL") are
        # two products, however alike their names
        rest = [
            (s, x, y)
            for s, x, y in requests
            if (s, x, y) not in same and not variants(side_of[s][x].codes, side_of[s][y].codes)
        ]
        if model is not None and rest:
            rows = [features(side_of[s][x], side_of[s][y], corpus) for s, x, y in rest]
            probabilities = model.probabilities(rows)
            sure = options.confidence
            same.update(r for r, p in zip(rest, probabilities, strict=True) if p >= sure)
        return same

    accepted = assign(
        candidates,
        one_to_one=options.one_to_one,
        duplicates=options.duplicates,
        same_listing=same_listing,
        confidence=options.confidence,
    )
    for c in accepted:
        certain = c.level > LEVEL["name"] or c.probability >= options.confidence
        match = Match(
            record=partner[c.partner],
            method=c.method,
            score=round(100.0 * c.probability, 1),
            uncertain=not certain,
            probability=round(c.probability, 4)
            if model is not None and c.method in _SCORED
            else None,
        )
        result.pairs.append((c.ref, match))
    result.pairs.sort(key=lambda pair: pair[0])
    matched_refs = {c.ref for c in accepted}
    matched_parts = {c.partner for c in accepted}
    result.unmatched_reference = [i for i in range(len(reference)) if i not in matched_refs]
    result.unmatched_partner = [j for j in range(len(partner)) if j not in matched_parts]
    return result


def _scored(
    refs: list[Prepared],
    views: list[tuple[int, Prepared, bool]],
    corpus: Corpus,
    model: Model | None,
    threshold: float,
    forbidden: set[tuple[int, int]],
    options: MatchOptions,
    wanted: set[tuple[int, int]],
    sure: set[tuple[int, int]],
) -> tuple[list[Candidate], int]:
    """Candidates from the scorer, and how many pairs it scored: blocking proposes (on top
    of `wanted`), the model scores, the best view of each pair above the threshold is kept."""
    if model is not None:
        index = Index(refs, corpus, options.max_key_share)
        for v, (_j, p, _alias) in enumerate(views):
            wanted.update((i, v) for i in index.candidates(p, options.candidates))
    pairs = sorted(
        (i, v)
        for i, v in wanted
        if (i, views[v][0]) not in forbidden and not _apart(refs[i], views[v][1])
    )
    probabilities: list[float] = []
    if model is not None:  # in chunks: a million feature rows would hold 1 GB at once
        for start in range(0, len(pairs), _CHUNK):
            chunk = pairs[start : start + _CHUNK]
            rows = [features(refs[i], views[v][1], corpus) for i, v in chunk]
            probabilities.extend(model.probabilities(rows))
    else:  # the fallback: a shared model code and no brand conflict
        probabilities = [
            1.0
            if refs[i].codes & views[v][1].codes and brand_relation(refs[i], views[v][1]) >= 0
            else 0.0
            for i, v in pairs
        ]
    best: dict[tuple[int, int], tuple[float, str]] = {}
    for (i, v), probability in zip(pairs, probabilities, strict=True):
        j, view, alias = views[v]
        if (i, j) in sure and not alias:
            probability = max(probability, _SAME_NAME)
        if probability < threshold:
            continue
        # "code": a shared model code that names one product, not a spec or a product line
        own = any(not corpus.common_code(c) for c in refs[i].codes & view.codes)
        method = "alias" if alias else ("code" if own else "name")
        if probability > best.get((i, j), (-1.0, ""))[0]:
            best[(i, j)] = (probability, method)
    return [Candidate(LEVEL[m], p, i, j, m) for (i, j), (p, m) in best.items()], len(pairs)


def _title_pairs(reference: list[Record], partner: list[Record]) -> list[tuple[int, int]]:
    """(reference, partner) where the partner's name is a marketplace title of the
    reference's whole, specific name: "Acme SoundBar 300 - 300 W, 3.1, Black" of "Acme
    SoundBar 300" (msglint.values.titles). The scorer sees a long name with few words in
    common (44-76 on such titles) and left these uncertain; the title is sure. A name two
    reference products share gives no pair. Linear: each title's few prefixes are looked up."""
    names: dict[str, list[int]] = {}
    for i, r in enumerate(reference):
        name = fold(r.name or "")
        if specific(name):
            names.setdefault(name, []).append(i)
    if not names:
        return []
    out = []
    for j, p in enumerate(partner):
        if not p.name:
            continue
        for head in reversed(name_prefixes(p.name[:500])):  # the longest name first
            hits = names.get(head)
            if hits is not None:
                if len(hits) == 1:
                    out.append((hits[0], j))
                break
    return out


def _same_ids(a: Prepared, b: Prepared) -> bool:
    """Two listings of one side with one GTIN, SKU or MPN: the same product listed twice."""
    if a.gtin and a.gtin == b.gtin:
        return True
    return bool(set(a.ids.values()) & set(b.ids.values()))
