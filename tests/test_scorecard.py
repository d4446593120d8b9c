"""Time to fix and SLA compliance per partner: exact figures over a history with known
open and fix times, recorded through msglint.history into a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from msglint import history
from msglint.model import Finding, Location, Severity
from msglint.scorecard import compute, lives, percentile

T0 = history.parse_iso("2025-03-03T09:00:00Z")  # a Monday
NOW = T0 + timedelta(days=20)
SLAS = {
    "shop": {"error": (7 * 24, "7d"), "warning": (5 * 24, "5d")},
    "berlin": {"error": (7 * 24, "7d")},
}
CONFIG = """\
sources:
  - name: site
    role: reference
    paths: ["site/"]
  - name: shop
    role: partner
    paths: ["shop/"]
    sla: {error: 7d, warning: 5d}
  - name: berlin
    role: partner
    paths: ["berlin/"]
    sla: {error: 7d}
history: {path: h.db}
"""


def _f(fp: str, source: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(
        rule="r",
        severity=severity,
        message=f"m {fp}",
        source=source,
        location=Location(path="p"),
        fingerprint=fp,
    )


A, B, D = (_f(x, "shop") for x in ("a", "b", "d"))
C = _f("c", "shop", Severity.WARNING)
X = _f("x", "berlin")

#: (day, findings of that full run): a fixed after 1 day, back on day 3 and fixed again after
#: exactly its 7-day SLA; b fixed after 3 days; c (warning, SLA 5d) after 10; d opens on day
#: 12 and is still open (8 days by NOW: overdue); berlin's x fixed after 12 days.
RUNS = [
    (0, [A, B, C, X]),
    (1, [B, C, X]),
    (3, [A, C, X]),
    (10, [X]),
    (12, [D]),
]


def _history(db: Path) -> None:
    for day, findings in RUNS:
        history.record(
            db,
            [_f(f.fingerprint, f.source, f.severity) for f in findings],
            config_digest="d",
            config_path=None,
            partial=False,
            scores={},
            slas=SLAS,
            now=T0 + timedelta(days=day),
        )


def test_time_to_fix_and_sla_compliance_are_exact(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _history(db)
    card = compute(lives(db), now=NOW, since=timedelta(weeks=4), slas=SLAS)
    assert (card.start, card.end) == ("2025-02-23T09:00:00Z", "2025-03-23T09:00:00Z")
    berlin, shop = card.cards
    # shop's fixes took 24h (a), 72h (b), 168h (a again), 240h (c).
    assert shop.fixed == 4
    assert shop.median_hours == 120.0  # (72 + 168) / 2
    assert shop.p90_hours == 240.0  # nearest rank: ceil(0.9 * 4) = 4th
    assert shop.within_sla == 0.75  # c took 240h against a 5-day (120h) SLA
    assert shop.fixed_with_sla == 4
    assert (shop.open, shop.overdue) == (1, 1)  # d, open 8 days against 7
    assert shop.sla == {"error": "7d", "warning": "5d"}
    assert (berlin.fixed, berlin.median_hours, berlin.p90_hours) == (1, 288.0, 288.0)
    assert berlin.within_sla == 0.0 and (berlin.open, berlin.overdue) == (0, 0)
    weeks = [(w.week, w.opened, w.fixed, w.open_at_end, w.median_hours) for w in shop.weeks]
    assert weeks == [
        ("2025-W08", 0, 0, 0, None),
        ("2025-W09", 0, 0, 0, None),
        ("2025-W10", 4, 2, 2, 48.0),  # a, b, c and a's second life; a and b fixed
        ("2025-W11", 1, 2, 1, 204.0),  # d opened; c and a fixed; d open at the end
        ("2025-W12", 0, 0, 1, None),  # the current week ends at NOW
    ]


def test_the_period_limits_fixes_but_not_what_is_open(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _history(db)
    # The last 10 days (from day 10 on, exclusive) see only x's fix on day 12.
    card = compute(lives(db), now=NOW, since=timedelta(days=10), slas=SLAS, sources=["shop"])
    (shop,) = card.cards
    assert (shop.fixed, shop.median_hours, shop.within_sla, shop.open) == (0, None, None, 1)
    assert (
        compute([], now=NOW, since=timedelta(days=1), slas={}, sources=["none"])
        .cards[0]
        .to_dict()["fixed"]
        == 0
    )


def test_a_finding_that_comes_back_keeps_its_earlier_fix(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _history(db)
    fixes = sorted(
        (life.first_seen.day, life.fixed_at.day)
        for life in lives(db)
        if life.fingerprint == "a" and life.fixed_at
    )
    assert fixes == [(3, 4), (6, 13)]


def test_a_history_from_before_the_fixes_table_is_backfilled(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _history(db)
    with sqlite3.connect(db) as conn:  # as a database written by an older msglint
        conn.execute("DROP TABLE fixes")
        conn.execute("DELETE FROM meta WHERE key = 'fixes'")
    # Only the latest life of each finding was kept before: a's first fix is gone.
    got = sorted((life.fingerprint, life.hours_to_fix()) for life in lives(db))
    assert got == [("a", 168.0), ("b", 72.0), ("c", 240.0), ("d", None), ("x", 288.0)]


@pytest.mark.parametrize(
    ("values", "pct", "expected"),
    [([5.0], 90, 5.0), ([1.0, 2.0], 50, 1.0), ([3.0, 1.0, 2.0], 90, 3.0), ([*range(1, 11)], 90, 9)],
)
def test_nearest_rank_percentile(values: list[float], pct: float, expected: float) -> None:
    assert percentile(values, pct) == expected


def test_history_partners_command_console_csv_json(tmp_path: Path, run_cli, monkeypatch) -> None:
    (tmp_path / "msglint.yaml").write_text(CONFIG)
    _history(tmp_path / "h.db")
    monkeypatch.setattr(history, "now_utc", lambda: NOW)
    as_json = run_cli(["history", "--partners", "-f", "json"], tmp_path)
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert [p["source"] for p in data["partners"]] == ["shop", "berlin"]  # config order
    assert data["partners"][0]["p90_hours"] == 240.0
    as_csv = run_cli(["history", "--partners", "-f", "csv", "--since", "2w"], tmp_path)
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    summary = [r for r in rows if not r["week"]]
    assert [(r["source"], r["fixed"], r["within_sla"], r["overdue"]) for r in summary] == [
        ("shop", "2", "0.5", "1"),  # days 10 (a 168h, within) and (c 240h, not)
        ("berlin", "1", "0.0", "0"),
    ]
    assert [r["week"] for r in rows if r["source"] == "shop" and r["week"]] == [
        "2025-W10",
        "2025-W11",
        "2025-W12",
    ]
    table = run_cli(["history", "--partners"], tmp_path)
    assert table.exit_code == 0, table.output
    assert "Partner scorecard" in table.stdout and "10d" in table.stdout  # c's 240h
    bad = run_cli(["history", "--partners", "--since", "a month"], tmp_path)
    assert bad.exit_code == 2 and "--since: not a duration" in bad.stderr
    assert run_cli(["history", "-f", "csv"], tmp_path).exit_code == 2


def test_history_partners_without_a_database_is_a_clear_error(tmp_path: Path, run_cli) -> None:
    (tmp_path / "msglint.yaml").write_text(CONFIG)
    result = run_cli(["history", "--partners"], tmp_path)
    assert result.exit_code == 2 and "no history at" in result.stderr


def test_the_run_carries_the_scorecard_of_its_partners(tmp_path: Path, monkeypatch) -> None:
    """The history stage of `check` computes the same card `history --partners` shows, for
    the config's partner sources with their SLAs, right after recording the run."""
    from msglint.filter.history import HistoryOptions, record

    db = tmp_path / "h.db"
    _history(db)
    monkeypatch.setattr(history, "now_utc", lambda: NOW)
    options = HistoryOptions(db, "d", None, partial=False, slas=SLAS, partners=("shop",))
    shown = [_f("d", "shop")]  # the run at NOW still finds d
    summary, trends, card = record(options, shown, [], [], {})
    assert summary.error is None and trends is not None and card is not None
    (shop,) = card.cards
    assert (shop.source, shop.fixed, shop.median_hours, shop.p90_hours) == (
        "shop",
        4,
        120.0,
        240.0,
    )
    assert (shop.within_sla, shop.open, shop.overdue) == (0.75, 1, 1)


def test_the_html_report_shows_the_scorecard_in_plain_words(
    tmp_path: Path, run_cli, monkeypatch
) -> None:
    """`msglint report RUN.json -f html --history DB`: one row per partner of the report,
    durations in hours or days, the weekly trend labelled, the partner filter hiding the
    others' rows; tested in Chromium."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, chromium_path
    from msglint.model import Role
    from msglint.model.result import ConfigInfo, RunResult
    from msglint.report import ReportOptions
    from msglint.report.json import render

    db = tmp_path / "h.db"
    _history(db)
    monkeypatch.setattr(history, "now_utc", lambda: NOW)
    findings = [_f("d", "shop"), _f("y", "berlin")]
    for f in findings:
        f.role = Role.PARTNER
    saved = tmp_path / "run.json"
    saved.write_bytes(render(RunResult(findings, ConfigInfo("msglint.yaml", "d")), ReportOptions()))
    out = tmp_path / "report.html"
    result = run_cli(
        ["report", str(saved), "-f", "html", "-o", str(out), "--history", str(db)], tmp_path
    )
    assert result.exit_code == 0, result.output
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(out.as_uri())
            rows = page.locator("#scorecard tbody tr")
            assert rows.count() == 2
            cells = rows.nth(1).locator("th, td").all_inner_texts()
            # shop: d open; a (24h), b (72h), a again (168h), c (240h) fixed.
            assert [c.strip() for c in cells[:5]] == ["shop", "1", "4", "5d", "10d"]
            assert cells[5].strip() == "-" and cells[6].strip() == "0"  # no SLA in a saved run
            weeks = rows.nth(1).locator(".week")
            assert weeks.count() == 5
            assert weeks.nth(2).get_attribute("title") == (
                "week of 2025-03-03: 4 new, 2 fixed, 2 open at its end"
            )
            assert page.locator("#toc a[href='#scorecard']").count() == 1
            page.locator("#f-source").select_option("berlin")
            assert rows.nth(1).is_hidden() and rows.nth(0).is_visible()
            assert errors == []
        finally:
            chromium.close()
