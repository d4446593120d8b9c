"""Product names as comparable words: spelling variants, abbreviations, quantities, editions.

Two shops write one product differently: "Norton Anti-Virus 2009 3-User" and "norton
antivirus 2009 3u", "Photoshop CS4 Upgrade" and "Adobe Photoshop CS4 upg". `analyze` turns
a name into what the pair features compare:

- `words`: lower-case words with inner hyphens removed ("anti-virus" -> "antivirus",
  "wi-fi" -> "wifi"), apostrophes dropped ("men's" -> "mens"), a short table of catalog
  abbreviations expanded ("sec" -> "security", "lics" -> "license", "upg" -> "upgrade") and
  plural "s" taken off, so both spellings meet;
- `quantities`: a number with its unit, in a canonical unit per dimension ("16 GB" and
  "16GB" are (storage, 16 GB); "3-pack", "3 pk" and "3u" are counts of packs and users);
- `numbers`: bare numbers that are not part of a quantity (a version "2009", a size "10");
- `short_codes`: short letter+digit tokens that name a generation or a version ("cs4",
  "g7", "x5"), too short to be model codes, compared by their letters ("cs3" vs "cs4");
- `attributes`: tokens of closed vocabularies whose difference makes two products
  different: edition (license terms such as upgrade, full, academic, OEM, and tiers such
  as standard, professional, premium, home), platform (windows, mac, linux), colour and
  gender.

Everything here is general catalog English, not one data set's vocabulary. The tables are
hand-written because no library knows product-title abbreviations; each entry was seen in
public catalogs of several shops (software boxes, electronics, shoes, watches).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from msglint.match.translations import TRANSLATIONS

#: Longest text analyzed; product names are far shorter and the bound keeps the cost fixed.
MAX_TEXT = 600

#: Abbreviations and variants -> the word both sides are compared by.
ABBREVIATIONS: dict[str, str] = {
    "sec": "security",
    "secur": "security",
    "lic": "license",
    "lics": "license",
    "licence": "license",
    "licences": "license",
    "licenses": "license",
    "licensing": "license",
    "usr": "user",
    "pk": "pack",
    "pck": "pack",
    "pkg": "package",
    "std": "standard",
    "stnd": "standard",
    "pro": "professional",
    "prof": "professional",
    "profession": "professional",
    "ed": "edition",
    "edn": "edition",
    "edtn": "edition",
    "ver": "version",
    "vers": "version",
    "upg": "upgrade",
    "upgr": "upgrade",
    "upgd": "upgrade",
    "acad": "academic",
    "edu": "education",
    "educ": "education",
    "educational": "education",
    "stud": "student",
    "intl": "international",
    "int'l": "international",
    "eng": "english",
    "engl": "english",
    "win": "windows",
    "winxp": "windows",
    "macintosh": "mac",
    "osx": "mac",
    "biz": "business",
    "bus": "business",
    "ent": "enterprise",
    "entr": "enterprise",
    "svr": "server",
    "srv": "server",
    "srvr": "server",
    "mgmt": "management",
    "mgr": "manager",
    "dlx": "deluxe",
    "prem": "premium",
    "ult": "ultimate",
    "sys": "system",
    "grey": "gray",
    "blk": "black",
    "wht": "white",
    "slv": "silver",
    "womens": "women",
    "woman": "women",
    "ladies": "women",
    "lady": "women",
    "mens": "men",
    "man": "men",
    "w/": "with",
    "w": "with",
    "&": "and",
    **TRANSLATIONS,  # colours, genders, materials and kinds in other languages
}

#: Closed vocabularies: two records naming different members of one of these are different
#: products (an upgrade is not the full version, a black shoe is not a white one).
ATTRIBUTES: dict[str, str] = {}
for _group, _words in {
    # license terms and tiers are one vocabulary: "premium" vs "nonprofit" or
    # "professional upgrade" vs "professional full" are two editions either way
    "edition": "upgrade full academic student teacher education oem retail nonprofit "
    "government volume renewal subscription trial crossgrade competitive perpetual "
    "standard professional premium home basic deluxe ultimate enterprise business "
    "server express lite elite platinum starter essential advanced personal family "
    "corporate workgroup developer extended",
    "platform": "windows mac linux android ios",
    "colour": "black white silver red blue green pink purple gray brown orange yellow beige "
    "gold navy",
    "gender": "men women kid boy girl unisex",
}.items():
    for _word in _words.split():
        ATTRIBUTES[_word] = _group

#: Words that carry no product identity.
_STOPWORDS = """a an the and or of for with by in on to from at new null price sale buy free
shipping online shop store best cheap discount wholesale brand"""
STOPWORDS = frozenset(_STOPWORDS.split())

#: Units by dimension, each spelling -> (dimension, canonical unit, factor to the base unit).
_UNIT_TABLE: dict[str, tuple[str, float]] = {}
for _dim, _spellings in {
    "bytes": {"kb": 1e-6, "mb": 1e-3, "gb": 1.0, "tb": 1e3, "pb": 1e6},
    "frequency": {"hz": 1e-9, "khz": 1e-6, "mhz": 1e-3, "ghz": 1.0},
    "power": {"w": 1.0, "watt": 1.0, "watts": 1.0, "kw": 1e3},
    "voltage": {"v": 1.0, "volt": 1.0, "volts": 1.0},
    "charge": {"mah": 1.0, "ah": 1e3},
    "length": {"mm": 1e-3, "cm": 1e-2, "m": 1.0, "in": 0.0254, "inch": 0.0254,
               "inches": 0.0254, "ft": 0.3048, "feet": 0.3048},
    "mass": {"g": 1e-3, "kg": 1.0, "lb": 0.4536, "lbs": 0.4536, "oz": 0.02835},
    "resolution": {"mp": 1.0, "megapixel": 1.0, "megapixels": 1.0, "mpx": 1.0},
    "video": {"p": 1.0, "k": 1000.0},
    "bits": {"bit": 1.0, "bits": 1.0},
    "zoom": {"x": 1.0},
    "rate": {"mbps": 1.0, "gbps": 1e3, "kbps": 1e-3, "rpm": 1e6, "ppm": 1e9, "fps": 1e12},
    "users": {"user": 1.0, "users": 1.0, "u": 1.0, "seat": 1.0, "seats": 1.0,
              "license": 1.0, "licenses": 1.0, "lic": 1.0, "pc": 1.0,
              "computer": 1.0, "computers": 1.0, "device": 1.0, "devices": 1.0},
    "pack": {"pack": 1.0, "pk": 1.0, "packs": 1.0, "count": 1.0, "ct": 1.0, "piece": 1.0,
             "pieces": 1.0, "pcs": 1.0},
    "duration": {"year": 1.0, "years": 1.0, "yr": 1.0, "yrs": 1.0, "month": 1 / 12,
                 "months": 1 / 12, "mo": 1 / 12},
    "ports": {"port": 1.0, "ports": 1.0},
    "cores": {"core": 1.0, "cores": 1.0},
}.items():  # fmt: skip
    for _unit, _factor in _spellings.items():
        _UNIT_TABLE[_unit] = (_dim, _factor)

#: Units that may stand apart from their number ("16 GB", "3-pack"); single letters other
#: than W, V and G only count written on to the number ("1080p", "4k", "3u", "10x", "5m"),
#: so "3 M" (the brand), "Series 3 In Black" and "2 x 4" are not quantities.
_SPACED = [u for u in _UNIT_TABLE if len(u) > 1 and u != "in"] + ["w", "v", "g"]
_UNITS = "|".join(sorted((re.escape(u) for u in _UNIT_TABLE), key=len, reverse=True))
_SPACED_UNITS = "|".join(sorted((re.escape(u) for u in _SPACED), key=len, reverse=True))
#: A number with its unit; not one hyphenated to a word, which is part of a code
#: ("VN-4100PC" is no 4100 PCs, "UX-80M" no 80 metres).
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?<![a-z]-)(\d+(?:[.,]\d+)?)"
    rf"(?:(?:\s|-|\s-\s)({_SPACED_UNITS})|({_UNITS}))(?![\w])"
)
#: The base unit each dimension's tokens are written in: "0.5 TB" and "500GB" are "500gb".
_BASE = {dim: next(u for u, (d, f) in _UNIT_TABLE.items() if d == dim and f == 1.0)
         for dim in {d for d, _ in _UNIT_TABLE.values()}}  # fmt: skip
#: Words: letters and digits, with inner hyphens, dots and apostrophes kept for a second look.
_WORD = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")
_SHORT_CODE = re.compile(r"^([a-z]{1,3})(\d{1,2})$|^(\d{1,2})([a-z]{1,2})$")
_VERSION = re.compile(r"^v?(\d+(?:\.\d+)+)$|^v(\d+)$")
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8"}
#: Words a quantity may not be: "in" after a number is a length only next to a number.
_DIGITS = re.compile(r"\d")
_INNER = re.compile(r"[-.]")
#: The empty grouping, shared (never mutated).
_NONE: dict[str, frozenset] = {}


@dataclass(frozen=True, slots=True)
class Analyzed:
    """A product name as the pair features see it. The grouped fields map a dimension or
    vocabulary to its values: {"bytes": {16.0}}, {"cs": {"4"}}, {"license": {"upgrade"}}."""

    words: tuple[str, ...]
    quantities: dict[str, frozenset[float]]  # dimension -> values in the base unit
    numbers: frozenset[str]
    short_codes: dict[str, frozenset[str]]  # letters -> digits: "cs4" is {"cs": {"4"}}
    attributes: dict[str, frozenset[str]]  # group -> words: {"license": {"upgrade"}}


def fold(text: str) -> str:
    """Lower-case, accents and compatibility forms folded: "Café Ｘ" -> "cafe x"."""
    text = text[:MAX_TEXT]
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def stem(word: str) -> str:
    """A plural "s" off: "licenses" -> "license", "users" -> "user"; not "glass", "bus"."""
    plural = len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return word[:-1] if plural and not _DIGITS.search(word) else word


def canonical(word: str) -> str:
    """A word as names are compared by: abbreviation expanded, plural off ("lics" ->
    "license", "ovens" -> "oven")."""
    word = ABBREVIATIONS.get(word, word)
    return ABBREVIATIONS.get(stem(word), stem(word))


def _value(number: str) -> float:
    """ "2,4" is 2.4 (a decimal comma), "1,000" is 1000 (a thousands separator)."""
    whole, _, part = number.replace(".", ",").partition(",")
    if part and len(part) == 3:
        return float(whole + part)
    return float(f"{whole}.{part}" if part else whole)


#: What one raw word contributes: (words, numbers, short codes, attributes).
_Token = tuple[
    tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]
]


@lru_cache(maxsize=131_072)
def _token(raw: str) -> _Token:
    """One raw word, analyzed once per process: catalogs repeat their vocabulary."""
    raw = raw.replace("'", "").replace("\u2019", "")
    version = _VERSION.match(raw)
    if version:
        number = (version.group(1) or version.group(2)).rstrip("0").rstrip(".") or "0"
        return (number,), (number,), (), ()
    words: list[str] = []
    numbers: list[str] = []
    short: list[tuple[str, str]] = []
    attributes: list[tuple[str, str]] = []
    for piece in _pieces(raw):
        if piece in STOPWORDS:
            continue
        piece = _ROMAN.get(piece, piece)
        if piece.isdigit():
            numbers.append(piece.lstrip("0") or "0")
            words.append(piece)
            continue
        word = canonical(piece)
        if word in STOPWORDS:
            continue
        words.append(word)
        group = ATTRIBUTES.get(word)
        if group:
            attributes.append((group, word))
        code = _SHORT_CODE.match(word)
        if code:
            short.append((code.group(1) or code.group(4), code.group(2) or code.group(3)))
    return tuple(words), tuple(numbers), tuple(short), tuple(attributes)


def _grouped(pairs: set[tuple[str, object]]) -> dict[str, frozenset]:
    if not pairs:
        return _NONE
    out: dict[str, set[object]] = {}
    for key, value in pairs:
        out.setdefault(key, set()).add(value)
    return {k: frozenset(v) for k, v in out.items()}


def analyze(text: str) -> Analyzed:
    """The words, quantities, numbers, short codes and attributes of a product name."""
    folded = fold(text)
    quantities: set[tuple[str, float]] = set()
    words: list[str] = []
    if _DIGITS.search(folded):

        def quantity(found: re.Match[str]) -> str:
            dim, factor = _UNIT_TABLE[found.group(2) or found.group(3)]
            value = round(_value(found.group(1)) * factor, 6)
            quantities.add((dim, value))
            words.append(f"{value:g}{_BASE[dim]}")
            return " "

        folded = _QUANTITY.sub(quantity, folded)
    numbers: set[str] = set()
    short: set[tuple[str, str]] = set()
    attributes: set[tuple[str, str]] = set()
    for raw in _WORD.findall(folded):
        token_words, token_numbers, token_short, token_attributes = _token(raw)
        words.extend(token_words)
        if token_numbers:
            numbers.update(token_numbers)
        if token_short:
            short.update(token_short)
        if token_attributes:
            attributes.update(token_attributes)
    return Analyzed(
        words=tuple(words),
        quantities=_grouped(quantities),  # type: ignore[arg-type]
        numbers=frozenset(numbers),
        short_codes=_grouped(short),  # type: ignore[arg-type]
        attributes=_grouped(attributes),  # type: ignore[arg-type]
    )


def _pieces(raw: str) -> list[str]:
    """One word as the pieces it is compared by: "anti-virus" -> ["antivirus"],
    "ps-lx350h" -> ["pslx350h"] (a code is one word), "u.s." -> ["us"]; a number with a
    dot that is no version stays as its parts."""
    if "-" in raw or "." in raw:
        parts = [p for p in _INNER.split(raw) if p]
        if all(p.isdigit() for p in parts) and "." in raw and "-" not in raw:
            return parts  # "2.4" not caught as a quantity or version: two numbers
        return ["".join(parts)]
    return [raw]
