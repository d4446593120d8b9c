"""How two model codes relate (match/codes.py) and the code keys blocking finds them by.

The names are Abt-Buy and WDC listings (public data, ../shared/data) or built like them.
"""

from __future__ import annotations

import pytest

from msglint.match.blocking import keys
from msglint.match.codes import built, is_catalog_number, kinds_differ, variants
from msglint.match.prepare import Corpus, prepare_text


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        ("XSIREB1855", "Canon EOS Rebel XSi Digital SLR Camera with EF-S 18-55mm Lens", True),
        ("EOS5DMARKIIBODY", "Canon EOS 5D Mark II Digital SLR Camera Body", True),
        ("REZO15BK", "Lowepro Rezo 15 Camera Case - Black", True),
        ("D90BODY", "Nikon D90 12 Megapixel Digital SLR Camera - Body Only", True),
        ("H1000", "Logitech Harmony 1000 Universal Remote", True),
        ("CLI8G", "Canon CLI-8 Green Ink Tank", True),
        # a number is never cut: 890 is not in "100", nor 1000 in "100"
        ("H890", "Logitech Harmony 100 Remote", False),
        ("H1000", "Logitech Harmony 100 Remote", False),
        # another model of the same line, one word or none
        ("KDL46V4100", "Sony Bravia KDL-40V4100 40 inch LCD TV", False),
        ("RX100", "Sony Cyber-shot camera", False),
        # two single letters are too weak: "T" and "S" start too many words
        ("TS64GSDXC10", "Transcend 64GB SDXC Class 10 card", False),
    ],
)
def test_code_built_from_the_other_names_words(code: str, name: str, expected: bool) -> None:
    assert built(code, prepare_text(name)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"NSAW390WH"}, {"NSAW390BL", "NSAW390"}, True),
        ({"ICFC1IPMK2BLK"}, {"ICFC1IPMK2WHI"}, True),
        # one suffix spelled two ways, or no suffix on one side: not variants
        ({"SRSA212BK"}, {"SRSA212BLK"}, False),
        ({"DVPFX820WH"}, {"DVPFX820WHT"}, False),
        ({"DVPFX820"}, {"DVPFX820L"}, False),
        # different stems are a conflict of codes, not variants
        ({"KDL40V4100"}, {"KDL46V4100"}, False),
    ],
)
def test_variant_codes(a: set[str], b: set[str], expected: bool) -> None:
    assert variants(frozenset(a), frozenset(b)) is expected
    assert variants(frozenset(b), frozenset(a)) is expected


def test_catalog_numbers_and_model_codes_are_two_kinds() -> None:
    assert is_catalog_number("2757B003") and is_catalog_number("9661930403")
    assert not is_catalog_number("XSIREB1855") and not is_catalog_number("3DMR30R1H")
    assert kinds_differ(frozenset({"XSIREB1855"}), frozenset({"2757B003"}))
    assert not kinds_differ(frozenset({"KDL40V4100"}), frozenset({"KDL46V4100"}))
    # a record holding both kinds shares a kind with either
    assert not kinds_differ(frozenset({"S710", "26127"}), frozenset({"COOLPIXS710BK"}))


def _keys(name: str) -> set[str]:
    p = prepare_text(name)
    corpus = Corpus([p])
    return set(keys(p, corpus))


def test_blocking_meets_a_code_written_as_words() -> None:
    # "MDR AS50G": two words run together are the reference's code
    assert "#MDRAS50G" in _keys("Sport Neckband Earbuds - MDR AS50G")
    assert "#MDRAS50G" in _keys("Sony Active Style Headphones In Black - MDRAS50G")
    # "CLI-8", too short to be mined as a code, meets the stem of "CLI8G"
    assert "#CLI8" in _keys("Canon CLI-8 Green Ink Tank For PIXMA Pro 9000 Printer")
    assert "#CLI8" in _keys("Canon Green Photo Ink Cartridge - CLI8G")


def test_blocking_meets_the_parts_of_a_compound() -> None:
    found = _keys("Cuisinart Convection-Oven-Toaster-Broiler With Exact Heat Sensor")
    assert {"convection", "toaster", "broiler"} <= found
    assert "the" not in _keys("LG Over-The-Range White Microwave Oven")
