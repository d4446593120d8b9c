"""`document` rule cases as data: a brand document, the partner's copy, the exact findings.

Each file under fixtures/document_cases/ has a `rule:` block and named cases. A case gives
`reference` and `partner` documents (`markdown`, or `html`) and `findings`: the exact list
of `actual` (and optionally `expected`, a prefix) the rule must report, empty for a pass.
Both documents go through the whole pipeline (parse, digest, pairing, the rule) in a
temporary project, so a case tests what a user would see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import rule_cases
from msglint import engine
from msglint.config import load

CASES_DIR = Path(__file__).parent / "fixtures" / "document_cases"


def _write(folder: Path, doc: Any) -> None:
    folder.mkdir(exist_ok=True)
    docs = doc if isinstance(doc, list) else [doc]
    for i, item in enumerate(docs):
        if "html" in item:
            (folder / item.get("name", f"doc{i}.html")).write_text(item["html"], encoding="utf-8")
        else:
            name = item.get("name", f"doc{i}.md")
            (folder / name).write_text(item["markdown"], encoding="utf-8")


def run_case(tmp_path: Path, rule: dict[str, Any], case: dict[str, Any]) -> list[Any]:
    rule = {**rule, **case.get("rule", {})}
    (tmp_path / "rules.yaml").write_text(
        yaml.safe_dump({"pack": "test", "rules": [rule]}), encoding="utf-8"
    )
    _write(tmp_path / "brand", case["reference"])
    _write(tmp_path / "partner", case["partner"])
    config: dict[str, Any] = {
        "sources": [
            {"name": "brand", "role": "reference", "paths": ["brand/"]},
            {"name": "shop", "role": "partner", "paths": ["partner/"]},
        ],
        "packs": ["rules.yaml"],
    }
    if "documents" in case:
        config["documents"] = case["documents"]
    (tmp_path / "msglint.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = engine.run(load(tmp_path / "msglint.yaml"))
    return [f for f in result.findings if f.rule == rule["id"]]


@pytest.mark.parametrize(("rule", "case"), rule_cases(CASES_DIR))
def test_case(tmp_path: Path, rule: dict[str, Any], case: dict[str, Any]) -> None:
    findings = run_case(tmp_path, rule, case)
    want = case.get("findings", [])
    assert len(findings) == len(want), [f.message for f in findings]
    for f, w in zip(findings, want, strict=True):
        assert f.actual_text == w.get("actual"), (f.message, w)
        if "expected" in w:
            assert f.expected_text == w["expected"], (f.expected_text, w)
        assert f.reference is not None and f.field is not None and f.code is not None
        if "message" in w:
            assert w["message"] in f.message, (f.message, w)


def test_every_check_has_a_fixture() -> None:
    from msglint.checks.document import CHECKS

    covered = set()
    for path in CASES_DIR.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        covered.update(data["rule"].get("checks", []))
    assert covered == set(CHECKS)
