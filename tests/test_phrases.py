"""The phrase pre-test (msglint.text.phrases) answers exactly as one alternation would."""

from __future__ import annotations

import re
from random import Random

import pytest

from msglint.text.phrases import PhraseSet, trie_pattern


def _flat(phrases: list[str]) -> re.Pattern[str]:
    """The pre-test as it was: one alternation, words joined by any white space."""
    alternatives = {r"\s*".join(re.escape(w) for w in p.split(" ")) for p in phrases}
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)) or "(?!)")


def test_same_answer_as_one_alternation_on_random_phrases_and_texts() -> None:
    rng = Random(20)
    letters = "abcelgno-+. "  # few letters: keys that prefix and overlap one another
    for _ in range(300):
        phrases = [
            " ".join(
                "".join(rng.choice(letters[:-1]) for _ in range(rng.randint(1, 5)))
                for _ in range(rng.randint(1, 3))
            )
            for _ in range(rng.randint(1, 12))
        ]
        flat, ps = _flat(phrases), PhraseSet(phrases)
        for _ in range(20):
            text = "".join(rng.choice(letters + "\n\t") for _ in range(rng.randint(0, 40)))
            assert ps.search(text) == (flat.search(text) is not None), (phrases, text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Please log in first.", True),
        ("Please log\n  in first.", True),  # any white space between words
        ("the catalog lists items", False),  # "log" alone is not the phrase "log in"
        ("Logging in is quick", False),  # case is the caller's business (it folds)
        ("logging in is quick", True),  # filed under the key "log", found through it
        ("send an e-mail", True),
        ("", False),
    ],
)
def test_phrases_filed_under_a_shared_key(text: str, found: bool) -> None:
    ps = PhraseSet(["log in", "logged in", "logging in", "e - mail"])
    assert ps.search(text) is found


def test_trie_pattern_matches_exactly_its_words() -> None:
    words = ["log in", "logged in", "a", "ab", "abc", "x+y", "(c)"]
    rx = re.compile(trie_pattern(words, space=" "))
    for w in words:
        assert rx.fullmatch(w)
    for w in ["", "l", "log", "login", "abcd", "xy", "c"]:
        assert rx.fullmatch(w) is None


def test_hostile_word_lists_stay_within_the_recursion_limit() -> None:
    deep = ["a" * k for k in range(1, 3000)]  # every word a prefix of the next
    rx = re.compile(trie_pattern(deep))
    assert rx.fullmatch("a" * 2999) and rx.fullmatch("a") and not rx.fullmatch("a" * 3000)
    assert PhraseSet(deep).search("xx" + "a" * 10) and not PhraseSet(deep).search("bbb")
    assert not PhraseSet([]).search("anything") and not PhraseSet(["  "]).search("  ")
