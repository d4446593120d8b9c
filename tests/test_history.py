"""The run history: lifecycles, SLAs, the CLI, two writers at once, and a run killed mid-write.

Real SQLite files in tmp_path and real processes; nothing is mocked.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import REPO
from msglint import history
from msglint.model import Finding, Location, Severity
from msglint.model.result import ConfigInfo, RunResult
from msglint.model.serial import finding_dict

SRC = str(REPO / "src")
CONFIG = """\
sources:
  - name: docs
    role: docs
    paths: ["docs/"]
    sla: {error: 7d, warning: 2w}
packs: [general]
history: {path: state/history.db}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("MSGLINT_NO_HISTORY", raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "msglint.yaml").write_text(CONFIG)
    (tmp_path / "docs" / "a.md").write_text("Release date: TBD.\n\nLorem ipsum dolor.\n")
    return tmp_path


def _finding(fp: str, severity: Severity = Severity.ERROR, source: str = "shop") -> Finding:
    return Finding(
        rule="r",
        severity=severity,
        message=f"m {fp}",
        source=source,
        location=Location(path="p"),
        fingerprint=fp,
    )


def _record(db: Path, fps: list[str], now, partial: bool = False, slas=None) -> list[Finding]:
    findings = [_finding(fp) for fp in fps]
    history.record(
        db,
        findings,
        config_digest="d",
        config_path=None,
        partial=partial,
        scores={"shop": 80.0},
        slas=slas or {},
        now=now,
    )
    return findings


def test_a_finding_lives_from_first_seen_to_fixed_and_can_come_back(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    t0 = history.parse_iso("2025-03-01T10:00:00Z")
    _record(db, ["a:1", "b:1"], t0)
    second = _record(db, ["a:1"], t0 + timedelta(days=1))
    assert second[0].first_seen == "2025-03-01T10:00:00Z"
    # A partial run fixes nothing, but what it sees again starts a new life (b).
    _record(db, ["a:1", "b:1"], t0 + timedelta(days=2), partial=True)
    back = _record(db, ["b:1"], t0 + timedelta(days=3))
    assert back[0].first_seen == "2025-03-03T10:00:00Z"
    runs = history.runs(db)
    assert [(r["new"], r["fixed"]) for r in runs] == [(2, 0), (0, 1), (1, 0), (0, 1)]
    with sqlite3.connect(db) as conn:
        lives = dict(conn.execute("SELECT fingerprint, fixed_at FROM lives"))
    assert lives == {"a:1": "2025-03-04T10:00:00Z", "b:1": None}
    assert history.open_findings(db) == {"shop": 1}


def test_sla_marks_findings_open_too_long_as_overdue(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    t0 = history.parse_iso("2025-03-01T10:00:00Z")
    slas = {"shop": {"error": (7 * 24, "7d")}}
    first = _record(db, ["a:1"], t0, slas=slas)
    assert first[0].overdue is None
    late = _record(db, ["a:1"], t0 + timedelta(days=9, hours=2), slas=slas)
    assert late[0].overdue == "open 9d; SLA 7d"
    assert finding_dict(late[0])["overdue"] == "open 9d; SLA 7d"
    assert history.runs(db)[-1]["overdue"] == 1
    assert history.trends(db)["shop"][-1]["overdue"] == 1
    from msglint.report import ReportOptions
    from msglint.report.console import render

    result = RunResult(findings=late, config=ConfigInfo(None, "d"), documents={"shop": ["a"]})
    shown = render(result, ReportOptions())
    assert "overdue: open 9d; SLA 7d  first seen 2025-03-01T10:00:00Z" in shown


def test_check_records_runs_and_history_command_lists_them(project: Path, run_cli) -> None:
    for _ in range(2):
        result = run_cli(["check", "-f", "json", "--fail-on", "never"], project)
        assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert all(f["first_seen"].endswith("Z") for f in report["findings"])
    assert "overdue" not in report["findings"][0]  # seconds old, SLA 7d
    console = run_cli(["check", "--fail-on", "never"], project)
    assert "first seen" not in console.stdout  # only overdue findings show their age
    listed = run_cli(["history", "-f", "json"], project)
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.stdout)
    assert [r["findings"] for r in data["runs"]] == [2, 2, 2]
    assert data["open"] == {"docs": 2}
    table = run_cli(["history"], project)
    assert table.exit_code == 0 and "Trends per source" in table.stdout
    assert run_cli(["check", "--no-history"], project).exit_code == 1
    assert len(history.runs(project / "state" / "history.db")) == 3


def test_baselined_findings_stay_open_in_the_history(project: Path, run_cli) -> None:
    """A baseline hides findings from the report, not from the history: they are still
    there, so the run records them as open and their clocks keep running."""
    db = project / "state" / "history.db"
    first = run_cli(["check", "-f", "json", "--fail-on", "never"], project)
    started = {f["fingerprint"]: f["first_seen"] for f in json.loads(first.stdout)["findings"]}
    assert len(started) == 2
    assert run_cli(["baseline"], project).exit_code == 0
    hidden = run_cli(["check", "-f", "json", "--baseline", ".msglint-baseline.json"], project)
    assert hidden.exit_code == 0, hidden.output
    assert json.loads(hidden.stdout)["findings"] == []
    last = history.runs(db)[-1]
    assert (last["findings"], last["new"], last["fixed"]) == (2, 0, 0)
    assert history.open_findings(db) == {"docs": 2}
    again = run_cli(["check", "-f", "json", "--fail-on", "never"], project)
    assert {f["fingerprint"]: f["first_seen"] for f in json.loads(again.stdout)["findings"]} == (
        started
    )


def test_history_off_in_config_writes_nothing(project: Path, run_cli) -> None:
    (project / "msglint.yaml").write_text(CONFIG.replace("{path:", "{enabled: false, path:"))
    run_cli(["check"], project)
    assert not (project / "state").exists()


def test_bad_sla_duration_is_a_config_error_with_position(project: Path, run_cli) -> None:
    (project / "msglint.yaml").write_text(CONFIG.replace("error: 7d", "error: 7 days"))
    result = run_cli(["check"], project)
    assert result.exit_code == 2
    assert "msglint.yaml:5:18: sources.0.sla.error: not a duration: '7 days'" in result.stderr
    assert "Traceback" not in result.output


def test_history_command_without_a_database_is_a_clear_error(project: Path, run_cli) -> None:
    result = run_cli(["history"], project)
    assert result.exit_code == 2
    assert "no history at" in result.stderr


_WRITER = """
import sys
from datetime import datetime, UTC
from pathlib import Path
from msglint import history
from msglint.model import Finding, Location, Severity
db, tag, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for run in range(n):
    findings = [
        Finding(rule="r", severity=Severity.WARNING, message="m", source=tag,
                location=Location(path="p"), fingerprint=f"{tag}-{i}:1")
        for i in range(200)
    ]
    history.record(db, findings, config_digest=tag, config_path=None, partial=True,
                   scores={tag: 50.0}, slas={})
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC}


def _consistent(db: Path) -> list[tuple[int, int, int]]:
    """integrity_check passes, and every run holds exactly the findings it counted."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute(
            "SELECT r.id, r.findings, (SELECT COUNT(*) FROM run_findings f WHERE f.run_id = r.id)"
            " FROM runs r ORDER BY r.id"
        ).fetchall()
    for _, counted, stored in rows:
        assert counted == stored
    return rows


def test_two_processes_recording_at_once_stay_consistent(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(db), tag, "15"], env=_env())
        for tag in ("one", "two")
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0
    rows = _consistent(db)
    assert len(rows) == 30
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM lives").fetchone() == (400,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


_KILLED = """
import sys, time
from pathlib import Path
from msglint import history
from msglint.model import Finding, Location, Severity
db = Path(sys.argv[1])
def findings(tag):
    return [Finding(rule="r", severity=Severity.ERROR, message="m", source="s",
                    location=Location(path="p"), fingerprint=f"{tag}-{i}:1") for i in range(500)]
history.record(db, findings("done"), config_digest="d", config_path=None, partial=False,
               scores={}, slas={})
real = history._unique_rows
def stall(run_id, fs):
    # Half the rows are written inside the open transaction, then the process stalls.
    rows = list(real(run_id, fs))
    yield from rows[:250]
    print("MIDWRITE", flush=True)
    time.sleep(60)
    yield from rows[250:]
history._unique_rows = stall
history.record(db, findings("killed"), config_digest="d", config_path=None, partial=False,
               scores={}, slas={})
"""


def test_a_run_killed_mid_write_leaves_only_complete_runs(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_KILLED), str(db)],
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "MIDWRITE"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    rows = _consistent(db)
    assert [(r[1], r[2]) for r in rows] == [(500, 500)]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM lives WHERE fixed_at IS NULL").fetchone() == (
            500,
        )
    # The next run goes on from the complete state.
    _record(db, ["done-0:1"], history.now_utc())
    runs = history.runs(db)
    assert [(r["new"], r["fixed"]) for r in runs] == [(500, 0), (0, 499)]


def test_a_broken_history_is_a_warning_and_the_report_still_comes(project: Path, run_cli):
    (project / "state").mkdir()
    (project / "state" / "history.db").write_text("not a database\n" * 100)
    result = run_cli(["check", "-f", "json", "--fail-on", "never"], project)
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["findings"]) == 2
    assert "was not recorded" in result.stderr and "not a usable msglint history" in result.stderr
