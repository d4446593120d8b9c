"""Benchmark `msglint.values.claims`: µs per paragraph, and the sentence rule vs spaCy.

Run from the repository root (msglint installed, e.g. `pip install -e .`):

    python benchmarks/claims.py              # 400 generated files + the Acme example pages
    python benchmarks/claims.py --files 2000 --show 10

Paragraphs are the prose segments msglint's own parser reads from the Markdown corpus of
`benchmarks/prose.py` (same generator and seed, written to a temporary folder) and from the
HTML pages under `examples/acme`, which carry real support claims. Reported:

* `find_claims` µs per paragraph, split into paragraphs the pre-filter turns away, those it
  lets through that hold no claim, and those with claims (best of `--repeat` runs, after a
  warm-up that builds the Matcher);
* `sentences` (a regex rule) against spaCy's `sentencizer` on the blank English pipeline:
  how many paragraphs get the same spans, the first differing ones, and µs per paragraph.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from msglint.model import Role
from msglint.nlp import blank
from msglint.parse import parse
from msglint.text.sentences import sentences
from msglint.values.claims import find_claims, has_claim_words

ROOT = Path(__file__).resolve().parents[1]


def _prose_module():
    spec = importlib.util.spec_from_file_location("prose_bench", ROOT / "benchmarks" / "prose.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["prose_bench"] = module
    spec.loader.exec_module(module)
    return module


def paragraphs(files: int, seed: int) -> list[str]:
    """Prose segments of the generated Markdown corpus and of the Acme example's pages."""
    prose = _prose_module()
    texts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prose.generate_corpus(folder, files, seed, prose.build_terms(seed), plant=True)
        for path in sorted(folder.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            doc = parse(text, "markdown", source="bench", role=Role.DOCS, path=str(path))
            texts.extend(s.text for s in doc.segments)
    for path in sorted((ROOT / "examples" / "acme").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        doc = parse(text, "html", source="acme", role=Role.REFERENCE, path=str(path))
        texts.extend(s.text for s in doc.segments)
    return [t for t in texts if t.strip()]


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def spacy_sentences() -> Callable[[str], list[tuple[int, int]]]:
    nlp = blank()
    from spacy.pipeline import Sentencizer

    sentencizer = Sentencizer()

    def split(text: str) -> list[tuple[int, int]]:
        doc = sentencizer(nlp.make_doc(text))
        return [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]

    return split


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--show", type=int, default=5, help="differing sentence splits to print")
    args = ap.parse_args(argv)

    texts = paragraphs(args.files, args.seed)
    find_claims("2-year warranty")  # import spaCy, build the Matcher
    turned_away = [t for t in texts if not has_claim_words(t)]
    passed = [t for t in texts if has_claim_words(t)]
    with_claims = [t for t in passed if find_claims(t)]
    without = [t for t in passed if not find_claims(t)]
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts):,} paragraphs, {chars:.0f} characters on average")
    rows = [
        ("all paragraphs", texts),
        ("turned away by has_claim_words", turned_away),
        ("trigger word, no claim", without),
        ("with claims", with_claims),
    ]
    print(f"{'find_claims on':34} {'paragraphs':>10} {'µs/paragraph':>13}")
    for label, group in rows:
        if not group:
            continue
        seconds = best_of(args.repeat, lambda g=group: [find_claims(t) for t in g])
        print(f"{label:34} {len(group):>10,} {seconds / len(group) * 1e6:>13.1f}")
    claims = sum(len(find_claims(t)) for t in with_claims)
    print(f"{claims:,} claims in {len(with_claims):,} paragraphs")

    by_spacy = spacy_sentences()
    differ = [t for t in texts if sentences(t) != by_spacy(t)]
    same = len(texts) - len(differ)
    print(f"\nsentences: rule == spaCy sentencizer on {same:,}/{len(texts):,} paragraphs")
    for t in differ[: args.show]:
        print("  rule :", [t[a:b] for a, b in sentences(t)])
        print("  spaCy:", [t[a:b] for a, b in by_spacy(t)])
    for label, fn in (("rule", sentences), ("spaCy sentencizer", by_spacy)):
        seconds = best_of(args.repeat, lambda f=fn: [f(t) for t in texts])
        print(f"  {label:18} {seconds / len(texts) * 1e6:8.1f} µs/paragraph")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
