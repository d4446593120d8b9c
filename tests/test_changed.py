"""`--changed-since REF`: only changed (and untracked) files, and for cross-source rules only the
groups that touch a change; clear errors outside git or for a bad ref."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    project = tmp_path / "acme"
    shutil.copytree(EXAMPLE, project)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "start")
    return project


def _findings(run_cli, cwd: Path, *args: str) -> list[tuple[str, str]]:
    result = run_cli(["check", "-f", "json", *args], cwd)
    assert result.exit_code in (0, 1), result.output
    return sorted((f["rule"], f["location"]["path"]) for f in json.loads(result.stdout)["findings"])


def test_nothing_changed_nothing_reported(repo: Path, run_cli) -> None:
    assert _findings(run_cli, repo, "--changed-since", "HEAD") == []


def test_changed_docs_file_and_untracked_file(repo: Path, run_cli) -> None:
    page = repo / "docs" / "acmecloud-drive.md"
    page.write_text(page.read_text() + "\nConnect over Wifi.\n")
    (repo / "docs" / "new.md").write_text("Log in to start.\n")
    everything = _findings(run_cli, repo)
    got = _findings(run_cli, repo, "--changed-since", "HEAD")
    assert got == [f for f in everything if f[1] in {"docs/acmecloud-drive.md", "docs/new.md"}]
    assert ("acme.sign-in", "docs/new.md") in got


def test_changed_reference_page_brings_its_partner_groups(repo: Path, run_cli) -> None:
    ref = repo / "site" / "products" / "airrouter-ax5400-pro.html"
    ref.write_text(ref.read_text() + "\n")
    got = _findings(run_cli, repo, "--changed-since", "HEAD")
    partner = "partners/shopright/products/airrouter-ax5400-pro.html"
    assert ("msglint.price-mismatch", partner) in got
    full = json.loads(run_cli(["check", "-f", "json"], repo).stdout)["findings"]
    expected = sorted(
        (f["rule"], f["location"]["path"])
        for f in full
        if f["location"]["path"] == "site/products/airrouter-ax5400-pro.html"
        or ((f["reference"] or {}).get("location") or {}).get("path")
        == "site/products/airrouter-ax5400-pro.html"
    )
    assert got == expected


def test_not_a_git_repository_and_bad_ref(tmp_path: Path, repo: Path, run_cli) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(EXAMPLE, plain)
    result = run_cli(["check", "--changed-since", "HEAD"], plain)
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr
    result = run_cli(["check", "--changed-since", "no-such-branch"], repo)
    assert result.exit_code == 2
    assert "'no-such-branch' is not a known git ref" in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
