"""msglint against the Vale 3.7.1 binary on generated documentation (skipped without it).

The prose benchmark's generator (benchmarks/prose.py) writes product pages, support
articles, release notes and comparisons with headings, lists, tables, code, links and
planted style problems; the Google, Microsoft and write-good styles from
../shared/data/vale-styles lint them. Vale's alerts and msglint's must agree exactly:
same file, line, column, rule and message.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from msglint import vale
from msglint.model import Document, Role
from msglint.vale.conformance import compare, run_vale

SHARED = Path(__file__).resolve().parents[2] / "shared"
VALE_BIN = SHARED / "tools" / "vale" / "vale"
STYLES = SHARED / "data" / "vale-styles"

pytestmark = pytest.mark.skipif(
    not (VALE_BIN.is_file() and STYLES.is_dir()),
    reason="no Vale binary at ../shared/tools/vale/vale (or no ../shared/data/vale-styles)",
)


@pytest.mark.parametrize("setup", ["Microsoft, Google, write-good", "Vale, write-good"])
def test_generated_corpus_gives_vales_alerts(tmp_path: Path, setup: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import prose
    finally:
        sys.path.pop(0)
    prose.generate_corpus(tmp_path / "corpus", 60, 7, prose.build_terms(7))
    for name in ("Microsoft", "Google", "write-good"):
        shutil.copytree(STYLES / name / name, tmp_path / "styles" / name)
    ini = tmp_path / ".vale.ini"
    ini.write_text(
        f"StylesPath = styles\nMinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = {setup}\n",
        encoding="utf-8",
    )
    files = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "corpus").rglob("*.md"))
    theirs = run_vale(VALE_BIN, ini, files, tmp_path)
    packs = vale.load(SimpleNamespace(config=str(ini), styles=[], min_level=None), tmp_path)
    rules = [r for p in packs for r in p.rules]
    ours = []
    for rel in files:
        doc = Document(
            source="corpus",
            role=Role.DOCS,
            path=rel,
            format="markdown",
            content=(tmp_path / rel).read_text(encoding="utf-8"),
        )
        for rule in rules:
            if rule.applies_to(doc):
                ours += [
                    (rel, f.location.line, f.location.column, f.rule, f.message)
                    for f in rule.check(doc)
                ]
    if "Vale," in setup:  # Vale embeds its own dictionary; msglint reads the system's
        theirs = [a for a in theirs if a[3] != "Vale.Spelling"]
        ours = [a for a in ours if a[3] != "Vale.Spelling"]
    report = compare(theirs, ours)
    total = report.total()
    assert (total.missed, total.extra, total.wrong_column, total.message) == (0, 0, 0, 0), (
        report.table()
    )
    assert total.exact == len(theirs) > 100
