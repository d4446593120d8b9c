"""HTML report: one self-contained file that opens offline and is safe to share.

It renders a RunResult, so a live run (`msglint check -f html`) and a saved one
(`msglint report RUN.json -f html`, read back by `report/json.py`) give the same page: the
records' specs and claims and each text finding's prose travel in the JSON too.

Security, because every string may come from a hostile partner page:
- the template autoescapes (jinja2, autoescape on), and the script builds the finding rows
  with `textContent`, never `innerHTML`;
- the findings travel in a JSON data island whose `<`, `>`, `&` and line separators are
  escaped, so `</script>` in a page cannot end the island;
- only `http:`/`https:` URLs become links (checked here and again in the script);
- the Content-Security-Policy allows nothing but the report's own inline style and script,
  by their SHA-256 hashes, and `data:` images: no network, no other script, no handlers;
- screenshot evidence is embedded as PNG `data:` URIs (report/shots.py: only PNG files
  inside the project folder, bounded), in a second island the script checks again.

Thousands of findings stay fast because the list is not 10,000 DOM rows: the script filters
the data array and renders one page of rows at a time.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from msglint import __version__
from msglint.model import Finding, Match, Record, counts, fails
from msglint.model.result import RunResult, TrendPoint
from msglint.model.score import DEFINITION, scores
from msglint.report import ReportOptions
from msglint.report.html_plans import plan_cards
from msglint.report.html_scorecard import scorecard_view
from msglint.report.shots import embed
from msglint.report.words import READ_FROM, claim_title, matched_by

TEMPLATES = Path(__file__).parent / "templates"
SNIPPET = 90  # characters of context kept on each side of a match


def render(result: RunResult, options: ReportOptions) -> str:
    """The report of a run, live or loaded from a saved JSON report."""
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
    view = build_view(result, options.fail_on, options.now or datetime.now(UTC))
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
        shots_island=Markup(island(view["shots"])),
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


def build_view(result: RunResult, fail_on: str, now: datetime) -> dict[str, Any]:
    """Everything the template and the script show, as plain data."""
    shots = embed(result.findings, result.config.root)
    findings = []
    by_product: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for i, f in enumerate(result.findings):
        loc = f.location
        ref = f.reference
        url = safe_url(loc.url)
        row = {
            "i": i,
            "rule": f.rule,
            "sev": f.severity.value,
            "src": f.source,
            "role": f.role.value if f.role else None,
            "msg": f.message,
            "path": loc.path,
            "page": loc.page,
            "line": loc.line,
            "col": loc.column,
            "sel": loc.anchor,
            "url": url,
            "rawurl": None if url else loc.url,
            "exp": f.expected_text,
            "act": f.actual_text,
            "product": f.product,
            "link": safe_url(f.link),
            "first": f.first_seen,
            "overdue": f.overdue,
            "fp": f.fingerprint,
            "shot": shots.keys.get(i),
            "shotnote": shots.notes.get(i),
            "ctx": None if f.product else snippet(f.context, f.actual_text),
            "sbs": side_by_side(f.expected_text, f.actual_text),
            "ref": None
            if ref is None
            else {
                "src": ref.source,
                "path": ref.location.path,
                "page": ref.location.page,
                "line": ref.location.line,
                "url": safe_url(ref.location.url),
            },
        }
        findings.append(row)
        if f.product:
            by_product[(f.source, f.product)].append({**row, "field": field_of(f)})
    summary = counts(result.findings)
    trends = result.history or {}
    score_rows = []
    missing = result.unmatched.reference
    for s in scores(result.findings, result.groups, missing):
        points = trends.get(s.source, [])
        score_rows.append(
            {
                "source": s.source,
                "score": s.score,
                "matched": s.matched,
                "missing": s.missing,
                "clean": s.clean,
                "trend": trend_svg(points),
                "runs": len(points),
            }
        )
    return {
        "generated": now.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "now": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "version": __version__,
        "config": {"path": result.config.name, "digest": result.config.digest},
        "summary": {"findings": len(result.findings)},
        "fail_on": fail_on,
        "failed": fails(result.findings, fail_on),
        "by_severity": summary["by_severity"],
        "by_rule": sorted(summary["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])),
        "by_source": _by_source(findings),
        "sources": sorted({f["src"] for f in findings}),
        "rules": sorted({f["rule"] for f in findings}),
        "scores": score_rows,
        "scorecard": scorecard_view(result.scorecard),
        "definition": DEFINITION,
        "products": products(result, by_product),
        "plans": plan_cards(result, by_product),
        "findings": findings,
        "shots": shots.images,
    }


def field_of(f: Finding) -> str:
    """Which row of a product card a consistency finding belongs to ("price", "spec:weight")."""
    if f.field is None:
        return "other"
    if f.field.name == "sale_price":
        return "price"
    return str(f.field)


def _by_source(findings: list[dict[str, Any]]) -> list[tuple[str, dict[str, int]]]:
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"error": 0, "warning": 0, "info": 0})
    for f in findings:
        table[f["src"]][f["sev"]] = table[f["src"]].get(f["sev"], 0) + 1
    return sorted(table.items())


def _evidence(record: Record, match: Match | None = None) -> dict[str, Any]:
    """A record's headline facts and where it was read, for a card's column."""
    where = record.at or record.location("name")
    price = record.price
    return {
        "source": record.source,
        "path": where.path,
        "url": where.url,
        "line": where.line,
        "selector": where.anchor,
        "origin": record.origin,
        "read_from": READ_FROM.get(record.origin, record.origin or None),
        "name": record.name,
        "ids": " / ".join(x for x in (record.sku, record.gtin) if x) or None,
        "price": price.display() if price else None,
        "specs": {k: s.text for k, s in record.specs.items()},
        "labels": {k: s.label for k, s in record.specs.items()},
        "claims": {c.kind: c.text for c in record.claims},
        "method": match.method if match else None,
        "score": round(match.score, 1) if match else None,
        # Below the confidence level: the pair was not compared; a person confirms it.
        "uncertain": bool(match and match.uncertain),
        "matched_by": matched_by(match),
    }


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


def products(
    result: RunResult, by_product: dict[tuple[str, str], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """One card per reference product: reference and partner values side by side."""
    missing: dict[str, list[str]] = defaultdict(list)
    for source, recs in result.unmatched.reference.items():
        for rec in recs:
            missing[rec.label].append(source)
    cards = []
    for g in result.groups:
        label = g.reference.label
        ref = _evidence(g.reference)
        columns = [
            {
                "record": _evidence(m.record, m),
                "findings": by_product.get((m.record.source, label), []),
            }
            for m in g.matches
        ]
        rows = [
            _row("Name", "name", ref["name"], columns, lambda c: c["record"]["name"]),
            _row("Price", "price", ref["price"], columns, lambda c: c["record"]["price"]),
            _row("SKU / GTIN", "ids", ref["ids"], columns, lambda c: c["record"]["ids"]),
        ]
        claim_kinds = set(ref["claims"]) | {k for c in columns for k in c["record"]["claims"]}
        # A spec that is a claim ("warranty" in a catalog's columns) shows in the claim's
        # row, not as a second row beside it.
        spec_keys = set(ref["specs"]) | {k for c in columns for k in c["record"]["specs"]}
        spec_keys -= claim_kinds
        for key in sorted(spec_keys):
            label_of = ref["labels"].get(key) or next(
                (c["record"]["labels"][key] for c in columns if key in c["record"]["labels"]), key
            )
            rows.append(
                _row(
                    label_of,
                    f"spec:{key}",
                    ref["specs"].get(key),
                    columns,
                    lambda c, k=key: c["record"]["specs"].get(k),
                )
            )
        for kind in sorted(claim_kinds):
            rows.append(
                _row(
                    claim_title(kind),
                    f"claim:{kind}",
                    ref["claims"].get(kind) or ref["specs"].get(kind),
                    columns,
                    lambda c, k=kind: c["record"]["claims"].get(k) or c["record"]["specs"].get(k),
                )
            )
        shown = {r["field"] for r in rows}
        other = [f for c in columns for f in c["findings"] if f["field"] not in shown]
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
        cells.append(
            {
                "value": value,
                "findings": hits,
                "flagged": bool(hits),
                "uncertain": c["record"]["uncertain"],
            }
        )
    return {"title": title, "field": field, "reference": ref_value, "cells": cells}


def trend_svg(points: list[TrendPoint], width: int = 240, height: int = 64) -> dict | None:
    """A sparkline of a partner's score over its runs, as SVG coordinates (no markup here):
    a 0-100 scale labelled on the left, the first and last run's dates below."""
    values = [(p.time, p.score) for p in points if p.score is not None]
    if not values:
        return None
    pad, left, bottom = 6, 28, 16
    n = len(values)
    plot_w = width - left - pad
    xs = [left + plot_w * (i / (n - 1) if n > 1 else 0.5) for i in range(n)]
    top, base = pad, height - bottom
    ys = [base - (base - top) * (v / 100.0) for _, v in values]
    return {
        "width": width,
        "height": height,
        "left": left,
        "top": top,
        "base": base,
        "mid": round((top + base) / 2, 1),
        "first_label": values[0][0][:10],
        "last_label": values[-1][0][:10],
        "last_score": f"{values[-1][1]:g}",
        "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True)),
        "dots": [
            {"x": round(x, 1), "y": round(y, 1), "title": f"{t}: {v:g}"}
            for x, y, (t, v) in zip(xs, ys, values, strict=True)
        ],
        "first": values[0][0],
        "last": values[-1][0],
    }
