"""The digest: what changed in a run against the previous recorded run, per source.

`Before.read(history)` is taken just before the run is recorded (the open lives, every
fingerprint ever fixed, the previous run's time); `build(before, findings, ...)` then
compares it with the run's findings, whose `first_seen` and `overdue` recording has set:

- new: not open before and never fixed before;
- reopened: not open before, but fixed at some earlier run (it came back);
- fixed: open before and not found now (full runs only: a partial run fixes nothing);
- newly overdue: overdue now, and not yet overdue at the previous run's time.

`Digest.to_dict()` is the documented JSON body of the generic webhook (schema
`msglint.digest/1`, README "Notifications"); `Digest.only(source)` is the digest a partner's
own contact gets: nothing about any other source.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from msglint import __version__, history
from msglint.model import Finding

SCHEMA = "msglint.digest/1"
_RANK = {"error": 0, "warning": 1, "info": 2}
_CHANGE_RANK = {"newly-overdue": 0, "reopened": 1, "new": 2, "open": 3}


@dataclass
class OldLife:
    source: str
    rule: str
    severity: str
    message: str


@dataclass
class Before:
    """The history as it was before this run was recorded."""

    open: dict[str, OldLife] = field(default_factory=dict)
    ever_fixed: set[str] = field(default_factory=set)
    previous_time: datetime | None = None

    @classmethod
    def read(cls, path: Path) -> Before:
        """Empty when there is no history yet (the first run: everything is new)."""
        if not path.is_file():
            return cls()
        with closing(history.connect(path)) as conn:
            rows = conn.execute(
                "SELECT fingerprint, source, rule, severity, message FROM lives "
                "WHERE fixed_at IS NULL"
            ).fetchall()
            fixed = {fp for (fp,) in conn.execute("SELECT DISTINCT fingerprint FROM fixes")}
            last = conn.execute("SELECT time FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return cls(
            open={fp: OldLife(src, rule, sev, msg) for fp, src, rule, sev, msg in rows},
            ever_fixed=fixed,
            previous_time=history.parse_iso(last[0]) if last else None,
        )


@dataclass
class Item:
    """One finding in a digest, with what happened to it in this run."""

    change: str  # new, reopened, newly-overdue, open, fixed
    rule: str
    severity: str
    message: str
    where: str
    url: str | None = None
    line: int | None = None
    product: str | None = None
    expected: str | None = None
    actual: str | None = None
    overdue: str | None = None
    screenshot: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class SourceDigest:
    source: str
    role: str | None
    new: int = 0
    reopened: int = 0
    fixed: int = 0
    newly_overdue: int = 0
    open: int = 0
    overdue: int = 0
    items: list[Item] = field(default_factory=list)
    fixed_items: list[Item] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.new or self.reopened or self.fixed or self.newly_overdue)

    def counts(self) -> dict[str, int]:
        return {
            "new": self.new,
            "reopened": self.reopened,
            "fixed": self.fixed,
            "newly_overdue": self.newly_overdue,
            "open": self.open,
            "overdue": self.overdue,
        }


@dataclass
class Digest:
    time: str
    previous: str | None
    config_digest: str
    partial: bool
    report: str | None
    sources: list[SourceDigest]

    @property
    def changed(self) -> bool:
        return any(s.changed for s in self.sources)

    def totals(self) -> dict[str, int]:
        out = dict.fromkeys(("new", "reopened", "fixed", "newly_overdue", "open", "overdue"), 0)
        for s in self.sources:
            for k, v in s.counts().items():
                out[k] += v
        return out

    def only(self, source: str) -> Digest:
        """The digest of one source alone (what that partner's contact is sent)."""
        return replace(self, sources=[s for s in self.sources if s.source == source])

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "msglint_version": __version__,
            "run": {
                "time": self.time,
                "previous": self.previous,
                "config_digest": self.config_digest,
                "partial": self.partial,
            },
            "report": self.report,
            "changed": self.changed,
            "totals": self.totals(),
            "sources": [
                {
                    "source": s.source,
                    "role": s.role,
                    "counts": s.counts(),
                    "findings": [i.to_dict() for i in s.items],
                    "fixed": [i.to_dict() for i in s.fixed_items],
                }
                for s in self.sources
            ],
        }


def build(
    before: Before,
    findings: list[Finding],
    *,
    roles: dict[str, str],
    slas: dict[str, dict[str, tuple[int, str]]],
    now: datetime,
    config_digest: str,
    partial: bool,
    report: str | None,
    top: int,
) -> Digest:
    """Compare this run's findings with `before`; `roles` lists every configured source (a
    source without findings still gets its row, so its fixes show)."""
    by_source: dict[str, SourceDigest] = {
        name: SourceDigest(name, role) for name, role in roles.items()
    }
    seen: set[str] = set()
    ranked: dict[str, list[tuple[Any, Item]]] = {}
    for f in findings:
        if f.fingerprint in seen:
            continue
        seen.add(f.fingerprint)
        digest = by_source.setdefault(f.source, SourceDigest(f.source, _role(f)))
        digest.open += 1
        digest.overdue += f.overdue is not None
        if f.fingerprint not in before.open:
            change = "reopened" if f.fingerprint in before.ever_fixed else "new"
        elif f.overdue and not _was_overdue(f, before.previous_time, slas):
            change = "newly-overdue"
        else:
            change = "open"
        if change == "new":
            digest.new += 1
        elif change == "reopened":
            digest.reopened += 1
        elif change == "newly-overdue":
            digest.newly_overdue += 1
        key = (_CHANGE_RANK[change], _RANK.get(f.severity.value, 3), f.sort_key())
        ranked.setdefault(f.source, []).append((key, _item(change, f)))
    for source, items in ranked.items():
        items.sort(key=lambda pair: pair[0])
        by_source[source].items = [item for _, item in items[:top]]
    if not partial:
        fixed: dict[str, list[Item]] = {}
        for fp, life in before.open.items():
            if fp not in seen:
                fixed.setdefault(life.source, []).append(
                    Item("fixed", life.rule, life.severity, life.message, where="")
                )
        for source, items in fixed.items():
            digest = by_source.setdefault(source, SourceDigest(source, roles.get(source)))
            digest.fixed = len(items)
            items.sort(key=lambda i: (_RANK.get(i.severity, 3), i.rule, i.message))
            digest.fixed_items = items[:top]
    return Digest(
        time=history.iso(now),
        previous=history.iso(before.previous_time) if before.previous_time else None,
        config_digest=config_digest,
        partial=partial,
        report=report,
        sources=[by_source[name] for name in sorted(by_source)],
    )


def _role(f: Finding) -> str | None:
    return f.role.value if f.role else None


def _was_overdue(
    f: Finding, previous: datetime | None, slas: dict[str, dict[str, tuple[int, str]]]
) -> bool:
    """Whether `f` was already past its SLA at the previous run."""
    sla = slas.get(f.source, {}).get(f.severity.value)
    if previous is None or sla is None or f.first_seen is None:
        return False
    return previous - history.parse_iso(f.first_seen) > timedelta(hours=sla[0])


def _item(change: str, f: Finding) -> Item:
    loc = f.location
    return Item(
        change=change,
        rule=f.rule,
        severity=f.severity.value,
        message=f.message,
        where=loc.url or loc.path,
        url=loc.url,
        line=loc.line,
        product=f.product,
        expected=f.expected_text,
        actual=f.actual_text,
        overdue=f.overdue,
        screenshot=f.screenshot,
    )
