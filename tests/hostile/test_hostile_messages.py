"""Unclear messages: each mistake is named, with its file and place, before the run or once.

Before: `-o some-folder` and `-o /missing/x` failed with "internal error" after the whole
run; `disable: ['', '*', 'no.such.rule']` was accepted without a word; a broken
pyproject.toml was ignored; a config path leading out of the project was read silently; a
truncated snapshot under --offline lost its pages without a word; `--fix --diff` did only
the diff, silently.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from canary import assert_canary, project, run, serve


def test_cli_output_to_a_folder_fails_before_the_run(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "out").mkdir()
    result = run(root, "-o", "out")
    assert result.code == 2
    assert "out: is a folder; --output takes a file name" in result.stderr
    assert "finding(s)" not in result.stdout + result.stderr  # refused before the run


def test_cli_output_into_a_missing_folder_fails_before_the_run(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = run(root, "-o", "nope/x.json")
    assert result.code == 2
    assert "nope/x.json: cannot write the report: folder nope does not exist" in result.stderr
    assert "finding(s)" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('""', "msglint.yaml:13:10: disable: an empty rule id switches off nothing"),
        ('"*"', "'*': no wildcards; name a rule id, or an id prefix ending in '.'"),
    ],
)
def test_cli_disable_entry_that_switches_nothing_off_is_an_error(
    tmp_path: Path, entry: str, message: str
) -> None:
    root = project(tmp_path, extra=f"disable: [{entry}]\n")
    result = run(root)
    assert result.code == 2
    assert message in result.stderr.replace("\n", " ")


def test_cli_disable_of_an_unknown_rule_is_warned_with_its_place(tmp_path: Path) -> None:
    root = project(tmp_path, extra="disable:\n  - msglint.coverage\n  - no.such.rule\n")
    result = run(root)
    assert result.code == 1
    assert (
        "warning: msglint.yaml:15:5: disable: 'no.such.rule' names no loaded rule"
        in result.stderr.replace("\n", " ")
    )
    assert "msglint.coverage" not in result.stderr  # a known id: no warning
    assert_canary(result)


def test_cli_broken_pyproject_is_reported(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\nRelease date: TBD.\n")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.msglint\nsources = [{name = "d", role = "docs", '
        'paths = ["docs/"]}]\n'
    )
    result = run(tmp_path)
    assert result.code == 2
    assert "pyproject.toml: not valid TOML" in result.stderr
    assert "line 4" in result.stderr


def test_cli_binary_config_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "msglint.yaml").write_bytes(b"\x00\x01\xff\xfe\x1b[2Jbinary\x00")
    result = run(tmp_path)
    assert result.code == 2
    assert "msglint.yaml: cannot read config file" in result.stderr
    assert "\x1b" not in result.stderr


def test_cli_source_path_outside_the_project_is_warned(tmp_path: Path) -> None:
    root = project(tmp_path / "inner")
    (tmp_path / "elsewhere.md").write_text("# Elsewhere\n")
    config = root / "msglint.yaml"
    config.write_text(config.read_text().replace('["docs/"]', '["docs/", "../elsewhere.md"]'))
    result = run(root)
    assert result.code == 1
    assert (
        "warning: msglint.yaml:10:22: source 'docs' path '../elsewhere.md' is outside the "
        "project" in result.stderr.replace("\n", " ")
    )
    assert_canary(result)


def test_cli_truncated_snapshot_under_offline_says_so(tmp_path: Path) -> None:
    page = b"<html><body><h1>A</h1><p>Release date: TBD. " + b"words " * 2000 + b"</p></body>"
    pages = {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b""),
        "/a.html": (200, {}, page),
        "/b.html": (200, {}, page.replace(b"<h1>A", b"<h1>B")),
    }
    with serve(pages) as base:
        root = project(
            tmp_path,
            role="docs",
            source=f'    urls: ["{base}/a.html", "{base}/b.html"]\n',
            extra="crawl: {delay: 0, concurrency: 1}\n",
        )
        assert run(root, "--refresh").code == 1
    (warc,) = root.rglob("pages.warc.gz")
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) * 2 // 3])
    result = run(root, "--offline")
    assert result.code == 1
    assert "the snapshot pages.warc.gz is truncated after byte" in result.messages()
    assert "crawl again" in result.messages()
    assert_canary(result)


def test_cli_fix_with_diff_says_it_writes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    env = {**os.environ, "MSGLINT_NO_HISTORY": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "msglint", "check", "--fix", "--diff"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert done.returncode in (0, 1)
    assert "--fix with --diff: the fixes are shown as a diff and not written" in done.stderr
