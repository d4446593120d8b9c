"""spaCy's tokenizer run in Python from its own rules (msglint/text/tokenizer.py) cuts text
exactly as spaCy does: the same tokens at the same offsets, white-space tokens included,
on real prose, on the fixtures and on random runs of the characters its rules are about."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from msglint.text.tokenizer import Tokenizer, rules_of

FIXTURES = Path(__file__).parent / "fixtures"

#: Pieces the random texts are made of: the punctuation the prefix, suffix and infix rules
#: name, special cases (contractions, abbreviations, emoticons, "10am"), URLs, e-mail
#: addresses, numbers with units and currencies, and white space of several kinds.
PIECES = [
    *"aAbZz09 .,;:!?'\"’‘“”()[]{}<>-–—/\\@#$%^&*_+=~`|\n",
    *["n't", "'s", "'ll", ":)", ":-)", "<3", "e.g.", "U.S.", "i.e.", "a.m.", "p.m.", "10am"],
    *["5pm", "'cause", "...", "é", "ß", "\u00a0", "\t", "  ", " \n ", "log", "in", "sign-in"],
    *["e-mail", "don't", "can't", "cannot", "gonna", "o'clock", "Mr.", "St.", "1.5", "$5"],
    *["€10", "5%", "support@x.org", "https://x.com/a?b=c", "www.", ".com", "3-D", "COVID-19"],
    *["°C", "km/h", "etc.", "No.", "vs.", "#tag", "@user", "😀", "\u200b", "\ufeff", "İ"],
]


@pytest.fixture(scope="module")
def spacy_and_ours() -> tuple[object, Tokenizer]:
    blank = spacy.blank("en")
    rules = rules_of(blank.tokenizer)
    assert rules is not None
    return blank, Tokenizer(json.loads(json.dumps(rules)))  # as kept on disk


def _same(blank, ours: Tokenizer, text: str) -> None:
    theirs = [(t.idx, t.idx + len(t.text)) for t in blank.make_doc(text)]
    assert ours.spans(text) == theirs, text


def test_random_texts_are_cut_as_spacy_cuts_them(spacy_and_ours) -> None:
    blank, ours = spacy_and_ours
    rng = random.Random(20)
    for _ in range(6000):
        _same(blank, ours, "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30))))


def test_fixture_prose_is_cut_as_spacy_cuts_it(spacy_and_ours) -> None:
    blank, ours = spacy_and_ours
    files = sorted(FIXTURES.rglob("*.md"))[:300] + sorted(FIXTURES.rglob("*.txt"))[:100]
    assert len(files) > 50
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            _same(blank, ours, line)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Please log in.", ["Please", "log", "in", "."]),
        ("(e-mail)", ["(", "e", "-", "mail", ")"]),
        ("Don't log-in at 10am!", ["Do", "n't", "log", "-", "in", "at", "10", "am", "!"]),
        ("See https://x.com/log-in.", ["See", "https://x.com/log-in", "."]),
        ("a  b\nc", ["a", " ", "b", "\n", "c"]),
        (":):)10am", [":)", ":", ")", "10", "am"]),  # affixes, then special cases
    ],
)
def test_known_cuts(spacy_and_ours, text: str, tokens: list[str]) -> None:
    blank, ours = spacy_and_ours
    assert [text[a:b] for a, b in ours.spans(text)] == tokens
    _same(blank, ours, text)


def test_a_tokenizer_with_a_function_rule_is_not_taken() -> None:
    other = spacy.blank("en").tokenizer
    other.token_match = lambda text: None  # a function, not an expression: spaCy must run
    assert rules_of(other) is None


def test_rules_are_kept_and_read_back_without_spacy(tmp_path: Path) -> None:
    """The first run reads the rules from spaCy and keeps them in the user's cache folder;
    the next one cuts the same tokens without importing spaCy. A damaged file is read
    from spaCy again."""
    code = (
        "import sys\nfrom msglint import nlp\n"
        "print(nlp.tokenizer().spans('Log in, please.'), 'spacy' in sys.modules)\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def run() -> str:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    spans = "[(0, 3), (4, 6), (6, 7), (8, 14), (14, 15)]"
    assert run() == f"{spans} True"
    kept = list((tmp_path / "msglint" / "prepared").glob("*.json"))
    assert len(kept) == 1
    assert run() == f"{spans} False"
    kept[0].write_text('{"key": "x"', encoding="utf-8")
    assert run() == f"{spans} True"
    kept[0].write_text(
        json.dumps({"key": kept[0].stem, "rules": {"en": {"prefix_search": 3}}}),
        encoding="utf-8",
    )
    assert run() == f"{spans} True"
    assert run() == f"{spans} False"
