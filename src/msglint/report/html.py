"""HTML report: one self-contained file that opens offline and is safe to share.

Everything in it comes from the JSON report's data (`report.json.as_dict`), so a live run
(`msglint check -f html`) and a saved one (`msglint report RUN.json -f html`) share this
renderer; a live run adds what the JSON leaves out (each text finding's prose for the
snippet, the full specs and claims of matched records) as `extras`.

Security, because every string may come from a hostile partner page:
- the template autoescapes (jinja2, autoescape on), and the script builds the finding rows
  with `textContent`, never `innerHTML`;
- the findings travel in a JSON data island whose `<`, `>`, `&` and line separators are
  escaped, so `</script>` in a page cannot end the island;
- only `http:`/`https:` URLs become links (checked here and again in the script);
- the Content-Security-Policy allows nothing but the report's own inline style and script,
  by their SHA-256 hashes, and `data:` images: no network, no other script, no handlers.

Thousands of findings stay fast because the list is not 10,000 DOM rows: the script filters
the data array and renders one page of rows at a time.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from msglint.report.score import DEFINITION, record_label, scores

TEMPLATES = Path(__file__).parent / "templates"
SNIPPET = 90  # characters of context kept on each side of a match
_SOURCE_SUFFIX = re.compile(r" \([^()]*: [^()]*\)$")
_FIELD_RULES = ("price", "name", "spec", "claim", "description", "coverage")


def render(result: Any, fail_on: str) -> str:
    """The report of a live run."""
    from msglint.report.json import as_dict

    return render_report(
        as_dict(result, fail_on), extras=extras_of(result), trends=getattr(result, "history", None)
    )


def render_report(
    report: dict[str, Any],
    extras: dict[str, Any] | None = None,
    trends: dict[str, list[dict[str, Any]]] | None = None,
) -> str:
    """The report from JSON report data; `trends` maps a source to its scores over time."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    view = build_view(report, extras or {}, trends or {})
    csp = (
        "default-src 'none'; "
        f"style-src {_hash(css)}; script-src {_hash(js)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    from markupsafe import Markup

    return env.get_template("report.html.j2").render(
        view=view,
        css=Markup(css),
        js=Markup(js),
        csp=csp,
        data_island=Markup(island(view["findings"])),
    )


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def island(value: Any) -> str:
    """JSON that cannot end the <script> element holding it, nor start a comment in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def safe_url(url: Any) -> str | None:
    """`url` when it is an absolute http(s) URL, else None: no `javascript:`, no `data:`."""
    if not isinstance(url, str) or any(c in url for c in "\r\n\t\0 "):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


def extras_of(result: Any) -> dict[str, Any]:
    """What a live run knows beyond its JSON report: prose context, fields, full records."""

    def detail(record: Any) -> dict[str, Any]:
        return {
            "specs": {k: f"{s.label}: {s.text}" for k, s in record.specs.items()},
            "claims": {c.kind: c.text for c in record.claims},
        }

    findings = []
    for f in result.findings:
        if f.product:
            parts = (f.context or "").split("|")
            findings.append({"field": parts[1] if len(parts) > 1 else None})
        else:
            findings.append({"context": f.context})
    groups = [
        {"reference": detail(g.reference), "matches": [detail(m.record) for m in g.matches]}
        for g in result.groups
    ]
    return {"findings": findings, "groups": groups}


def field_of(finding: dict[str, Any], extra: dict[str, Any]) -> str:
    """Which field of a product a consistency finding is about ("price", "spec:weight")."""
    if extra.get("field"):
        return str(extra["field"])
    rule = finding["rule"].rsplit(".", 1)[-1]
    return next((name for name in _FIELD_RULES if name in rule), "other")


def snippet(context: str | None, match: str | None) -> dict[str, str] | None:
    """The prose around the match, cut to a readable length, split for highlighting."""
    if not context:
        return None
    text = " ".join(context.split())
    at = text.find(match) if match else -1
    if at < 0:
        cut = text[: 2 * SNIPPET]
        return {"pre": cut + ("…" if len(text) > len(cut) else ""), "match": "", "post": ""}
    end = at + len(match or "")
    start = max(0, at - SNIPPET)
    stop = min(len(text), end + SNIPPET)
    return {
        "pre": ("…" if start else "") + text[start:at],
        "match": text[at:end],
        "post": text[end:stop] + ("…" if stop < len(text) else ""),
    }


def build_view(
    report: dict[str, Any], extras: dict[str, Any], trends: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """Everything the template and the script show, as plain data."""
    summary = report.get("summary", {})
    raw = report.get("findings", [])
    f_extras = extras.get("findings") or [{} for _ in raw]
    findings = []
    by_product: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for i, (f, extra) in enumerate(zip(raw, f_extras, strict=False)):
        loc = f.get("location") or {}
        ref = f.get("reference") or None
        url = safe_url(loc.get("url"))
        row = {
            "i": i,
            "rule": f["rule"],
            "sev": f["severity"],
            "src": f["source"],
            "role": f.get("role"),
            "msg": f["message"],
            "path": loc.get("path"),
            "page": loc.get("page"),
            "line": loc.get("line"),
            "col": loc.get("column"),
            "sel": loc.get("selector"),
            "url": url,
            "rawurl": None if url else loc.get("url"),
            "fetched": loc.get("fetched_at"),
            "exp": f.get("expected"),
            "act": f.get("actual"),
            "product": f.get("product"),
            "link": safe_url(f.get("link")),
            "first": f.get("first_seen"),
            "overdue": f.get("overdue"),
            "fp": f.get("fingerprint"),
            "ctx": snippet(extra.get("context"), f.get("actual")),
            "sbs": side_by_side(_strip_source(f.get("expected")), f.get("actual")),
            "ref": None
            if not ref
            else {
                "src": ref.get("source"),
                "path": ref.get("path"),
                "page": ref.get("page"),
                "line": ref.get("line"),
                "url": safe_url(ref.get("url")),
            },
        }
        findings.append(row)
        if row["product"]:
            by_product[(row["src"], row["product"])].append(
                {**row, "field": field_of(f, extra), "exp": _strip_source(row["exp"])}
            )
    score_rows = []
    for s in scores(report):
        points = trends.get(s.source, [])
        score_rows.append({**s.to_dict(), "trend": trend_svg(points), "runs": len(points)})
    return {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "version": report.get("msglint_version"),
        "config": report.get("config") or {},
        "summary": summary,
        "fail_on": summary.get("fail_on"),
        "failed": summary.get("failed"),
        "by_severity": summary.get("by_severity", {}),
        "by_rule": sorted((summary.get("by_rule") or {}).items(), key=lambda kv: (-kv[1], kv[0])),
        "by_source": _by_source(findings),
        "sources": sorted({f["src"] for f in findings}),
        "rules": sorted({f["rule"] for f in findings}),
        "scores": score_rows,
        "definition": DEFINITION,
        "products": products(report, extras.get("groups") or [], by_product),
        "findings": findings,
        "live": bool(extras),
    }


def _by_source(findings: list[dict[str, Any]]) -> list[tuple[str, dict[str, int]]]:
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"error": 0, "warning": 0, "info": 0})
    for f in findings:
        table[f["src"]][f["sev"]] = table[f["src"]].get(f["sev"], 0) + 1
    return sorted(table.items())


def side_by_side(expected: str | None, actual: str | None) -> dict[str, Any] | None:
    """The reference's passage and the partner's, word by word, changed words marked.

    Only for findings that quote two passages (document and description drift): a value
    against a value is clear as it is. Each side is a list of [text, changed] runs.
    """
    if not expected or not actual or len(actual.split()) < 4 or len(expected.split()) < 4:
        return None
    import difflib

    a, b = expected.split(), actual.split()
    ours: list[list[Any]] = []
    theirs: list[list[Any]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        changed = op != "equal"
        if i2 > i1:
            ours.append([" ".join(a[i1:i2]), changed])
        if j2 > j1:
            theirs.append([" ".join(b[j1:j2]), changed])
    return {"exp": ours, "act": theirs}


def _strip_source(expected: str | None) -> str | None:
    # Consistency findings write "USD 299.00 (acme: site/x.html:30)"; the card shows the
    # reference's evidence in its own column, so the value alone reads better.
    return _SOURCE_SUFFIX.sub("", expected) if expected else expected


def products(
    report: dict[str, Any],
    groups_extra: list[dict[str, Any]],
    by_product: dict[tuple[str, str], list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """One card per reference product: reference and partner values side by side."""
    missing: dict[str, list[str]] = defaultdict(list)
    for source, recs in (report.get("unmatched", {}).get("reference") or {}).items():
        for rec in recs:
            missing[record_label(rec)].append(source)
    cards = []
    for gi, g in enumerate(report.get("groups", [])):
        ref = g["reference"]
        label = record_label(ref)
        gx = groups_extra[gi] if gi < len(groups_extra) else {}
        ref_x = gx.get("reference") or {}
        columns = []
        for mi, m in enumerate(g.get("matches", [])):
            mx = (gx.get("matches") or [])[mi] if mi < len(gx.get("matches") or []) else {}
            columns.append(
                {"record": m, "extra": mx, "findings": by_product.get((m["source"], label), [])}
            )
        rows = [
            _row("Name", "name", ref.get("name"), columns, lambda c: c["record"].get("name")),
            _row("Price", "price", ref.get("price"), columns, lambda c: c["record"].get("price")),
            _row(
                "SKU / GTIN",
                "ids",
                _ids(ref),
                columns,
                lambda c: _ids(c["record"]),
            ),
        ]
        for key in sorted(set(ref_x.get("specs", {})) | _keys(columns, "specs")):
            rows.append(
                _row(
                    (ref_x.get("specs", {}).get(key) or key).split(":")[0],
                    f"spec:{key}",
                    _value(ref_x.get("specs", {}).get(key)),
                    columns,
                    lambda c, k=key: _value(c["extra"].get("specs", {}).get(k)),
                )
            )
        for kind in sorted(set(ref_x.get("claims", {})) | _keys(columns, "claims")):
            rows.append(
                _row(
                    f"Claim: {kind}",
                    f"claim:{kind}",
                    ref_x.get("claims", {}).get(kind),
                    columns,
                    lambda c, k=kind: c["extra"].get("claims", {}).get(k),
                )
            )
        shown = {r["field"] for r in rows}
        other = [f for c in columns for f in c["findings"] if not _covered(f["field"], shown)]
        cards.append(
            {
                "label": label,
                "reference": ref,
                "columns": columns,
                "rows": rows,
                "other": other,
                "missing": sorted(missing.get(label, [])),
                "sources": sorted({c["record"]["source"] for c in columns} | set(missing[label])),
                "flagged": any(c["findings"] for c in columns) or bool(missing.get(label)),
            }
        )
    return cards


def _ids(record: dict[str, Any]) -> str | None:
    ids = [x for x in (record.get("sku"), record.get("gtin")) if x]
    return " / ".join(ids) or None


def _value(spec: str | None) -> str | None:
    return spec.split(": ", 1)[1] if spec and ": " in spec else spec


def _keys(columns: list[dict[str, Any]], kind: str) -> set[str]:
    return {k for c in columns for k in (c["extra"].get(kind) or {})}


def _covered(field: str, shown: set[str]) -> bool:
    return field in shown or (field == "ids" and "ids" in shown)


def _row(
    title: str, field: str, ref_value: Any, columns: list[dict[str, Any]], pick: Any
) -> dict[str, Any]:
    """One line of a product card; a partner cell is flagged when it has a finding on it."""
    cells = []
    for c in columns:
        hits = [f for f in c["findings"] if f["field"] == field]
        value = pick(c)
        if value is None and hits:
            value = hits[0]["act"]
        cells.append({"value": value, "findings": hits, "flagged": bool(hits)})
    return {"title": title, "field": field, "reference": ref_value, "cells": cells}


def trend_svg(points: list[dict[str, Any]], width: int = 220, height: int = 48) -> dict | None:
    """A sparkline of a partner's score over its runs, as SVG coordinates (no markup here)."""
    values = [(p["time"], p["score"]) for p in points if p.get("score") is not None]
    if not values:
        return None
    pad = 4
    n = len(values)
    xs = [pad + (width - 2 * pad) * (i / (n - 1) if n > 1 else 0.5) for i in range(n)]
    ys = [height - pad - (height - 2 * pad) * (v / 100.0) for _, v in values]
    return {
        "width": width,
        "height": height,
        "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True)),
        "dots": [
            {"x": round(x, 1), "y": round(y, 1), "title": f"{t}: {v:g}"}
            for x, y, (t, v) in zip(xs, ys, values, strict=True)
        ],
        "first": values[0][0],
        "last": values[-1][0],
    }
