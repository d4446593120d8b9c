"""A plan's feature lines -> normalized features, and the limits some of them state.

"10 users included", "Up to 10 seats", "2 GB of storage", "Unlimited projects": a line
that counts something (a number or "unlimited" next to a limit word from
`data/plan_words.yaml`) is a limit, compared unit-aware (storage through pint, via
`msglint.values.specs`); any other line is a feature, keyed by its words folded, stripped
of filler ("Includes", "+") and mapped through the synonym table, so "SSO" and "Single
sign-on" are one feature. The feature key deliberately stays plain words: the rule decides
how close two keys must be (rapidfuzz), not this reader.
"""

from __future__ import annotations

import re
from decimal import Decimal

from msglint.model import Location, PlanFeature, Spec
from msglint.values.plans import words

#: Longest feature line read; a feature is a short phrase, a longer one is prose.
MAX_FEATURE = 160

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[,.\u202f\u00a0' ]\d{3})+|\d+(?:[.,]\d+)?)"
    r"\s*(?P<mult>[kKmM](?![a-zA-Z]))?"
    r"\s*(?P<unit>[kKMGTP]i?B|[kKMGT]o|bytes?|octets?)?(?!\w)"
)
_CURRENCY = re.compile(r"[$€£¥₹]|\b(?:USD|EUR|GBP|CHF)\b")
_NON_WORD = re.compile(r"[^\w/+]+")


def fold(text: str) -> str:
    """Lower case, punctuation to spaces, spaces collapsed."""
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def feature_key(text: str) -> str:
    """The key two sources' wordings of one feature share ("SSO" = "Single sign-on")."""
    folded = fold(words.feature_noise().sub(" ", text))
    synonyms = words.feature_synonyms()
    if folded in synonyms:
        return synonyms[folded]
    singular = " ".join(_singular(w) for w in folded.split())
    return synonyms.get(singular, singular)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _number(written: str) -> float | None:
    digits = written.replace("\u202f", "").replace("\u00a0", "").replace("'", "")
    if re.fullmatch(r"\d{1,3}(?:[,. ]\d{3})+", digits):
        return float(re.sub(r"[,. ]", "", digits))
    try:
        return float(digits.replace(",", "."))
    except ValueError:
        return None


def read_limit(text: str, where: Location | None = None) -> tuple[str, Spec] | None:
    """(limit key, quantity) when `text` states a limit, else None.

    The quantity is a Spec: storage in base units through pint ("100 GB" = "0.1 TB"), a
    count as a plain number with the key as unit, "Unlimited" as magnitude None.
    """
    line = " ".join(text.split())[:MAX_FEATURE]
    if not line or _CURRENCY.search(line):
        return None
    found = None
    for key, pattern in words.limit_keys():
        m = pattern.search(line)
        if m and (found is None or m.start() < found[1]):
            found = (key, m.start())
    if found is None:
        return None
    key = found[0]
    if words.unlimited().search(line):
        return key, Spec(key=key, label=key, text="Unlimited", where=where)
    m = _NUMBER.search(line)
    if m is None:
        return None
    value = _number(m.group("num"))
    if value is None:
        return None
    if m.group("mult"):
        value *= 1000 if m.group("mult") in "kK" else 1_000_000
    unit = m.group("unit")
    if unit and unit[-1] == "o":  # French: Go, To, Mo (octets)
        unit = unit[:-1].upper() + "B"
    if unit:
        from msglint.values.specs import parse_spec

        spec = parse_spec(key, f"{value:g} {unit}", key=key)
        if spec.magnitude is None:
            return None
        return key, Spec(
            key, key, m.group(0).strip(), spec.magnitude, spec.unit, spec.dimension, where
        )
    return key, Spec(key, key, m.group(0).strip(), value, key, "count", where)


def read_feature(
    text: str, where: Location | None = None, included: bool = True, listing: str = ""
) -> PlanFeature | None:
    """A feature line as a PlanFeature, or None when it is empty or too long to be one."""
    line = " ".join(text.split())
    if not line or len(line) > MAX_FEATURE:
        return None
    key = feature_key(line)
    if not key:
        return None
    return PlanFeature(key=key, text=line, included=included, listing=listing, where=where)


def same_limit(a: Spec, b: Spec, tolerance: float = 1e-6) -> bool:
    """Whether two limits are the same quantity ("100 GB" and "0.1 TB"; two "Unlimited")."""
    if a.magnitude is None or b.magnitude is None:
        return a.magnitude is None and b.magnitude is None
    if a.dimension != b.dimension:
        return False
    scale = max(abs(a.magnitude), abs(b.magnitude), 1e-12)
    return abs(a.magnitude - b.magnitude) <= tolerance * scale


#: rapidfuzz token_set_ratio on feature keys: at or above SAME they are one feature;
#: between UNSURE and SAME the reading is uncertain, and the rule says nothing.
SAME_FEATURE = 88.0
UNSURE_FEATURE = 60.0


def feature_match(key: str, others: list[str]) -> tuple[str, str | None]:
    """("same" | "uncertain" | "different", the closest of `others`) for a feature key.

    Keys are already folded and mapped through the synonym table; what is left is word
    order, a filler word, or a plural (token_set_ratio treats "audit log export" and
    "export of audit log" alike). A wrong "missing feature" costs more than a missed one,
    so a middling score is "uncertain", never "different".
    """
    if not others:
        return "different", None
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, others, scorer=fuzz.token_set_ratio)
    if best is None:
        return "different", None
    other, score = best[0], best[1]
    if score >= SAME_FEATURE:
        return "same", other
    if score >= UNSURE_FEATURE:
        return "uncertain", other
    return "different", other


_TRIAL = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3})\s*[-‑ ]?\s*"
    r"(?P<unit>days?|tage?n?|tägigen?|tägige|jours?|días|dias|giorni|"
    r"weeks?|wochen|semaines?|semanas|months?|monate?n?|mois|meses)\b"
    r"(?=[^.!?]{0,60}\b(?:trial|test|testen|testphase|testzeitraum|essai|prueba|gratis|kostenlos|"
    r"gratuit|gratuite|free)\b)"
    r"|(?:trial|testphase|testzeitraum|essai(?:\s+gratuit)?|prueba(?:\s+gratuita)?)\b[^.!?\d]{0,30}?"
    r"(?P<n2>\d{1,3})\s*(?P<unit2>days?|tage?n?|jours?|días|dias|weeks?|wochen|semaines?|months?|monate?|mois)\b",
    re.IGNORECASE,
)
_TRIAL_DAYS = {"w": 7, "s": 7, "m": 30}


def read_trial(text: str) -> tuple[int, int, int] | None:
    """(days, start, end) of a trial length in German, French, Spanish or English prose
    ("30 Tage kostenlos testen", "Essai gratuit de 30 jours"): the claims finder reads
    English trials; pricing pages in other languages write theirs in these few shapes."""
    m = _TRIAL.search(text[:2000])
    if not m:
        return None
    n = int(m.group("n") or m.group("n2"))
    unit = (m.group("unit") or m.group("unit2")).casefold()
    factor = 1
    if unit.startswith(("w", "sem")):
        factor = 7
    elif (unit.startswith(("mo", "mes")) and not unit.startswith("mois")) or unit == "mois":
        factor = 30
    return n * factor, m.start(), m.end()


_SLA_WORDS = (
    r"uptime|availability|verfügbarkeit|disponibilité|disponibilidad|disponibilità|"
    r"beschikbaarheid|erreichbarkeit"
)
_SLA = re.compile(
    rf"(?:\b(?:{_SLA_WORDS})\b[^.!?\d]{{0,40}}?(?P<n>\d{{2,3}}(?:[.,]\d{{1,4}})?)\s*%)"
    rf"|(?:(?P<n2>\d{{2,3}}(?:[.,]\d{{1,4}})?)\s*%\s*(?:de\s+|d'|di\s+)?"
    rf"(?:garantierte\s+|guaranteed\s+|garantie\s+)?(?:{_SLA_WORDS})\b)",
    re.IGNORECASE,
)


def read_sla(text: str) -> tuple[Decimal, int, int] | None:
    """(percent, start, end) of an uptime SLA in a card's line in English, German, French,
    Spanish, Italian or Dutch ("Disponibilité garantie de 99,9 %", "99,9 % Verfügbarkeit"):
    the claims finder reads English SLAs in prose; a plan card's line in another language
    is one of these two shapes (the availability word, then the percentage, or the reverse).
    Percentages below 90 are not uptime promises."""
    m = _SLA.search(text[:500])
    if not m:
        return None
    value = Decimal((m.group("n") or m.group("n2")).replace(",", "."))
    if not Decimal(90) <= value <= Decimal(100):
        return None
    return value, m.start(), m.end()
