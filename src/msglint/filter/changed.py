"""`--changed-since REF`: which project files differ from a git ref, and which findings touch them.

Files: `git diff --name-only REF` (committed, staged and unstaged changes against REF) plus
untracked files that are not ignored, as paths relative to the project root. Text rules then
read only those files. Cross-source rules still need every record (a changed reference page
may match a partner page that did not change), so the findings kept are those whose partner
side or reference side is in a changed file: the groups that touch a change.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from msglint.errors import UsageError
from msglint.model import Finding


def changed_files(root: Path, ref: str) -> set[str]:
    """Project-relative POSIX paths changed against `ref`, untracked files included."""
    if ref.startswith("-"):
        raise UsageError(f"--changed-since: '{ref}' is not a git ref")
    _git(root, "rev-parse", "--is-inside-work-tree")
    diff = _git(root, "diff", "--name-only", "--relative", "--no-renames", ref, "--")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard")
    return {line for line in (diff + untracked).splitlines() if line}


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=60, check=False
        )
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, and git is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError("--changed-since: git did not answer within 60 s") from None
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()
        message = reason[0] if reason else f"git {args[0]} failed"
        if "not a git repository" in done.stderr.lower():
            message = f"{root} is not in a git repository"
        elif "unknown revision" in done.stderr or "bad revision" in done.stderr:
            message = f"'{args[-2]}' is not a known git ref (branch, tag or commit)"
        raise UsageError(f"--changed-since: {message}")
    return done.stdout


def touches(finding: Finding, changed: set[str]) -> bool:
    """Whether a finding is in a changed file, or compares against one."""
    if finding.location.path in changed:
        return True
    ref = finding.reference
    return ref is not None and ref.location.path in changed
