"""Vale's reading of Markdown, HTML, plain text and reStructuredText, end to end.

fixtures/vale/formats/ holds one document of each format (front matter, footnotes, tables,
nested lists, images, raw HTML, code, comment controls, linkified addresses, a
misspelling, an .rst with directives), and node.md, written as the Node.js API docs are
(`<!-- YAML ... -->` comments, reference links, inline code in long sentences), and
`vale-3.7.1.txt`, what the Vale 3.7.1 binary prints for them with that folder's
`.vale.ini` (rules switched on singly and by style, a level override, Vale's built-in
style). `msglint check --vale` must report exactly the
same alerts; the binary's output is re-checked when it is present. fixtures/vale/ignores
does the same for Vale's ignore settings (IgnoredScopes, SkippedScopes, IgnoredClasses,
TokenIgnores, BlockIgnores, per-section switches).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from msglint.vale.conformance import compare, parse_line_output

FORMATS = Path(__file__).parent / "fixtures" / "vale" / "formats"
FILES = ["doc.md", "doc.html", "doc.txt", "doc.rst", "node.md"]
VALE_BIN = Path(__file__).resolve().parents[2] / "shared" / "tools" / "vale" / "vale"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FORMATS, project)
    return project


def _in_nonprose(path: Path, line: int, column: int) -> bool:
    from msglint.values.tokens import nonprose

    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    return nonprose(text).overlaps(column - 1, column)


def test_check_vale_without_msglint_yaml_gives_vales_alerts(tmp_path: Path, run_cli) -> None:
    project = _project(tmp_path)
    args = ["check", "--vale", "--format", "json", "--fail-on", "never", "--no-history"]
    result = run_cli([*args, "--report-unused-suppressions", *FILES], project)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    ours = [
        (f["location"]["path"], f["location"]["line"], f["location"]["column"], f["rule"],
         f["message"])
        for f in report["findings"]
        if not f["rule"].startswith("msglint.")
    ]  # fmt: skip
    expected = parse_line_output((FORMATS / "vale-3.7.1.txt").read_text(encoding="utf-8"))
    # Where msglint differs from Vale on purpose: no rule matches inside an e-mail address,
    # a URL or a host name (values/tokens.py), so "very" in x@very.com is not an adverb.
    inside = [a for a in expected if _in_nonprose(project / a[0], a[1], a[2])]
    assert {(a[0], a[1]) for a in inside} == {("doc.md", 27)} and len(inside) == 6
    expected = [a for a in expected if a not in inside]
    conf = compare(expected, ours)
    total = conf.total()
    assert (total.missed, total.extra, total.wrong_column, total.message) == (0, 0, 0, 0), (
        conf.table() + f"\n{conf.missed}\n{conf.extra}\n{conf.wrong_column}\n{conf.messages}"
    )
    assert total.exact == len(expected) > 90
    # msglint's own packs run too, on the same files.
    assert any(f["rule"].startswith("msglint.") for f in report["findings"])
    # Vale's comment controls were applied by the Vale rules themselves, as Vale applies
    # them: not applied a second time, and not reported as unused.
    assert not any(f["rule"] == "msglint.unused-suppression" for f in report["findings"])


def test_check_vale_needs_a_vale_ini(tmp_path: Path, run_cli) -> None:
    (tmp_path / "a.md").write_text("Hello.\n", encoding="utf-8")
    result = run_cli(["check", "--vale", "a.md"], tmp_path)
    assert result.exit_code == 2
    assert "no .vale.ini" in result.stderr


@pytest.mark.skipif(not VALE_BIN.is_file(), reason="no Vale binary at ../shared/tools/vale/vale")
def test_recorded_output_is_what_the_binary_prints(tmp_path: Path) -> None:
    project = _project(tmp_path)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    proc = subprocess.run(
        [str(VALE_BIN), "--output=line", "--sort", "--no-exit", *FILES],
        cwd=project, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    recorded = (FORMATS / "vale-3.7.1.txt").read_text(encoding="utf-8")
    assert sorted(proc.stdout.splitlines()) == sorted(recorded.splitlines())


def test_rst_segments_keep_their_positions() -> None:
    from msglint.model import Role
    from msglint.parse import format_for, parse

    assert format_for("guide/intro.rst") == "rst"
    text = (FORMATS / "doc.rst").read_text(encoding="utf-8")
    doc = parse(text, "rst", source="s", role=Role.DOCS, path="doc.rst")
    found = [(s.kind, s.text, doc.position(s.source_offset(0))) for s in doc.segments]
    assert found[0] == ("heading", "Title of the the doc", (1, 1))
    assert ("list-item", "A list item that is very good.", (6, 3)) in found
    assert ("paragraph", "A link and emphasis very.", (13, 1)) in found
    assert not any("print" in t for _k, t, _p in found)  # code is not prose
    para = next(s for s in doc.segments if s.text.startswith("This is very simple"))
    start = para.text.index("sentence")
    assert doc.position(para.source_offset(start)) == (4, 30)


def test_a_huge_file_is_skipped_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    from types import SimpleNamespace

    from msglint import vale
    from msglint.model import Document, Role
    from msglint.vale import lint
    from msglint.vale.lint import SKIPPED

    MAX_CHARS = 3_000  # the real limit (1,000,000) takes seconds to lint just below it
    monkeypatch.setattr(lint, "MAX_CHARS", MAX_CHARS)
    project = _project(tmp_path)
    settings = SimpleNamespace(config=".vale.ini", styles=[], min_level=None)
    rules = [r for p in vale.load(settings, project) for r in p.rules]
    found = []
    for size in (MAX_CHARS - 100, MAX_CHARS + 100):
        text = ("The the router is very fast. " * (size // 29 + 1))[:size]
        doc = Document(source="s", role=Role.DOCS, path="big.md", format="markdown", content=text)
        found.append([f for r in rules if r.applies_to(doc) for f in r.check(doc)])
    small, big = found
    assert small and not any(f.rule == SKIPPED for f in small)
    assert [f.rule for f in big] == [SKIPPED]
    assert big[0].severity.value == "warning" and f"{MAX_CHARS + 100:,}" in big[0].message


def test_a_file_with_too_much_work_is_skipped_and_memory_stays_linear(monkeypatch) -> None:
    """Vale's reading costs the file's size for every piece of text and alert: a file of
    many tiny paragraphs under MAX_CHARS is refused by the work budget, quickly."""
    import time

    from msglint.vale import lint
    from msglint.vale.view import TooMuchWork, build

    text = "It is.\n\n" * 20_000  # 160,000 characters in 20,000 paragraphs
    started = time.process_time()
    with pytest.raises(TooMuchWork, match="20,000 pieces of text"):
        build(text, "a.md", max_work=lint.WORK_BUDGET)
    assert time.process_time() - started < 5
    # Under the budget, every block's context is the file as masked when it was made.
    view = build(text[:800], "a.md")
    contexts = [b.ctx() for b in view.blocks if b.scope.startswith("text.")]
    assert contexts[0].startswith("It is.") and contexts[1].startswith("@@@@@@\n\nIt is.")
    assert all(len(c) == 800 for c in contexts)
    assert contexts[-1].count("It is.") == 1


IGNORES = FORMATS.parent / "ignores"
IGNORED_FILES = ["page.md", "docs/guide.md", "page.html"]


def test_vales_ignore_settings_give_vales_alerts(tmp_path: Path, run_cli) -> None:
    shutil.copytree(FORMATS, tmp_path / "formats")  # the styles (StylesPath = ../formats/styles)
    project = tmp_path / "ignores"
    shutil.copytree(IGNORES, project)
    args = ["check", "--vale", "--format", "json", "--fail-on", "never", "--no-history"]
    result = run_cli([*args, *IGNORED_FILES], project)
    assert result.exit_code == 0, result.output
    ours = [
        (f["location"]["path"], f["location"]["line"], f["location"]["column"], f["rule"],
         f["message"])
        for f in json.loads(result.stdout)["findings"]
        if not f["rule"].startswith("msglint.")
    ]  # fmt: skip
    expected = parse_line_output((IGNORES / "vale-3.7.1.txt").read_text(encoding="utf-8"))
    conf = compare(expected, ours)
    total = conf.total()
    assert (total.missed, total.extra, total.wrong_column, total.message) == (0, 0, 0, 0), (
        conf.table() + f"\n{conf.missed}\n{conf.extra}\n{conf.wrong_column}\n{conf.messages}"
    )
    assert total.exact == len(expected) > 30


@pytest.mark.skipif(not VALE_BIN.is_file(), reason="no Vale binary at ../shared/tools/vale/vale")
def test_recorded_ignores_output_is_what_the_binary_prints(tmp_path: Path) -> None:
    shutil.copytree(FORMATS, tmp_path / "formats")
    project = tmp_path / "ignores"
    shutil.copytree(IGNORES, project)
    proc = subprocess.run(
        [str(VALE_BIN), "--output=line", "--sort", "--no-exit", *IGNORED_FILES],
        cwd=project, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    recorded = (IGNORES / "vale-3.7.1.txt").read_text(encoding="utf-8")
    assert sorted(proc.stdout.splitlines()) == sorted(recorded.splitlines())
