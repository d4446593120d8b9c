"""Reporters: a RunResult -> text (or bytes), one contract for every format.

Every format is one module with `render(result: RunResult, options: ReportOptions) ->
str | bytes`, registered here by name and imported only when used, so `msglint --help`
stays fast. A reporter reads the result's typed values only (report -> model); it never
filters, sorts or fingerprints findings (the filter stage did) and never prints. How a
live terminal differs from a file (colour, width) is an option, not a second entry point.
A format whose text grows with the run (json) may also offer `parts(result, options)`, the
same text in the order written, which the CLI writes as it comes (`parts` below).

Adding a format: a module here with `render`, a line in FORMATS, its name in
`msglint.formats.OUTPUT_FORMATS`, and a golden file (tests/test_report_snapshots.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msglint.model.result import RunResult

#: Output format name -> the module that renders it.
FORMATS: dict[str, str] = {
    "console": "msglint.report.console",
    "json": "msglint.report.json",
    "html": "msglint.report.html",
    "sarif": "msglint.report.sarif",
    "junit": "msglint.report.junit",
    "github": "msglint.report.github",
    "rdjson": "msglint.report.rdjson",
    "rdjsonl": "msglint.report.rdjsonl",
    "markdown": "msglint.report.markdown",
    "gitlab": "msglint.report.gitlab",
}


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How to render: the fail level the summary states, and what the medium allows."""

    #: The fail level (`--fail-on`): reports say whether the run failed at it.
    fail_on: str = "error"
    #: Console: ANSI colour (a live terminal) and the width to wrap at.
    color: bool = False
    width: int = 120
    #: Markdown: where files are browsable ("" for no links; None: from the environment,
    #: MSGLINT_LINK_BASE or GitHub Actions' variables).
    link_base: str | None = None
    #: HTML: the time the report says it was rendered (None: now).
    now: datetime | None = None


Renderer = Callable[["RunResult", ReportOptions], "str | bytes"]


def renderer(fmt: str) -> Renderer:
    """The `render(result, options)` function of a registered format."""
    return importlib.import_module(FORMATS[fmt]).render  # type: ignore[no-any-return]


def render(fmt: str, result: RunResult, options: ReportOptions | None = None) -> str | bytes:
    """`result` in format `fmt`."""
    return renderer(fmt)(result, options or ReportOptions())


def parts(
    fmt: str, result: RunResult, options: ReportOptions | None = None
) -> Iterable[str | bytes]:
    """`render(fmt, ...)` in the parts a writer can write as they come: a format module
    with a `parts(result, options)` function (json: a record at a time, so a large report
    is never held whole) gives them; any other format is its one rendered text."""
    module = importlib.import_module(FORMATS[fmt])
    options = options or ReportOptions()
    streamed = getattr(module, "parts", None)
    return streamed(result, options) if streamed is not None else (module.render(result, options),)
