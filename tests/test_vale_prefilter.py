"""The RE2 pre-test (msglint/vale/prefilter.py) may skip blocks, never change a finding."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest

from msglint.vale import prefilter
from msglint.vale.lint import FileRun
from msglint.vale.regex import compile_vale
from msglint.vale.scope import Scope
from msglint.vale.view import build

pytest.importorskip("re2")


def _blocks(text: str, scope: str) -> tuple[FileRun, Any, list[Any]]:
    run = FileRun(build(text, "doc.md"))
    check = SimpleNamespace(scope=Scope([scope]))
    return run, check, run.blocks_in(check)


def _spans(text: str, pattern: str, scope: str = "text", flags: int = 0) -> list[tuple]:
    compiled = compile_vale(pattern, flags | re.MULTILINE)
    run, check, _blocks_in_scope = _blocks(text, scope)
    check.pattern = compiled
    return [(b.text, m.span()) for b in run.candidates(check) for m in compiled.finditer(b.text)]


def _plain(text: str, pattern: str, scope: str = "text", flags: int = 0) -> list[tuple]:
    compiled = compile_vale(pattern, flags | re.MULTILINE)
    _run, _check, blocks = _blocks(text, scope)
    return [(b.text, m.span()) for b in blocks for m in compiled.finditer(b.text)]


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
    # non-ASCII patterns: such characters never match the ASCII blocks RE2 reads
    ("Un café noir\n\nAn em dash — here\n\nplain text", r"\s[—–]\s|é"),
    # lookaheads that end a match are kept for RE2 (the filter stays sharp) ...
    ("I think\n\nIn it\n\nI, too", r"(?:(?:^|\s)I(?=\s)|(?:^|\s)I(?=,\s)|\bme\b)"),
    # ... but not where something follows the group they end a branch of
    ("Say it's. It is fine, it's true.", r"\b(?:(it is(?!\.))|(it's(?=\.)))\b", "text", re.I),
    # syntax read differently by the two engines is not filtered at all
    ("a{,3} aaa", r"a{,3}"),
    ("x [:alpha:] y", r"[[:alpha:]]+"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1] for c in CASES])
def test_scan_with_the_pretest_finds_what_re_finds(case: tuple) -> None:
    assert _spans(*case) == _plain(*case)


@pytest.mark.parametrize(
    ("text", "scanned"),
    [
        ("Nothing to see here.\n\nNor here.", []),
        (
            "No animals.\n\nA zebra here.\n\nNone.\n\nZebra again.",
            ["A zebra here.", "Zebra again."],
        ),
        ("Un café.\n\nA zebra.\n\nNone.", ["Un café.", "A zebra."]),
    ],
)
def test_only_blocks_the_pretest_cannot_rule_out_are_scanned(
    text: str, scanned: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = compile_vale(r"(?i)\bzebra\b", re.MULTILINE)
    seen: list[str] = []

    class Spy:
        def finditer(self, block: str):
            seen.append(block)
            return compiled.finditer(block)

    spy = Spy()
    monkeypatch.setitem(prefilter._filters, spy, prefilter.quick_test(compiled))
    run, check, _all = _blocks(text, "text")
    check.pattern = spy
    found = [m for b in run.candidates(check) for m in run.matches(spy, check, b)]
    assert seen == scanned
    assert [m.group() for m in found] == re.findall("(?i)zebra", text)


def test_the_public_search_gives_the_same_answers() -> None:
    import re2

    compiled = re2.compile(rb"(?i)\bzeb", re2.Options())

    class PublicOnly:
        search = compiled.search

    raw, public = prefilter._finder(compiled), prefilter._finder(PublicOnly())
    text = b"zebra azebra\nZEBRA"
    for pos in range(len(text) + 1):
        assert raw(text, pos) == public(text, pos)
    assert [raw(text, p) for p in (0, 1, 13)] == [0, 13, 13]


@pytest.mark.parametrize(
    ("source", "relaxed"),
    [
        (r"(?<=\s)a(?!b)", "a"),
        (r"x(?=(?:a|[)(]))y", "xy"),
        (r"[(?=]a\(?=b", r"[(?=]a\(?=b"),
        (r"a(?=b)*", None),
        # a lookahead nothing can follow is kept as a plain group
        (r"(?:\sI(?=\s)|\bme\b)", r"(?:\sI(?:\s)|\bme\b)"),
        (r"a(?=b)|c", "a(?:b)|c"),
        (r"\b(?:(it's(?=\.))|(x))\b", r"\b(?:(it's)|(x))\b"),
        (r"(a(?=b))*c", "(a)*c"),
    ],
)
def test_lookarounds_are_dropped(source: str, relaxed: str | None) -> None:
    assert prefilter.drop_lookarounds(source) == relaxed


@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.parametrize(
    "pattern",
    [r"a{,3}", r"[[:alpha:]]", r"\Aa", r"a\Z", r"(a)\1", r"(?-m:^a)", "\u212a", r"\bx\b"],
)
def test_patterns_read_differently_get_no_filter(pattern: str) -> None:
    flags = re.MULTILINE | (re.ASCII if pattern == r"\bx\b" else 0)
    assert prefilter.quick_test(re.compile(pattern, flags)) is None
