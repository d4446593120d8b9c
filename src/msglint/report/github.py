"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding.

GitHub turns them into annotations on the pull request's diff. Escaping follows the runner's
own rules (actions/toolkit `command.ts`): in the message `%`, CR and LF are percent-encoded; in
properties also `:` and `,`. With newlines encoded, content can never start a line of its own,
so a hostile page cannot inject a workflow command.
"""

from __future__ import annotations

from msglint.model import Finding, counts
from msglint.model.result import RunResult
from msglint.report import ReportOptions
from msglint.report.meta import detail

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value (file, title, ...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    """The workflow command for one finding."""
    loc = f.location
    props: list[tuple[str, str]] = []
    if not loc.url:
        props.append(("file", loc.path))
        if loc.line and loc.page is None:
            props.append(("line", str(loc.line)))
            if loc.column:
                props.append(("col", str(loc.column)))
            if loc.end_line and loc.end_line != loc.line:
                props.append(("endLine", str(loc.end_line)))
            elif loc.end_column and loc.column and loc.end_column > loc.column:
                props.append(("endColumn", str(loc.end_column)))
    title = f"msglint {f.rule}" + (f" (overdue: {f.overdue})" if f.overdue else "")
    props.append(("title", title))
    message = detail(f)
    if loc.url:
        message = f"{loc.url}: {message}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{_COMMAND[f.severity.value]} {head}::{escape_data(message)}"


def render(result: RunResult, options: ReportOptions) -> str:
    lines = [command(f) for f in result.findings]
    sev = counts(result.findings)["by_severity"]
    lines.append(
        f"msglint: {len(result.findings)} finding(s): {sev['error']} error(s), "
        f"{sev['warning']} warning(s), {sev['info']} info (fail on: {options.fail_on})"
    )
    return "\n".join(lines) + "\n"
