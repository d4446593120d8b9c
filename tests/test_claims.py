"""Support-claim extraction (msglint.values.claims), driven by fixtures/claims/*.yml.

Each claims file maps a case name to `text` and the exact `claims` expected, in reading
order: kind, value (days, percent, amount or canonical string), unit, text and, where
given, sentence. sentences.yml maps a case name to `text` and its `sentences`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from msglint.model import Claim, Price
from msglint.text.sentences import sentences
from msglint.values.claims import (
    KINDS,
    MAX_CLAIMS,
    MAX_SENTENCE,
    MAX_TEXT,
    find_claims,
    has_claim_words,
)

CASES_DIR = Path(__file__).parent / "fixtures" / "claims"


def _load(name_filter: str) -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        if (path.stem == "sentences") != (name_filter == "sentences"):
            continue
        for name, case in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            params.append(pytest.param(case, id=f"{path.stem}::{name}"))
    return params


def _expected_value(value: Any) -> Any:
    if isinstance(value, dict):  # a Price: amount and currency
        return {"amount": Decimal(str(value["amount"])), "currency": value["currency"]}
    return value if isinstance(value, str) else Decimal(str(value))


def _as_dict(claim: Claim, keys: list[str]) -> dict[str, Any]:
    got = {k: getattr(claim, k) for k in keys}
    if isinstance(got.get("value"), Price):
        got["value"] = {"amount": got["value"].amount, "currency": got["value"].currency}
    return got


@pytest.mark.parametrize("case", _load("claims"))
def test_claim_case(case: dict[str, Any]) -> None:
    text = case["text"]
    got = find_claims(text)
    expected = [{**e, "value": _expected_value(e["value"])} for e in case["claims"]]
    assert len(got) == len(expected), f"expected {len(expected)} claims, got {got}"
    assert [_as_dict(c, list(e)) for c, e in zip(got, expected, strict=True)] == expected
    for claim in got:
        assert text[claim.start : claim.end] == claim.text
        assert claim.text in claim.sentence and claim.sentence in text
        assert claim.kind in KINDS


@pytest.mark.parametrize("case", _load("sentences"))
def test_sentence_case(case: dict[str, Any]) -> None:
    text = case["text"]
    assert [text[a:b] for a, b in sentences(text)] == case["sentences"]


def test_every_kind_has_a_fixture() -> None:
    covered = {
        c["kind"]
        for path in CASES_DIR.glob("*.yml")
        if path.stem != "sentences"
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).values()
        for c in case["claims"]
    }
    assert covered == set(KINDS)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2-year warranty", "24-month warranty"),
        ("1 year warranty", "12 months warranty"),
        ("1 year warranty", "365-day warranty"),
        ("two years' warranty", "730-day warranty"),
        ("6-month warranty", "0.5-year warranty"),
        ("1-month returns", "30-day returns"),
    ],
)
def test_equal_durations_compare_equal(a: str, b: str) -> None:
    assert find_claims(a)[0].value == find_claims(b)[0].value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2-year limited warranty", True),
        ("Uptime SLA", True),
        ("24/7", True),
        ("Free delivery", True),
        ("14-day TRIAL", True),
        ("A quiet fan and a 65 W charger in a 380 g case.", False),
        ("", False),
    ],
)
def test_has_claim_words(text: str, expected: bool) -> None:
    assert has_claim_words(text) is expected


def test_claim_free_text_does_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from msglint.values.claims import find_claims\n"
        "assert find_claims('A quiet fan and a 65 W charger in a 380 g case.') == []\n"
        "assert 'spacy' not in sys.modules, 'spaCy imported for claim-free text'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "%" * 50, "warranty " * 200])
def test_degenerate_input_gives_no_claims(text: str) -> None:
    assert find_claims(text) == []


def test_long_text_is_bounded() -> None:
    unit = "Every unit has a 2-year warranty and 24/7 phone support. "
    text = unit * (3 * MAX_TEXT // len(unit))
    claims = find_claims(text)
    assert len(claims) == MAX_CLAIMS
    assert {c.kind for c in claims} == {"warranty", "support-hours", "support-channel"}
    assert all(c.end <= MAX_TEXT and text[c.start : c.end] == c.text for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a" + "." * 100_000 + " b", id="run-of-dots"),
        pytest.param("warranty " + "1 " * 50_000, id="numbers"),
        pytest.param("support " + "9am-5pm " * 12_000, id="clock-times"),
        pytest.param("support " + "Mon-Fri " * 12_000, id="day-ranges"),
        pytest.param("support by " + "phone, " * 14_000, id="channel-list"),
        pytest.param("2-year " + "limited " * 12_000 + "warranty", id="qualifiers"),
        pytest.param("free shipping " + "$5 " * 30_000, id="amounts"),
    ],
)
def test_hostile_text_stays_fast(text: str) -> None:
    find_claims("2-year warranty")  # spaCy import and Matcher build are not the text's cost
    started = time.perf_counter()
    claims = find_claims(text)
    elapsed = time.perf_counter() - started
    assert len(claims) <= MAX_CLAIMS
    assert elapsed < 2, f"{elapsed:.2f} s for {len(text):,} characters"


def test_long_sentence_is_read_in_windows() -> None:
    filler = "Lorem ipsum dolor sit amet " * (2 * MAX_SENTENCE // 27)
    text = filler + "with a 2-year warranty and more " + filler
    (claim,) = find_claims(text)
    assert claim.text == "2-year warranty"
    assert len(claim.sentence) <= MAX_SENTENCE and claim.sentence in text


def test_texts_matched_by_re2_picks_the_texts_re_picks(monkeypatch: pytest.MonkeyPatch) -> None:
    """RE2's matches of each literal word list pick the same texts as `re`'s search loop,
    on texts with characters of two to four UTF-8 bytes before the words (RE2 reads
    bytes; offsets must come back as characters)."""
    from msglint.values.claims import triggers as t
    from msglint.values.claims.factwords import triggers as fact_triggers
    from msglint.values.claims.foreign import foreign_gate

    texts = [case.values[0]["text"].lower() for case in _load("claims")]
    texts = [x for x in texts if "\n" not in x][:300]
    texts = [
        "€" * 40,
        *texts,
        "ü€— 2-year warranty",
        "😀😀 garantie",
        "—",
        "mail: a@b.c",
        "日本 ship",
    ]
    lower = "\n".join(texts)
    starts, offset = [], 0
    for x in texts:
        starts.append(offset)
        offset += len(x) + 1
    for pattern in (t._triggers(), fact_triggers(), foreign_gate()):
        assert t._quick(pattern) is not None
        fast = t._texts_matched(pattern, lower, starts)
        with monkeypatch.context() as m:
            m.setattr(t, "_quick", lambda pattern: None)  # `re` alone
            assert t._texts_matched(pattern, lower, starts) == fast
        assert 0 < len(fast) < len(texts)
    assert t._literals(r"a\|b|c") == ["a|b", "c"]
    assert t._literals(r"\bword") is None and t._literals("a|b+") is None


def test_long_token_without_spaces() -> None:
    text = "warranty" + "9" * 50_000 + "%uptime"
    assert find_claims(text) == []


def test_with_claim_words_picks_the_texts_has_claim_words_picks() -> None:
    """One search per word list over the joined texts picks exactly the texts that
    `has_claim_words` says yes to, one by one: trigger words, support-fact words, other
    languages' words (gate hit but no word: "Gara" of "Garage"), none, and a text that
    lower-cases to a longer one."""
    from msglint.values.claims.factwords import triggers as fact_triggers
    from msglint.values.claims.foreign import foreign_gate
    from msglint.values.claims.triggers import _triggers, with_claim_words

    for pattern in (_triggers(), fact_triggers(), foreign_gate()):
        assert "\n" not in pattern.pattern.replace("\\\n", "")  # no match spans two texts
    cases = [case.values[0]["text"] for case in _load("claims")]
    texts = [
        "A quiet fan and a 65 W charger.",
        "2-year limited warranty",
        "Write to info@example.com",
        "Visit www.example.com",
        "Tel. 030 1234",
        "Zwei Jahre Garantie",
        "Parken in der Garage",
        "Retour gratuit sous 30 jours",
        "",
        "Menu",
        "Hotline",
        "Kostenlose Rücksendung",
        "Nothing here.",
    ]
    expected = [i for i, text in enumerate(texts) if has_claim_words(text)]
    assert with_claim_words(texts) == expected
    assert 0 < len(expected) < len(texts)
    cases = [text for text in cases if len(text.lower()) == len(text)]  # joined search
    assert len(cases) > 100
    picked = [i for i, text in enumerate(cases) if has_claim_words(text)]
    assert with_claim_words(cases) == picked
    assert with_claim_words([*texts, "İstanbul"]) == expected  # text by text
    assert with_claim_words([]) == []
