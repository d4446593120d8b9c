"""The pipeline, top to bottom: sources -> parse -> checks -> filter.

This file only wires stages together; each stage lives in its own module.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from msglint import filter as finding_filter
from msglint.checks import TextRule
from msglint.config import LoadedConfig
from msglint.model import Finding, Location, Role, Severity
from msglint.packs import Pack, load_packs
from msglint.parse import parse
from msglint.sources import Content, SourceProblem
from msglint.sources.files import read_source, relative

SOURCE_ERROR = "msglint.source-error"
PARSE_ERROR = "msglint.parse-error"
SOURCE_EMPTY = "msglint.source-empty"


@dataclass
class RunResult:
    """Everything a reporter needs about one run."""

    findings: list[Finding]
    packs: list[Pack]
    config: LoadedConfig
    documents: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


Progress = Callable[[str, str], None]


def run(
    loaded: LoadedConfig,
    *,
    only: set[str] | None = None,
    packs: list[Pack] | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Check every source of the config; `only` limits the run to these relative paths."""
    started = time.perf_counter()
    config = loaded.config
    if packs is None:
        packs = load_packs(config.packs, loaded.root, config.disable)
    rules = [r for p in packs for r in p.rules]
    findings: list[Finding] = []
    documents: dict[str, int] = {}
    for source in config.sources:
        count = 0
        seen_any = False
        for item in read_source(source, loaded.root, config.max_file_size, only):
            seen_any = True
            if progress:
                progress(source.name, item.path)
            if isinstance(item, SourceProblem):
                findings.append(source_error(item))
                continue
            count += 1
            findings.extend(check_content(item, rules))
        documents[source.name] = count
        if not seen_any and only is None:
            findings.append(empty_source(source.name, source.role, source.paths))
    return RunResult(
        findings=finding_filter.finalize(findings),
        packs=packs,
        config=loaded,
        documents=documents,
        seconds=time.perf_counter() - started,
    )


def check_content(item: Content, rules: list[TextRule]) -> list[Finding]:
    """Parse one file and run every text rule in scope on it."""
    try:
        doc = parse(
            item.text, item.format, source=item.source, role=item.role, path=item.path, url=item.url
        )
    except Exception as exc:  # a parser bug on hostile input must not stop the run
        return [
            source_error(
                SourceProblem(
                    item.source, item.role, item.path, f"could not parse {item.format}: {exc}"
                ),
                PARSE_ERROR,
            )
        ]
    findings: list[Finding] = []
    for rule in rules:
        if rule.applies_to(doc):
            findings.extend(rule.check(doc))
    return findings


def empty_source(name: str, role: Role, paths: list[str]) -> Finding:
    """A source whose paths match no file: usually a typo that would hide every finding."""
    return Finding(
        rule=SOURCE_EMPTY,
        severity=Severity.WARNING,
        message=f"Source '{name}' matched no files (paths: {', '.join(paths)}).",
        source=name,
        role=role,
        location=Location(path=paths[0] if paths else ""),
    )


def source_error(problem: SourceProblem, rule: str = SOURCE_ERROR) -> Finding:
    """A file or page that could not be read, reported like any other finding."""
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        message=f"Could not check {problem.url or problem.path}: {problem.reason}",
        source=problem.source,
        role=problem.role,
        location=Location(path=problem.path, url=problem.url),
        actual=problem.reason,
    )


def relative_paths(paths: list[str], root: Path, cwd: Path) -> set[str]:
    """Command-line paths as project-relative POSIX paths (folders expand to their files)."""
    out: set[str] = set()
    for p in paths:
        path = (cwd / p).resolve()
        targets = [x for x in path.rglob("*") if x.is_file()] if path.is_dir() else [path]
        out.update(relative(t, root) for t in targets)
    return out
