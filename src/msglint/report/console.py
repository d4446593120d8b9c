"""Console report: findings grouped by source and file, in the style of ruff and eslint.

One renderer for a file and a live terminal: `ReportOptions.color` asks for ANSI colour and
`width` for the terminal's width; the text is the same otherwise.
"""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from msglint.model import counts, place_text
from msglint.model.result import RunResult
from msglint.report import ReportOptions

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(result: RunResult, options: ReportOptions) -> str:
    """The report as text `options.width` wide, with ANSI colour when `options.color`."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="auto" if options.color else None,
        highlight=False,
        soft_wrap=False,
    )
    _print(result, console, options.fail_on)
    return buffer.getvalue()


def _print(result: RunResult, console: Console, fail_on: str) -> None:
    """Print the findings; everything from content is escaped (it may hold rich markup)."""
    findings = result.findings
    for source, in_source in groupby(findings, key=lambda f: f.source):
        in_source = list(in_source)
        role = in_source[0].role.value if in_source[0].role else ""
        console.print(Text.assemble((source, "bold magenta"), (f"  role: {role}", "dim")))
        for path, in_file in groupby(in_source, key=lambda f: f.location.url or f.location.path):
            console.print(Text("  " + path, style="bold underline"))
            for f in in_file:
                loc = f.location
                where = place_text(loc) or "-"
                line = Text("    ")
                line.append(f"{where:>7}  ")
                line.append(f"{f.severity.value:<7}", style=_STYLE[f.severity.value])
                line.append(" ")
                line.append(f.message)
                line.append(f"  {f.rule}", style="dim")
                console.print(line, soft_wrap=True)
                if loc.anchor:
                    console.print(Text(f"             at {loc.anchor}", style="dim"))
                if f.overdue:  # (first_seen of every finding is in the JSON; here it is noise)
                    life = Text("             ")
                    life.append(f"overdue: {f.overdue}", style="bold red")
                    life.append(f"  first seen {f.first_seen or '?'}", style="dim")
                    console.print(life)
                if f.reference is not None and f.reference.source != f.source:
                    ref = f.reference.location
                    at = ref.url or ref.path
                    if ref.page is not None:
                        at += f" ({place_text(ref)})"
                    elif ref.line:
                        at += f":{ref.line}"
                    console.print(
                        Text(f"             reference: {f.reference.source} {at}", style="dim")
                    )
    summary = counts(findings)
    docs = sum(result.counts_of_documents.values())
    sev = summary["by_severity"]
    parts = [f"{sev['error']} error(s)", f"{sev['warning']} warning(s)", f"{sev['info']} info"]
    if findings:
        console.print()
    console.print(
        f"[bold]{len(findings)} finding(s)[/bold] in {docs} document(s) from "
        f"{len(result.documents)} source(s): "
        + escape(", ".join(parts))
        + f" [dim](fail on: {escape(fail_on)}; {result.timings.total:.2f}s)[/dim]"
    )
