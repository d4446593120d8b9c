"""The pair scorer's model file: the shipped one, and broken ones (clear message, fallback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from msglint.match import MatchOptions, match_records
from msglint.match.features import FEATURES
from msglint.match.scorer import DEFAULT_MODEL, ModelError, load_model
from msglint.model import Record, Role


def record(role: Role, index: int, **fields: object) -> Record:
    return Record(source=role.value, role=role, path=role.value, index=index, **fields)  # type: ignore[arg-type]


def test_shipped_model_is_small_valid_and_names_its_data() -> None:
    assert DEFAULT_MODEL.stat().st_size < 200_000
    model = load_model()
    assert 0.0 < model.decision < 1.0
    data = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert set(data["trained_on"]) >= {"wdc-cameras", "wdc-computers", "abt-buy"}
    probabilities = model.probabilities([[0.0] * len(FEATURES), [1.0] * len(FEATURES)])
    assert all(0.0 <= p <= 1.0 for p in probabilities)


def test_importing_the_matcher_does_not_read_the_model() -> None:
    code = (
        "import msglint.match, msglint.match.records, sys\n"
        "from msglint.match.scorer import load_model\n"
        "print(load_model.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_probabilities_rise_with_evidence() -> None:
    """The model is monotonic where the direction is known: a shared rare code and more
    similar names never lower the probability, conflicts never raise it."""
    model = load_model()
    base = dict.fromkeys(FEATURES, 0.0) | {
        "token_set": 0.8,
        "token_sort": 0.7,
        "idf_cosine": 0.6,
        "cover_min": 0.6,
        "cover_max": 0.7,
        "price_missing": 1.0,
        "len_ratio": 0.8,
    }

    def p(**changes: float) -> float:
        row = base | changes
        return model.probabilities([[row[f] for f in FEATURES]])[0]

    assert p(code_rare=1.0) >= p()
    assert p(code_conflict=1.0) <= p()
    assert p(qty_conflict=1 / 3, conflicts=1 / 3) <= p()
    assert p(brand_conflict=1.0) <= p()
    assert p(idf_cosine=0.9, cover_min=0.9) >= p()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "cannot read"),
        (b"{not json", "not a valid match model"),
        (b'{"format": "other"}', "not a msglint pair model"),
        (b'{"format": "msglint-pair-model", "version": 1, "features": ["x"]}', "other features"),
    ],
)
def test_broken_model_is_a_clear_message(
    tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / "model.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelError) as caught:
        load_model(str(path))
    assert str(path) in str(caught.value)
    assert reason in str(caught.value)


def test_tree_pointing_outside_itself_is_refused(tmp_path: Path) -> None:
    data = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    data["trees"][3]["left"][0] = 10_000
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="tree 3 node 0 points outside the tree"):
        load_model(str(path))


def test_missing_model_falls_back_to_identifiers_and_codes(tmp_path: Path) -> None:
    """The documented fallback: GTIN/SKU/MPN and shared model codes still match, names
    alone do not, and the result says which file could not be read."""
    reference = [
        record(Role.REFERENCE, 0, name="Acme Router - AX5400"),
        record(Role.REFERENCE, 1, name="Acme Nimbus Mesh Router", sku="NM-1"),
        record(Role.REFERENCE, 2, name="Acme Orbit Video Doorbell Pro"),
    ]
    partner = [
        record(Role.PARTNER, 0, name="Acme AX5400 Router"),
        record(Role.PARTNER, 1, name="Mesh router", sku="nm1"),
        record(Role.PARTNER, 2, name="Acme Orbit Video Doorbell Pro"),
    ]
    missing = tmp_path / "gone.json"
    result = match_records(reference, partner, MatchOptions(model=str(missing)))
    assert {(i, m.method) for i, m in result.pairs} == {(0, "code"), (1, "sku")}
    assert result.unmatched_partner == [2]
    [problem] = result.problems
    assert problem.path == str(missing)
    assert "identifiers and shared model codes only" in problem.message


def test_prices_in_two_currencies_are_not_compared() -> None:
    """The price gap needs one currency (or an unstated one): 100 USD against 100 GBP is
    no evidence either way, 100 against 300 USD is a gap."""
    from decimal import Decimal

    from msglint.match.features import features
    from msglint.match.prepare import Corpus, prepare
    from msglint.model import Price

    def priced(role: Role, amount: str, currency: str | None) -> Record:
        return record(role, 0, name="Acme Router AX5400", prices=[Price(Decimal(amount), currency)])

    def price_features(a: Record, b: Record) -> tuple[float, float]:
        pa, pb = prepare(a), prepare(b)
        corpus = Corpus([pa, pb])
        corpus.weigh(pa)
        corpus.weigh(pb)
        row = dict(zip(FEATURES, features(pa, pb, corpus), strict=True))
        return row["price_gap"], row["price_missing"]

    ref = priced(Role.REFERENCE, "100", "USD")
    assert price_features(ref, priced(Role.PARTNER, "100", "GBP")) == (0.0, 1.0)
    assert price_features(ref, priced(Role.PARTNER, "100", None)) == (0.0, 0.0)
    gap, missing = price_features(ref, priced(Role.PARTNER, "300", "USD"))
    assert gap > 0.4 and missing == 0.0
