"""Matching inside a run: uncertain matches are reported, not compared; confirmed pairs
pin and forbid; bad rows of the pairs file are findings with their line; a retired name
is matched to the current product and then reported by the name rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REFERENCE = """id,name,price
R1,Acme Nimbus Mesh Router - NM100,199.00
R2,Acme Orbit Video Doorbell,129.00
R3,Acme CloudCam Indoor Security Camera - CC400,89.00
"""
PARTNER = """id,name,price
P1,Acme NM100 Nimbus Mesh Router,189.00
P2,Acme Orbit Video Doorbell,99.00
P3,Acme CloudCam Indoor Security Camera CC400,79.00
"""
CONFIG = """\
sources:
  - name: brand
    role: reference
    paths: [reference.csv]
    currency: USD
  - name: shop
    role: partner
    paths: [partner.csv]
    currency: USD
packs: [consistency]
match:
  confidence: 99          # only identifiers and confirmed pairs are sure enough
  pairs: pairs.csv
"""
PAIRS = """reference,partner,verdict
R1,P1,match
R3,P3,different
R9,P2,match
R2,P2,perhaps
"""


def project(root: Path, config: str = CONFIG, pairs: str = PAIRS) -> Path:
    (root / "reference.csv").write_text(REFERENCE, encoding="utf-8")
    (root / "partner.csv").write_text(PARTNER, encoding="utf-8")
    (root / "msglint.yaml").write_text(config, encoding="utf-8")
    (root / "pairs.csv").write_text(pairs, encoding="utf-8")
    return root


def report(run_cli: Any, root: Path) -> dict[str, Any]:
    result = run_cli(["check", "-f", "json", "--fail-on", "never"], root)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_rule(data: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in data["findings"] if f["rule"] == rule]


def line(data: dict[str, Any], ref: list[Any]) -> int:
    """The catalog line of a record the report refers to as [source, index]."""
    source, index = ref
    return data["records"][source][index]["location"]["line"]


def matches_by_line(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {line(data, m["record"]): m for g in data["groups"] for m in g["matches"]}


def test_uncertain_matches_are_reported_not_compared(run_cli: Any, tmp_path: Path) -> None:
    data = report(run_cli, project(tmp_path))
    prices = by_rule(data, "msglint.price-mismatch")
    # R1/P1 is confirmed, so compared; R2/P2 is uncertain, so its $99 is not a finding
    assert [f["product"] for f in prices] == ["Acme Nimbus Mesh Router - NM100"]
    [uncertain] = by_rule(data, "msglint.uncertain-match")
    assert uncertain["severity"] == "info"
    assert uncertain["actual"]["text"] == "Acme Orbit Video Doorbell"
    assert uncertain["expected"]["text"] == "Acme Orbit Video Doorbell"
    assert uncertain["reference"]["source"] == "brand"
    assert uncertain["reference"]["location"]["path"] == "reference.csv"
    assert "below the confidence level 99" in uncertain["message"]
    matches = matches_by_line(data)
    assert matches[2]["method"] == "pinned" and "uncertain" not in matches[2]  # P1
    assert matches[3]["uncertain"] is True  # P2
    # R3/P3 is forbidden: both sides are unmatched (and the coverage rule says so)
    assert [line(data, r) for r in data["unmatched"]["partner"]["shop"]] == [4]


def test_bad_pairs_rows_are_findings_with_their_line(run_cli: Any, tmp_path: Path) -> None:
    data = report(run_cli, project(tmp_path))
    errors = {
        (f["location"]["line"], f["actual"]["text"]) for f in by_rule(data, "msglint.match-error")
    }
    assert errors == {
        (4, "reference id 'R9' matches no record"),
        (5, "unknown verdict 'perhaps'; use match or different"),
    }
    assert all(f["location"]["path"] == "pairs.csv" for f in by_rule(data, "msglint.match-error"))


def test_unreadable_model_is_a_finding_and_identifiers_still_match(
    run_cli: Any, tmp_path: Path
) -> None:
    config = CONFIG.replace("pairs: pairs.csv", "pairs: pairs.csv\n  model: broken.json")
    root = project(tmp_path, config)
    (root / "broken.json").write_text("{", encoding="utf-8")
    data = report(run_cli, root)
    [error] = [f for f in by_rule(data, "msglint.match-error") if "broken.json" in f["message"]]
    assert "identifiers and shared model codes only" in error["message"]
    assert [f["product"] for f in by_rule(data, "msglint.price-mismatch")] == [
        "Acme Nimbus Mesh Router - NM100"
    ]


RENAMED_REFERENCE = """id,name,price
R1,Acme CloudDrive Business 2TB Storage Plan,12.00
R2,Acme CloudCam Indoor Security Camera,89.00
R3,Acme HomeHub 2 Smart Home Hub,149.00
R4,Acme AirRouter AX5400 Pro,299.00
"""
RULES = """\
pack: brand
rules:
  - id: brand.names
    kind: name
    level: warning
    retired:
      CloudBox: CloudDrive
  - id: brand.prices
    kind: price
    level: error
"""


def test_retired_name_is_matched_then_reported(run_cli: Any, tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG.replace("[consistency]", "[rules/]").replace("99", "80"))
    (root / "reference.csv").write_text(RENAMED_REFERENCE, encoding="utf-8")
    (root / "partner.csv").write_text(
        "id,name,price\nP1,Acme CloudBox Business 2TB Storage Plan,10.00\n", encoding="utf-8"
    )
    (root / "pairs.csv").write_text("reference,partner,verdict\n", encoding="utf-8")
    (root / "rules").mkdir()
    (root / "rules" / "brand.yaml").write_text(RULES, encoding="utf-8")
    data = report(run_cli, root)
    [(at, match)] = matches_by_line(data).items()
    assert (at, match["method"]) == (2, "alias")
    [name] = by_rule(data, "brand.names")
    assert "uses the retired name 'CloudBox'" in name["message"]
    assert [f["actual"] for f in by_rule(data, "brand.prices")] != []


def test_match_settings_are_validated_with_their_line(run_cli: Any, tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG.replace("confidence: 99", "confidence: 120"))
    result = run_cli(["check"], root)
    assert result.exit_code == 2
    assert "msglint.yaml:12" in result.output and "confidence" in result.output
