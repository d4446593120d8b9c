"""The command line: exit codes, formats, bad input without tracebacks, init, rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from msglint.checks import BUILTINS, KINDS

CONFIG = """\
sources:
  - name: docs
    role: docs
    paths: ["docs/"]
packs: [general, rules/]
"""
RULES = """\
pack: t
rules:
  - id: sign-in
    kind: terminology
    level: warning
    swap: {log in: sign in}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "msglint.yaml").write_text(CONFIG)
    (tmp_path / "rules" / "t.yaml").write_text(RULES)
    (tmp_path / "docs" / "ok.md").write_text("# Fine\n\nSign in to start.\n")
    return tmp_path


def test_clean_content_exits_0(project: Path, run_cli) -> None:
    result = run_cli(["check"], project)
    assert result.exit_code == 0, result.output
    assert "0 finding(s) in 1 document(s)" in result.stdout


def test_fail_on_levels(project: Path, run_cli) -> None:
    (project / "docs" / "warn.md").write_text("Log in first.\n")
    assert run_cli(["check"], project).exit_code == 0  # warning < error
    assert run_cli(["check", "--fail-on", "warning"], project).exit_code == 1
    assert run_cli(["check", "--fail-on", "info"], project).exit_code == 1
    (project / "docs" / "err.md").write_text("Release date: TBD.\n")
    assert run_cli(["check"], project).exit_code == 1
    assert run_cli(["check", "--fail-on", "never"], project).exit_code == 0


def test_bad_fail_level_and_format_are_usage_errors(project: Path, run_cli) -> None:
    result = run_cli(["check", "--fail-on", "sometimes"], project)
    assert result.exit_code == 2
    assert "unknown fail level 'sometimes'" in result.stderr
    result = run_cli(["check", "--format", "xml"], project)
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.stderr


def test_config_error_exit_2_with_position_and_no_traceback(project: Path, run_cli) -> None:
    (project / "rules" / "t.yaml").write_text(RULES.replace("terminology", "terminolgy"))
    result = run_cli(["check"], project)
    assert result.exit_code == 2
    assert "t.yaml:4:11: rules.0: unknown rule kind 'terminolgy'" in result.stderr.replace("\n", "")
    assert "Traceback" not in result.output


def test_bad_files_are_source_errors_and_the_rest_is_still_linted(project: Path, run_cli):
    docs = project / "docs"
    (docs / "binary.md").write_bytes(b"\x00\x01\x02PNG")
    (docs / "latin1.md").write_bytes("Caf\xe9 TBD".encode("latin-1"))
    (docs / "late.md").write_text("Log in here.\n")
    result = run_cli(["check", "--format", "json", "--fail-on", "never"], project)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    by_path = {f["location"]["path"]: f for f in report["findings"]}
    assert by_path["docs/binary.md"]["rule"] == "msglint.source-error"
    assert "binary file" in by_path["docs/binary.md"]["message"]
    assert by_path["docs/latin1.md"]["rule"] == "msglint.source-error"
    assert "not valid utf-8 (byte 0xe9 on line 1)" in by_path["docs/latin1.md"]["message"]
    assert by_path["docs/late.md"]["rule"] == "t.sign-in"  # linted after the broken files
    assert report["summary"]["documents"] == {"docs": 2}


def test_declared_encoding_reads_latin1(project: Path, run_cli) -> None:
    (project / "msglint.yaml").write_text(
        CONFIG.replace('paths: ["docs/"]', 'paths: ["docs/"]\n    encoding: latin-1')
    )
    (project / "docs" / "latin1.md").write_bytes("Caf\xe9: log in.".encode("latin-1"))
    report = json.loads(run_cli(["check", "-f", "json"], project).stdout)
    assert [f["actual"]["text"] for f in report["findings"]] == ["log in"]


def test_empty_source_is_reported(project: Path, run_cli) -> None:
    (project / "msglint.yaml").write_text(CONFIG.replace('"docs/"', '"dosc/**/*.md"'))
    report = json.loads(run_cli(["check", "-f", "json"], project).stdout)
    assert [f["rule"] for f in report["findings"]] == ["msglint.source-empty"]


def test_output_file_and_paths_filter(project: Path, run_cli) -> None:
    (project / "docs" / "a.md").write_text("Log in.\n")
    (project / "docs" / "b.md").write_text("Log in.\n")
    out = project / "report.json"
    result = run_cli(["check", "docs/a.md", "-f", "json", "-o", str(out)], project)
    assert result.stdout == ""
    report = json.loads(out.read_text())
    assert [f["location"]["path"] for f in report["findings"]] == ["docs/a.md"]


def test_no_config_uses_given_paths(tmp_path: Path, run_cli) -> None:
    (tmp_path / "notes.md").write_text("Price: {{price}}\n")
    result = run_cli(["check", "notes.md", "-f", "json"], tmp_path)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"][0]["rule"] == "msglint.template-placeholder"


def test_no_config_no_paths_explains(tmp_path: Path, run_cli) -> None:
    result = run_cli(["check"], tmp_path)
    assert result.exit_code == 2
    assert "msglint init" in result.stderr


def test_rich_markup_in_content_is_printed_literally(project: Path, run_cli) -> None:
    (project / "docs" / "x.md").write_text("Log in [bold red]now[/bold red] or [link=x]y[/link]\n")
    result = run_cli(["check"], project)
    assert "log in" in result.stdout.lower()
    (project / "rules" / "t.yaml").write_text(
        RULES.replace("swap: {log in: sign in}", "swap: {'[bold]x[/bold]': y}")
    )
    (project / "docs" / "x.md").write_text("a [bold]x[/bold] b\n")
    assert "[bold]x[/bold]" in run_cli(["check"], project).stdout


def test_init_writes_starter_and_never_overwrites(tmp_path: Path, run_cli) -> None:
    result = run_cli(["init"], tmp_path)
    assert result.exit_code == 0
    config = (tmp_path / "msglint.yaml").read_text()
    assert "role: reference" in config and "packs:" in config
    rules = (tmp_path / "rules" / "brand.yaml").read_text()
    for kind in KINDS:
        assert f"kind: {kind}" in rules
    (tmp_path / "msglint.yaml").write_text("# mine\n")
    result = run_cli(["init"], tmp_path)
    assert (tmp_path / "msglint.yaml").read_text() == "# mine\n"
    assert "left unchanged" in result.stderr


def test_starter_config_loads_and_runs(tmp_path: Path, run_cli) -> None:
    run_cli(["init"], tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("OldProduct works over wifi.\n")
    report = json.loads(run_cli(["check", "-f", "json"], tmp_path).stdout)
    rules = sorted(f["rule"] for f in report["findings"])
    assert rules == [
        "brand.product-names",
        "brand.retired-names",
        "msglint.source-empty",
        "msglint.source-empty",
    ]


def test_rules_list_and_explain(project: Path, run_cli) -> None:
    listed = run_cli(["rules", "list"], project)
    assert "t.sign-in" in listed.stdout and "msglint.placeholder-text" in listed.stdout
    explained = run_cli(["rules", "explain", "t.sign-in"], project)
    assert explained.exit_code == 0
    for heading in ("What it checks", "Why it matters", "Example (flagged)", "Example (fine)"):
        assert heading in explained.stdout
    unknown = run_cli(["rules", "explain", "t.nope"], project)
    assert unknown.exit_code == 2 and "no rule 't.nope'" in unknown.stderr


def test_msglints_own_rules_are_listed_and_explained(project: Path, run_cli) -> None:
    listed = run_cli(["rules", "list"], project).stdout
    for rule_id in BUILTINS:
        assert rule_id in listed
    explained = run_cli(["rules", "explain", "msglint.self-price-mismatch"], project)
    assert explained.exit_code == 0, explained.output
    assert "structured data" in explained.stdout and "What it checks" in explained.stdout


@pytest.mark.parametrize("kind", [*KINDS, *BUILTINS])
def test_every_kind_documents_itself(kind: str) -> None:
    doc = (KINDS.get(kind) or BUILTINS[kind]).explain()
    for heading in (
        "**What it checks**",
        "**Why it matters**",
        "**Example (flagged)**",
        "**Example (fine)**",
        "**Options**",
    ):
        assert heading in doc, f"{kind} lacks {heading}"


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom msglint.cli import app\n"
        "r = CliRunner().invoke(app, ['--help'])\nassert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('spacy', 'pydantic', 'selectolax', 'rapidfuzz', 'yaml') "
        "if m in sys.modules]\nprint(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _help_env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "100"}


def test_saved_help_is_what_typer_renders() -> None:
    """`msglint --help` prints data/cli_help.txt without importing typer (issue 20: help
    under 100 ms); it must stay what the commands render (MSGLINT_REGENERATE=1 rewrites)."""
    from msglint import cli

    code = "import sys\nsys.argv = ['msglint', '--help']\nfrom msglint.cli import _app\n_app()()\n"
    rendered = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_help_env()
    )
    assert rendered.returncode == 0, rendered.stderr
    saved = Path(cli.__file__).parents[1].joinpath(*cli.HELP_FILE)
    if os.environ.get("MSGLINT_REGENERATE"):
        saved.write_text(rendered.stdout, encoding="utf-8")
    assert rendered.stdout == saved.read_text(encoding="utf-8")


def test_help_fast_path_prints_the_saved_help_without_typer() -> None:
    code = (
        "import sys\nsys.argv = ['msglint', '--help']\nfrom msglint.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('typer' in sys.modules, 'msglint.cli.check' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_help_env()
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Usage: msglint [OPTIONS] COMMAND [ARGS]...")
    assert "check " in out.stdout and "reference " in out.stdout
    assert out.stderr.strip() == "False False"
    narrow = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "60"},
    )
    assert narrow.stderr.strip() == "True True"  # typer renders for a narrow terminal


def test_version(run_cli, tmp_path: Path) -> None:
    from msglint import __version__

    assert run_cli(["--version"], tmp_path).stdout.strip() == f"msglint {__version__}"
