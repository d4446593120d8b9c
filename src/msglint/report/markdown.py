"""Markdown report for a pull-request comment: a summary table and the top findings.

Links point at the file and line on GitHub when the run is in GitHub Actions
(`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_SHA`), or under `MSGLINT_LINK_BASE` when
set (any forge: `https://gitlab.example.com/team/site/-/blob/main`); fetched pages link to their
URL. Everything taken from content is escaped: a hostile page could otherwise inject
markup, links or @-mentions into the comment.
"""

from __future__ import annotations

import os
import re

from msglint.model import Finding, Severity, counts, fails, place_text
from msglint.model.result import RunResult
from msglint.report import ReportOptions
from msglint.report.meta import rule_table

TOP = 25
_ICON = {"error": "🔴 error", "warning": "🟡 warning", "info": "🔵 info"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, no HTML, no mentions, one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("@", "&#64;")
    text = _SPECIAL.sub(r"\\\1", text)
    # No autolinks either: GFM links bare URLs and www. names by itself.
    return text.replace("://", ":\\/\\/").replace("www.", "www\\.")


def link_base() -> str | None:
    """Where files are browsable, from MSGLINT_LINK_BASE or the GitHub Actions environment."""
    base = os.environ.get("MSGLINT_LINK_BASE")
    if base:
        return base.rstrip("/")
    server, repo, sha = (
        os.environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    if server and repo and sha:
        return f"{server}/{repo}/blob/{sha}"
    return None


def where(f: Finding, base: str | None) -> str:
    loc = f.location
    if loc.page is not None:
        label = escape(f"{loc.url or loc.path} ({place_text(loc)})")
    else:
        label = escape(loc.url or loc.path) + (f":{loc.line}" if loc.line else "")
    if loc.url and loc.url.startswith(("http://", "https://")):
        return f"[{label}](<{_url(loc.url)}>)"
    if base:
        anchor = f"#L{loc.line}" if loc.line and loc.page is None else ""
        return f"[{label}](<{_url(base + '/' + loc.path)}{anchor}>)"
    return label


def _url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def render(result: RunResult, options: ReportOptions) -> str:
    fail_on = options.fail_on
    findings = result.findings
    summary = counts(findings)
    sev = summary["by_severity"]
    failed = fails(findings, fail_on)
    status = "❌ failed" if failed else "✅ passed"
    docs = sum(result.counts_of_documents.values())
    out = [
        f"## msglint: {status}",
        "",
        f"{len(findings)} finding(s) in {docs} document(s) (fail on: {fail_on}).",
        "",
        "| severity | findings |",
        "| --- | ---: |",
        *(f"| {_ICON[s.value]} | {sev[s.value]} |" for s in Severity),
    ]
    if not findings:
        return "\n".join(out) + "\n"
    table = rule_table(result, findings)
    out += ["", "| rule | findings | about |", "| --- | ---: | --- |"]
    for rule_id, n in sorted(summary["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])):
        info = table[rule_id]
        name = f"`{rule_id}`"
        if info.link:
            name = f"[{name}](<{_url(info.link)}>)"
        out.append(f"| {name} | {n} | {escape(info.short)} |")
    top = sorted(findings, key=lambda f: (-f.severity.rank, *f.sort_key()))[:TOP]
    base = link_base() if options.link_base is None else options.link_base or None
    out += [
        "",
        f"### Top {len(top)} of {len(findings)} finding(s)",
        "",
        "| severity | where | message | rule | overdue |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in top:
        out.append(
            f"| {_ICON[f.severity.value]} | {where(f, base)} | {escape(f.message)} "
            f"| `{f.rule}` | {escape(f.overdue or '')} |"
        )
    if len(findings) > TOP:
        out += ["", f"…and {len(findings) - TOP} more; see the full report."]
    return "\n".join(out) + "\n"
