"""A new user's first hour (issue 14): `init`, then `check`, as typed in a terminal or CI.

Each step runs msglint in a child process whose output goes to a pipe, as in CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from msglint.formats import OUTPUT_FORMATS

PRODUCT = (
    "<html><body><h1>Acme Widget</h1><p class='price'>{price}</p><p>SKU: ACM-1</p>"
    "<p>Every widget comes with a 2-year warranty.</p></body></html>"
)
# The brand's pricing page: two plans in one sentence, no product data.
PRICING = (
    "<html><body><h1>Pricing</h1><p>Starter is $49 per month and Pro is $89 per month.</p>"
    "<p>All prices exclude VAT.</p></body></html>"
)


def msglint(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    environ = {**os.environ, "MSGLINT_NO_HISTORY": "1", **(env or {})}
    environ.pop("COLUMNS", None)
    if env and "COLUMNS" in env:
        environ["COLUMNS"] = env["COLUMNS"]
    return subprocess.run(
        [sys.executable, "-m", "msglint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
        check=False,
    )


def test_init_then_check_in_an_empty_folder_passes(tmp_path: Path) -> None:
    assert msglint(tmp_path, "init").returncode == 0
    done = msglint(tmp_path, "check", "-f", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    findings = json.loads(done.stdout)["findings"]
    # No folder exists yet: each source says it matched no files, as a warning, once.
    assert sorted((f["rule"], f["severity"], f["source"]) for f in findings) == [
        ("msglint.source-empty", "warning", "brand"),
        ("msglint.source-empty", "warning", "docs"),
        ("msglint.source-empty", "warning", "partner-one"),
    ]


def test_starter_reports_each_problem_once(tmp_path: Path) -> None:
    """The starter rules/brand.yaml repeated the consistency pack's rules, so a wrong
    partner price was `brand.map-price` and `msglint.price-mismatch` both."""
    msglint(tmp_path, "init")
    for folder in ("site", "partners/partner-one", "docs"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "site" / "widget.html").write_text(PRODUCT.format(price="$99.00"))
    (tmp_path / "site" / "pricing.html").write_text(PRICING)
    partner = PRODUCT.format(price="$79.00").replace("2-year", "3-year")
    (tmp_path / "partners" / "partner-one" / "widget.html").write_text(partner)
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nSign in with your account.\n")
    done = msglint(tmp_path, "check", "-f", "json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    findings = report["findings"]
    by_place = Counter(
        (f["location"]["path"], json.dumps(f.get("field") or f["message"], sort_keys=True))
        for f in findings
    )
    assert all(n == 1 for n in by_place.values()), by_place
    rules = {f["rule"] for f in findings}
    assert {"msglint.price-mismatch", "msglint.claim-mismatch"} <= rules, rules
    assert not {r for r in rules if r.startswith("brand.") and "price" in r}
    # The plans page is no product "Pricing": no record of it, no finding about it.
    names = [r["name"] for recs in report["records"].values() for r in recs]
    assert "Pricing" not in names
    assert not [f for f in findings if "Pricing" in f["message"]]


def test_starter_config_lists_every_output_format(tmp_path: Path) -> None:
    msglint(tmp_path, "init")
    config = (tmp_path / "msglint.yaml").read_text()
    line = config[config.index("format: console") :].split("\n\n")[0]
    for fmt in OUTPUT_FORMATS:
        assert fmt in line, fmt


def test_piped_output_does_not_wrap_at_80_columns(tmp_path: Path) -> None:
    msglint(tmp_path, "init")
    (tmp_path / "docs").mkdir()
    long_name = "a-rather-long-folder-name-for-the-guide/" * 3
    (tmp_path / "docs" / long_name).mkdir(parents=True)
    (tmp_path / "docs" / long_name / "guide.md").write_text(
        "# Guide\n\nPlease log in to the OldProduct console to manage every device you own.\n"
    )
    done = msglint(tmp_path, "check")
    lines = done.stdout.splitlines()
    summary = [x for x in lines if "finding(s) in" in x]
    assert len(summary) == 1 and "(fail on: error;" in summary[0], done.stdout
    assert any(x.strip() == f"docs/{long_name}guide.md" for x in lines), done.stdout
    narrow = msglint(tmp_path, "check", env={"COLUMNS": "60"})  # asked for: honoured
    wrapped = [x for x in narrow.stdout.splitlines() if "finding(s) in" in x]
    assert len(wrapped) == 1 and len(wrapped[0]) <= 60, narrow.stdout


def test_history_table_header_is_whole_when_piped(tmp_path: Path) -> None:
    msglint(tmp_path, "init")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\nlog in here.\n")
    environ = {**os.environ}
    environ.pop("MSGLINT_NO_HISTORY", None)
    environ.pop("COLUMNS", None)
    for args in (["check"], ["history"]):
        done = subprocess.run(
            [sys.executable, "-m", "msglint", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=environ,
            timeout=300,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    header = next(x for x in done.stdout.splitlines() if x.strip().startswith("run"))
    assert header.split() == [
        "run",
        "time",
        "config",
        "total",
        "error",
        "warning",
        "info",
        "new",
        "fixed",
        "overdue",
    ]
