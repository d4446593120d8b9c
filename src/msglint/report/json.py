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
  records referred to as `[source, index in records[source], source_id]`; a record's
  `source_id` (also in `records`) is its id in its source: a catalog row's own id, else
  the page's URL or path, `#N` for the N-th product of a page with several (what
  `match.pairs` takes); each match also carries the scorer's `probability` (null when
  identifiers or a confirmed pair made it);
- `suppressions` (inline suppression comments, and whether each hid a finding);
- `plans`, when the run read SaaS plans: each brand plan (`reference`) with the plan each
  partner source states for it (`partners`: source -> `plan` and match `method`), then the
  partner plans the brand does not offer (`reference` null).

Nothing in it depends on the time or the machine (timings and the project folder are left
out), so two runs over the same content give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from msglint import __version__
from msglint.errors import UsageError
from msglint.model import Group, Match, Record, Severity, counts, fails
from msglint.model.result import ConfigInfo, RuleInfo, RunResult, Suppression, Unmatched
from msglint.model.serial import finding_dict, finding_from_dict, record_dict, record_from_dict
from msglint.model.serial_plans import plan_group_dict, plan_group_from_dict
from msglint.report import ReportOptions

SCHEMA_VERSION = 2
#: A saved report bigger than this is not one msglint wrote for a human-sized project.
MAX_REPORT_BYTES = 512 * 1024 * 1024


def _refs(result: RunResult) -> dict[int, list[Any]]:
    """Each record's `[source, index, source_id]`, by the record's identity."""
    refs: dict[int, list[Any]] = {}
    for source, recs in result.records.items():
        ids = source_ids(recs)
        for i, record in enumerate(recs):
            refs[id(record)] = [source, i, ids[i]]
    return refs


def as_dict(result: RunResult, fail_on: str) -> dict[str, Any]:
    """The report as plain data."""
    return _as_dict(result, fail_on, _refs(result), with_records=True)


def _as_dict(
    result: RunResult, fail_on: str, refs: dict[int, list[Any]], *, with_records: bool
) -> dict[str, Any]:
    """`as_dict`; without records `records` is left empty (`parts` writes them itself)."""
    findings = result.findings

    def ref(record: Record) -> list[Any]:
        return refs.get(id(record)) or [record.source, None, source_ids([record])[0]]

    out = {
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
            source: [_record(r, refs) for r in recs] for source, recs in result.records.items()
        }
        if with_records
        else {},
        "groups": [
            {
                "reference": ref(g.reference),
                "matches": [
                    {
                        "record": ref(m.record),
                        "method": m.method,
                        "score": round(m.score, 1),
                        "probability": m.probability,
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
    if result.plan_groups:  # only then: reports of runs without plans keep their shape
        out["plans"] = [plan_group_dict(g) for g in result.plan_groups]
    return out


def source_ids(records: list[Record]) -> list[str]:
    """Each record's id as its source knows it, the id a confirmed-pairs file (`match.pairs`)
    takes: a catalog row's own id, else the page's URL or path, with `#N` for the N-th
    product of a page that has several. A user joins the report back to a catalog by it."""
    per_page: dict[str, int] = {}
    for r in records:
        if not r.item_id:
            where = r.url or r.path
            per_page[where] = per_page.get(where, 0) + 1
    out = []
    for r in records:
        if r.item_id:
            out.append(str(r.item_id))
            continue
        where = r.url or r.path
        out.append(f"{where}#{r.index + 1}" if per_page[where] > 1 else where)
    return out


def _record(record: Record, refs: dict[int, list[Any]]) -> dict[str, Any]:
    return {**record_dict(record), "source_id": refs[id(record)][2]}


def render(result: RunResult, options: ReportOptions) -> bytes:
    """The report's UTF-8 bytes: `dumps(as_dict(...)) + "\\n"`, byte for byte."""
    return b"".join(parts(result, options))


def parts(result: RunResult, options: ReportOptions) -> Iterator[bytes]:
    """`render`'s bytes in the order written, a record at a time.

    The records are most of a report, and as plain dicts they took about four times the
    bytes they are written as: building them all at once, and then the whole text, made the
    report, not the check, set a large run's peak memory (README, "Performance": peak RSS at
    1x and 3x pages). Each top-level value is written on its own and each record on its own,
    indented to its depth (JSON strings hold no raw newline, so indenting is inserting
    spaces after each newline); `msglint check -o` writes the parts as they come."""
    refs = _refs(result)
    data = _as_dict(result, options.fail_on, refs, with_records=False)
    yield b"{"
    for n, (key, value) in enumerate(data.items()):
        yield (b",\n  " if n else b"\n  ") + _dumped(key) + b": "
        if key == "records" and result.records:
            yield from _records_parts(result, refs)
        else:
            yield _dumped(value).replace(b"\n", b"\n  ")
    yield b"\n}\n"


def _records_parts(result: RunResult, refs: dict[int, list[Any]]) -> Iterator[bytes]:
    """`{"source": [record, ...], ...}` at depth 1 of the report, one record at a time."""
    yield b"{"
    for n, (source, recs) in enumerate(result.records.items()):
        yield (b",\n    " if n else b"\n    ") + _dumped(source) + b": "
        if not recs:
            yield b"[]"
            continue
        yield b"["
        for i, record in enumerate(recs):
            text = _dumped(_record(record, refs)).replace(b"\n", b"\n      ")
            yield (b",\n      " if i else b"\n      ") + text
        yield b"\n    ]"
    yield b"\n  }"


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
    return _dumped(data).decode("utf-8")


def _dumped(data: Any) -> bytes:
    """`dumps(data)` as UTF-8 bytes."""
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


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
        source, index = ref[0], ref[1]  # [source, index, id]; schema 2 before the id: 2 items
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
                        probability=None
                        if m.get("probability") is None
                        else float(m["probability"]),
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
        plan_groups=[plan_group_from_dict(g) for g in data.get("plans") or []],
    )
