"""How far msglint's Vale alerts agree with Vale's: exact, wrong column, missed, extra.

Used by the tests (the styles' own feature tests, the differential runs against a Vale
binary) and by `benchmarks/prose.py --vale-bin` on a whole corpus. An alert is a
`(path, line, column, rule, message)`; two alerts are *exact* when path, line, column and
rule agree, *wrong column* when only the column differs (each paired once), and the rest
are *missed* (Vale's only) or *extra* (msglint's only). Messages are compared for the
exact ones.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

Alert = tuple[str, int, int, str, str]
_LINE = re.compile(r"^(.+?):(\d+):(\d+):([^:]+):(.*)$")


@dataclass
class Counts:
    exact: int = 0
    wrong_column: int = 0
    missed: int = 0
    extra: int = 0
    message: int = 0  # exact alerts whose message differs


@dataclass
class Report:
    """Per-rule counts, and the alerts that are not exact (for a reader to look at)."""

    rules: dict[str, Counts] = field(default_factory=dict)
    missed: list[Alert] = field(default_factory=list)
    extra: list[Alert] = field(default_factory=list)
    wrong_column: list[tuple[Alert, Alert]] = field(default_factory=list)
    messages: list[tuple[Alert, Alert]] = field(default_factory=list)

    def total(self) -> Counts:
        out = Counts()
        for c in self.rules.values():
            out.exact += c.exact
            out.wrong_column += c.wrong_column
            out.missed += c.missed
            out.extra += c.extra
            out.message += c.message
        return out

    def table(self) -> str:
        rows = [("rule", "exact", "wrong col", "missed", "extra", "message")]
        for rule in sorted(self.rules):
            c = self.rules[rule]
            rows.append((rule, *map(str, (c.exact, c.wrong_column, c.missed, c.extra, c.message))))
        t = self.total()
        rows.append(("total", *map(str, (t.exact, t.wrong_column, t.missed, t.extra, t.message))))
        width = [max(len(r[i]) for r in rows) for i in range(6)]
        return "\n".join(
            "  ".join(v.ljust(width[i]) if i == 0 else v.rjust(width[i]) for i, v in enumerate(r))
            for r in rows
        )


def compare(vale: Iterable[Alert], msglint: Iterable[Alert]) -> Report:
    report = Report()
    theirs = Counter(vale)
    ours = Counter(msglint)
    by_key_theirs: dict[tuple[str, int, int, str], list[Alert]] = {}
    for a in theirs.elements():
        by_key_theirs.setdefault(a[:4], []).append(a)
    left_ours: list[Alert] = []
    for a in ours.elements():
        found = by_key_theirs.get(a[:4])
        if found:
            b = found.pop()
            counts = report.rules.setdefault(a[3], Counts())
            counts.exact += 1
            if a[4] != b[4]:
                counts.message += 1
                report.messages.append((b, a))
        else:
            left_ours.append(a)
    left_theirs = [a for alerts in by_key_theirs.values() for a in alerts]
    by_line: dict[tuple[str, int, str], list[Alert]] = {}
    for a in left_theirs:
        by_line.setdefault((a[0], a[1], a[3]), []).append(a)
    for a in left_ours:
        found = by_line.get((a[0], a[1], a[3]))
        if found:
            b = found.pop()
            report.rules.setdefault(a[3], Counts()).wrong_column += 1
            report.wrong_column.append((b, a))
        else:
            report.rules.setdefault(a[3], Counts()).extra += 1
            report.extra.append(a)
    for alerts in by_line.values():
        for a in alerts:
            report.rules.setdefault(a[3], Counts()).missed += 1
            report.missed.append(a)
    return report


def parse_line_output(text: str, prefix: str = "") -> list[Alert]:
    """Vale's `--output=line` (path:line:col:rule:message) as alerts."""
    out = []
    for line in text.splitlines():
        m = _LINE.match(line.strip())
        if m:
            path, ln, col, rule, msg = m.groups()
            out.append((prefix + path, int(ln), int(col), rule, msg))
    return out


def run_vale(binary: Path, config: Path, paths: list[str], cwd: Path) -> list[Alert]:
    """The alerts a Vale binary reports for `paths` (JSON output), relative to `cwd`."""
    proc = subprocess.run(
        [str(binary), f"--config={config}", "--output=JSON", "--no-exit", *paths],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        raise RuntimeError(f"vale failed ({proc.returncode}): {proc.stderr.strip()[:500]}")
    data = json.loads(proc.stdout)
    return [
        (path, a["Line"], a["Span"][0], a["Check"], a["Message"])
        for path, alerts in data.items()
        for a in alerts
    ]
