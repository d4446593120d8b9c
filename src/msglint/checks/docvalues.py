"""The values a passage of a manual or article states, to compare two copies of it.

A value is a quantity ("30 Nm", "2.5 kg", "5-10 °C", "99.9 %"), a bare number, a time of
day ("9 am", "17:00"), a date ("12 March 2024" = "2024-03-12" = "12.03.2024"), a phone
number ("+1 (800) 555-0142" = "1-800-555-0142": the same digits, a country code aside) or
an e-mail address (case-insensitive). Quantities are compared with the spec comparison of
values/specs (pint, base units, 1% tolerance), so "12 kg" equals "26.5 lb". Numbers
inside words ("X100", "AX5400") are names, not values; URLs are never values (partners
rewrite links to their own shop).

`mask()` replaces every value with "#", so two sentences that differ only in a value align
with each other, and the comparison then says which value changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from msglint.values.editions import date_pattern, readings

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w.,/])\+?\(?\d[\d\s().\-/]{5,}\d(?![\w.,]\d)")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[,.\s]\d{3})+(?:[.,]\d+)?$")
_TIME = re.compile(
    r"(?<![\w:.])(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>[ap]\.?\s?m\.?)(?!\w)"
    r"|(?<![\w:.])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\w:])",
    re.IGNORECASE,
)
_UNIT = r"(?:%|°\s?[CF]?|[A-Za-zµΩ°\"″'/²³·]{1,12}(?:/[A-Za-z]{1,6})?)"
_NUMBER = r"\d+(?:[.,]\d+)*"
_QUANTITY = re.compile(
    rf"(?<![\w.,-]){_NUMBER}(?:\s*(?:-|–|to|bis)\s*{_NUMBER})?(?:\s?{_UNIT}(?![\w]))?",
    re.IGNORECASE,
)
#: Words after a number that are not its unit ("3 steps" compares as the number 3).
_NOT_UNITS_WORDS_TEXT = (
    "a an and are as at be by days day for from in is it minutes of on or per seconds step "
    "steps than the then times to was were with x years year hours hour weeks week months "
    "month business"
)
_NOT_UNITS = frozenset(_NOT_UNITS_WORDS_TEXT.split())


@dataclass(frozen=True, slots=True)
class Value:
    """One value a passage states: its kind, its text as written, and a comparable key."""

    kind: str  # "quantity", "time", "date", "phone", "email"
    text: str
    start: int
    end: int
    key: Any = None


def values(text: str) -> list[Value]:
    """Every value `text` states, in order (URLs and numbers inside words left out)."""
    taken: list[tuple[int, int]] = []
    out: list[Value] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def take(kind: str, a: int, b: int, key: Any) -> None:
        taken.append((a, b))
        out.append(Value(kind, text[a:b], a, b, key))

    for m in _URL.finditer(text):
        taken.append(m.span())
    for m in _EMAIL.finditer(text):
        if free(*m.span()):
            take("email", m.start(), m.end(), m.group().casefold())
    for m in date_pattern().finditer(text):
        found = readings(m)
        if found and free(*m.span()):
            take("date", m.start(), m.end(), frozenset(found))
    for m in _PHONE.finditer(text):
        raw = m.group().strip()
        digits = re.sub(r"\D", "", raw)
        if (
            len(digits) >= 7
            and not _THOUSANDS.match(raw)
            and re.search(r"\d[\s().\-/]+\d", raw)
            and free(*m.span())
        ):
            take("phone", m.start(), m.start() + len(raw), digits)
    for m in _TIME.finditer(text):
        if free(*m.span()):
            take("time", m.start(), m.end(), _minutes(m))
    for m in _QUANTITY.finditer(text):
        if not free(*m.span()):
            continue
        written = m.group()
        unit = re.sub(r"^[\d\s.,–-]+(?:to|bis)?[\d\s.,]*", "", written).strip()
        if unit.casefold() in _NOT_UNITS:
            written = written[: len(written) - len(unit)].rstrip()
        take("quantity", m.start(), m.start() + len(written), None)
    out.sort(key=lambda v: v.start)
    return out


def _minutes(m: re.Match[str]) -> int:
    if m.group("h24") is not None:
        return int(m.group("h24")) * 60 + int(m.group("m24"))
    hour = int(m.group("h")) % 12
    if m.group("ap").lower().startswith("p"):
        hour += 12
    return hour * 60 + int(m.group("m") or 0)


def mask(text: str, found: list[Value] | None = None) -> str:
    """`text` with each value replaced by "#", lower-cased, punctuation and spaces folded."""
    found = values(text) if found is None else found
    parts = []
    pos = 0
    for v in found:
        parts.append(text[pos : v.start])
        parts.append(" # ")
        pos = v.end
    parts.append(text[pos:])
    masked = _URL.sub(" ", "".join(parts)).casefold()
    return " ".join(re.sub(r"[^\w#]+", " ", masked).split())


def same(a: Value, b: Value) -> bool:
    """Whether two values state the same thing (unit-aware for quantities)."""
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        return bool(a.key & b.key)
    if a.kind == "phone":
        long, short = (a.key, b.key) if len(a.key) >= len(b.key) else (b.key, a.key)
        return long == short or (long.endswith(short) and len(long) - len(short) <= 3)
    if a.kind in ("email", "time"):
        return bool(a.key == b.key)
    return _same_quantity(a.text, b.text)


def _same_quantity(a: str, b: str) -> bool:
    from msglint.values.specs import parse_spec, same_spec

    if a == b:
        return True
    return same_spec(parse_spec("quantity", a), parse_spec("quantity", b))


def changed(reference: str, partner: str) -> list[tuple[Value, Value | None]]:
    """The partner's values the brand's passage does not state, each with the brand's value
    it most likely replaced (the one at the same place among values of its kind)."""
    ref_values = values(reference)
    mine = values(partner)
    unmatched_ref = [r for r in ref_values if not any(same(r, p) for p in mine)]
    out: list[tuple[Value, Value | None]] = []
    for v in mine:
        if any(same(v, r) for r in ref_values):
            continue
        counterpart = next((r for r in unmatched_ref if r.kind == v.kind), None)
        if counterpart is not None:
            unmatched_ref.remove(counterpart)
        out.append((v, counterpart))
    return out


_MARKER = re.compile(r"^\s*(?:(?:step\s+)?\(?\d{1,3}[.):]|[•·▪●○■–*-])\s+", re.IGNORECASE)


def without_marker(text: str) -> str:
    """A list item's text without its number or bullet (steps renumber when one is cut)."""
    return _MARKER.sub("", text, count=1)


def code_gap_spans(
    reference: str, gaps: tuple[int, ...], partner: str
) -> list[tuple[int, int]] | None:
    """The spans of `partner` whose words stand where the brand's copy skipped inline code
    (`gaps`, offsets in `reference`): "getaddrinfo(3)" written as text where the brand's
    HTML set it as code. Words are aligned with difflib; words the partner added elsewhere
    ("runs on 4 threads") are in no span. None when a side is too long to align (a hostile
    paragraph with no full stop is one "sentence"): every value there is uncertain."""
    ref_words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(reference)]
    part_words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(partner)]
    if len(ref_words) > MAX_ALIGN_WORDS or len(part_words) > MAX_ALIGN_WORDS:
        return None
    matcher = SequenceMatcher(
        None, [w[2] for w in ref_words], [w[2] for w in part_words], autojunk=False
    )
    spans = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("insert", "replace") or j1 == j2:
            continue
        lo = ref_words[i1 - 1][1] if i1 > 0 else 0
        hi = ref_words[i2][0] if i2 < len(ref_words) else len(reference)
        if any(lo <= g <= hi for g in gaps):
            spans.append((part_words[j1][0], part_words[j2 - 1][1]))
    return spans


def within(value: Value, spans: list[tuple[int, int]] | None) -> bool:
    """Whether `value` lies inside one of `spans` (None, as `code_gap_spans` gives for a
    passage too long to align: everywhere)."""
    return spans is None or any(a <= value.start and value.end <= b for a, b in spans)


_TOKEN = re.compile(r"\S+")
#: Words per passage beyond which `code_gap_spans` does not align (difflib's matching grows
#: faster than linearly; a hostile paragraph with no full stop is one "sentence").
MAX_ALIGN_WORDS = 1000
