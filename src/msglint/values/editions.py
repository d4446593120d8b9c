"""Dates and document versions as written in manuals and articles, normalized to compare.

"Version 4.1", "Rev. C", "Document revision 3", "Last updated: March 3, 2024",
"Updated 2024-03-03", "Stand: 03.03.2024", "Stand: 1. März 2026", "Mis à jour le 1er mars
2026", "Actualizado el 1 de marzo de 2026". A date is normalized to ISO 8601; a numeric date
whose day and month could be swapped (03/04/2024) keeps both readings, so comparing two
copies never guesses a locale: a copy is older only when every reading says so. The shapes
are written here rather than with dateparser (a 2 MB dependency with its own regex tables
for 200 locales) because only a few explicit shapes are accepted: a statement about a
document's edition, not any date-like string in prose. The month names are not: they are
Babel's CLDR data for the six languages msglint reads (`months`), loaded on the first date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

#: The languages whose month names are read (msglint.text.language.SUPPORTED), and the
#: CLDR locales read for each: British English writes "Sept", Austrian German "Jänner".
LANGUAGES = ("en", "de", "fr", "es", "it", "nl")
_LOCALES = ("en", "en_GB", "de", "de_AT", "fr", "fr_CA", "es", "it", "nl")
_ORD = r"(?:st|nd|rd|th|er|\.|º|°|ª)?"  # 1st, 1er (fr), 1. (de), 1º (es, it)
_OF = r"(?:de\s+)?"  # "1 de marzo de 2026"


def _fold(name: str) -> set[str]:
    """A month name and its forms without accents: "märz" -> märz, marz, maerz."""
    out = {name}
    if "ä" in name or "ö" in name or "ü" in name:
        out.add(name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    out.add("".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)))
    return out


@cache
def _month_names() -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Month names from Babel's CLDR data: the full names of every language, and each
    language's abbreviations ("Okt.", "janv.", "mrt", "set"), lower case, accents optional.
    A name two months share is left out."""
    from babel.dates import get_month_names

    wide: dict[str, set[int]] = {}
    short: dict[str, dict[str, set[int]]] = {}
    for locale in _LOCALES:
        lang = locale[:2]
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context, locale).items():
                for form in _fold(name.lower()):
                    wide.setdefault(form, set()).add(number)
            for number, name in get_month_names("abbreviated", context, locale).items():
                for form in _fold(name.lower()):
                    short.setdefault(lang, {}).setdefault(form, set()).add(number)
    one = {name: next(iter(n)) for name, n in wide.items() if len(n) == 1}
    abbreviated = {
        lang: {name: next(iter(n)) for name, n in names.items() if len(n) == 1}
        for lang, names in short.items()
    }
    return one, abbreviated


def months(lang: str | None = None) -> dict[str, int]:
    """Month name as written (lower case; an abbreviation with its full stop where the
    language writes one) -> month number, for text in `lang` (None: not known).

    Full names count in every language ("1. März 2026", "1er mars 2026", "1 de marzo de
    2026"); abbreviations in English and in the text's own language ("1 mrt 2026" in
    Dutch), and in text of another or unknown language only those written with a full stop
    ("3 janv. 2024", "1. Okt. 2024"): "set 2024" and "ago 2024" are English words there.
    """
    wide, short = _month_names()
    out = dict(wide)
    for code, names in short.items():
        own = code in ("en", lang)
        for name, number in names.items():
            if own:
                out.setdefault(name.rstrip("."), number)
            if own or name.endswith("."):
                out.setdefault(name, number)
    return out


@cache
def date_pattern(lang: str | None = None) -> re.Pattern[str]:
    """The dates written in text of `lang` (None: not known), compiled once per language."""
    names = sorted(months(lang if lang in LANGUAGES else None), key=len, reverse=True)
    month = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"\b(?:(?P<y1>\d{{4}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}})"
        rf"|(?P<d2>\d{{1,2}}){_ORD}\s+{_OF}(?P<mn2>{month})\.?,?\s+{_OF}(?P<y2>\d{{4}})"
        rf"|(?P<mn3>{month})\.?\s+(?P<d3>\d{{1,2}}){_ORD},?\s+(?P<y3>\d{{4}})"
        rf"|(?P<a4>\d{{1,2}})(?P<s4>[./])(?P<b4>\d{{1,2}})(?P=s4)(?P<y4>\d{{4}}|\d{{2}})"
        rf"|(?P<mn5>{month})\.?\s+{_OF}(?P<y5>\d{{4}})"
        rf"|(?P<m6>\d{{1,2}})/(?P<y6>\d{{4}}))(?!\w)",
        re.IGNORECASE,
    )


def _month(name: str) -> int:
    table = _month_names()
    key = name.lower()
    for names in (table[0], *table[1].values()):
        if key in names:
            return names[key]
        if key.rstrip(".") in names:
            return names[key.rstrip(".")]
    raise KeyError(name)


#: A statement about the document's own date.
DATED = re.compile(
    r"\b(?:last\s+(?:updated|modified|reviewed|revised)|updated(?:\s+on)?|modified(?:\s+on)?|"
    r"revised(?:\s+on)?|revision\s+date|published(?:\s+on)?|effective(?:\s+(?:date|from|as\s+of))?|"
    r"release\s+date|issue\s+date|date\s+of\s+issue|valid\s+from|as\s+of|stand|aktualisiert(?:\s+am)?|"
    r"(?:dernière\s+)?mis[e]?\s+à\s+jour(?:\s+le)?|(?:última\s+)?actualizaci[oó]n|"
    r"actualizado(?:\s+el)?|(?:ultimo\s+)?aggiornamento|aggiornato(?:\s+il)?|"
    r"(?:laatst\s+)?bijgewerkt(?:\s+op)?|date)\s*[:\-–]?\s*",
    re.IGNORECASE,
)
#: A statement of the document's version, revision or edition.
VERSION = re.compile(
    r"(?<![\w.])(?:(?:document|manual|guide|article|handbook|datasheet|data\s+sheet|"
    r"instructions?|doc)\s+)?(?P<word>version|ver\.|revision|rev\.?|edition|issue|ausgabe|"
    r"v(?=\d))\s*[:#]?\s*(?P<value>\d{1,4}(?:\.\d{1,4}){0,3}|[A-Z](?![\w.]))",
    re.IGNORECASE,
)
#: Versions of something else: "firmware version 2.1", "Bluetooth 5.0", "TLS version 1.2",
#: and the release history of software documentation ("Added in: v0.3.7", "Since 2.4",
#: "Deprecated since v14"), which dates a feature, not the document.
_OTHER_VERSION = re.compile(
    r"\b(?:firmware|software|app|application|android|ios|bluetooth|usb|wi-?fi|hdmi|api|"
    r"protocol|driver|os|windows|macos|linux|python|java|tls|ssl|http|ip|model|hardware|"
    r"product|bios|kernel|browser|chrome|firefox|safari|sdk|plugin|plug-in|release|"
    r"(?:added|introduced|changed|deprecated|removed|new|available|supported|fixed)"
    r"(?:\s+(?:in|since|from|with))?|since|requires?|until|before|after|from|for|with|"
    r"compatible\s+with|or\s+(?:later|newer|higher))\s*[:\-–]?\s*$",
    re.IGNORECASE,
)
#: What may stand right before a bare "v4.1" of the document's own: nothing, a separator,
#: or a document noun the match itself took ("Manual v4.1"). "Source map v3 support"
#: names the version of something else.
_BARE_V_BEFORE = re.compile(r"(?:^|[\s(\[]*[|:;,(\[\-–—•·/]\s*)$")


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def readings(m: re.Match[str]) -> tuple[str, ...]:
    """Every ISO date the match can mean (two for 03/04/2024, none for 31/31/2024).

    A date without a day (March 2024, 03/2024) reads as the first of its month.
    """
    g = m.groupdict()
    found: list[str | None] = []
    if g["y1"]:
        found.append(_iso(int(g["y1"]), int(g["m1"]), int(g["d1"])))
    elif g["y2"]:
        found.append(_iso(int(g["y2"]), _month(g["mn2"]), int(g["d2"])))
    elif g["y3"]:
        found.append(_iso(int(g["y3"]), _month(g["mn3"]), int(g["d3"])))
    elif g["y4"]:
        a, b, y = int(g["a4"]), int(g["b4"]), _year(g["y4"])
        if g["s4"] == ".":  # 03.04.2024 is day-first wherever it is written
            found.append(_iso(y, b, a))
        else:
            found.extend((_iso(y, a, b), _iso(y, b, a)))
    elif g["y5"]:
        found.append(_iso(int(g["y5"]), _month(g["mn5"]), 1))
    elif g["y6"]:
        found.append(_iso(int(g["y6"]), int(g["m6"]), 1))
    return tuple(sorted({d for d in found if d}))


def find_dates(text: str, lang: str | None = None) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, readings) of each date written in `text` (in `lang`, when known)."""
    out = []
    for m in date_pattern(lang).finditer(text):
        found = readings(m)
        if found:
            out.append((m.start(), m.end(), found))
    return out


def edition_dates(text: str, lang: str | None = None) -> tuple[str, ...] | None:
    """The readings of the date a "Last updated: ..." statement in `text` gives."""
    pattern = date_pattern(lang)
    for label in DATED.finditer(text):
        m = pattern.match(text, label.end())
        if m is not None:
            found = readings(m)
            if found:
                return found
    return None


def edition_version(text: str) -> tuple[int, ...] | None:
    """The version "Version 4.1" or "Rev. C" states (letters count A=1, B=2...), unless it
    is the version of something else (firmware, an app, a protocol)."""
    for m in VERSION.finditer(text):
        if _OTHER_VERSION.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        word = m.group("word").lower()
        value = m.group("value")
        if word == "v" and not value[0].isdigit():
            continue
        if word == "v" and m.group(0)[0] in "vV" and not _BARE_V_BEFORE.search(text[: m.start()]):
            continue
        if value.isalpha():
            if word not in ("revision", "rev.", "rev", "edition", "issue", "ausgabe"):
                continue
            return (ord(value.upper()) - ord("A") + 1,)
        parts = tuple(int(p) for p in value.split("."))
        if word in ("version", "ver.", "v") or len(parts) > 1 or m.group(0)[0].isalpha():
            return parts
    return None


def older(partner: tuple[str, ...], brand: tuple[str, ...]) -> bool:
    """Whether every reading of the partner's date is before every reading of the brand's."""
    return bool(partner and brand) and max(partner) < min(brand)
