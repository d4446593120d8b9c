"""Errors that reach the user as a clear message and an exit code, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class MsglintError(Exception):
    """Base of every error msglint reports to the user (exit code 2 unless said otherwise)."""

    exit_code = 2


@dataclass
class Problem:
    """One mistake in a file, with where it is (line and column are 1-based)."""

    message: str
    line: int | None = None
    column: int | None = None

    def render(self, path: Path | str | None) -> str:
        if path is None and self.line is None:
            return self.message
        where = str(path) if path is not None else "<config>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class ConfigError(MsglintError):
    """A mistake in msglint.yaml, pyproject.toml or a rule file.

    Carries every problem found in the file at once, so a user fixes them in one round.
    """

    def __init__(self, path: Path | str | None, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.path = path
        self.problems = problems
        super().__init__("\n".join(p.render(path) for p in problems))


class UsageError(MsglintError):
    """A command-line mistake: an unknown rule id, a missing file given on the command line."""
