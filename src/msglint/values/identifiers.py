"""Product identifiers: GTIN check digits, SKU/MPN normalization, model codes in names.

These are hand-written because each is a few lines of well-defined arithmetic or a tokenizer
tuned to product titles: the GTIN check digit is the GS1 mod-10 sum (python-stdnum has it,
but is not a dependency and would be imported for one function), and no library mines
model codes out of free-text product names. Every function takes hostile input (None,
huge strings, stray punctuation) and returns None or an empty tuple rather than raising.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Longest input examined; a product name or identifier is never this long, and the bound
#: keeps a pathological cell from costing more than a normal one.
MAX_TEXT = 4_000
#: Longest identifier accepted; real SKUs, MPNs and model codes stay well under this.
MAX_CODE = 40

_GTIN_LENGTHS = frozenset((8, 12, 13, 14))
_NOT_DIGIT = re.compile(r"\D")
_CODE_NOISE = re.compile(r"[\s\-./_]+")
_CODE_OK = re.compile(r"^[0-9A-Z]+$")


def _gtin_digits(code: str) -> str | None:
    """The digits of `code` if it looks like a GTIN written with spaces or hyphens only."""
    if not isinstance(code, str) or len(code) > MAX_CODE:
        return None
    compact = _CODE_NOISE.sub("", code.strip())
    if not compact.isdigit() or not compact.isascii() or len(compact) not in _GTIN_LENGTHS:
        return None
    return compact


def _check_digit_ok(digits: str) -> bool:
    """GS1 mod-10: from the right, the check digit excluded, weights alternate 3, 1."""
    total = 0
    for position, char in enumerate(reversed(digits[:-1])):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10 == int(digits[-1])


def valid_gtin(code: str) -> bool:
    """True for a GTIN-8, -12 (UPC-A), -13 (EAN) or -14 whose check digit is right.

    Spaces and hyphens between digit groups are tolerated ("0 12345 67890 5"); any other
    character, a wrong length or a wrong check digit make it invalid.
    """
    digits = _gtin_digits(code)
    return digits is not None and _check_digit_ok(digits)


def normalize_gtin(code: str | None) -> str | None:
    """The GTIN as 14 digits (zero-padded), so a UPC-A and its EAN-13 form compare equal.

    None when absent or invalid: an identifier that fails its own check digit is a typo or
    not a GTIN, and matching on it would pair unrelated products.
    """
    if code is None:
        return None
    digits = _gtin_digits(code)
    if digits is None or not _check_digit_ok(digits):
        return None
    return digits.zfill(14)


def normalize_code(code: str | None) -> str | None:
    """A SKU or MPN in a comparable form: upper-case, spaces/hyphens/dots/slashes removed.

    "ps-lx350h", "PS LX350H" and "PS.LX350H" all become "PSLX350H". None when nothing
    alphanumeric is left, when the code is absurdly long, or when it holds characters no
    product code uses (a sentence pasted into the SKU column is not an identifier).
    """
    if not isinstance(code, str) or len(code) > MAX_TEXT:
        return None
    compact = _CODE_NOISE.sub("", code).upper()
    if not compact or len(compact) > MAX_CODE or not _CODE_OK.match(compact):
        return None
    return compact


# --- model codes in free text -------------------------------------------------------------

#: A candidate: alphanumeric runs joined by single inner hyphens, slashes or dots, so
#: "PS-LX350H", "SRSA212/BLK", "MB470LL/A" and "2.4GHz" each stay one token.
_CANDIDATE = re.compile(r"[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)*")
_DIGIT_SLASH_DIGIT = re.compile(r"(?<=\d)/(?=\d)")
_HAS_DIGIT = re.compile(r"\d")
_HAS_ALPHA = re.compile(r"[A-Z]")

#: Units and counted nouns that turn a number into a measurement: "128GB", "5400mAh",
#: "1080p", "2.4GHz", "10ft", "375-Watt", "24-Port", "1000Base-T". Written against the
#: upper-cased token with separators removed except the decimal point. Single letters that
#: end model codes as often as they abbreviate a unit (A, C, F, S: "8800F", "EL6985A") are
#: left out.
_UNITS = (
    "B|KB|MB|GB|TB|PB|KBPS|MBPS|GBPS|BIT|BITS|MAH|AH|WH|KWH|HZ|KHZ|MHZ|GHZ|W|KW|WATT|WATTS"
    "|V|VAC|VDC|VOLT|VOLTS|MA|AMP|AMPS|MM|CM|M|KM|IN|INCH|INCHES|FT|FEET|YD|MI|P|I|K"
    "|X|LB|LBS|OZ|G|KG|MG|MS|SEC|MIN|MINS|HR|HRS|HOUR|HOURS|DAY|DAYS|DB|DBI|DBM|DPI|PPM"
    "|RPM|FPS|BTU|QT|GAL|L|ML|CU|CUFT|PC|PCS|PK|PACK|MP|MPX|MEGAPIXEL|CH|WAY|PORT|PORTS"
    "|LM|NITS|MPH|HP|CC|NM|TH|ST|ND|RD|PIN|BASET|BASETX|BASEFX|BASESX|BASELX|CORE"
    "|YEAR|YEARS|YR|YRS|MONTH|MONTHS|CUP|CUPS|QUART|SLICE|PIECE|PIECES|SPEED|DISC|DISCS"
    "|BAND|STAR|LINE|LINES|USER|USERS|SHEET|SHEETS|PAGE|PAGES|COUNT|CT|SERIES|GEN"
)
_MEASUREMENT = re.compile(rf"^\d+(?:\.\d+)?(?:{_UNITS})$")
#: A lens aperture: "f/4-5.6", "F3.5-5.6G".
_APERTURE = re.compile(r"^F/?\d+(?:\.\d+)?(?:-(?:F/?)?\d+(?:\.\d+)?)?[A-Z]?$")
_DIMENSIONS = re.compile(r"^\d+(?:\.\d+)?(?:X\d+(?:\.\d+)?)+[A-Z]{0,2}$")
#: A unit written as the next word: "5400 mAh", "128 GB" make the number a measurement.
_UNIT_WORD = re.compile(rf"^(?:{_UNITS})$")
#: Names of interfaces and standards that look like codes: MP3, USB2, DDR3, H264, CAT5E,
#: IP67, Wi-Fi 6E, 802.11n. A general list of technology terms, not of any one catalog.
_STANDARDS = re.compile(
    r"^(?:MP[34]|USB\d*[A-C]?|DDR\d|GDDR\d+X?|LPDDR\d+X?|CAT\d[AE]?|H26[45]|X26[45]|IP[56]\d"
    r"|IPX\d|HDMI\d*[A-Z]?|PCIE\d*|SATA\d*|WIFI\d*E?|802\d+[A-Z]*|DVB[TSC]\d?|AC3|PS[2-5]"
    r"|X86|X64|RJ\d+|ATSC\d*|LTE\d*|[2-5]G|QI\d*|AES\d+|WPA\d|MPEG\d|DIVX\d*|TLS\d+)$"
)
_MIN_CODE = 4
_MIN_DIGITS_ONLY = 5


def _is_measurement(token: str) -> bool:
    return bool(_MEASUREMENT.match(token) or _DIMENSIONS.match(token))


def _code_of(raw: str, next_word: str) -> str | None:
    """The normalized code if `raw` (one candidate token) looks like a model code.

    A model code mixes letters and digits ("AX5400", "PSLX350H"), or is a long run of
    digits ("0100071520", the way many brands number parts), is at least four characters
    long, and is neither a measurement ("128GB", "5400 mAh") nor a standard ("USB2").
    A code with a single digit needs five characters, since "Gen3", "DDR3" and "Cat6"
    outnumber genuine four-character one-digit codes.
    """
    upper = raw.upper()
    if _is_measurement(upper.replace("-", "").replace("/", "")) or _APERTURE.match(upper):
        return None
    code = _CODE_NOISE.sub("", upper)
    if len(code) < _MIN_CODE or len(code) > MAX_CODE or _STANDARDS.match(code):
        return None
    digits = sum(c.isdigit() for c in code)
    if digits == 0:
        return None
    if digits == len(code):
        unit_follows = bool(next_word) and bool(_UNIT_WORD.match(next_word.upper()))
        return code if digits >= _MIN_DIGITS_ONLY and not unit_follows else None
    if digits == 1 and len(code) < _MIN_CODE + 1:
        return None
    return code


def _split_hyphens(token: str) -> list[str]:
    """Hyphenated pieces regrouped: join where that forms one code, split off plain words.

    "PS-LX350H" and "010-00715-20" stay whole, "LX350H-Black" becomes "LX350H" + "Black":
    a piece is joined to its neighbour when it is short (a series prefix such as "PS" or
    "KDL") or holds a digit; a longer letters-only piece is an ordinary word.
    """
    pieces = token.split("-")
    groups: list[list[str]] = [[]]
    for piece in pieces:
        joinable = len(piece) <= 4 or bool(_HAS_DIGIT.search(piece))
        if joinable:
            groups[-1].append(piece)
        else:
            if groups[-1]:
                groups.append([])
            groups[-1].append(piece)
            groups.append([])
    return ["-".join(g) for g in groups if g]


#: Where a name's clauses end: " - ", brackets, "/ " lists, "|" and ";".
_CLAUSE_BREAK = re.compile(r"\s[-\u2013\u2014|]+\s|[()\[\];|]|/\s")
#: Words after which a clause names other products: "Ink Cartridge for PIXMA iP4200".
_COMPAT_WORD = re.compile(r"\b(?:for|fits|compatible|replaces)\b", re.IGNORECASE)


def _own_clauses(text: str) -> list[str]:
    """The clauses of `text`, each cut at "for"/"fits"/"compatible"/"replaces".

    An accessory's name lists the products it fits ("Canon Ink Cartridge for PIXMA
    iP4200 - 0620B002"); those codes belong to other products, and taking them as the
    accessory's own would match it to the printer.
    """
    clauses = []
    for clause in _CLAUSE_BREAK.split(text):
        compat = _COMPAT_WORD.search(clause)
        clauses.append(clause[: compat.start()] if compat else clause)
    return clauses


#: The last clause of "Sony Soft Carrying Case - LCSCSQB": a single upper-case token,
#: slashes and hyphens allowed, set off by " - " at the very end of a name.
_TRAILING = re.compile(r"\s[-\u2013\u2014]\s+([A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)*)\s*$")
#: Upper-case words a name may end with that are not codes.
_NOT_TRAILING = frozenset(
    ("HDTV", "HDMI", "NTSC", "ATSC", "WIFI", "BLACK", "WHITE", "SILVER", "USA", "INTL", "OEM")
)


def _trailing_code(text: str) -> str | None:
    """A letters-only code at the end of a name, set off by " - " ("... Case - LCSCSQB").

    That position is where catalogs append model codes, so there a token of four or more
    upper-case letters counts even without a digit; elsewhere such a token is more often
    an acronym ("HDTV", "CD-R/RW"). An all-upper-case name gives no such signal.
    """
    found = _TRAILING.search(text)
    if found is None or not any(c.islower() for c in text[: found.start()]):
        return None
    code = normalize_code(found.group(1))
    if code is None or len(code) < _MIN_CODE or code in _NOT_TRAILING:
        return None
    return code


def own_text(text: str) -> str:
    """`text` without the clauses that name other products ("... for PIXMA iP4200"), so
    a search for a product's code in it does not find the products an accessory fits."""
    if not isinstance(text, str):
        return ""
    return " ".join(_own_clauses(text[:MAX_TEXT]))


def model_codes(text: str) -> tuple[str, ...]:
    """Model codes mined from a product name or description, normalized, in order, unique.

    "Sony Turntable - PSLX350H" -> ("PSLX350H",); "Sony PS-LX350H Belt-Drive Turntable"
    -> ("PSLX350H",); "Acme AX5400 Pro Router" -> ("AX5400",); "128GB", "5400mAh",
    "1080p", "2.4GHz" and "USB2" are not codes, nor are codes of the products an
    accessory is "for"; a letters-only code counts only at the end of a name, after " - "
    ("Sony Case - LCSCSQB"). Codes are not joined across spaces ("KDL-40 V4100" gives "KDL40"
    and "V4100"): a space separates words far more often than it splits a code, and a
    wrong join would hide both halves.
    """
    if not isinstance(text, str) or not text:
        return ()
    return _model_codes(text[:MAX_TEXT])


@lru_cache(maxsize=65_536)
def _model_codes(text: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for clause in _own_clauses(text):
        tokens = _CANDIDATE.findall(clause)
        for i, token in enumerate(tokens):
            if not _HAS_DIGIT.search(token):
                continue
            next_word = tokens[i + 1] if i + 1 < len(tokens) else ""
            for part in _DIGIT_SLASH_DIGIT.split(token):
                for piece in _split_hyphens(part):
                    code = _code_of(piece, next_word)
                    if code is not None:
                        found[code] = None
    trailing = _trailing_code(text)
    if trailing is not None:
        found[trailing] = None
    return tuple(found)
