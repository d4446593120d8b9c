"""The time normalizer: support hours as written -> one canonical string that compares
with `==`: "24/7", or "<days> <HH:MM>-<HH:MM> <TZ>" with the parts the text gives
("mon-fri 09:00-17:00 CET", "sat 10:00-14:00", "mon-fri"; "every day" is "mon-sun").
"9-5pm" is 09:00-17:00, "1-5pm" 13:00-17:00, and "9-5" alone is no time at all.
"""

from __future__ import annotations

import re
from functools import cache

from msglint.text.tables import load

DAY_NAMES = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?"
TZ_OFFSET = re.compile(r"^(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?$")


@cache
def time_zones() -> tuple[str, ...]:
    """Time-zone abbreviations (`time_zones` in claim_words.yaml), as written."""
    return tuple(load("claim_words.yaml")["time_zones"])


@cache
def _tz_in_text() -> re.Pattern[str]:
    return re.compile(
        r"\b(" + "|".join(time_zones()) + r"|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?)(?![\w+])"
    )


_TIME_IN_TEXT = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?|h\b)?|(noon|midnight)",
    re.IGNORECASE,
)
_DAY_IN_TEXT = re.compile(
    rf"\b({DAY_NAMES})\b\.?|\b(weekdays|weekends)\b|\b(every day|daily)\b", re.IGNORECASE
)
_DAY_RANGE_SEP = re.compile(r"^\s*\.?\s*(?:-|–|—|to|through|thru|till|until)\s*$", re.IGNORECASE)


def hours(text: str) -> str | None:
    """Canonical support hours ("mon-fri 09:00-17:00 CET") of a matched span's text."""
    days = _days_of(text)
    times = _times_of(text)
    if times is None and (not days or ("-" not in days and "," not in days)):
        return None  # a lone day name ("on Monday") states no hours
    tz = _tz_in_text().search(text)
    parts = [days, times, tz.group(1) if tz and times else None]
    return " ".join(p for p in parts if p) or None


def _days_of(text: str) -> str | None:
    found = list(_DAY_IN_TEXT.finditer(text))
    if not found:
        return None
    if found[0].group(3):
        return "mon-sun"
    if found[0].group(2):
        return "mon-fri" if found[0].group(2).lower() == "weekdays" else "sat-sun"
    names = [m.group(1)[:3].lower() for m in found]
    if len(found) >= 2 and _DAY_RANGE_SEP.match(text[found[0].end() : found[1].start()]):
        return f"{names[0]}-{names[1]}"
    return ",".join(dict.fromkeys(names))


def _times_of(text: str) -> str | None:
    text = _DAY_IN_TEXT.sub(" ", text)
    text = _tz_in_text().sub(" ", text)
    found = [m for m in _TIME_IN_TEXT.finditer(text) if m.group(1) or m.group(4)]
    if len(found) != 2:
        return None
    spoken = [m.group(3) or m.group(4) or "" for m in found]
    if not any(spoken) and not any(m.group(2) for m in found):
        return None  # "9-5" alone could be anything; "9-5pm" or "09:00-17:00" is hours
    start, end = (_clock(m) for m in found)
    if start is None or end is None:
        return None
    start, end = _infer_meridiem(start, end, spoken)
    return f"{start[0]:02d}:{start[1]:02d}-{end[0]:02d}:{end[1]:02d}"


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    if m.group(4):
        return (12, 0) if m.group(4).lower() == "noon" else (0, 0)
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    meridiem = (m.group(3) or "").lower()[:1]
    if meridiem in ("a", "p") and not 1 <= hour <= 12:
        return None
    if meridiem == "p" and hour != 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return hour, minute


def _infer_meridiem(
    start: tuple[int, int], end: tuple[int, int], spoken: list[str]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """ "9-5pm": 9 is morning; "1-5pm": 1 is afternoon; "9-5" on a support page: 17:00."""
    start_said, end_said = (s.lower()[:1] in ("a", "p") for s in spoken)
    if not start_said and end_said and end[0] >= 12 and start[0] + 12 <= end[0]:
        start = (start[0] + 12, start[1])
    if not end_said and end < start and end[0] < 12:
        end = (end[0] + 12, end[1])
    return start, end


#: Hours from UTC of the zones `time_zones` lists, as support pages use them: a region's
#: standard and summer names are one zone (a page saying "EST" in July means the hours
#: New York keeps), so only the region counts. IST is India's (Ireland's is rare here).
_ZONE_HOURS = {
    "UTC": 0, "GMT": 0, "BST": 0, "WET": 0, "WEST": 0,
    "CET": 1, "CEST": 1, "EET": 2, "EEST": 2,
    "ET": -5, "EST": -5, "EDT": -5, "CT": -6, "CST": -6, "CDT": -6,
    "MT": -7, "MST": -7, "MDT": -7, "PT": -8, "PST": -8, "PDT": -8,
    "AEST": 10, "AEDT": 10, "AET": 10, "JST": 9, "IST": 5.5, "SGT": 8, "HKT": 8,
    "NZST": 12, "NZDT": 12,
}  # fmt: skip
_HOURS_VALUE = re.compile(
    r"^(?P<days>[a-z,-]+(?= |$))?\s*(?P<times>\d\d:\d\d-\d\d:\d\d)?\s*(?P<zone>\S+)?$"
)


def _zone_hours(zone: str) -> float | None:
    if zone in _ZONE_HOURS:
        return _ZONE_HOURS[zone]
    m = re.fullmatch(r"(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?", zone)
    if m is None:
        return None
    hours = int(m.group(2)) + int(m.group(3) or 0) / 60
    return hours if m.group(1) == "+" else -hours


def _minutes(times: str) -> tuple[int, int]:
    start, end = times.split("-")
    return tuple(int(t[:2]) * 60 + int(t[3:]) for t in (start, end))  # type: ignore[return-value]


def same_hours(a: str, b: str) -> bool | None:
    """Whether two `hours` values state the same support hours; None when it cannot be
    told. One side saying less (no time zone, no times) contradicts nothing: "Monday to
    Friday, 9:00-17:00" is "Mon-Fri 9am-5pm ET" as far as it goes. Zones are compared by
    their hours from UTC ("8am-4pm CT" is "9am-5pm ET"); times that differ by whole hours
    where one side names no zone may be that zone (None)."""
    if a == b:
        return True
    ma, mb = _HOURS_VALUE.match(a), _HOURS_VALUE.match(b)
    if ma is None or mb is None:
        return False
    if ma["days"] and mb["days"] and ma["days"] != mb["days"]:
        return False
    if not ma["times"] or not mb["times"]:
        return None
    (sa, ea), (sb, eb) = _minutes(ma["times"]), _minutes(mb["times"])
    za, zb = ma["zone"], mb["zone"]
    if za and zb:
        oa, ob = _zone_hours(za), _zone_hours(zb)
        if oa is None or ob is None:
            return None if za != zb else (sa, ea) == (sb, eb)
        shift = round((oa - ob) * 60)  # minutes to add to b's clock to read it in a's zone
        return (sa - sb - shift) % 1440 == 0 and (ea - eb - shift) % 1440 == 0
    if (sa, ea) == (sb, eb):
        return True
    if za or zb:
        shift = sa - sb
        return None if shift == ea - eb and shift % 60 == 0 else False
    return False
