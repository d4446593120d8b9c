"""The output formats' names, in a module that imports nothing.

The config validates `output.format` and the CLI lists the choices without importing any
reporter (`msglint --help` stays fast); `report/__init__.py` maps each name to its module
and a test keeps the two lists equal.
"""

from __future__ import annotations

#: Every output format of `msglint check` and `msglint report`, in the order `--help` shows.
OUTPUT_FORMATS: tuple[str, ...] = (
    "console",
    "json",
    "html",
    "sarif",
    "junit",
    "github",
    "rdjson",
    "rdjsonl",
    "markdown",
    "gitlab",
)
