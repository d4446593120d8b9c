"""The run history: every `msglint check` recorded in SQLite, and each finding's life.

One file (`.msglint/history.db` by default) holds the runs (time, config digest, counts,
per-source scores), the fingerprints each run found, and one *life* per fingerprint: first
seen, last seen, fixed (the first complete run that no longer found it; a finding that comes
back is open again). Partner SLAs turn a life's age into `Finding.overdue`. A life that is
fixed is also copied to `fixes`, which only grows: a finding that comes back starts a new
life in `lives`, and its earlier fix stays countable for time-to-fix (msglint.scorecard).

Why SQLite from the standard library: one file, no server, safe for two runs at once. WAL
lets readers go on while a run writes; a busy timeout makes a second writer wait instead of
failing; each run is one `BEGIN IMMEDIATE` transaction, so a run killed half-way leaves the
database exactly as it was before it (only complete runs are ever visible).
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from msglint.errors import MsglintError
from msglint.model import Finding

BUSY_TIMEOUT_MS = 30_000
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL,
  config_digest TEXT NOT NULL,
  config_path TEXT,
  partial INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  infos INTEGER NOT NULL,
  new INTEGER NOT NULL,
  fixed INTEGER NOT NULL,
  overdue INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS run_sources (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  source TEXT NOT NULL,
  score REAL,
  findings INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  infos INTEGER NOT NULL,
  overdue INTEGER NOT NULL,
  PRIMARY KEY (run_id, source)
);
CREATE TABLE IF NOT EXISTS run_findings (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  fingerprint TEXT NOT NULL,
  source TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  PRIMARY KEY (run_id, fingerprint)
);
CREATE TABLE IF NOT EXISTS lives (
  fingerprint TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  first_run INTEGER NOT NULL,
  last_seen TEXT NOT NULL,
  last_run INTEGER NOT NULL,
  fixed_at TEXT,
  fixed_run INTEGER
);
CREATE INDEX IF NOT EXISTS lives_open ON lives (fixed_at);
CREATE TABLE IF NOT EXISTS fixes (
  fingerprint TEXT NOT NULL,
  source TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  fixed_at TEXT NOT NULL,
  fixed_run INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS fixes_time ON fixes (fixed_at);
CREATE INDEX IF NOT EXISTS fixes_fingerprint ON fixes (fingerprint);
"""
#: A database made before `fixes` existed: its fixed lives are copied once.
_BACKFILL = """
INSERT INTO fixes (fingerprint, source, rule, severity, message, first_seen, fixed_at, fixed_run)
  SELECT fingerprint, source, rule, severity, message, first_seen, fixed_at, fixed_run
  FROM lives WHERE fixed_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fixes');
INSERT OR IGNORE INTO meta (key, value) VALUES ('fixes', 'kept');
"""


class HistoryError(MsglintError):
    """The history database cannot be opened, read or written."""


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create) the database: WAL, busy timeout, schema; autocommit mode so that
    every transaction is spelled out."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise HistoryError(f"history {path}: cannot open: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _prepare(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise HistoryError(f"history {path}: not a usable msglint history: {exc}") from None
    return conn


def _prepare(conn: sqlite3.Connection) -> None:
    """WAL mode and the schema. Two runs creating the database at the same moment can get
    "database is locked" from the switch to WAL, which SQLite does not retry through the
    busy timeout, so it is retried here, within the same time budget."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.executescript(
                "BEGIN IMMEDIATE;"
                + _SCHEMA
                + "INSERT OR IGNORE INTO meta (key, value) VALUES "
                + f"('schema_version', '{SCHEMA_VERSION}');"
                + _BACKFILL
                + "COMMIT;"
            )
            return
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


@dataclass(frozen=True, slots=True)
class Recorded:
    """What recording a run did, for the console."""

    run_id: int
    new: int
    fixed: int
    overdue: int


def overdue_reason(age: timedelta, sla_hours: int, sla_text: str) -> str | None:
    """ "open 9d; SLA 7d" when `age` is past the SLA, else None."""
    if age <= timedelta(hours=sla_hours):
        return None
    days = age.days
    open_for = f"{days}d" if days >= 1 else f"{int(age.total_seconds() // 3600)}h"
    return f"open {open_for}; SLA {sla_text}"


def record(
    path: Path,
    findings: list[Finding],
    *,
    config_digest: str,
    config_path: str | None,
    partial: bool,
    scores: dict[str, float | None],
    slas: dict[str, dict[str, tuple[int, str]]],
    now: datetime | None = None,
) -> Recorded:
    """Record one run and fill each finding's `first_seen` and `overdue`.

    `slas` maps a source to severity -> (hours, as written). A partial run (`check PATH`)
    sees only part of the content, so it fixes nothing.
    """
    moment = now or now_utc()
    stamp = iso(moment)
    with closing(connect(path)) as conn:
        try:
            return _record(
                conn, findings, stamp, moment, config_digest, config_path, partial, scores, slas
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise HistoryError(f"history {path}: cannot record the run: {exc}") from None


def _record(
    conn: sqlite3.Connection,
    findings: list[Finding],
    stamp: str,
    moment: datetime,
    config_digest: str,
    config_path: str | None,
    partial: bool,
    scores: dict[str, float | None],
    slas: dict[str, dict[str, tuple[int, str]]],
) -> Recorded:
    conn.execute("BEGIN IMMEDIATE")
    sev = Counter(f.severity.value for f in findings)
    cur = conn.execute(
        "INSERT INTO runs (time, config_digest, config_path, partial, findings, errors, "
        "warnings, infos, new, fixed, overdue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
        (
            stamp,
            config_digest,
            config_path,
            int(partial),
            len(findings),
            sev["error"],
            sev["warning"],
            sev["info"],
        ),
    )
    run_id = int(cur.lastrowid or 0)
    known = {
        fp: (first, fixed)
        for fp, first, fixed in conn.execute("SELECT fingerprint, first_seen, fixed_at FROM lives")
    }
    overdue_by_source: Counter[str] = Counter()
    seen: set[str] = set()
    started: list[tuple[Any, ...]] = []  # new lives, or lives back after a fix
    continued: list[tuple[Any, ...]] = []
    for f in findings:
        fp = f.fingerprint
        if fp in seen:
            continue
        seen.add(fp)
        life = known.get(fp)
        if life is None or life[1] is not None:
            first = stamp
            started.append(
                (fp, f.source, f.rule, f.severity.value, f.message, stamp, run_id, stamp, run_id)
            )
        else:
            first = life[0]
            continued.append((stamp, run_id, f.severity.value, f.message, fp))
        f.first_seen = first
        sla = slas.get(f.source, {}).get(f.severity.value)
        if sla is not None:
            f.overdue = overdue_reason(moment - parse_iso(first), *sla)
            if f.overdue:
                overdue_by_source[f.source] += 1
    # One executemany per statement: a run of 90,000 findings is one call each, not 90,000.
    conn.executemany(
        "INSERT OR REPLACE INTO lives (fingerprint, source, rule, severity, message, "
        "first_seen, first_run, last_seen, last_run, fixed_at, fixed_run) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
        started,
    )
    conn.executemany(
        "UPDATE lives SET last_seen = ?, last_run = ?, severity = ?, message = ? "
        "WHERE fingerprint = ?",
        continued,
    )
    new = len(started)
    conn.executemany(
        "INSERT INTO run_findings (run_id, fingerprint, source, rule, severity) "
        "VALUES (?, ?, ?, ?, ?)",
        _unique_rows(run_id, findings),
    )
    fixed = 0
    if not partial:
        conn.execute(
            "INSERT INTO fixes (fingerprint, source, rule, severity, message, first_seen, "
            "fixed_at, fixed_run) SELECT fingerprint, source, rule, severity, message, "
            "first_seen, ?, ? FROM lives WHERE fixed_at IS NULL AND fingerprint NOT IN "
            "(SELECT fingerprint FROM run_findings WHERE run_id = ?)",
            (stamp, run_id, run_id),
        )
        fixed = conn.execute(
            "UPDATE lives SET fixed_at = ?, fixed_run = ? WHERE fixed_at IS NULL AND "
            "fingerprint NOT IN (SELECT fingerprint FROM run_findings WHERE run_id = ?)",
            (stamp, run_id, run_id),
        ).rowcount
    by_source: dict[str, Counter[str]] = {}
    for f in findings:
        by_source.setdefault(f.source, Counter())[f.severity.value] += 1
    for source in sorted(set(by_source) | set(scores)):
        c = by_source.get(source, Counter())
        conn.execute(
            "INSERT INTO run_sources (run_id, source, score, findings, errors, warnings, infos, "
            "overdue) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                source,
                scores.get(source),
                sum(c.values()),
                c["error"],
                c["warning"],
                c["info"],
                overdue_by_source[source],
            ),
        )
    total_overdue = sum(overdue_by_source.values())
    conn.execute(
        "UPDATE runs SET new = ?, fixed = ?, overdue = ? WHERE id = ?",
        (new, fixed, total_overdue, run_id),
    )
    conn.execute("COMMIT")
    return Recorded(run_id, new, fixed, total_overdue)


def _unique_rows(run_id: int, findings: Iterable[Finding]) -> Iterable[tuple[Any, ...]]:
    seen: set[str] = set()
    for f in findings:
        if f.fingerprint not in seen:
            seen.add(f.fingerprint)
            yield (run_id, f.fingerprint, f.source, f.rule, f.severity.value)


def runs(path: Path, limit: int = 20) -> list[dict[str, Any]]:
    """The last `limit` runs, oldest first, with their per-source counts and scores."""
    with closing(reader(path)) as conn:
        rows = conn.execute(
            "SELECT id, time, config_digest, partial, findings, errors, warnings, infos, new, "
            "fixed, overdue FROM runs ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        out = []
        for r in reversed(rows):
            sources = {
                s: {"score": score, "findings": n, "overdue": od}
                for s, score, n, od in conn.execute(
                    "SELECT source, score, findings, overdue FROM run_sources WHERE run_id = ? "
                    "ORDER BY source",
                    (r[0],),
                )
            }
            out.append(
                {
                    "id": r[0],
                    "time": r[1],
                    "config_digest": r[2],
                    "partial": bool(r[3]),
                    "findings": r[4],
                    "by_severity": {"error": r[5], "warning": r[6], "info": r[7]},
                    "new": r[8],
                    "fixed": r[9],
                    "overdue": r[10],
                    "sources": sources,
                }
            )
        return out


def open_findings(path: Path) -> dict[str, int]:
    """Open findings per source right now (the latest complete picture)."""
    with closing(reader(path)) as conn:
        return dict(
            conn.execute(
                "SELECT source, COUNT(*) FROM lives WHERE fixed_at IS NULL GROUP BY source "
                "ORDER BY source"
            ).fetchall()
        )


def trends(path: Path, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
    """Per source, its score and findings over the last `limit` full runs (for charts)."""
    if not path.is_file():
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    for run in runs(path, limit):
        if run["partial"]:
            continue
        for source, s in run["sources"].items():
            out.setdefault(source, []).append({"time": run["time"][:16].replace("T", " "), **s})
    return out


def reader(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing history (HistoryError when there is none)."""
    if not path.is_file():
        raise HistoryError(f"no history at {path} yet: run 'msglint check' first")
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT 1 FROM runs LIMIT 1")
    except sqlite3.Error as exc:
        raise HistoryError(f"history {path}: not a usable msglint history: {exc}") from None
    return conn
