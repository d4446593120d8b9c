"""Markdown that breaks the parser: one file is a parse error, the run goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from canary import assert_canary, project, run

from msglint.model import Role
from msglint.parse import parse


def test_parser_panic_is_a_value_error() -> None:
    """markdown-it-pyrs panics on "[`" (found by benchmarks/fuzz.py); pyo3 raises a
    BaseException, which the engine's per-file guard did not catch."""
    with pytest.raises(ValueError, match="the Markdown parser failed: index out of bounds"):
        parse("See [`", "markdown", source="s", role=Role.DOCS, path="d.md")


def test_cli_markdown_parser_panic(tmp_path: Path) -> None:
    root = project(tmp_path, role="docs", files={"panic.md": "# Title\n\nSee [`code\n"})
    result = run(root)
    assert result.code == 1
    assert result.rules("hostile/panic.md") == ["msglint.parse-error"]
    assert "could not parse markdown: the Markdown parser failed" in result.messages()
    assert_canary(result)


def test_lists_nested_past_the_recursion_limit_are_read() -> None:
    """fuzz.py: "1. " 1,100 times on one line nests 1,100 lists; reading them recursed past
    Python's limit (RecursionError: the file lost, the run's worker with it)."""
    from msglint.model import Role
    from msglint.parse import parse

    text = "# Deep\n\n" + "1. " * 1_500 + "Release date: TBD.\n\nAfter: TBD.\n"
    doc = parse(text, "markdown", source="s", role=Role.DOCS, path="d.md")
    texts = [s.text for s in doc.segments]
    assert texts[0] == "Deep" and texts[-1] == "After: TBD."
    assert "Release date: TBD." in texts
    seg = doc.segments[-1]
    offset = seg.source_offset(seg.text.index("TBD"))
    assert text[offset : offset + 3] == "TBD"
