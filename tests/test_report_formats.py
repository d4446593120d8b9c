"""CI report formats: SARIF against the official schema, JUnit read back by a JUnit parser,
GitHub workflow commands, reviewdog rdjson, the pull-request Markdown and GitLab Code Quality."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from junitparser import Failure, JUnitXml

from conftest import EXAMPLE
from msglint import engine
from msglint.config import load
from msglint.model import Evidence, Finding, Location, Role, Severity
from msglint.model.result import ConfigInfo, RunResult
from msglint.report import FORMATS, render
from msglint.report.github import command, escape_data, escape_property

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def example():
    return engine.run(load(EXAMPLE / "msglint.yaml"))


def _finding(**kw) -> Finding:
    base = {
        "rule": "t.sign-in",
        "severity": Severity.WARNING,
        "message": "Use 'sign in' instead of 'log in'.",
        "source": "docs",
        "role": Role.DOCS,
        "location": Location(path="docs/a.md", line=3, column=5, end_line=3, end_column=11),
        "actual": "log in",
        "expected": "sign in",
        "fingerprint": "abc:1",
    }
    base.update(kw)
    return Finding(**base)


def _result(findings: list[Finding], root: Path | None = None) -> RunResult:
    return RunResult(
        findings=findings,
        documents={"docs": ["docs/a.md", "docs/b.md"]},
        config=ConfigInfo(name=None, digest="d", root=root),
    )


PAGE = _finding(
    rule="msglint.price-mismatch",
    severity=Severity.ERROR,
    message="Price differs: USD 279.00 (reference USD 299.00).",
    source="shop",
    role=Role.PARTNER,
    location=Location(
        path="https://shop.example/p/1",
        url="https://shop.example/p/1",
        line=34,
        column=27,
        selector="body > div.price",
    ),
    reference=Evidence("acme", Location(path="site/p1.html", line=30, column=3)),
    overdue="open 9 days; SLA 7d",
    first_seen="2024-05-01T00:00:00Z",
)


def test_every_format_is_registered_and_renders_the_example(example) -> None:
    for name in ("sarif", "junit", "github", "rdjson", "rdjsonl", "markdown", "gitlab", "json"):
        assert name in FORMATS
        assert render(name, example)


def test_sarif_is_valid_against_the_official_schema(example) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render("sarif", example))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    sign_in = rules["acme.sign-in"]
    assert "sign in" in sign_in["shortDescription"]["text"]
    assert "What it checks" in sign_in["help"]["markdown"]  # the kind's self-documentation
    assert sign_in["helpUri"].startswith("https://")
    assert len(run["results"]) == len(example.findings)
    first = next(r for r in run["results"] if r["ruleId"] == "acme.sign-in")
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uriBaseId"] == "SRCROOT"
    assert loc["region"]["startLine"] >= 1
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == first["ruleId"]
    fixes = [r for r in run["results"] if "fixes" in r]
    assert fixes and fixes[0]["fixes"][0]["artifactChanges"][0]["replacements"]


def test_sarif_page_findings_have_the_url_and_a_logical_location() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render("sarif", _result([PAGE])))
    jsonschema.Draft4Validator(schema).validate(log)
    result = log["runs"][0]["results"][0]
    where = result["locations"][0]
    assert where["physicalLocation"]["artifactLocation"] == {"uri": "https://shop.example/p/1"}
    assert where["logicalLocations"][0]["fullyQualifiedName"] == "body > div.price"
    assert result["properties"]["overdue"] == "open 9 days; SLA 7d"
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 30


def test_junit_read_back_by_a_junit_parser(example) -> None:
    xml = JUnitXml.fromstring(render("junit", example).encode())
    cases = [case for suite in xml for case in suite]
    names = {(suite.name, case.name) for suite in xml for case in suite}
    # every checked file is a test case (a coverage finding may add the reference's file)
    assert {(s, p) for s, paths in example.documents.items() for p in paths} <= names
    failures = [r for case in cases for r in case.result if isinstance(r, Failure)]
    assert len(failures) == len(example.findings)
    assert {f.type for f in failures} == {f.rule for f in example.findings}


def test_junit_passing_files_hostile_text_and_overdue() -> None:
    hostile = _finding(message="Bad \x0b char <b>&", actual="]]> \x01")
    xml = JUnitXml.fromstring(render("junit", _result([hostile, PAGE])).encode())
    cases = {case.name: case for suite in xml for case in suite}
    assert cases["docs/b.md"].is_passed
    (failure,) = cases["docs/a.md"].result
    assert failure.message == "Bad  char <b>&"
    (page,) = cases["https://shop.example/p/1"].result
    assert "overdue: open 9 days; SLA 7d" in page.text


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("50% off", "50%25 off", "50%25 off"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("x: y, z", "x: y, z", "x%3A y%2C z"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_github_commands() -> None:
    f = _finding(location=Location(path="docs/a,b:c.md", line=3, column=5, end_column=11))
    assert command(f) == (
        "::warning file=docs/a%2Cb%3Ac.md,line=3,col=5,endColumn=11,title=msglint t.sign-in"
        "::Use 'sign in' instead of 'log in'."
    )
    multi = _finding(message="two\nlines", severity=Severity.INFO)
    assert command(multi).startswith("::notice ") and "two%0Alines" in command(multi)
    page = command(PAGE)
    assert page.startswith("::error title=msglint msglint.price-mismatch (overdue%3A open 9 days;")
    assert "::https://shop.example/p/1: Price differs" in page
    assert "Overdue: open 9 days; SLA 7d." in page
    out = render("github", _result([f, multi, PAGE])).splitlines()
    assert len(out) == 4 and out[-1].startswith("msglint: 3 finding(s)")


def test_rdjson_byte_columns_and_suggestions(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("x\ny\nÜber log in now\n", encoding="utf-8")
    f = _finding(location=Location(path="docs/a.md", line=3, column=6, end_line=3, end_column=12))
    f.fix = "sign in"
    doc = json.loads(render("rdjson", _result([f, PAGE], tmp_path)))
    d = doc["diagnostics"][0]
    assert d["location"]["range"] == {
        "start": {"line": 3, "column": 7},
        "end": {"line": 3, "column": 13},
    }
    assert d["suggestions"] == [{"range": d["location"]["range"], "text": "sign in"}]
    assert d["code"]["value"] == "t.sign-in" and d["severity"] == "WARNING"
    assert "overdue" in doc["diagnostics"][1]["original_output"]
    lines = render("rdjsonl", _result([f, PAGE], tmp_path)).splitlines()
    assert [json.loads(x)["code"]["value"] for x in lines] == [
        "t.sign-in",
        "msglint.price-mismatch",
    ]


def test_markdown_comment_escapes_and_links(monkeypatch) -> None:
    monkeypatch.delenv("MSGLINT_LINK_BASE", raising=False)
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/site")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    hostile = _finding(message="Hi @team | <img src=x> [x](https://evil.example) **b**")
    text = render("markdown", _result([hostile, PAGE]))
    assert "## msglint: ❌ failed" in text
    assert "| 🔴 error | 1 |" in text and "| 🟡 warning | 1 |" in text
    assert "(<https://github.com/acme/site/blob/abc123/docs/a.md>#L3)" not in text
    assert "(<https://github.com/acme/site/blob/abc123/docs/a.md#L3>)" in text
    assert "[https:\\/\\/shop.example/p/1:34](<https://shop.example/p/1>)" in text
    row = next(line for line in text.splitlines() if "Hi " in line)
    assert "@team" not in row and "<img" not in row and "](https://" not in row
    assert "\\| &lt;img" in row and "\\*\\*b\\*\\*" in row
    assert "open 9 days; SLA 7d" in text


def test_markdown_without_findings_passes() -> None:
    text = render("markdown", _result([]))
    assert "✅ passed" in text and "Top" not in text


def test_gitlab_code_quality() -> None:
    issues = json.loads(render("gitlab", _result([_finding(), replace(PAGE)])))
    assert issues[0]["check_name"] == "t.sign-in"
    assert issues[0]["location"] == {"path": "docs/a.md", "lines": {"begin": 3}}
    assert issues[1]["severity"] == "major"
    assert len({i["fingerprint"] for i in issues}) == 2
