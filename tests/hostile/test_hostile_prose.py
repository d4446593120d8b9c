"""Huge prose and hostile runs of characters reach the tokenizer bounded: linear time."""

from __future__ import annotations

from pathlib import Path

from canary import assert_canary, assert_scales_linearly, fresh, project, run

from msglint import nlp
from msglint.checks.terminology import Terminology
from msglint.model import Role
from msglint.parse import parse

PARAGRAPH = "Customers log in to see their orders and then they log out again. " * 12


def _rule() -> Terminology:
    rule = Terminology(id="t.sign-in", kind="terminology", swap={"log in": "sign in"})
    rule.prepare()
    return rule


def test_positions_stay_exact_in_a_long_document() -> None:
    text = "\n\n".join(f"Paragraph {i}. {PARAGRAPH}" for i in range(400))
    assert len(text) > 300_000
    doc = parse(text, "markdown", source="s", role=Role.DOCS, path="big.md")
    findings = list(_rule().check(doc))
    assert len(findings) == 400 * 12
    lines = text.split("\n")
    for f in findings:
        loc = f.location
        assert lines[loc.line - 1][loc.column - 1 : loc.end_column - 1] == "log in"
    assert findings[-1].location.line == len(lines)


def test_one_segment_over_spacy_max_length() -> None:
    """A one-line text file of 1.2 million characters is one segment, over spaCy's
    max_length (E088): tokenized whole, every match found."""
    text = PARAGRAPH * 1500 + "Please log in."
    assert len(text) > 1_000_000
    doc = parse(text, "text", source="s", role=Role.DOCS, path="big.txt")
    assert len(doc.segments) == 1
    findings = list(_rule().check(doc))
    assert len(findings) == 1500 * 12 + 1
    last = findings[-1].location
    assert (last.line, last.column) == (1, len(text) - len("log in.") + 1)


def test_long_runs_are_blanked_not_tokenized() -> None:
    text = "Please log in " + "&" * 5000 + " https://x.example/" + "a" * 300 + " and log in."
    blanked = nlp.tokenizer_text(text)
    assert len(blanked) == len(text)
    assert "&" not in blanked and "a" * 101 not in blanked
    doc = parse(text, "text", source="s", role=Role.DOCS, path="t.txt")
    assert [f.actual_text for f in _rule().check(doc)] == ["log in", "log in"]


def test_tokenizing_runs_without_spaces_is_linear() -> None:
    def work(text: str) -> None:
        doc = parse(text, "text", source="s", role=Role.DOCS, path="t.txt")
        for index in range(len(doc.segments)):
            nlp.segment_tokens(doc, index)

    assert_scales_linearly(work, lambda n: "&" * n + fresh(), 5_000)
    assert_scales_linearly(work, lambda n: "'’" * (n // 2) + fresh(), 5_000)


def test_cli_markdown_over_a_million_characters(tmp_path: Path) -> None:
    """Issue 14: a 1.15 MB Markdown file crashed the whole run with spaCy's E088."""
    big = "\n\n".join(
        f"Paragraph {i}: please log in with your e-mail address." for i in range(25_000)
    )
    assert len(big) > 1_150_000
    root = project(tmp_path, role="docs", files={"big.md": big + "\n"})
    result = run(root)
    assert result.code == 1
    assert result.rules("hostile/big.md").count("msglint.email-spelling") == 25_000
    assert_canary(result)


def test_cli_amp_references_in_one_paragraph(tmp_path: Path) -> None:
    """Issue 14: `&amp;` x 20,000 in one element took 68 s (spaCy on one 20,000-char token)."""
    page = "<html><body><h1>Amp</h1><p>" + "&amp;" * 20_000 + " Log in.</p></body></html>"
    root = project(tmp_path, files={"amp.html": page})
    result = run(root)
    assert result.code == 1
    assert_canary(result)


def test_claims_tokenize_long_runs_in_linear_time() -> None:
    """A sentence with a warranty and a 2,000-character run of '&' took 0.4 s to tokenize."""
    from msglint.values.claims import find_claims

    assert find_claims("2-year warranty " + "&" * 2_000)[0].text == "2-year warranty"
    assert_scales_linearly(
        find_claims, lambda n: "2-year warranty " + "&" * n + fresh(), 480, grow=False
    )
