"""Catalog headers: the Record fields a file's columns may feed, and how a header is named.

Header synonyms are data (`data/catalog_headers.yaml`), compared after dropping accents,
case and punctuation ("Art.-Nr." -> "artnr", "Währung" -> "wahrung").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from msglint.text.tables import load

#: Record fields a `columns` mapping may name (besides "spec:<Label>").
FIELDS = (
    "item_id",
    "name",
    "sku",
    "mpn",
    "gtin",
    "brand",
    "price",
    "sale_price",
    "currency",
    "description",
    "url",
)
TEXT_FIELDS = ("item_id", "name", "brand", "sku", "mpn", "gtin", "description", "url")
IDENTIFIERS = ("sku", "mpn", "gtin")


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """Field -> header names (normalized by `norm`), best first; see catalog_headers.yaml."""
    fields = load("catalog_headers.yaml")["fields"]
    return {f: tuple(dict.fromkeys(norm(n) for n in names)) for f, names in fields.items()}


@cache
def not_spec_headers() -> frozenset[str]:
    """Headers the spec table would misread as a spec ("availability" is stock status)."""
    return frozenset(norm(n) for n in load("catalog_headers.yaml")["not_specs"])


@cache
def ignored_headers() -> frozenset[str]:
    """Headers that are neither a field nor a spec (images, categories, notes, dates): not
    read, and not reported as unrecognized."""
    return frozenset(norm(n) for n in load("catalog_headers.yaml").get("ignored", ()))


@cache
def _language_words() -> dict[str, dict[str, float]]:
    """Header word -> language -> its weight (1 / the number of languages that use it)."""
    table = load("catalog_headers.yaml").get("languages") or {}
    langs: dict[str, list[str]] = {}
    for lang, words in table.items():
        for word in words or ():
            langs.setdefault(norm(str(word)), []).append(str(lang))
    return {w: {lang: 1 / len(ls) for lang in ls} for w, ls in langs.items()}


#: A file is in a language when its headers give it at least this much, and LANGUAGE_MARGIN
#: times as much as any other language (English included).
LANGUAGE_MIN = 1.5
LANGUAGE_MARGIN = 2.0


def header_language(headers: Sequence[Header]) -> str | None:
    """The language a catalog's column headers are written in ("Artikelnummer;Preis;
    Gewicht" is "de"), or None when they do not say clearly (English, mixed, too few)."""
    words = _language_words()
    score: dict[str, float] = {}
    for header in headers[:200]:
        name = header.detect
        if name.startswith("spec") or not name:
            continue
        for lang, weight in words.get(name, {}).items():
            score[lang] = score.get(lang, 0.0) + weight
    if not score:
        return None
    ranked = sorted(score.items(), key=lambda kv: kv[1], reverse=True)
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top < LANGUAGE_MIN or top < LANGUAGE_MARGIN * second:
        return None
    return best


#: Spec-table keys that are Record fields, not specs: a second brand or SKU column is
#: left alone rather than turned into a spec.
NOT_SPEC_KEYS = frozenset({"model", "brand", "gtin"})

_ACCENTS = re.compile(r"[\u0300-\u036f]")
_NOT_ALNUM = re.compile(r"[\W_]+")
#: "Price (EUR)", "Weight [kg]": a unit or currency in brackets at the end of a header.
HEADER_UNIT = re.compile(r"^(.*?)\s*[(\[]\s*([^()\[\]]{1,12}?)\s*[)\]]\s*$")


@dataclass(slots=True)
class Header:
    """One column as the file names it, and what detection sees of it."""

    label: str  # as written: "Price (EUR)", "offers.price", "g:price"
    detect: str  # normalized name for synonym matching: "price"
    rank: int = 0  # lower wins among equal synonyms (JSON depth, g: before plain)
    unit: str | None = None  # "(EUR)" / "(kg)" in the header


def norm(text: str) -> str:
    """Header text for synonym lookup, accents, case and punctuation gone.

    "Art.-Nr." -> "artnr", "Währung" -> "wahrung", "Product_Name" -> "productname".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return _NOT_ALNUM.sub("", _ACCENTS.sub("", decomposed)).casefold()


def to_header(label: str, rank: int = 0, detect_from: str | None = None) -> Header:
    """A header with its detection name: brackets at the end are a unit, not the name."""
    base = detect_from if detect_from is not None else label
    unit = None
    m = HEADER_UNIT.match(base)
    if m and m.group(1):
        base, unit = m.group(1), m.group(2)
    if base.startswith("g:"):
        base = base[2:]
    return Header(label=label, detect=norm(base), rank=rank, unit=unit)


def mapped_spec_label(label: str, header: Header) -> str:
    """The label of a `spec:<Label>` column, keeping the header's unit: a mapping
    "spec:Weight" -> "Gewicht (kg)" is labelled "Weight (kg)", so "2,5" still means kg."""
    if not label:
        return spec_label(header.label)
    if header.unit and not HEADER_UNIT.match(label):
        return f"{label} ({header.unit})"
    return label


def spec_label(header: str) -> str:
    """The label a spec column goes by: "g:shipping_weight" -> "shipping weight",
    "details.weight" -> "weight"; a unit in brackets stays ("Weight (kg)"), the spec
    parser reads it as the unit of bare numbers."""
    if header.startswith("g:"):
        return header[2:].replace("_", " ")
    if "." in header.rstrip(".") and " " not in header:  # "Art.-Nr." is a name, not a path
        return header.rsplit(".", 1)[-1] or header
    return header


def header_list(headers: Sequence[Header], limit: int = 60) -> str:
    names = [repr(h.label) for h in headers[:limit]]
    more = f" (+{len(headers) - limit} more)" if len(headers) > limit else ""
    return (", ".join(names) or "(none)") + more
