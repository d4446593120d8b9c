"""Shared test helpers: building documents and running the CLI in a folder."""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from msglint.cli import app
from msglint.model import Document, Role
from msglint.parse import parse

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "acme"


def make_doc(
    text: str,
    fmt: str = "markdown",
    role: Role = Role.DOCS,
    path: str = "doc.md",
    source: str = "test",
) -> Document:
    """Parse `text` as a document of `fmt` from a source named `source`."""
    return parse(text, fmt, source=source, role=role, path=path)


@pytest.fixture(autouse=True)
def _no_history_in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """`msglint check` records runs next to the config (.msglint/history.db); in tests it
    must not write into the repository (examples/acme), so history is off unless a test
    turns it on with its own database in tmp_path."""
    monkeypatch.setenv("MSGLINT_NO_HISTORY", "1")


@pytest.fixture
def run_cli():
    """Run the msglint CLI in a folder; returns the click Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(args: list[str], cwd: Path):
        old = Path.cwd()
        os.chdir(cwd)
        try:
            return runner.invoke(app, args, catch_exceptions=False)
        finally:
            os.chdir(old)

    return run


@pytest.fixture
def site():
    """The test web server (tests/webserver.py) on 127.0.0.1 for one test. Imported here
    only when a test asks for it: the module builds its gzip bomb on import."""
    from tests.webserver import Site

    server = Site().start()
    yield server
    server.stop()


def web_items(config: Path, **options: Any) -> list[Any]:
    """What the first source of `config` reads from the web (`read_web`), as a list."""
    from msglint.config import load
    from msglint.sources.web import WebOptions, read_web

    loaded = load(config)
    return list(read_web(loaded.config.sources[0], loaded, WebOptions(**options)))


def json_report(root: Path, **options: Any) -> bytes:
    """`msglint check -f json --fail-on never` of the project at `root` (no history), with
    `options` as CheckOptions: the bytes two runs are compared by."""
    from msglint.app.check import CheckOptions, check
    from msglint.config import resolve
    from msglint.report import ReportOptions
    from msglint.report.json import render

    done = check(resolve(None, root, None), CheckOptions(history=False, **options), root)
    return render(done.result, ReportOptions(fail_on="never"))


DOCS_CONFIG = """\
sources:
  - name: docs
    role: docs
    paths: ["docs/"]
packs: [rules/]
"""


def docs_project(root: Path, rules: str, name: str, data: str | bytes) -> Path:
    """A project with one `docs` source (docs/), the rule file `rules`, and one page
    docs/`name` holding `data`; returns the page's path."""
    (root / "docs").mkdir()
    (root / "rules").mkdir()
    (root / "msglint.yaml").write_text(DOCS_CONFIG)
    (root / "rules" / "t.yaml").write_text(rules)
    page = root / "docs" / name
    if isinstance(data, bytes):
        page.write_bytes(data)
    else:
        page.write_text(data, encoding="utf-8")
    return page


def rule_cases(folder: Path) -> list[Any]:
    """The cases of sqlfluff-style fixture files: each YAML file in `folder` has a `rule:`
    block and named cases; one pytest param (rule, case) per case, id `file::name`."""
    params = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule = data.pop("rule")
        for name, case in data.items():
            params.append(pytest.param(rule, case, id=f"{path.name}::{name}"))
    return params


def gzip_members(data: bytes) -> list[bytes]:
    """The decompressed gzip members of `data`, in order (a WARC file: one per record)."""
    out: list[bytes] = []
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out.append(d.decompress(data) + d.flush())
        data = d.unused_data
    return out
