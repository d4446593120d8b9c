"""Silent losses: every input that yields nothing says why, once.

An unreadable folder, a catalog with a header and no rows, and a mistyped path on the
command line used to give no finding at all (the last one "0 finding(s) in 0 document(s)"
and exit 0, so a typo passed CI).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from canary import assert_canary, project, run

#: A folder even root may not list in a container without CAP_SYS_ADMIN.
_PROC_LOCKED = Path("/proc/1/map_files")


def _unreadable_folder(at: Path) -> None:
    """A real folder the process may not list: mode 000, or, for root (whom modes do not
    stop), a link to a folder the kernel refuses to list."""
    at.mkdir()
    (at / "page.html").write_text("<h1>Hidden</h1>")
    at.chmod(0)
    if os.access(at, os.R_OK):  # root
        at.chmod(0o755)
        (at / "page.html").unlink()
        at.rmdir()
        try:
            os.listdir(_PROC_LOCKED)
        except PermissionError:
            at.symlink_to(_PROC_LOCKED)
        else:
            pytest.skip("running as root with no folder the kernel refuses to list")


def test_cli_unreadable_folder_is_a_source_error(tmp_path: Path) -> None:
    root = project(tmp_path, files={"ok.md": "# Fine\n"}, source="")
    _unreadable_folder(root / "locked")
    config = root / "msglint.yaml"
    config.write_text(config.read_text().replace('["hostile/"]', '["hostile/", "locked"]'))
    try:
        result = run(root)
    finally:
        if not (root / "locked").is_symlink():
            (root / "locked").chmod(0o755)
    assert result.code == 1
    locked = [f for f in result.findings if f["location"]["path"] == "locked"]
    assert [f["rule"] for f in locked] == ["msglint.source-error"]
    assert "cannot read folder: Permission denied" in locked[0]["message"]
    assert_canary(result)


def test_cli_header_only_csv_says_it_has_no_rows(tmp_path: Path) -> None:
    result = run(project(tmp_path, files={"empty.csv": "sku,name,price\n"}))
    assert result.code == 1
    found = [f for f in result.findings if f["location"]["path"] == "hostile/empty.csv"]
    assert [(f["rule"], f["severity"]) for f in found] == [("msglint.extract-error", "warning")]
    assert "the catalog has no product rows" in found[0]["message"]
    assert_canary(result)


def test_cli_empty_json_catalog_says_why(tmp_path: Path) -> None:
    result = run(project(tmp_path, files={"empty.json": "[]"}))
    found = [f for f in result.findings if f["location"]["path"] == "hostile/empty.json"]
    assert len(found) == 1 and found[0]["rule"] == "msglint.extract-error"
    assert_canary(result)


def test_cli_mistyped_path_is_a_usage_error(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = run(root, "nope.html")
    assert result.code == 2
    assert "nope.html: no such file or folder" in result.stderr + result.stdout


def test_cli_path_outside_every_source_is_a_usage_error(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "stray.html").write_text("<h1>Stray</h1>")
    result = run(root, "stray.html")
    assert result.code == 2
    assert "stray.html: not a file of any source in msglint.yaml" in result.stderr + result.stdout
    partial = run(root, "canary/widget.html")  # a path of a source still runs
    assert partial.code == 0 and partial.rules("canary/widget.html")


def test_cli_warranty_in_a_distributor_csv_description_is_compared(tmp_path: Path) -> None:
    """Issue 14: a "3-year warranty" inside a distributor CSV's description (the brand
    says 2 years) was not reported: catalog cells were read as records, never as prose."""
    csv = (
        "sku,name,price,description\n"
        'ACM-1,Acme Widget,99.00,"Sturdy widget for home use. Includes a 3-year warranty."\n'
    )
    root = project(tmp_path, files={"distributor.csv": csv})
    reference = root / "site" / "widget.html"
    reference.write_text(
        reference.read_text().replace(
            "</body>", "<p>Every widget has a 2-year warranty.</p></body>"
        )
    )
    result = run(root)
    assert result.code == 1
    [claim] = [f for f in result.findings if f["location"]["path"] == "hostile/distributor.csv"]
    assert claim["rule"] == "msglint.claim-mismatch"
    assert claim["message"] == (
        "Warranty '3-year warranty' differs from the brand's '2-year warranty' for 'Acme Widget'."
    )
    assert claim["location"]["line"] == 2  # the row, at its description cell
    assert_canary(result)
