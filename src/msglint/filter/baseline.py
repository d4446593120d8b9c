"""Baselines: the findings a legacy project accepts today, hidden in later runs.

`msglint baseline` writes them to `.msglint-baseline.json` (fingerprint plus what a person
needs to recognise the finding); `msglint check --baseline FILE` hides every finding that
matches an entry. Matching is by fingerprint first (rule, source, file, matched text and the
paragraph's words: it survives line shifts and re-wrapping), then, for entries left over, by
rule, source, file and matched text, so an edit elsewhere in the same paragraph does not bring
an accepted finding back. Entries that match nothing are findings fixed since: reported so the
baseline can be pruned (`msglint baseline --prune`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msglint.errors import UsageError
from msglint.jsonfile import read_json
from msglint.model import Finding

DEFAULT = ".msglint-baseline.json"
VERSION = 1


def entry(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {
        "fingerprint": f.fingerprint,
        "rule": f.rule,
        "source": f.source,
        "path": loc.url or loc.path,
        "line": loc.line,
        "actual": f.actual_text,
        "message": f.message,
    }


def dumps(findings: list[Finding]) -> str:
    """The baseline file's text: stable order, so it diffs well in review."""
    entries = sorted(
        (entry(f) for f in findings),
        key=lambda e: (e["source"], e["path"], e["line"] or 0, e["rule"], e["fingerprint"]),
    )
    doc = {"msglint_baseline": VERSION, "findings": entries}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> list[dict[str, Any]]:
    """The entries of a baseline file; a missing or malformed file is a usage error."""
    doc = read_json(path, f"baseline file {path} not found; create it with 'msglint baseline'")
    entries = doc.get("findings") if isinstance(doc, dict) else None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise UsageError(
            f"{path}: not a msglint baseline (expected 'findings': a list of entries with a "
            "'fingerprint'); write one with 'msglint baseline'"
        )
    return entries


@dataclass
class Outcome:
    """What a baseline did to a run's findings."""

    kept: list[Finding] = field(default_factory=list)
    #: The findings the baseline accepts: hidden from the report, still open.
    accepted: list[Finding] = field(default_factory=list)
    #: Entries that matched no finding: fixed since the baseline was written.
    fixed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return len(self.accepted)


def _loose(rule: Any, source: Any, path: Any, actual: Any) -> tuple[str, ...]:
    return (str(rule), str(source), str(path), " ".join(str(actual or "").split()))


def apply(findings: list[Finding], entries: list[dict[str, Any]]) -> Outcome:
    """Hide the findings the baseline accepts; list the entries nothing matched."""
    by_print: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        by_print[e["fingerprint"]].append(i)
    used = [False] * len(entries)
    pending: list[Finding] = []
    out = Outcome()
    for f in findings:
        slots = by_print.get(f.fingerprint)
        if slots:
            used[slots.pop()] = True
            out.accepted.append(f)
        else:
            pending.append(f)
    pending.sort(key=Finding.sort_key)  # loose matches go to the first findings in order
    loose: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        if not used[i]:
            loose[_loose(e.get("rule"), e.get("source"), e.get("path"), e.get("actual"))].append(i)
    for f in pending:
        key = _loose(f.rule, f.source, f.location.url or f.location.path, f.actual_text)
        slots = loose.get(key)
        if slots:
            used[slots.pop(0)] = True
            out.accepted.append(f)
        else:
            out.kept.append(f)
    out.fixed = [e for i, e in enumerate(entries) if not used[i]]
    return out


def prune(entries: list[dict[str, Any]], fixed: list[dict[str, Any]]) -> dict[str, Any]:
    """The baseline without the entries that no longer match anything."""
    gone = {id(e) for e in fixed}
    return {"msglint_baseline": VERSION, "findings": [e for e in entries if id(e) not in gone]}
