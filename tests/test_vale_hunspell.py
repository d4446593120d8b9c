"""Hunspell dictionaries expanded and looked up as Vale does (msglint.vale.hunspell)."""

from __future__ import annotations

from pathlib import Path

import pytest

from msglint.vale import hunspell

AFF = """SET UTF-8
ICONV 1
ICONV ’ '
ONLYINCOMPOUND c
COMPOUNDRULE 1
COMPOUNDRULE n*t
PFX A Y 1
PFX A   0     re         .
PFX U Y 1
PFX U   0     un         [^x]
SFX S Y 2
SFX S   y     ies        [^aeiou]y
SFX S   0     s          [^y]
SFX N N 1
SFX N   0     ness       .
"""
DIC = """9
router/SA
try/S
happy/UN
Paris
GB
0/n
1/n
1th/tc
5th/t
"""


def test_expansion_and_lookup_follow_vale() -> None:
    d = hunspell.expand(DIC, AFF)
    assert {"router", "routers", "rerouter", "rerouters", "tries", "happyness"} <= d.words
    # A prefix condition gets "^" appended, so it never holds: no "unhappy".
    assert "unhappy" not in d.words
    # Compound-only entries are left out; COMPOUNDRULE's "*" is literal.
    assert "1th" not in d.words and d.spell("0*5th") and not d.spell("05th")
    assert d.iconv == [("’", "'")]
    # The word or its lower case: "ROUTER" and "Router" pass, "paris" and "PARIS" do not.
    assert d.spell("ROUTER") and d.spell("Router") and d.spell("Paris")
    assert not d.spell("paris") and not d.spell("PARIS") and not d.spell("routr")
    # Numbers, hex, binary, hashes and a number with a known unit.
    for word in ("1,000.5", "0x1F", "0b101", "a" * 40, "100GB"):
        assert d.spell(word), word
    assert not d.spell("100MB")


@pytest.mark.parametrize(
    ("aff", "message"),
    [
        ("SFX S 0 s .\n", "no definition"),
        ("SFX S X 1\n", "CrossProduct"),
    ],
)
def test_files_vale_refuses_are_errors(aff: str, message: str) -> None:
    with pytest.raises(hunspell.DictionaryError, match=message):
        hunspell.expand("1\nword/S\n", aff)


def test_expansion_is_cached_by_content(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MSGLINT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(hunspell, "_LOADED", {})
    (tmp_path / "x.dic").write_text(DIC, encoding="utf-8")
    (tmp_path / "x.aff").write_text(AFF, encoding="utf-8")
    first = hunspell.load(tmp_path / "x.dic", tmp_path / "x.aff")
    cached = list((tmp_path / "cache" / "hunspell").glob("*.json"))
    assert len(cached) == 1
    monkeypatch.setattr(hunspell, "_LOADED", {})
    monkeypatch.setattr(hunspell, "expand", lambda *a: pytest.fail("expanded again"))
    again = hunspell.load(tmp_path / "x.dic", tmp_path / "x.aff")
    assert again.words == first.words and again.iconv == first.iconv
    assert [p.pattern for p in again.compounds] == [p.pattern for p in first.compounds]


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MSGLINT_CACHE", "")
    assert hunspell.cache_dir() is None
    monkeypatch.delenv("MSGLINT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert hunspell.cache_dir() == tmp_path / "msglint"
