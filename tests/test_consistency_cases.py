"""Consistency rule cases as data: a reference page, a partner page, the exact findings.

Each file under fixtures/consistency_cases/ has a `rule:` block and named cases. A case
gives `reference` and `partner` (one page or a list of pages) and `findings`: the exact
list of (`actual`, `expected`) the rule must report, empty for a pass. A page is either
raw `html`, or `name`, `sku`, `gtin`, `price`, `specs` (label -> value), `text` (prose
paragraphs) and `description`, rendered into a plain product page (with JSON-LD when
`jsonld: true`). The pages go through the whole pipeline (parse, extract, match, check)
in a temporary project, so a case tests what a user would see.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import rule_cases
from msglint import engine
from msglint.config import load

CASES_DIR = Path(__file__).parent / "fixtures" / "consistency_cases"


def render(page: dict[str, Any]) -> str:
    """A small product page from a case's fields (all text escaped, as a real page is)."""
    if "html" in page:
        return page["html"]
    e = html.escape
    parts = ["<!doctype html><html lang='en'><head><title>", e(page.get("name", "")), "</title>"]
    if page.get("jsonld"):
        item: dict[str, Any] = {"@context": "https://schema.org", "@type": "Product"}
        for key in ("name", "sku", "gtin13", "description"):
            if key in page:
                item[key] = page[key]
        if "jsonld_price" in page:
            amount, currency = page["jsonld_price"].split()
            item["offers"] = {"@type": "Offer", "price": amount, "priceCurrency": currency}
        parts.append(f"<script type='application/ld+json'>{json.dumps(item)}</script>")
    parts.append("</head><body><main>")
    if "name" in page:
        parts.append(f"<h1>{e(page['name'])}</h1>")
    if "sku" in page:
        parts.append(f"<p>SKU: <span class='sku'>{e(page['sku'])}</span></p>")
    if "price" in page:
        parts.append(f"<p class='price'>{e(page['price'])}</p>")
    if "description" in page:
        parts.append(f"<div class='description'><p>{e(page['description'])}</p></div>")
    if page.get("specs"):
        rows = "".join(
            f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in page["specs"].items()
        )
        parts.append(f"<table class='specs'>{rows}</table>")
    for paragraph in page.get("text", []):
        parts.append(f"<p>{e(paragraph)}</p>")
    parts.append("</main></body></html>")
    return "".join(parts)


def run_case(tmp_path: Path, rule: dict[str, Any], case: dict[str, Any]) -> list[Any]:
    rule = {**rule, **case.get("rule", {})}
    (tmp_path / "rules.yaml").write_text(
        yaml.safe_dump({"pack": "test", "rules": [rule]}), encoding="utf-8"
    )
    for side in ("reference", "partner"):
        pages = case.get(side, [])
        for i, page in enumerate(pages if isinstance(pages, list) else [pages]):
            target = tmp_path / side / f"page{i}.html"
            target.parent.mkdir(exist_ok=True)
            target.write_text(render(page), encoding="utf-8")
    config = {
        "sources": [
            {"name": "brand", "role": "reference", "paths": ["reference/*.html"]},
            {"name": "shop", "role": "partner", "paths": ["partner/*.html"]},
        ],
        "packs": ["rules.yaml"],
    }
    (tmp_path / "msglint.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = engine.run(load(tmp_path / "msglint.yaml"))
    return [f for f in result.findings if f.rule == rule["id"]]


@pytest.mark.parametrize(("rule", "case"), rule_cases(CASES_DIR))
def test_case(tmp_path: Path, rule: dict[str, Any], case: dict[str, Any]) -> None:
    findings = run_case(tmp_path, rule, case)
    got = [
        {
            "actual": f.actual_text,
            "expected": f.expected_text,
            "code": f.code and f.code.value,
            "type": f.expected.kind if f.expected else None,
            "field": str(f.field) if f.field else None,
        }
        for f in findings
    ]
    want = case.get("findings", [])
    assert len(got) == len(want), [f.message for f in findings]
    for g, w in zip(got, want, strict=True):
        assert g["actual"] == w.get("actual"), (g, w)
        assert g["expected"] == w.get("expected", g["expected"]), (g, w)
        for typed in ("code", "type", "field"):  # typed evidence, where a case names it
            if typed in w:
                assert g[typed] == w[typed], (typed, g, w)
        # The reference's evidence is its own Evidence, never text in `expected`.
        assert all(f.reference is not None for f in findings if f.expected is not None)


def test_every_consistency_kind_has_a_fixture_file() -> None:
    from msglint.checks import KINDS

    # the plan kind's cases compare pricing pages, not records: tests/fixtures/plan_cases/
    plan_cases = CASES_DIR.parent / "plan_cases"
    files = [*CASES_DIR.glob("*.yml"), *plan_cases.glob("*.yml")]
    covered = {yaml.safe_load(p.read_text())["rule"]["kind"] for p in files}
    assert covered == {k for k, cls in KINDS.items() if cls.family == "consistency"}
