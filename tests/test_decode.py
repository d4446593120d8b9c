"""The one bytes -> text decoder (msglint.text.decode): signals in order of trust, each used
only when the bytes decode with it, and what each caller's `errors` mode does when none fits."""

from __future__ import annotations

import codecs

import pytest

from msglint.text.decode import UndecodableError, decode, markup_charset, sniff_text


def test_a_byte_order_mark_wins_and_is_removed() -> None:
    got = decode(codecs.BOM_UTF8 + "Café".encode(), declared="latin-1")
    assert (got.text, got.via, got.bom) == ("Café", "bom", codecs.BOM_UTF8)
    got = decode(codecs.BOM_UTF16_LE + "Café".encode("utf-16-le"))
    assert (got.text, got.encoding) == ("Café", "utf-16-le")
    got = decode(codecs.BOM_UTF32_LE + "Café".encode("utf-32-le"))
    assert got.text == "Café"  # not read as UTF-16 (its BOM starts the same)


def test_the_declared_encoding_comes_before_what_the_content_says() -> None:
    data = '<meta charset="utf-8">Caf\xe9'.encode("latin-1")
    got = decode(data, declared="latin-1", markup=True)
    assert (got.text[-4:], got.via) == ("Café", "declared")


def test_an_unknown_declared_encoding_is_the_users_mistake() -> None:
    for errors in ("strict", "replace", "escape"):
        with pytest.raises(UndecodableError, match="unknown encoding 'nope'"):
            decode(b"x", declared="nope", errors=errors)  # type: ignore[arg-type]


def test_a_wrong_header_falls_through_to_the_meta_declaration() -> None:
    body = '<html><head><meta charset="windows-1252"></head><p>Café crème'.encode("cp1252")
    got = decode(body, content_type="text/html; charset=utf-8", markup=True, errors="replace")
    assert got.text.endswith("Café crème") and got.via == "markup"


def test_labels_map_as_browsers_map_them() -> None:
    # WHATWG: iso-8859-1 is windows-1252, so 0x93/0x94 are curly quotes, not controls
    got = decode(b"\x93quoted\x94", content_type="text/html; charset=ISO-8859-1")
    assert (got.text, got.via) == ("“quoted”", "header")
    assert markup_charset(b'<?xml version="1.0" encoding="ISO-8859-15"?><rss/>') == "iso8859-15"
    assert markup_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')
    assert markup_charset(b'<meta charset="no-such-charset">') is None


def test_strict_says_which_byte_on_which_line() -> None:
    with pytest.raises(UndecodableError) as caught:
        decode(b"fine\nCaf\xe9 TBD")
    assert "not valid utf-8 (byte 0xe9 on line 2)" in str(caught.value)
    assert "set 'encoding'" in str(caught.value)


def test_undeclared_markup_that_is_not_utf8_reads_as_a_browser_reads_it() -> None:
    """An old page saved as Latin-1 with no charset (libxslt's xslt.html: "byte 0xfd on line
    393") is windows-1252 to a browser, not an unreadable file; Markdown still says which
    byte broke, and a page that declares UTF-8 and breaks it is not second-guessed."""
    page = b"<html><head><title>Caf\xe9</title></head><body><p>\x93Gr\xfc\xdfe\x94</p>"
    got = decode(page, markup=True)
    assert ("Café" in got.text, "“Grüße”" in got.text, got.via) == (True, True, "fallback")
    assert decode(b"<p>\x81\x8d</p>", markup=True).text == "<p>\x81\x8d</p>"  # C1 bytes
    with pytest.raises(UndecodableError, match="byte 0xe9 on line 1"):
        decode(b"Caf\xe9", markup=False)
    with pytest.raises(UndecodableError):
        decode(b'<meta charset="utf-8"><p>Caf\xe9</p>', markup=True)


def test_replace_guesses_then_never_fails() -> None:
    text = "Garantie: zwei Jahre, Rückgabe innerhalb von dreißig Tagen. " * 20
    got = decode(text.encode("cp1252"), errors="replace")
    assert "Rückgabe" in got.text and "dreißig" in got.text and got.via == "detected"
    got = decode(
        b"\xfa\xfb" * 3 + b"ok", content_type="text/plain; charset=x-nope", errors="replace"
    )
    assert got.text.endswith("ok")


def test_escape_keeps_bad_bytes_findable_and_reads_windows_exports() -> None:
    broken = decode("Preis 5 € \xff".encode() + b"\xff", errors="escape")
    assert broken.lossy and "\udcff" in broken.text and "€" in broken.text
    windows = decode("360º Snooze – grey".encode("cp1252"), errors="escape")
    assert (windows.text, windows.encoding) == ("360º Snooze – grey", "cp1252")
    latin = decode(b"undefined in cp1252: \x81", errors="escape")
    assert latin.encoding == "iso8859-1"


def test_sniff_text_never_fails() -> None:
    assert sniff_text(codecs.BOM_UTF16_LE + "id\tname".encode("utf-16-le")) == "id\tname"
    assert sniff_text(b"\xfa\xfb\xfc") == "úûü"
