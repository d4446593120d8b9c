"""Labelled pairs for training and validating the pair scorer, from public data.

Two sources, both in the repository's sibling data folder (`../shared/data`, see its
README), neither written by this project:

- **WDC product matching** (`wdc-train/`; Primpeli, Peeters, Bizer, WWW 2019, in the
  serialized form of the Ditto repository): 19,820 title pairs from many web shops in four
  categories (cameras, computers, shoes, watches), labelled same product or not. Titles
  carry the shops' noise and several languages. Read by `wdc_pairs`: each line is
  `COL title VAL <a>`, tab, `COL title VAL <b>`, tab, label; the serialization's quotes,
  language tags (`"@en-US`) and `Null` are taken off, nothing else.
- **Abt-Buy** (`abt-buy/`; Köpcke, Thor, Rahm, PVLDB 2010): two retailers' catalogs of
  the same electronics with a gold mapping. Read by `abt_buy_pairs` through msglint's own
  catalog loader, so the records look as they will at run time (names, descriptions,
  manufacturer, prices); the pairs are what the run-time blocking proposes (every
  candidate of every Buy record, labelled by the gold mapping), plus gold pairs blocking
  missed, so negatives are the hard ones the scorer meets in a real run.

Features are computed here, with each source's own corpus (a WDC category's titles, the two
Abt-Buy catalogs), as a run computes them over its two catalogs.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from msglint.match.blocking import Index
from msglint.match.features import features
from msglint.match.prepare import Corpus, Prepared, infer_brand, known_brands, prepare, prepare_text
from msglint.model import Record, Role

WDC_CATEGORIES = ("cameras", "computers", "shoes", "watches")
_VAL = re.compile(r"^COL title VAL\s*")
_LANG_TAG = re.compile(r'"@[a-zA-Z]{2}(?:-[a-zA-Z]{2})?\b')
_NULL = re.compile(r'(?<![\w])"?Null"?(?![\w])')


@dataclass
class PairSet:
    """Feature rows with labels; `groups` keys rows for splits (a product or a category)."""

    name: str
    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def add(self, row: list[float], label: int, group: str) -> None:
        self.rows.append(row)
        self.labels.append(label)
        self.groups.append(group)

    def __len__(self) -> int:
        return len(self.rows)

    def subset(self, keep: Callable[[str], bool]) -> PairSet:
        """The rows whose group `keep` accepts."""
        out = PairSet(self.name)
        for row, label, group in zip(self.rows, self.labels, self.groups, strict=True):
            if keep(group):
                out.add(row, label, group)
        return out


def clean_wdc_title(raw: str) -> str:
    """One serialized WDC title as a shop wrote it: no serialization quotes or tags."""
    text = _VAL.sub("", raw.strip())
    text = _LANG_TAG.sub(" ", text)
    text = _NULL.sub(" ", text)
    text = text.replace('"', " ")
    return " ".join(text.split())


def read_wdc(folder: Path, category: str) -> list[tuple[str, str, int]]:
    """(title a, title b, label) for every train and validation pair of one category."""
    out: list[tuple[str, str, int]] = []
    for split in ("train", "valid"):
        path = folder / f"{category}_{split}.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 3 or parts[2].strip() not in ("0", "1"):
                continue
            out.append((clean_wdc_title(parts[0]), clean_wdc_title(parts[1]), int(parts[2])))
    return out


def wdc_pairs(folder: Path, category: str) -> PairSet:
    """Feature rows of one WDC category; the corpus is the category's distinct titles."""
    pairs = read_wdc(folder, category)
    prepared: dict[str, Prepared] = {}
    for a, b, _ in pairs:
        for title in (a, b):
            if title not in prepared:
                prepared[title] = prepare_text(title)
    corpus = Corpus(prepared.values())
    for p in prepared.values():
        corpus.weigh(p)
    out = PairSet(f"wdc-{category}")
    for a, b, label in pairs:
        out.add(features(prepared[a], prepared[b], corpus), label, f"{category}")
    return out


def load_catalog_file(path: Path, role: Role) -> list[Record]:
    """A catalog file as Records, through msglint's catalog loader."""
    from msglint.extract.catalog import load_catalog

    fmt = path.suffix.lower().lstrip(".") or "csv"
    extraction = load_catalog(path.read_bytes(), fmt, source=path.stem, role=role, path=str(path))
    return extraction.records


def read_gold(path: Path) -> set[tuple[str, str]]:
    """(reference id, partner id) pairs of a two-column CSV with a header row."""
    rows = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig", errors="replace")))
    next(rows, None)
    return {(r[0].strip(), r[1].strip()) for r in rows if len(r) >= 2}


def abt_buy_pairs(folder: Path, *, limit: int = 10) -> PairSet:
    """Feature rows of Abt-Buy: blocking candidates of each Buy record plus missed gold
    pairs. A row's group is "<Abt id>|<Buy id>", so folds can keep products apart."""
    abt = load_catalog_file(folder / "Abt.csv", Role.REFERENCE)
    buy = load_catalog_file(folder / "Buy.csv", Role.PARTNER)
    gold = read_gold(folder / "abt_buy_perfectMapping.csv")
    refs = [prepare(r) for r in abt]
    parts = [prepare(r) for r in buy]
    known = known_brands(r.brand for r in (*abt, *buy))
    for p in (*refs, *parts):
        infer_brand(p, known)
    corpus = Corpus((*refs, *parts))
    for p in (*refs, *parts):
        corpus.weigh(p)
    index = Index(refs, corpus, 0.02)
    abt_pos = {str(r.item_id): i for i, r in enumerate(abt)}
    buy_pos = {str(r.item_id): j for j, r in enumerate(buy)}
    seen: set[tuple[int, int]] = set()
    for j, p in enumerate(parts):
        for i in index.candidates(p, limit):
            seen.add((i, j))
    for a_id, b_id in gold:
        if a_id in abt_pos and b_id in buy_pos:
            seen.add((abt_pos[a_id], buy_pos[b_id]))
    out = PairSet("abt-buy")
    for i, j in sorted(seen):
        a_id, b_id = str(abt[i].item_id), str(buy[j].item_id)
        label = 1 if (a_id, b_id) in gold else 0
        out.add(features(refs[i], parts[j], corpus), label, f"{a_id}|{b_id}")
    return out
