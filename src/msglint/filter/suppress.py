"""Inline suppressions: comments in Markdown and HTML that silence rules for some lines.

    <!-- msglint-disable RULE -->  ...  <!-- msglint-enable RULE -->   (no RULE: every rule)
    <!-- msglint-disable-next-line RULE -->    <!-- msglint-disable-line RULE -->
    front matter: msglint: {disable: [RULE]}                            (the whole file)
    Vale's controls: <!-- vale off --> / <!-- vale on -->, <!-- vale Style.Rule = NO -->
    (= YES), <!-- vale Style = NO -->

Several rules are separated by commas or spaces; a rule is an id or a prefix (`acme`,
`Microsoft`) covering the ids below it. The directives come from the parser: the comments
it found outside code (a fenced or indented code block in Markdown, a `<script>` in HTML
is code, so documentation about msglint suppresses nothing) and the front matter it kept;
positions are the Document's own line numbers. `scan` runs where the document is parsed
(in the worker); `apply` and `unused` are the filter stage, which needs only the findings'
locations. A consistency finding sits at the partner-side location, so a comment in the
partner's page silences it there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from msglint.model import Code, Document, Finding, Location, Role, Severity
from msglint.model.result import Suppression

UNUSED = "msglint.unused-suppression"
_MSGLINT = re.compile(r"^msglint-(disable-next-line|disable-line|disable|enable)\b(.*)$", re.S)
_VALE = re.compile(r"^vale\s+(.*)$", re.S)
_VALE_RULE = re.compile(r"^([A-Za-z0-9_.-]+)\s*=\s*(YES|NO)$", re.I)


@dataclass(slots=True)
class Note:
    """One suppression comment as written, and whether it silenced anything."""

    line: int
    text: str
    used: bool = False
    #: A Vale control (`<!-- vale ... -->`): Vale rules apply these themselves, as Vale does.
    vale: bool = False


@dataclass(slots=True)
class Range:
    """Lines `start`..`end` (inclusive; None: to the end) where `rules` (None: all) are off."""

    comment: Note
    rules: tuple[str, ...] | None
    start: int
    end: int | None = None

    def covers(self, rule: str, line: int) -> bool:
        if line < self.start or (self.end is not None and line > self.end):
            return False
        return self.rules is None or any(_names(token, rule) for token in self.rules)


@dataclass(slots=True)
class Suppressions:
    """The suppressions of one document."""

    ranges: list[Range] = field(default_factory=list)
    comments: list[Note] = field(default_factory=list)

    def suppresses(self, finding: Finding, vale_rules: frozenset[str] = frozenset()) -> bool:
        line = finding.location.line
        hit = False
        own = finding.rule in vale_rules
        for r in self.ranges:
            if own and r.comment.vale:
                continue
            whole_file = r.start <= 1 and r.end is None
            # A finding without a line (a whole page) is covered only by a file-wide range.
            if (line is not None or whole_file) and r.covers(finding.rule, line or 1):
                r.comment.used = True
                hit = True
        return hit


def _names(token: str, rule: str) -> bool:
    token = token.rstrip(".")
    return rule == token or rule.startswith(token + ".")


def _rules(text: str) -> tuple[str, ...] | None:
    tokens = tuple(t for t in re.split(r"[\s,]+", text.strip()) if t)
    return tokens or None


def scan(doc: Document) -> Suppressions | None:
    """The suppressions of a parsed document, or None when it has none."""
    if not doc.comments and doc.front_matter is None:
        return None
    out = Suppressions()
    if doc.front_matter:
        _front_matter(doc.front_matter, out)
    _comments(doc, out)
    return out if out.comments else None


def _front_matter(text: str, out: Suppressions) -> None:
    import yaml

    if "msglint" not in text:
        return
    from msglint.yamlsource import load_data

    try:
        data = load_data(text)  # bounded: front matter is content, and hostile
    except yaml.YAMLError:
        return
    settings = data.get("msglint") if isinstance(data, dict) else None
    disable = settings.get("disable") if isinstance(settings, dict) else None
    if isinstance(disable, str):
        disable = [disable]
    if not isinstance(disable, list) or not disable:
        return
    rules = tuple(str(r) for r in disable)
    comment = Note(line=1, text=f"front matter msglint.disable: {', '.join(rules)}")
    out.comments.append(comment)
    out.ranges.append(Range(comment, None if "all" in rules else rules, start=1))


def _comments(doc: Document, out: Suppressions) -> None:
    open_ranges: list[Range] = []
    for found in doc.comments:
        body = found.text.strip()
        if "msglint" not in body and "vale" not in body:
            continue
        action, rules = _parse(body)
        if action is None:
            continue
        line = doc.position(found.start)[0]
        end_line = doc.position(max(found.start, found.end - 1))[0]
        comment = Note(line=line, text=body, vale=body.startswith("vale"))
        if action == "disable":
            out.comments.append(comment)
            r = Range(comment, rules, start=line)
            out.ranges.append(r)
            open_ranges.append(r)
        elif action == "next-line":
            out.comments.append(comment)
            out.ranges.append(Range(comment, rules, start=end_line + 1, end=end_line + 1))
        elif action == "line":
            out.comments.append(comment)
            out.ranges.append(Range(comment, rules, start=line, end=end_line))
        else:  # enable
            for r in list(open_ranges):
                if rules is None:
                    r.end = line
                    open_ranges.remove(r)
                elif r.rules is not None:  # enabling one rule inside "disable all": not kept
                    left = tuple(t for t in r.rules if not any(_names(e, t) for e in rules))
                    if left != r.rules:
                        r.end = line
                        open_ranges.remove(r)
                        if left:
                            rest = Range(r.comment, left, start=line + 1)
                            out.ranges.append(rest)
                            open_ranges.append(rest)


def _parse(body: str) -> tuple[str | None, tuple[str, ...] | None]:
    """A comment's action ("disable", "enable", "next-line", "line") and rules, if any."""
    m = _MSGLINT.match(body)
    if m:
        kind, rest = m.groups()
        action = {"disable-next-line": "next-line", "disable-line": "line"}.get(kind, kind)
        return action, _rules(rest)
    m = _VALE.match(body)
    if not m:
        return None, None
    rest = m.group(1).strip()
    if rest.lower() == "off":
        return "disable", None
    if rest.lower() == "on":
        return "enable", None
    settings = [s.strip() for s in rest.split(",") if s.strip()]
    parsed = [_VALE_RULE.match(s) for s in settings]
    if not parsed or not all(parsed):
        return None, None
    states = {p.group(2).upper() for p in parsed if p}
    if len(states) != 1:
        return None, None  # mixed YES/NO in one comment: not a form Vale documents
    rules = tuple(p.group(1) for p in parsed if p)
    return ("disable" if states == {"NO"} else "enable"), rules


Table = dict[tuple[str, str], Suppressions]


def apply(
    findings: list[Finding], table: Table, vale_rules: frozenset[str] = frozenset()
) -> list[Finding]:
    """The findings no suppression covers (marking the suppressions that were used).

    `vale_rules` are rules read from Vale styles: Vale's own comment controls were applied
    to them while linting, exactly as Vale applies them, so they are not applied again."""
    if not table:
        return findings
    kept = []
    for f in findings:
        notes = table.get((f.source, f.location.path))
        if notes is None or not notes.suppresses(f, vale_rules):
            kept.append(f)
    return kept


def summary(table: Table, vale: bool = False) -> list[Suppression]:
    """Every suppression comment of the run, and whether it hid a finding (with `vale`,
    Vale's own comments are left out: the Vale rules applied them while linting)."""
    return [
        Suppression(source, path, c.line, c.text, c.used)
        for (source, path), notes in table.items()
        for c in notes.comments
        if not (vale and c.vale)
    ]


def unused(found: list[Suppression], roles: dict[str, Role] | None = None) -> list[Finding]:
    """A warning for every suppression comment that silenced nothing in this run."""
    return [
        Finding(
            rule=UNUSED,
            severity=Severity.WARNING,
            message=f"Unused suppression: '{c.text}' silences no finding.",
            source=c.source,
            role=(roles or {}).get(c.source),
            location=Location(path=c.path, line=c.line, column=1),
            actual=c.text,
            context=c.text,
            code=Code.UNUSED_SUPPRESSION,
        )
        for c in found
        if not c.used
    ]
