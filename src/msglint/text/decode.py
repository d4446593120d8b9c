"""One decoder, bytes -> text, for local files, fetched pages, catalog files and `--fix`.

The signals are tried in this order of trust, each used only if the bytes decode with it
(a server or an exporter that declares the wrong charset is common on partner portals; the
next signal is tried rather than producing mojibake):

1. a byte-order mark (UTF-8, UTF-16, UTF-32), which no editor writes by accident;
2. the encoding the user declared for the source (`encoding:` in the config), as a Python
   codec name: a name Python does not know is the user's mistake and is reported;
3. the HTTP `Content-Type` charset, then a `<meta charset>`, `<meta http-equiv>` or XML
   declaration in the first 4 KB (for markup), mapped as browsers map labels (WHATWG:
   "iso-8859-1" and "ascii" are windows-1252); labels nobody knows are skipped;
4. UTF-8;
5. what to do when nothing fits, chosen by the caller (`errors`):
   - "strict": `UndecodableError` saying which byte on which line broke, so the user can set
     `encoding` (local Markdown and text; `--fix` must write back what it read); markup
     that declares no charset is read as windows-1252 first, the HTML standard's default;
   - "replace": charset-normalizer's best guess, else UTF-8 with U+FFFD for the broken bytes
     (fetched pages: a page is read, never lost to one bad byte);
   - "escape": bad bytes kept as lone surrogates ("surrogateescape") so a catalog reader can
     report the rows holding them while the rest loads; bytes with no valid UTF-8 multi-byte
     sequence at all are a Windows export (cp1252, Latin-1 where cp1252 has a hole).

Libraries do the parts they do well: w3lib reads the BOM, the Content-Type charset and the
markup declaration and maps labels as browsers do; charset-normalizer guesses for pages.
Kept here, and why: the fall-through loop (w3lib's `html_to_unicode` decodes with the first
declaration it finds, with replacement, and never tries the next one), and the catalog rule
in "escape" mode: charset-normalizer 3.5 reads the Abt-Buy benchmark's Abt.csv as cp1250
("360º" becomes "360ş") and spends 213 ms on its 340 KB, where the rule reads it right in
well under a millisecond.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Decoded",
    "UndecodableError",
    "decode",
    "header_charset",
    "markup_charset",
    "sniff_text",
]

Errors = Literal["strict", "replace", "escape"]

#: Bytes of a page given to charset-normalizer at most: enough for a sure guess, bounded time.
MAX_DETECT = 256 * 1024
#: A character that valid UTF-8 multi-byte sequences produced (not an escaped bad byte).
_DECODED_NON_ASCII = re.compile(r"[^\x00-\x7f\udc80-\udcff]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding msglint was told or could detect; `line` is
    where the first undecodable byte is (None for an unknown encoding name)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, and how: the codec, the BOM removed, what chose the codec.

    `via` is "bom", "declared", "header", "markup", "utf-8", "detected" or "fallback";
    `lossy` is True when some bytes were replaced or escaped instead of decoded.
    """

    text: str
    encoding: str
    via: str
    bom: bytes = b""
    lossy: bool = False


def header_charset(content_type: str | None) -> str | None:
    """The charset of a Content-Type header as a Python codec name (WHATWG labels), or None."""
    if not content_type:
        return None
    from w3lib.encoding import http_content_type_encoding

    return http_content_type_encoding(content_type)


def markup_charset(head: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (`<meta charset>`, `<meta http-equiv>`,
    an XML declaration), as a Python codec name, or None."""
    from w3lib.encoding import html_body_declared_encoding

    try:
        return html_body_declared_encoding(head[:4096])
    except (LookupError, ValueError):
        return None


def sniff_text(head: bytes) -> str:
    """The first bytes of a file as text for sniffing its format: the BOM's codec, else
    Latin-1 (which never fails); only for looking, never for reading."""
    found = _bom(head)
    if found is not None:
        return head[len(found[1]) :].decode(found[0], "ignore")
    return head.decode("latin-1")


def decode(
    data: bytes,
    *,
    declared: str | None = None,
    content_type: str | None = None,
    markup: bool = False,
    errors: Errors = "strict",
) -> Decoded:
    """`data` as text, by the first signal it decodes with (see the module docstring).

    `declared` is the user's encoding for the source (an unknown name raises
    UndecodableError in every mode: it is a config mistake), `content_type` an HTTP header,
    `markup` whether a `<meta>`/XML declaration may name the charset. Newlines are left as
    they are. In "escape" mode the declared and BOM encodings decode leniently too (bad
    bytes escaped), as a catalog needs.
    """
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise UndecodableError(f"unknown encoding '{declared}'") from None
    found = _bom(data)
    if found is not None:
        codec, bom = found
        text, lossy = _lenient(data[len(bom) :], codec, "replace" if errors != "escape" else "")
        return Decoded(text, codec, "bom", bom, lossy)
    candidates: list[tuple[str, str]] = []
    if declared:
        if errors == "escape":
            text, lossy = _lenient(data, declared, "")
            return Decoded(text, codecs.lookup(declared).name, "declared", lossy=lossy)
        candidates.append((declared, "declared"))
    charset = header_charset(content_type)
    if charset:
        candidates.append((charset, "header"))
    if markup:
        charset = markup_charset(data)
        if charset:
            candidates.append((charset, "markup"))
    candidates.append(("utf-8", "utf-8"))
    first_error: UnicodeDecodeError | None = None
    for codec, via in candidates:
        try:
            return Decoded(data.decode(codec), codecs.lookup(codec).name, via)
        except LookupError:
            continue
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    assert first_error is not None  # UTF-8 was the last candidate and it failed
    if markup and errors == "strict" and len(candidates) == 1:  # only UTF-8 was tried
        # A page that names no charset and is not UTF-8 is read as a browser reads it: the
        # HTML standard's default for such a page is windows-1252 (an old site saved as
        # Latin-1: libxslt's own xslt.html). The bytes cp1252 leaves undefined are Latin-1's
        # C1 controls, as WHATWG's windows-1252 maps them; `--fix` writes back the same bytes.
        for codec in ("cp1252", "latin-1"):
            try:
                return Decoded(data.decode(codec), codecs.lookup(codec).name, "fallback")
            except UnicodeDecodeError:
                continue
    if errors == "escape":
        return _windows_export(data)
    if errors == "replace":
        return _detected(data)
    line = data[: first_error.start].count(b"\n") + 1
    raise UndecodableError(
        f"not valid {first_error.encoding} (byte 0x{data[first_error.start]:02x} on line "
        f"{line}); set 'encoding' on the source if the file uses another one",
        line,
    )


def _bom(data: bytes) -> tuple[str, bytes] | None:
    from w3lib.encoding import read_bom

    codec, bom = read_bom(data)
    return (codec, bom) if codec is not None and bom is not None else None


def _lenient(data: bytes, codec: str, errors: str) -> tuple[str, bool]:
    """Decode without failing: `errors` ("replace"), or escaped bad bytes ("")."""
    try:
        return data.decode(codec), False
    except UnicodeDecodeError:
        pass
    if errors:
        return data.decode(codec, errors), True
    try:
        return data.decode(codec, "surrogateescape"), True
    except UnicodeDecodeError:  # codecs whose broken units are not single high bytes
        return data.decode(codec, "replace"), True


def _windows_export(data: bytes) -> Decoded:
    """Not UTF-8: UTF-8 with a few broken bytes when it has valid multi-byte sequences (the
    bad bytes escaped, so they can be reported), else a Windows export (cp1252, or Latin-1
    where cp1252 leaves a byte undefined)."""
    escaped = data.decode("utf-8", "surrogateescape")
    if _DECODED_NON_ASCII.search(escaped):
        return Decoded(escaped, "utf-8", "utf-8", lossy=True)
    try:
        return Decoded(data.decode("cp1252"), "cp1252", "fallback")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "iso8859-1", "fallback")


def _detected(data: bytes) -> Decoded:
    """charset-normalizer's guess on the first MAX_DETECT bytes, else UTF-8 with U+FFFD."""
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data[:MAX_DETECT]).best()
    except Exception:  # a guesser must never cost the page
        best = None
    if best is not None and best.encoding:
        try:
            return Decoded(
                data.decode(best.encoding), codecs.lookup(best.encoding).name, "detected"
            )
        except (LookupError, UnicodeDecodeError):
            pass
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "fallback", lossy=True)
