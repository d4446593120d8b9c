"""Reporters: findings -> text.

Every format is one module with `render(result, fail_on) -> str`, registered here by name and
imported only when used, so `msglint --help` stays fast. The console reporter also has
`print_to(result, console, fail_on)` for a live terminal.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

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


def renderer(fmt: str) -> Callable[[Any, str], str]:
    """The `render(result, fail_on) -> str` function of a registered format."""
    return importlib.import_module(FORMATS[fmt]).render
