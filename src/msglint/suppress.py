"""Inline suppressions: comments in Markdown and HTML that silence rules for some lines.

    <!-- msglint-disable RULE -->  ...  <!-- msglint-enable RULE -->   (no RULE: every rule)
    <!-- msglint-disable-next-line RULE -->    <!-- msglint-disable-line RULE -->
    front matter: msglint: {disable: [RULE]}                            (the whole file)
    Vale's controls: <!-- vale off --> / <!-- vale on -->, <!-- vale Style.Rule = NO -->
    (= YES), <!-- vale Style = NO -->

Several rules are separated by commas or spaces; a rule is an id or a prefix (`acme`,
`Microsoft`) covering the ids below it. This is the filter stage: it needs only the source
text (a cheap regex scan for comments, positions as line numbers; fenced code in Markdown is
skipped, so documentation about msglint does not suppress anything) and the findings'
locations. A consistency finding sits at the partner-side location, so a comment in the
partner's page silences it there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from msglint.model import Finding, Location, Role, Severity

UNUSED = "msglint.unused-suppression"
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_MSGLINT = re.compile(r"^msglint-(disable-next-line|disable-line|disable|enable)\b(.*)$", re.S)
_VALE = re.compile(r"^vale\s+(.*)$", re.S)
_VALE_RULE = re.compile(r"^([A-Za-z0-9_.-]+)\s*=\s*(YES|NO)$", re.I)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)


@dataclass(slots=True)
class Comment:
    """One suppression comment as written, and whether it silenced anything."""

    line: int
    text: str
    used: bool = False
    #: A Vale control (`<!-- vale ... -->`): Vale rules apply these themselves, as Vale does.
    vale: bool = False


@dataclass(slots=True)
class Range:
    """Lines `start`..`end` (inclusive; None: to the end) where `rules` (None: all) are off."""

    comment: Comment
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
    comments: list[Comment] = field(default_factory=list)

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


def scan(text: str, fmt: str) -> Suppressions | None:
    """The suppressions in a document's source text, or None when it has none."""
    if "msglint" not in text and "vale" not in text:
        return None
    out = Suppressions()
    if fmt == "markdown" and text.startswith("---"):
        _front_matter(text, out)
    if "<!--" in text and fmt in ("markdown", "html"):
        _comments(text, fmt, out)
    return out if out.comments else None


def _front_matter(text: str, out: Suppressions) -> None:
    import yaml

    m = re.match(r"---[ \t]*\n(.*?\n)---[ \t]*(\n|$)", text, re.S)
    if not m:
        return
    from msglint.yamlsource import load_data

    try:
        data = load_data(m.group(1))  # bounded: front matter is content, and hostile
    except yaml.YAMLError:
        return
    settings = data.get("msglint") if isinstance(data, dict) else None
    disable = settings.get("disable") if isinstance(settings, dict) else None
    if isinstance(disable, str):
        disable = [disable]
    if not isinstance(disable, list) or not disable:
        return
    rules = tuple(str(r) for r in disable)
    comment = Comment(line=1, text=f"front matter msglint.disable: {', '.join(rules)}")
    out.comments.append(comment)
    out.ranges.append(Range(comment, None if "all" in rules else rules, start=1))


def _fenced(text: str) -> list[tuple[int, int]]:
    """Offsets of fenced code blocks, where comments are code, not directives."""
    spans, opened, marker = [], -1, ""
    for m in _FENCE.finditer(text):
        fence = m.group(1)
        if opened < 0:
            opened, marker = m.start(), fence
        elif fence[0] == marker[0] and len(fence) >= len(marker):
            spans.append((opened, m.end()))
            opened = -1
    if opened >= 0:
        spans.append((opened, len(text)))
    return spans


def _comments(text: str, fmt: str, out: Suppressions) -> None:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    fenced = _fenced(text) if fmt == "markdown" else []
    open_ranges: list[Range] = []

    def line_of(offset: int) -> int:
        return bisect_right(starts, offset)

    for m in _COMMENT.finditer(text):
        if any(a <= m.start() < b for a, b in fenced):
            continue
        body = m.group(1).strip()
        action, rules = _parse(body)
        if action is None:
            continue
        line, end_line = line_of(m.start()), line_of(m.end() - 1)
        comment = Comment(line=line, text=body, vale=body.startswith("vale"))
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


def unused(table: Table, roles: dict[str, Role] | None = None, vale: bool = False) -> list[Finding]:
    """A warning for every suppression comment that silenced nothing in this run (with
    `vale`, Vale comments are left out: Vale rules apply them while linting)."""
    out = []
    for (source, path), notes in table.items():
        for c in notes.comments:
            if c.used or (vale and c.vale):
                continue
            out.append(
                Finding(
                    rule=UNUSED,
                    severity=Severity.WARNING,
                    message=f"Unused suppression: '{c.text}' silences no finding.",
                    source=source,
                    role=(roles or {}).get(source),
                    location=Location(path=path, line=c.line, column=1),
                    actual=c.text,
                    context=c.text,
                )
            )
    return out
