"""Structured data built to break readers: deep JSON-LD."""

from __future__ import annotations

from pathlib import Path

from canary import assert_canary, project, run


def _jsonld(depth: int) -> str:
    data = '{"a":' * depth + "1" + "}" * depth
    return (
        '<html><head><script type="application/ld+json">' + data + "</script></head>"
        "<body><h1>Deep</h1><p>Release date: TBD.</p></body></html>"
    )


def test_cli_jsonld_nested_5000_levels(tmp_path: Path) -> None:
    """Issue 14: JSON-LD nested 5,000 levels deep raised RecursionError and lost the run."""
    root = project(tmp_path, files={"deep.html": _jsonld(5_000)})
    result = run(root)
    assert result.code == 1
    deep = [f for f in result.findings if f["location"]["path"] == "hostile/deep.html"]
    assert {"msglint.extract-error", "msglint.placeholder-text"} <= {f["rule"] for f in deep}
    assert "JSON-LD block nested too deeply to read" in result.messages()
    assert_canary(result)
