"""Dates and document versions as written in manuals and articles, normalized to compare.

"Version 4.1", "Rev. C", "Document revision 3", "Last updated: March 3, 2024",
"Updated 2024-03-03", "Stand: 03.03.2024". A date is normalized to ISO 8601; a numeric date
whose day and month could be swapped (03/04/2024) keeps both readings, so comparing two
copies never guesses a locale: a copy is older only when every reading says so. Written by
hand rather than with dateparser (a 2 MB dependency with its own regex tables for 200
locales) because only a few explicit shapes are accepted here: a statement about a
document's edition, not any date-like string in prose.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan januar janv janvier enero",
            "february feb februar fev fevrier février febrero",
            "march mar märz maerz mars marzo",
            "april apr avril abril",
            "may mai mayo",
            "june jun juni juin junio",
            "july jul juli juil juillet julio",
            "august aug aout août agosto",
            "september sep sept septembre septiembre",
            "october oct oktober okt octobre octubre",
            "november nov novembre noviembre",
            "december dec dezember dez decembre décembre diciembre",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th|\.)?"
DATE = re.compile(
    rf"\b(?:(?P<y1>\d{{4}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?P<mn2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<mn3>{_MONTH})\.?\s+(?P<d3>\d{{1,2}}){_ORD},?\s+(?P<y3>\d{{4}})"
    rf"|(?P<a4>\d{{1,2}})(?P<s4>[./])(?P<b4>\d{{1,2}})(?P=s4)(?P<y4>\d{{4}}|\d{{2}})"
    rf"|(?P<mn5>{_MONTH})\.?\s+(?P<y5>\d{{4}})"
    rf"|(?P<m6>\d{{1,2}})/(?P<y6>\d{{4}}))\b",
    re.IGNORECASE,
)
#: A statement about the document's own date.
DATED = re.compile(
    r"\b(?:last\s+(?:updated|modified|reviewed|revised)|updated(?:\s+on)?|modified(?:\s+on)?|"
    r"revised(?:\s+on)?|revision\s+date|published(?:\s+on)?|effective(?:\s+(?:date|from|as\s+of))?|"
    r"release\s+date|issue\s+date|date\s+of\s+issue|valid\s+from|as\s+of|stand|aktualisiert(?:\s+am)?|"
    r"mis\s+à\s+jour\s+le|date)\s*[:\-–]?\s*",
    re.IGNORECASE,
)
#: A statement of the document's version, revision or edition.
VERSION = re.compile(
    r"(?<![\w.])(?:(?:document|manual|guide|article|handbook|datasheet|data\s+sheet|"
    r"instructions?|doc)\s+)?(?P<word>version|ver\.|revision|rev\.?|edition|issue|ausgabe|"
    r"v(?=\d))\s*[:#]?\s*(?P<value>\d{1,4}(?:\.\d{1,4}){0,3}|[A-Z](?![\w.]))",
    re.IGNORECASE,
)
#: Versions of something else: "firmware version 2.1", "Bluetooth 5.0", "TLS version 1.2".
_OTHER_VERSION = re.compile(
    r"\b(?:firmware|software|app|application|android|ios|bluetooth|usb|wi-?fi|hdmi|api|"
    r"protocol|driver|os|windows|macos|linux|python|java|tls|ssl|http|ip|model|hardware|"
    r"product|bios|kernel|browser|chrome|firefox|safari|sdk|plugin|plug-in|release)\s*$",
    re.IGNORECASE,
)


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
        found.append(_iso(int(g["y2"]), MONTHS[g["mn2"].lower()], int(g["d2"])))
    elif g["y3"]:
        found.append(_iso(int(g["y3"]), MONTHS[g["mn3"].lower()], int(g["d3"])))
    elif g["y4"]:
        a, b, y = int(g["a4"]), int(g["b4"]), _year(g["y4"])
        if g["s4"] == ".":  # 03.04.2024 is day-first wherever it is written
            found.append(_iso(y, b, a))
        else:
            found.extend((_iso(y, a, b), _iso(y, b, a)))
    elif g["y5"]:
        found.append(_iso(int(g["y5"]), MONTHS[g["mn5"].lower()], 1))
    elif g["y6"]:
        found.append(_iso(int(g["y6"]), int(g["m6"]), 1))
    return tuple(sorted({d for d in found if d}))


def find_dates(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, readings) of each date written in `text`."""
    out = []
    for m in DATE.finditer(text):
        found = readings(m)
        if found:
            out.append((m.start(), m.end(), found))
    return out


def edition_dates(text: str) -> tuple[str, ...] | None:
    """The readings of the date a "Last updated: ..." statement in `text` gives."""
    for label in DATED.finditer(text):
        m = DATE.match(text, label.end())
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
