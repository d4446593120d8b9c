"""File names that are not text: shown escaped everywhere, never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from canary import assert_canary, project, run

from msglint.sources.files import on_disk, shown

BAD = os.fsdecode(b"bad\xffname.html")  # not UTF-8: Python keeps the byte as '\udcff'
ANSI = "red\x1b[31mname.html"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")


def test_names_are_shown_escaped_and_found_again(tmp_path: Path) -> None:
    assert shown(BAD) == "bad\\xffname.html"
    assert shown(ANSI) == "red\\x1b[31mname.html"
    assert shown("café/ok.html") == "café/ok.html"
    (tmp_path / BAD).write_text("x")
    assert on_disk(tmp_path, shown(BAD)) == tmp_path / BAD
    assert on_disk(tmp_path, "plain.html") == tmp_path / "plain.html"


def test_cli_file_name_not_utf8(tmp_path: Path) -> None:
    """Issue 14: `bad\\xffname.html` crashed the run: UnicodeEncodeError, surrogates not
    allowed (in the fingerprint, then in every report)."""
    page = "<html><body><h1>Bad</h1><p>Release date: TBD.</p></body></html>"
    root = project(tmp_path, files={BAD: page, ANSI: page})
    result = run(root)
    assert result.code == 1
    assert "msglint.placeholder-text" in result.rules("hostile/bad\\xffname.html")
    assert "msglint.placeholder-text" in result.rules("hostile/red\\x1b[31mname.html")
    assert "hostile/bad\\xffname.html" in result.stdout
    assert "\x1b" not in result.stdout
    for fmt in ("sarif", "junit", "github", "html"):
        out = tmp_path / f"report.{fmt}"
        done = subprocess.run(
            [sys.executable, "-m", "msglint", "check", "-f", fmt, "-o", str(out)],
            cwd=root,
            capture_output=True,
            timeout=180,
            env={**os.environ, "MSGLINT_NO_HISTORY": "1"},
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert "xffname.html" in out.read_text(encoding="utf-8")  # as each format escapes
    assert_canary(result)


def test_cli_fix_writes_the_file_with_the_bad_name(tmp_path: Path) -> None:
    root = project(tmp_path, role="docs", files={BAD.replace(".html", ".md"): "Send an e-mail.\n"})
    result = run(root, "--fix")
    assert result.code == 1
    assert (root / "hostile" / BAD.replace(".html", ".md")).read_text() == "Send an email.\n"
