"""The spans of a text that are not prose: addresses, links, host names, paths, code,
part numbers, versions, hashtags and handles.

Text rules see words. A brand's `capitalization` rule must not fire inside
`support@quillstack.com`, `app.quillstack.com` or the part number `VT-CP200`, and `--fix`
must never rewrite them (a fixed address is a broken address). `nonprose(text)` marks
those spans once per segment, on first use (only segments where some rule matched pay for
it); a rule's match that overlaps one is dropped unless the rule opts in with
`scope: identifiers` (checks/base.py, vale/lint.py).

What counts, and why each is written here rather than taken from a library:

- e-mail addresses and URLs: a regular expression of the forms people write in prose
  (`name@host.tld`, `http(s)://…`, `www.…`); trailing sentence punctuation is left out.
- host names: any dotted name whose last label is a public suffix, checked with
  tldextract's bundled Public Suffix List snapshot (never fetched: `suffix_list_urls=()`,
  no cache written), so "app.quillstack.com" and "vantor-industrial.de" count and
  "e.g." or "end.Then" do not. The suffix must be written in lower case, as host names in
  prose are: a missing space after a full stop ("ready.It") is not a host.
- file paths: absolute (`/etc/x`, `C:\\x`, `~/x`), relative with a slash and an
  extension (`docs/setup.md`), or a file name with a common extension (`setup.exe`).
- code spans: text between backticks (Markdown code is already left out by the parser;
  this covers plain text and catalog cells).
- part numbers, SKUs and model codes: the candidate tokens in which the identifier helpers
  (values/identifiers.py, the same ones extraction mines names with) find a code:
  "VT-CP200", "AX5400", "010-00715-20"; measurements ("128GB") and standards ("USB2")
  are prose.
- version strings: "v2.3", "3.7.1", "2.0.1-beta" (a 'v' prefix, or three or more numeric
  parts that are neither a date "12.03.2024" nor a grouped number "1.299.000").
- hashtags and handles: "#QuillStack", "@quillstack".

Time is linear in the text: each pattern is one left-to-right scan without nested
repetition, and a segment is cut at MAX_TEXT characters for the host-name check.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from msglint.values.identifiers import _CANDIDATE, _code_of, _split_hyphens

#: Kinds of non-prose span; where two start at once, the longer, then the earlier here, wins.
KINDS = ("email", "url", "host", "path", "code", "version", "identifier", "tag")
_RANK = {kind: n for n, kind in enumerate(KINDS)}

_TRAIL = ".,;:!?)]}'\"»”’"
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_URL = re.compile(r"(?i)(?<![\w@])(?:(?:https?|ftp)://|www\.)[^\s<>\"'`]{1,2000}")
_HOST = re.compile(
    r"(?<![\w@./\\-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}"
    r"[A-Za-z][A-Za-z0-9-]{0,62}(?::\d{1,5})?(?:/[^\s<>\"'`]{0,500})?"
)
_PATH = re.compile(
    r"(?<![\w@])(?:"
    r"[A-Za-z]:\\[^\s<>\"'`|]{1,500}"  # C:\Program Files\x (up to a space)
    r"|/(?:[\w.-]{1,255}/)+[\w.-]{1,255}"  # /etc/hosts (two parts: "/bold" is markup)
    r"|~/(?:[\w.-]{1,255}/)*[\w.-]{1,255}"  # ~/notes.txt
    r"|\.{1,2}/[\w./-]{1,500}"  # ./setup.sh
    r"|[\w.-]{1,255}(?:/[\w.-]{1,255})+\.[A-Za-z0-9]{1,8}"  # docs/setup.md
    r")"
)
_FILE = re.compile(
    r"(?<![\w.@/-])[\w-][\w.-]{0,200}\.(?:pdf|zip|exe|msi|dmg|pkg|deb|rpm|apk|ipa|iso|img"
    r"|tar|gz|tgz|bz2|xz|7z|rar|csv|tsv|json|jsonl|ya?ml|toml|ini|cfg|conf|xml|html?|md|rst"
    r"|txt|log|py|js|ts|jsx|tsx|css|sh|bat|ps1|jar|so|dll|bin|hex|fw|docx?|xlsx?|pptx?"
    r"|png|jpe?g|gif|svg|webp|mp[34]|wav)(?![\w-])",
    re.IGNORECASE,
)
_CODE_SPAN = re.compile(r"`[^`\n]{1,500}`")
_VERSION = re.compile(
    r"(?<![\w.])(?:[vV]\d{1,4}(?:\.\d{1,6})+|\d{1,4}(?:\.\d{1,6}){2,4})"
    r"(?:[-+][0-9A-Za-z.]{1,40})?(?![\w.]\w)"
)
_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}$")
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_TAG = re.compile(r"(?<![\w&#@/])[#@][A-Za-z_][\w]{0,99}")
_HAS_DIGIT = re.compile(r"\d")
#: A number with grouping, a decimal mark or slashes ("1.299.000", "6/12/2017"), or with a short
#: suffix ("10PM", "48h", "30d": times and amounts the unit list lacks), is prose.
_NUMBER = re.compile(r"^[\d.,/]+[A-Za-z]{0,3}$")

#: Longest text scanned; a prose segment longer than this is scanned in its first part
#: only (catalog cells and paragraphs are far shorter).
MAX_TEXT = 200_000


@dataclass(frozen=True, slots=True)
class Spans:
    """Sorted, disjoint non-prose spans of one text: `starts`, `ends`, `kinds`."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    kinds: tuple[str, ...]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a non-prose span."""
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def cuts(self, start: int, end: int) -> bool:
        """Whether [start, end) is inside a non-prose span or straddles one's edge (shares
        a character with a span it does not wholly contain)."""
        i = bisect_left(self.starts, end) - 1
        if i < 0 or self.ends[i] <= start:
            return False
        if self.ends[i] > end:
            return True
        return self.starts[bisect_right(self.ends, start)] < start

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(zip(self.starts, self.ends, self.kinds, strict=True))

    def __len__(self) -> int:
        return len(self.starts)


EMPTY = Spans((), (), ())


@lru_cache(maxsize=1)
def _extractor():  # type: ignore[no-untyped-def]
    import tldextract

    # The bundled snapshot only: no fetch at run time, and nothing written to a cache.
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


@lru_cache(maxsize=4096)
def is_host(name: str) -> bool:
    """Whether `name` ("app.quillstack.com", "example.co.uk") is a host name: a registrable
    domain under a public suffix (tldextract's bundled list), the suffix in lower case."""
    bare = name.split("/", 1)[0].split(":", 1)[0].rstrip(".")
    last = bare.rsplit(".", 1)[-1]
    if not last.islower() or bare.count(".") < 1:
        return False
    parts = _extractor()(bare)
    return bool(parts.suffix) and bool(parts.domain)


def _trim(text: str, start: int, end: int) -> int:
    """`end` moved back over trailing sentence punctuation (and an unmatched ')')."""
    while end > start and text[end - 1] in _TRAIL:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def _identifiers(text: str, found: list[tuple[int, int, str]]) -> None:
    """Candidate tokens with a digit in which the identifier helpers find a model code."""
    for m in _CANDIDATE.finditer(text):
        token = m.group()
        if not _HAS_DIGIT.search(token) or _NUMBER.match(token):
            continue
        after = text[m.end() : m.end() + 12].split(None, 1)
        next_word = after[0] if after and text[m.end() : m.end() + 1].isspace() else ""
        for piece in _split_hyphens(token):
            if _HAS_DIGIT.search(piece) and _code_of(piece, next_word) is not None:
                found.append((m.start(), m.end(), "identifier"))
                break


def nonprose(text: str) -> Spans:
    """The non-prose spans of `text`, merged where they touch or overlap."""
    if not text or len(text) < 3:
        return EMPTY
    text = text[:MAX_TEXT]
    found: list[tuple[int, int, str]] = []
    if "@" in text:
        found.extend((m.start(), _trim(text, *m.span()), "email") for m in _EMAIL.finditer(text))
    if "://" in text or "www." in text or "WWW." in text:
        found.extend((m.start(), _trim(text, *m.span()), "url") for m in _URL.finditer(text))
    if "." in text:
        for m in _HOST.finditer(text):
            end = _trim(text, *m.span())
            if is_host(text[m.start() : end]):
                found.append((m.start(), end, "host"))
        found.extend((m.start(), m.end(), "path") for m in _FILE.finditer(text))
        for m in _VERSION.finditer(text):
            core = m.group().split("-", 1)[0].split("+", 1)[0]
            if core[:1] in "vV" or not (_DATE.match(core) or _GROUPED.match(core)):
                found.append((m.start(), m.end(), "version"))
    if "/" in text or "\\" in text:
        for m in _PATH.finditer(text):
            end = _trim(text, *m.span())
            if end - m.start() > 2:
                found.append((m.start(), end, "path"))
    if "`" in text:
        found.extend((m.start(), m.end(), "code") for m in _CODE_SPAN.finditer(text))
    if "#" in text or "@" in text:
        found.extend((m.start(), m.end(), "tag") for m in _TAG.finditer(text))
    if _HAS_DIGIT.search(text):
        _identifiers(text, found)
    if not found:
        return EMPTY
    found.sort(key=lambda f: (f[0], -f[1], _RANK[f[2]]))
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []
    for start, end, kind in found:
        if end <= start:
            continue
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
            continue
        starts.append(start)
        ends.append(end)
        kinds.append(kind)
    return Spans(tuple(starts), tuple(ends), tuple(kinds))
