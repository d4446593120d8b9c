"""Inline suppressions: cases in tests/fixtures/suppressions/*.yml (document text, the
findings that survive as rule@line, and the lines of unused suppression comments)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE, docs_project, make_doc
from msglint.filter.suppress import scan

CASES = sorted((Path(__file__).parent / "fixtures" / "suppressions").glob("*.yml"))
RULES = """\
rules:
  - {id: t.sign-in, kind: terminology, swap: {log in: sign in}}
  - {id: t.wifi, kind: capitalization, names: [Wi-Fi]}
  - {id: Microsoft.Cheap, kind: banned, terms: [cheap]}
"""


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_suppression_case(case: Path, tmp_path: Path, run_cli) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    suffix = {"markdown": "md", "html": "html"}[spec["format"]]
    docs_project(tmp_path, RULES, f"page.{suffix}", spec["text"])
    result = run_cli(
        ["check", "-f", "json", "--fail-on", "never", "--report-unused-suppressions"], tmp_path
    )
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    got = [
        f"{f['rule']}@{f['location']['line']}"
        for f in findings
        if f["rule"] != "msglint.unused-suppression"
    ]
    assert sorted(got) == sorted(spec["expected"]), spec["description"]
    unused = [f["location"]["line"] for f in findings if f["rule"] == "msglint.unused-suppression"]
    assert sorted(unused) == sorted(spec.get("unused", []))


def test_no_comment_means_no_work() -> None:
    assert scan(make_doc("Log in over WiFi.\n" * 1000)) is None
    assert scan(make_doc("<!-- a comment -->\nmsglint is great\n")) is None


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("markdown", "```html\n<!-- msglint-disable -->\n```\n\nLog in.\n"),
        ("markdown", "Example:\n\n    <!-- msglint-disable -->\n\nLog in.\n"),
        ("markdown", "Write `<!-- msglint-disable -->` to switch rules off.\n"),
        ("html", "<p>Log in.</p><script>var s = '<!-- msglint-disable -->';</script>"),
        ("html", "<pre><code>&lt;!-- msglint-disable --&gt;</code></pre><p>Log in.</p>"),
    ],
)
def test_directives_in_code_are_not_directives(fmt: str, text: str) -> None:
    """The parser hands on comments outside code only: documentation that shows a
    directive (a fence, an indented block, inline code, a script) suppresses nothing."""
    assert scan(make_doc(text, fmt, path=f"a.{'md' if fmt == 'markdown' else 'html'}")) is None


def test_directives_come_from_the_parse_with_their_lines() -> None:
    doc = make_doc(
        "---\nmsglint:\n  disable: [t.wifi]\n---\n\nA\n<!-- msglint-disable-line t.sign-in -->\n"
    )
    found = scan(doc)
    assert found is not None
    assert [(c.line, c.text) for c in found.comments] == [
        (1, "front matter msglint.disable: t.wifi"),
        (7, "msglint-disable-line t.sign-in"),
    ]


def test_consistency_finding_is_suppressed_at_the_partner_side(tmp_path: Path, run_cli) -> None:
    project = tmp_path / "acme"
    shutil.copytree(EXAMPLE, project)
    page = project / "partners" / "shopright" / "products" / "airrouter-ax5400-pro.html"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(33, "<!-- msglint-disable-next-line msglint.price-mismatch -->\n")
    page.write_text("".join(lines), encoding="utf-8")
    before = json.loads(run_cli(["check", "-f", "json"], EXAMPLE).stdout)["findings"]
    after = json.loads(run_cli(["check", "-f", "json"], project).stdout)["findings"]
    gone = [f for f in before if f not in after]
    assert [(f["rule"], f["location"]["path"]) for f in gone] == [
        ("msglint.price-mismatch", "partners/shopright/products/airrouter-ax5400-pro.html")
    ]
    assert len(after) == len(before) - 1
