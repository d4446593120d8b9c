"""JSON report: a RunResult as stable, documented JSON (README, "JSON output"), and back.

`dump` writes a result; `load` reads one back into the same RunResult type, so every other
format renders a saved report (`msglint report RUN.json -f html`) exactly as it renders a
live run. Top level (schema 2):

- `schema_version`, `msglint_version`, `config` (`path`, `digest`);
- `summary`: `findings`, `documents` and `records` (counts per source), `by_severity`,
  `by_rule`, `by_source`, `fail_on`, `failed`;
- `rules` (id, kind, level, description, link, pack, doc) and `kinds` (doc -> the rule
  kind's documentation), `documents` (each source's checked files and pages);
- `findings`: rule, severity, code, message, source, role, record, location, product,
  field, `expected`/`actual` as `{"text": shown, "type": "price", "price": {...}}`,
  `reference` (the expected value's evidence: source, record, location), context, link,
  fix, fingerprint (and `first_seen`/`overdue` when the history is on);
- `records` (per source, every record with its facts and evidence), `groups` (each
  reference record and the partner records matched to it, by method and score, and
  `uncertain: true` on a match below the confidence level, which was not compared) and
  `unmatched` (reference records a partner lacks; partner records matching nothing),
  records referred to as `[source, index in records[source]]`;
- `suppressions` (inline suppression comments, and whether each hid a finding).

Nothing in it depends on the time or the machine (timings and the project folder are left
out), so two runs over the same content give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from msglint import __version__
from msglint.errors import UsageError
from msglint.model import Group, Match, Record, Severity, counts, fails
from msglint.model.result import ConfigInfo, RuleInfo, RunResult, Suppression, Unmatched
from msglint.model.serial import finding_dict, finding_from_dict, record_dict, record_from_dict
from msglint.report import ReportOptions

SCHEMA_VERSION = 2
#: A saved report bigger than this is not one msglint wrote for a human-sized project.
MAX_REPORT_BYTES = 512 * 1024 * 1024


def as_dict(result: RunResult, fail_on: str) -> dict[str, Any]:
    """The report as plain data."""
    findings = result.findings
    refs: dict[int, list[Any]] = {}
    for source, recs in result.records.items():
        for i, record in enumerate(recs):
            refs[id(record)] = [source, i]

    def ref(record: Record) -> list[Any]:
        return refs.get(id(record)) or [record.source, None]

    return {
        "schema_version": SCHEMA_VERSION,
        "msglint_version": __version__,
        "config": {"path": result.config.name, "digest": result.config.digest},
        "summary": {
            "findings": len(findings),
            "documents": result.counts_of_documents,
            "records": result.counts_of_records,
            **counts(findings),
            "fail_on": fail_on,
            "failed": fails(findings, fail_on),
        },
        "rules": [
            {
                "id": r.id,
                "kind": r.kind,
                "level": r.level.value,
                "description": r.description,
                "link": r.link,
                "pack": r.pack,
                "doc": r.doc,
            }
            for r in result.rules
        ],
        "kinds": dict(sorted(result.kinds.items())),
        "documents": result.documents,
        "findings": [finding_dict(f) for f in findings],
        "records": {
            source: [record_dict(r) for r in recs] for source, recs in result.records.items()
        },
        "groups": [
            {
                "reference": ref(g.reference),
                "matches": [
                    {
                        "record": ref(m.record),
                        "method": m.method,
                        "score": round(m.score, 1),
                        **({"uncertain": True} if m.uncertain else {}),
                    }
                    for m in g.matches
                ],
            }
            for g in result.groups
        ],
        "unmatched": {
            "reference": {
                s: [ref(r) for r in recs] for s, recs in result.unmatched.reference.items()
            },
            "partner": {s: [ref(r) for r in recs] for s, recs in result.unmatched.partner.items()},
        },
        "suppressions": [
            {"source": s.source, "path": s.path, "line": s.line, "text": s.text, "used": s.used}
            for s in result.suppressions
        ],
    }


def render(result: RunResult, options: ReportOptions) -> str:
    return dumps(as_dict(result, options.fail_on)) + "\n"


def dumps(data: Any) -> str:
    """`json.dumps(data, indent=2, ensure_ascii=False)`, byte for byte, about 6x faster.

    With `indent` the standard library leaves its C encoder for nested Python generators, and
    a report of 90,000 findings took longer to write than to check on two cores; orjson
    writes the same text for the plain data of a report (string keys, strings, integers,
    finite floats, booleans, None). What orjson refuses (other keys, huge integers, other
    types) goes to the standard library, so its errors stay the standard ones. Two cases
    differ and a report holds neither: a NaN (orjson writes null, as JSON requires) and a
    float below 1e-4 or from 1e16 (orjson writes 1e-7 where Python writes 1e-07); its
    floats are match scores from 0 to 100 and spec magnitudes in base units.
    """
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(data, indent=2, ensure_ascii=False)


def read(path: Path) -> tuple[RunResult, str]:
    """A saved JSON report as a RunResult, and the fail level it was written with; every
    problem (missing, not JSON, another schema, malformed) is a UsageError (exit 2)."""
    from msglint.jsonfile import read_json

    data = read_json(path, f"{path}: no such file", MAX_REPORT_BYTES)
    if not isinstance(data, dict) or "findings" not in data or "summary" not in data:
        raise UsageError(
            f"{path}: not a msglint JSON report (write one with 'msglint check -f json')"
        )
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise UsageError(
            f"{path}: schema_version {version!r} is not supported (expected {SCHEMA_VERSION}); "
            "write the report again with this msglint"
        )
    try:
        result = load(data)
    except (KeyError, TypeError, ValueError, IndexError, ArithmeticError) as exc:
        raise UsageError(f"{path}: the report is malformed: {exc!r}") from None
    fail_on = (data.get("summary") or {}).get("fail_on") or "error"
    if not isinstance(fail_on, str) or fail_on not in ("error", "warning", "info", "never"):
        fail_on = "error"
    return result, fail_on


def load(data: dict[str, Any]) -> RunResult:
    """The RunResult a report's data was written from (`as_dict` reversed)."""
    records = {
        str(source): [record_from_dict(str(source), r) for r in recs]
        for source, recs in (data.get("records") or {}).items()
    }

    def record(ref: list[Any]) -> Record:
        source, index = ref
        return records[source][index]

    cfg = data.get("config") or {}
    unmatched = data.get("unmatched") or {}
    return RunResult(
        findings=[finding_from_dict(f) for f in data["findings"]],
        config=ConfigInfo(name=cfg.get("path"), digest=str(cfg.get("digest", ""))),
        records=records,
        documents={str(k): [str(p) for p in v] for k, v in (data.get("documents") or {}).items()},
        groups=[
            Group(
                reference=record(g["reference"]),
                matches=[
                    Match(
                        record(m["record"]),
                        str(m["method"]),
                        float(m["score"]),
                        uncertain=bool(m.get("uncertain", False)),
                    )
                    for m in g.get("matches") or []
                ],
            )
            for g in data.get("groups") or []
        ],
        unmatched=Unmatched(
            reference={
                s: [record(r) for r in refs]
                for s, refs in (unmatched.get("reference") or {}).items()
            },
            partner={
                s: [record(r) for r in refs] for s, refs in (unmatched.get("partner") or {}).items()
            },
        ),
        rules=[
            RuleInfo(
                id=str(r["id"]),
                kind=str(r["kind"]),
                level=Severity(r["level"]),
                description=r.get("description"),
                link=r.get("link"),
                pack=str(r.get("pack", "")),
                doc=str(r.get("doc", "")),
            )
            for r in data.get("rules") or []
        ],
        kinds={str(k): str(v) for k, v in (data.get("kinds") or {}).items()},
        suppressions=[
            Suppression(
                str(s["source"]), str(s["path"]), int(s["line"]), str(s["text"]), bool(s["used"])
            )
            for s in data.get("suppressions") or []
        ],
    )
