"""The RE2 pre-test (msglint/vale/prefilter.py) may skip blocks, never change a finding."""

from __future__ import annotations

import re

import pytest

from conftest import make_doc
from msglint.vale import prefilter
from msglint.vale.regex import compile_vale
from msglint.vale.text import parse_scope, scan, units

pytest.importorskip("re2")


def _spans(text: str, pattern: str, scope: str = "text", flags: int = 0) -> list[tuple]:
    doc = make_doc(text)
    compiled = compile_vale(pattern, flags | re.MULTILINE)
    return [(seg.text, off, m.span()) for seg, off, m in scan(doc, compiled, parse_scope(scope))]


def _plain(text: str, pattern: str, scope: str = "text", flags: int = 0) -> list[tuple]:
    doc = make_doc(text)
    compiled = compile_vale(pattern, flags | re.MULTILINE)
    return [
        (seg.text, off, m.span())
        for seg, off, t in units(doc, parse_scope(scope))
        for m in compiled.finditer(t)
    ]


CASES = [
    # lookarounds at the edges of blocks: dropped for RE2, still decided by re
    ("First block\n\nsecond block", r"(?<=\s)second|block(?=\s)"),
    ("I think\n\nI do", r"(?:^|\s)I(?=\s)"),
    ("Ends with me", r"\bme\b(?!\.)"),
    # \b, ^ and $ at block edges, and a sentence scope
    ("alpha\n\nbeta gamma. Delta epsilon.", r"^\w+$|^beta|epsilon\.$"),
    ("Run it. Then stop it.", r"^Then", "sentence"),
    # \s: re's includes \v and \x1c-\x1f, RE2's does not; such blocks are always scanned
    ("a\x0bb and c\x1cd", r"a\sb|c\sd"),
    # non-ASCII words: re's \w and \b are Unicode, RE2's are not
    ("Un café noir\n\nplain text", r"\bcaf\w\b|\w+é"),
    ("Straße und Kelvin \u212a", r"(?i)strasse|\bk\b"),
    # syntax read differently by the two engines is not filtered at all
    ("a{,3} aaa", r"a{,3}"),
    ("x [:alpha:] y", r"[[:alpha:]]+"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1] for c in CASES])
def test_scan_with_the_pretest_finds_what_re_finds(case: tuple) -> None:
    assert _spans(*case) == _plain(*case)


def test_a_block_without_matches_is_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = make_doc("Nothing to see here.\n\nNor here.")
    compiled = compile_vale(r"\bzebra\b", re.MULTILINE)
    assert prefilter.quick_test(compiled) is not None
    scanned: list[str] = []
    real = type(compiled).finditer

    class Spy:
        pattern = compiled.pattern
        flags = compiled.flags

        def finditer(self, text: str):
            scanned.append(text)
            return real(compiled, text)

    spy = Spy()
    monkeypatch.setitem(prefilter._filters, spy, prefilter.quick_test(compiled))
    assert scan(doc, spy, parse_scope("text")) == []
    assert scanned == []


@pytest.mark.parametrize(
    ("source", "relaxed"),
    [
        (r"(?<=\s)a(?!b)", "a"),
        (r"x(?=(?:a|[)(]))y", "xy"),
        (r"[(?=]a\(?=b", r"[(?=]a\(?=b"),
        (r"a(?=b)*", None),
    ],
)
def test_lookarounds_are_dropped(source: str, relaxed: str | None) -> None:
    assert prefilter.drop_lookarounds(source) == relaxed


@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.parametrize(
    "pattern",
    [r"a{,3}", r"[[:alpha:]]", r"\Aa", r"a\Z", r"(a)\1", r"(?-m:^a)", "é", r"\bx\b"],
)
def test_patterns_read_differently_get_no_filter(pattern: str) -> None:
    flags = re.MULTILINE | (re.ASCII if pattern == r"\bx\b" else 0)
    assert prefilter.quick_test(re.compile(pattern, flags)) is None
