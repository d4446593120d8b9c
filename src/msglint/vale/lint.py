"""Lint a document with every Vale rule, as Vale 3.7 does, and turn its alerts into findings.

Vale lints block by block (`lintBlock`): for each block, every rule that is on for the
file (`.vale.ini` sections), at or above `MinAlertLevel`, not switched off by a comment,
and whose scope matches the block runs; each alert is placed in the file (place.py) and
kept unless a comment switches off that rule for that match. Rules share the file's
state (acronym definitions for `conditional`), so all of a document's Vale rules run
together here, once, and each rule's `check` hands out its share.

Speed: rules sharing a pattern and scope share one scan per document, and an RE2 pre-test
over the scope's blocks (prefilter.py) spares `re` the blocks a pattern cannot match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from msglint.model import Document, Finding, Location, Severity
from msglint.vale.place import FileState, add_alert
from msglint.vale.prefilter import candidates, quick_test, split_units
from msglint.vale.rules.base import apply_action
from msglint.vale.view import Patterns, View, build
from msglint.vale.walk import Block, Ignores, query

_FALLBACK_EXT = {"markdown": ".md", "html": ".html", "text": ".txt"}


@dataclass
class Settings:
    """What the linter reads from `.vale.ini` (see ini.py)."""

    #: rule id, path -> severity for that file, or None when the rule is off there.
    resolve: Any = None
    formats: dict[str, str] = field(default_factory=dict)
    #: path -> the TokenIgnores/BlockIgnores patterns of the sections it matches.
    patterns: Any = None
    ignores: Ignores = field(default_factory=Ignores)


class FileRun:
    """One document's Vale state: its blocks, shared rule state and scan caches."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.sequences: set[Any] = set()
        self._scopes: dict[tuple[str, ...], list[Block]] = {}
        self._hits: dict[tuple[int, tuple[str, ...]], Any] = {}
        self._metrics: dict[str, float] | None = None
        self._words: dict[bool, frozenset[str]] = {}

    def blocks_in(self, check: Any) -> list[Block]:
        key = check.scope.source
        found = self._scopes.get(key)
        if found is None:
            matches = check.scope.matches
            found = self._scopes[key] = [b for b in self.view.blocks if matches(b.sections)]
        return found

    def matches(self, pattern: Any, check: Any, blk: Block) -> Any:
        """`pattern.finditer(blk.text)`, skipped where the RE2 pre-test says no match."""
        key = (id(pattern), check.scope.source)
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = self._candidates(pattern, self.blocks_in(check))
        if hits is not True and blk.index not in hits:
            return ()
        return pattern.finditer(blk.text)

    def _candidates(self, pattern: Any, blocks: list[Block]) -> Any:
        quick = quick_test(pattern)
        if quick is None or not blocks:
            return True
        units = [(b, 0, b.text) for b in blocks]
        kept = candidates(quick, split_units(units), units)
        if len(kept) == len(units):
            return True
        return {u[0].index for u in kept}

    def words(self, ignorecase: bool) -> frozenset[str]:
        found = self._words.get(ignorecase)
        if found is None:
            import re

            text = "\n".join(b.text for b in self.view.blocks if "raw" not in b.sections)
            found = frozenset(re.findall(r"\w+", text.lower() if ignorecase else text))
            self._words[ignorecase] = found
        return found

    def metrics(self) -> dict[str, float]:
        if self._metrics is None:
            from msglint.vale.metric import summary_metrics

            self._metrics = summary_metrics(self.view.summary, self.view.metrics)
        return self._metrics


class Linter:
    """Every Vale rule of a run, and the settings they run under."""

    def __init__(self, rules: list[Any], settings: Settings | None = None) -> None:
        self.rules = rules
        self.settings = settings or Settings()
        for rule in rules:
            rule.bind(self)

    def severity(self, rule_id: str, doc: Document) -> Severity | None:
        resolve = self.settings.resolve
        rule = next((r for r in self.rules if r.id == rule_id), None)
        default = rule.level if rule is not None else None
        if resolve is None:
            return default
        return resolve(rule_id, doc.path, default)

    def findings(self, doc: Document) -> dict[str, list[Finding]]:
        cache = doc.meta.get("_vale_findings")
        if cache is not None and cache[0] is self:
            return cache[1]
        out = self._lint(doc)
        doc.meta["_vale_findings"] = (self, out)
        return out

    def _active(self, doc: Document) -> list[tuple[Any, Severity]]:
        resolve = self.settings.resolve
        active = []
        for rule in self.rules:
            level = rule.level if resolve is None else resolve(rule.id, doc.path, rule.level)
            if level is not None and rule.scope.includes(doc):
                active.append((rule, level))
        return active

    def _lint(self, doc: Document) -> dict[str, list[Finding]]:
        active = self._active(doc)
        out: dict[str, list[Finding]] = {}
        if not active:
            return out
        path = doc.path
        if "." not in path.rsplit("/", 1)[-1]:
            path += _FALLBACK_EXT.get(doc.format, "")
        needs = set()
        for rule, _level in active:
            needs |= rule.check_impl.scope.needs
        settings = self.settings
        patterns = settings.patterns(path) if settings.patterns else Patterns()
        view = build(
            doc.content,
            path,
            formats=settings.formats,
            patterns=patterns,
            ignores=settings.ignores,
            sentences_needed="sentence" in needs,
            paragraphs_needed="paragraph" in needs,
        )
        if view.unsupported:
            return out
        run = FileRun(view)
        state = FileState(lines=view.lines, markup=view.markup)
        checks = []
        for rule, level in active:
            check = rule.check_impl
            first = getattr(check, "first", None)
            if first is not None and first.isdisjoint(run.words(check.ignorecase)):
                continue
            checks.append((rule, check, level, check.scope.matches, check.d.limit))
        lines = len(view.lines)
        for blk in view.blocks:
            contexts: dict[str, str] = {}
            comments = blk.comments
            for rule, check, level, matches, limit in checks:
                if not matches(blk.sections):
                    continue
                name = rule.id
                if comments is not None and query(comments, name):
                    continue
                for alert in check.run(blk, run):
                    if comments is not None and query(comments, f"{name}[{alert.match}]"):
                        continue
                    placed = add_alert(state, alert, blk, name, limit, contexts)
                    if placed is None:
                        continue
                    out.setdefault(name, []).append(
                        _finding(doc, rule, check, level, placed, lines)
                    )
        return out


def _finding(doc: Document, rule: Any, check: Any, level: Severity, placed: Any, n: int) -> Finding:
    alert = placed.alert
    expected = alert.expected
    fix = None
    if alert.fixable:
        if expected is None:
            expected = apply_action(check.action, alert.match)
        fix = expected
    line_text = doc.content.split("\n")[placed.line - 1] if 0 < placed.line <= n else ""
    return Finding(
        rule=rule.id,
        severity=level,
        message=alert.message,
        source=doc.source,
        role=doc.role,
        location=Location(
            path=doc.path,
            line=placed.line,
            column=placed.start,
            end_line=placed.line,
            end_column=placed.end + 1,
            url=doc.url,
        ),
        actual=alert.match,
        expected=expected,
        context=line_text.strip() or None,
        link=rule.link,
        fix=fix,
    )
