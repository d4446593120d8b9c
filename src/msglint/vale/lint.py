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

from msglint.checks.base import finding_context
from msglint.model import Document, Finding, Location, Severity
from msglint.vale.place import FileState, add_alert
from msglint.vale.prefilter import PatternSet, candidates, quick_test, split_units
from msglint.vale.rules.base import apply_action
from msglint.vale.view import Patterns, TooMuchWork, View, build
from msglint.vale.walk import Block, Ignores, query

_FALLBACK_EXT = {"markdown": ".md", "html": ".html", "text": ".txt"}
#: Vale's reading is quadratic: every block of text, and every alert placed, searches and
#: rewrites the whole file (its "context", as Vale does). The work is bounded by the file's
#: size times the number of its blocks and placed alerts: past WORK_BUDGET (fs.md of the
#: Node.js docs, 262 KB in 2,900 blocks with 4,000 alerts, is about 1.8e9 and takes 7 s),
#: or past MAX_CHARS whatever its blocks, a file is not linted with the Vale styles and a
#: warning says so. Memory stays linear (blocks keep a snapshot of the context, walk.py).
MAX_CHARS = 1_000_000
WORK_BUDGET = 2_500_000_000
SKIPPED = "msglint.vale-skipped"


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

    def __init__(self, view: View, patterns: PatternSet | None = None) -> None:
        self.view = view
        self.patterns = patterns
        self._set_hits: dict[tuple[str, ...], frozenset[int]] = {}
        self.sequences: set[Any] = set()
        self._scopes: dict[tuple[str, ...], list[Block]] = {}
        self._splits: dict[tuple[str, ...], Any] = {}
        self._hits: dict[tuple[int, tuple[str, ...]], list[Block]] = {}
        self._metrics: dict[str, float] | None = None
        self._words: dict[bool, frozenset[str]] = {}
        self._nonprose: dict[int, Any] = {}

    def blocks_in(self, check: Any) -> list[Block]:
        key = check.scope.source
        found = self._scopes.get(key)
        if found is None:
            matches = check.scope.matches
            found = self._scopes[key] = [b for b in self.view.blocks if matches(b.sections)]
        return found

    def candidates(self, check: Any) -> list[Block]:
        """The blocks of the check's scope its pattern may match: all of them, less those
        an RE2 pre-test over the scope proves free of matches (shared by every rule with
        the same pattern and scope)."""
        pattern = getattr(check, "pattern", None)
        gate = getattr(check, "gate", None)
        blocks = self.blocks_in(check)
        if (pattern is None and gate is None) or not blocks:
            return blocks
        scope = check.scope.source
        if gate is not None:  # the rule reads every block, but only if `gate` matches
            return blocks if self._may_match(gate, scope, blocks) else []
        key = (id(pattern), scope)
        found = self._hits.get(key)
        if found is None:
            quick = quick_test(pattern)
            if quick is None:
                found = blocks
            elif not self._may_match(pattern, scope, blocks):
                found = []
            else:
                units, cut = self._split(scope, blocks)
                found = [u[0] for u in candidates(quick, cut, units)]
            self._hits[key] = found
        return found

    def _split(self, scope: tuple[str, ...], blocks: list[Block]) -> tuple[list[Any], Any]:
        split = self._splits.get(scope)
        if split is None:
            units = [(b, 0, b.text) for b in blocks]
            split = self._splits[scope] = (units, split_units(units))
        return split

    def _may_match(self, pattern: Any, scope: tuple[str, ...], blocks: list[Block]) -> bool:
        """False only when RE2 proves `pattern` matches in none of the scope's blocks: one
        RE2::Set pass per scope answers for every pattern at once."""
        patterns = self.patterns
        index = patterns.index.get(id(pattern)) if patterns is not None else None
        if index is None:
            quick = quick_test(pattern)
            if quick is None:
                return True
            units, cut = self._split(scope, blocks)
            return bool(cut.unsafe) or bool(candidates(quick, cut, units))
        units, cut = self._split(scope, blocks)
        if cut.unsafe:
            return True
        hits = self._set_hits.get(scope)
        if hits is None:
            assert patterns is not None
            hits = self._set_hits[scope] = patterns.matching(cut.text)
        return index in hits

    def matches(self, pattern: Any, check: Any, blk: Block) -> Any:
        """Every match of `pattern` in the block (the linter only runs a rule on the blocks
        `candidates` keeps)."""
        return pattern.finditer(blk.text)

    def nonprose(self, blk: Block) -> Any:
        """The block's non-prose spans (values/tokens.py), found on its first alert."""
        found = self._nonprose.get(blk.index)
        if found is None:
            from msglint.values.tokens import nonprose

            found = self._nonprose[blk.index] = nonprose(blk.text)
        return found

    def words(self, ignorecase: bool) -> frozenset[str]:
        found = self._words.get(ignorecase)
        if found is None:
            import re

            text = self.view.lines and "".join(self.view.lines)
            found = frozenset(re.findall(r"\w+", text.lower() if ignorecase else text))
            self._words[ignorecase] = found
        return found

    def metrics(self) -> dict[str, float]:
        if self._metrics is None:
            from msglint.vale.metric import summary_metrics

            self._metrics = summary_metrics(self.view.summary, self.view.metrics)
        return self._metrics


@dataclass(frozen=True)
class _Entry:
    rule: Any
    check: Any
    limit: int
    first: frozenset[str] | None
    ignorecase: bool


class Linter:
    """Every Vale rule of a run, and the settings they run under."""

    def __init__(self, rules: list[Any], settings: Settings | None = None) -> None:
        self.rules = rules
        self.settings = settings or Settings()
        self._entries: list[_Entry] = []
        self._needs: set[str] = set()
        for rule in rules:
            rule.bind(self)
            check = rule.check_impl
            self._entries.append(
                _Entry(
                    rule,
                    check,
                    check.d.limit,
                    getattr(check, "first", None),
                    bool(getattr(check, "ignorecase", False)),
                )
            )
        self._levels = {r.id: r.level for r in rules}
        self._last: tuple[Document, Any] | None = None
        self._needs_of: dict[frozenset[str], set[str]] = {}
        self._patterns = PatternSet(
            [
                p
                for e in self._entries
                for p in (getattr(e.check, "pattern", None), getattr(e.check, "gate", None))
                if p is not None
            ]
        )

    def severity(self, rule_id: str, doc: Document) -> Severity | None:
        resolve = self.settings.resolve
        default = self._levels.get(rule_id)
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

    def applies(self, rule_id: str, doc: Document) -> bool:
        """Whether the rule is on for `doc` (level and scope), as `_lint` runs it."""
        return rule_id in self._active(doc)[1]

    def _active(self, doc: Document) -> tuple[list[tuple[_Entry, Severity]], frozenset[str]]:
        """The rules on for `doc` with their levels, and their ids (the last document's
        answer is kept: every rule asks about the same document in turn)."""
        last = self._last
        if last is not None and last[0] is doc:
            return last[1]
        resolve = self.settings.resolve
        active = []
        for entry in self._entries:
            rule = entry.rule
            level = rule.level if resolve is None else resolve(rule.id, doc.path, rule.level)
            if level is not None and rule.scope.includes(doc):
                active.append((entry, level))
        found = (active, frozenset(e.rule.id for e, _ in active))
        self._last = (doc, found)
        return found

    def _lint(self, doc: Document) -> dict[str, list[Finding]]:
        active, ids = self._active(doc)
        out: dict[str, list[Finding]] = {}
        if not active:
            return out
        size = len(doc.content)
        if size > MAX_CHARS:
            out[active[0][0].rule.id] = [
                _skipped(doc, f"{size:,} characters (more than {MAX_CHARS:,})")
            ]
            return out
        path = doc.path
        if "." not in path.rsplit("/", 1)[-1]:
            path += _FALLBACK_EXT.get(doc.format, "")
        needs = self._needs_of.get(ids)
        if needs is None:
            needs = self._needs_of[ids] = set().union(*(e.check.scope.needs for e, _ in active))
        settings = self.settings
        patterns = settings.patterns(path) if settings.patterns else Patterns()
        try:
            view = build(
                doc.content,
                path,
                formats=settings.formats,
                patterns=patterns,
                ignores=settings.ignores,
                sentences_needed="sentence" in needs,
                paragraphs_needed="paragraph" in needs,
                max_work=WORK_BUDGET,
            )
        except TooMuchWork as exc:
            out[active[0][0].rule.id] = [_skipped(doc, str(exc))]
            return out
        if view.unsupported:
            return out
        cost = size * len(view.blocks)
        if cost > WORK_BUDGET:
            why = f"{size:,} characters in {len(view.blocks):,} blocks"
            return {active[0][0].rule.id: [_skipped(doc, why)]}
        run = FileRun(view, self._patterns)
        # Which rules may alert in which block: each rule's scope, less the blocks its
        # pattern cannot match; most (rule, block) pairs are never looked at.
        todo: list[list[tuple[_Entry, Severity]]] = [[] for _ in view.blocks]
        for entry, level in active:
            if entry.first is not None and entry.first.isdisjoint(run.words(entry.ignorecase)):
                continue
            for blk in run.candidates(entry.check):
                todo[blk.index].append((entry, level))
        state = FileState(lines=view.lines, markup=view.markup)
        for blk in view.blocks:
            work = todo[blk.index]
            if not work:
                continue
            contexts: dict[str, str] = {}
            comments = blk.comments
            for entry, level in work:
                name = entry.rule.id
                if comments is not None and query(comments, name):
                    continue
                opted_in = entry.rule.scope.identifiers
                for alert in entry.check.run(blk, run):
                    if comments is not None and query(comments, f"{name}[{alert.match}]"):
                        continue
                    if not opted_in and run.nonprose(blk).overlaps(alert.start, alert.end):
                        if run.nonprose(blk).cuts(alert.start, alert.end):
                            continue  # inside an address, a URL, a part number: not prose
                        # A match holding a whole address (a heading's capitalization, a
                        # long sentence) is Vale's alert, but its fix would rewrite one.
                        alert.fixable = False
                    cost += size
                    if cost > WORK_BUDGET:
                        tried = (cost - size * len(view.blocks)) // size
                        why = f"{size:,} characters, {len(view.blocks):,} blocks and {tried:,}"
                        return {active[0][0].rule.id: [_skipped(doc, why + " alerts")]}
                    placed = add_alert(state, alert, blk, name, entry.limit, contexts)
                    if placed is not None:
                        out.setdefault(name, []).append(
                            _finding(doc, entry.rule, entry.check, level, placed, view.lines)
                        )
        return out


def _skipped(doc: Document, why: str) -> Finding:
    return Finding(
        rule=SKIPPED,
        severity=Severity.WARNING,
        message=f"Vale styles not run on {doc.path}: {why} is more than msglint reads in "
        "bounded time (as Vale does, every block and alert searches the whole file).",
        source=doc.source,
        role=doc.role,
        location=Location(path=doc.path, line=1, column=1, url=doc.url),
        actual=str(len(doc.content)),
    )


def _finding(
    doc: Document, rule: Any, check: Any, level: Severity, placed: Any, lines: list[str]
) -> Finding:
    alert = placed.alert
    expected = alert.expected
    fix = None
    if alert.fixable:
        if expected is None:
            expected = apply_action(check.action, alert.match)
        fix = expected
    line_text = lines[placed.line - 1] if 0 < placed.line <= len(lines) else ""
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
        context=finding_context(line_text, placed.start - 1, placed.end).strip() or None,
        link=rule.link,
        fix=fix,
    )
