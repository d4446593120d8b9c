"""What Vale rules share: message formatting, sentences, scopes over msglint's segments.

Vale lints *blocks* (a heading, a paragraph, a list item, a table cell, ...) and, for
`scope: sentence`, the sentences of those blocks. msglint's parsers already produce the
same blocks as `Document.segments`; a scope is resolved to a list of *units*
`(segment, start, end)` once per document and shared by every rule with that scope, so
sentence splitting happens once per segment however many sentence rules there are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from msglint.model import SEGMENT_KINDS, Document, Segment
from msglint.vale.prefilter import Split, candidates, quick_test, split_units

# -- Go's fmt, as Vale's messages use it ---------------------------------------------------

_VERB = re.compile(r"%(?:%|[-+# 0]*\d*(?:\.\d+)?[svdqf])")


def go_format(message: str, *args: Any) -> str:
    """`fmt.Sprintf` for the verbs Vale messages use; extra arguments are ignored
    (Vale's CondSprintf), a missing one prints as Go prints it."""
    values = iter(args)

    def sub(m: re.Match[str]) -> str:
        verb = m.group()
        if verb == "%%":
            return "%"
        try:
            value = next(values)
        except StopIteration:
            return f"%!{verb[-1]}(MISSING)"
        if verb[-1] == "f" and isinstance(value, int | float):
            return ("%" + verb[1:]) % value
        if verb[-1] == "q":
            return '"' + str(value) + '"'
        return str(value)

    return _VERB.sub(sub, message)


def to_sentence(words: list[str], conjunction: str = "or") -> str:
    """Vale's core.ToSentence: 'a', 'a' or 'b', 'a', 'b', or 'c'."""
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {conjunction} '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{conjunction} {quoted[-1]}"
    return ", ".join(quoted)


def is_phrase(s: str) -> bool:
    """Vale's core.IsPhrase: letters, digits, spaces and hyphens only (so not a regex)."""
    return all(c.isalpha() or c.isdigit() or c in " -" for c in s)


# -- sentences ------------------------------------------------------------------------------

# A sentence ends at . ! or ? (and any closing quotes or brackets) followed by white space
# and a character that can start a sentence. Abbreviations such as "e.g. Foo" split too:
# a known, documented approximation of Vale's tokenizer.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[^\sa-z])")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        stripped = end
        while stripped > start and text[stripped - 1].isspace():
            stripped -= 1
        spans.append((start, stripped))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# -- scopes -------------------------------------------------------------------------------

ALL_KINDS = frozenset(SEGMENT_KINDS)
SCOPE_KINDS: dict[str, frozenset[str]] = {
    "text": ALL_KINDS,
    "heading": frozenset({"heading"}),
    "paragraph": frozenset({"paragraph", "blockquote", "text"}),
    "list": frozenset({"list-item"}),
    "table": frozenset({"table-cell"}),
    "alt": frozenset({"alt-text"}),
    "title": frozenset({"title"}),
    "summary": frozenset({"paragraph", "list-item", "blockquote", "text"}),
    "blockquote": frozenset({"blockquote"}),
}
#: Scopes msglint cannot offer: it never treats code as prose.
UNSUPPORTED_SCOPES = {"code": "msglint does not keep code blocks or spans as prose segments"}
_SUBSCOPE = re.compile(r"^(heading)\.h([1-6])$|^(table)\.(header|cell)$")


@dataclass(frozen=True)
class ScopeSpec:
    """A rule's `scope`, resolved: which segments, and whether to split them into sentences.

    `levels` narrows headings (`heading.h1`), `table_part` table cells (`table.header`);
    `raw` means the document's source text as one unit.
    """

    kinds: frozenset[str]
    sentence: bool = False
    raw: bool = False
    levels: frozenset[int] | None = None
    no_levels: frozenset[int] = frozenset()
    table_part: str | None = None

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.kinds, self.sentence, self.raw, self.levels, self.no_levels, self.table_part)


def parse_scope(value: Any) -> ScopeSpec:
    """A Vale `scope` (a string or a list; `~` negates) as a ScopeSpec; ValueError if unknown."""
    items = [value] if isinstance(value, str) else list(value or [])
    if not items:
        items = ["text"]
    kinds: set[str] = set()
    negated: set[str] = set()
    levels: set[int] = set()
    no_levels: set[int] = set()
    sentence = raw = False
    table_part = None
    for raw_item in items:
        item = str(raw_item).strip()
        if "&" in item:
            raise ValueError(f"scope '{item}': combined scopes ('&') are not supported")
        neg = item.startswith("~")
        name = item.lstrip("~")
        if name in UNSUPPORTED_SCOPES:
            raise ValueError(f"scope '{name}': {UNSUPPORTED_SCOPES[name]}")
        sub = _SUBSCOPE.match(name)
        if sub and sub.group(1):
            (no_levels if neg else levels).add(int(sub.group(2)))
            if not neg:
                kinds.add("heading")
            continue
        if sub and sub.group(3):
            if neg:
                raise ValueError(f"scope '{item}' is not supported")
            kinds.add("table-cell")
            table_part = sub.group(4) if table_part in (None, sub.group(4)) else None
            continue
        if name == "sentence":
            if neg:
                raise ValueError("scope '~sentence' is not supported")
            sentence = True
            continue
        if name == "raw":
            raw = True
            continue
        if name not in SCOPE_KINDS:
            raise ValueError(
                f"unknown scope '{name}'; known: "
                + ", ".join([*SCOPE_KINDS, "sentence", "raw", "heading.h1-h6", "table.header"])
            )
        (negated if neg else kinds).update(SCOPE_KINDS[name])
    if sentence and not kinds:
        kinds = set(ALL_KINDS)
    if not kinds and not raw:
        kinds = set(ALL_KINDS)
    kinds -= negated
    return ScopeSpec(
        frozenset(kinds),
        sentence,
        raw,
        frozenset(levels) if levels else None,
        frozenset(no_levels),
        table_part,
    )


#: (segment, offset of the unit in the segment's text, the unit's text).
Unit = tuple[Segment, int, str]


def units(doc: Document, spec: ScopeSpec) -> list[Unit]:
    """The pieces of `doc` a rule with `spec` reads; cached per document and scope.

    A sentence is its own string (so `^` and `$` anchor at its ends, as in Vale), cut once
    per document and shared by every sentence rule.
    """
    cache = doc.meta.get("_vale_units")
    if cache is None:
        cache = doc.meta["_vale_units"] = {}
    key = spec.key
    found = cache.get(key)
    if found is not None:
        return found
    out: list[Unit] = []
    if spec.raw:
        out.append((_raw_segment(doc), 0, doc.content))
    kinds = spec.kinds
    for seg in doc.segments:
        if seg.kind not in kinds:
            continue
        if seg.kind == "heading" and (spec.levels or spec.no_levels):
            level = heading_level(doc, seg)
            if spec.levels and level not in spec.levels:
                continue
            if level in spec.no_levels:
                continue
        if (
            spec.table_part
            and seg.kind == "table-cell"
            and (table_part(doc, seg) == "header") != (spec.table_part == "header")
        ):
            continue
        if spec.sentence:
            text = seg.text
            out.extend((seg, s, text[s:e]) for s, e in sentence_spans(doc, seg))
        else:
            out.append((seg, 0, seg.text))
    cache[key] = out
    return out


def sentence_spans(doc: Document, seg: Segment) -> list[tuple[int, int]]:
    """Sentences of a segment, split once per document whatever asks for them."""
    cache = doc.meta.get("_vale_sentences")
    if cache is None:
        cache = doc.meta["_vale_sentences"] = {}
    key = id(seg)
    spans = cache.get(key)
    if spans is None:
        spans = cache[key] = sentences(seg.text)
    return spans


def _raw_segment(doc: Document) -> Segment:
    seg = doc.meta.get("_vale_raw")
    if seg is None:
        seg = doc.meta["_vale_raw"] = Segment(kind="raw", text=doc.content, runs=[(0, 0)])
    return seg


def _source_line(doc: Document, seg: Segment) -> tuple[str, int]:
    offset = seg.source_offset(0)
    start = doc.content.rfind("\n", 0, offset) + 1
    end = doc.content.find("\n", offset)
    return doc.content[start : end if end != -1 else len(doc.content)], end


def heading_level(doc: Document, seg: Segment) -> int:
    """1-6: from the `#`s of an ATX heading, the underline of a setext one, or the tag."""
    node = seg.node
    tag = getattr(node, "tag", None)
    if isinstance(tag, str) and len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
        return int(tag[1])
    line, end = _source_line(doc, seg)
    stripped = line.lstrip()
    if stripped.startswith("#"):
        return min(6, len(stripped) - len(stripped.lstrip("#")))
    if end != -1:
        nxt = doc.content[end + 1 : doc.content.find("\n", end + 1) % (len(doc.content) + 1)]
        if nxt.strip().startswith("="):
            return 1
    return 2


def table_part(doc: Document, seg: Segment) -> str:
    """'header' for a cell of a table's first row, else 'cell'."""
    node = seg.node
    tag = getattr(node, "tag", None)
    if tag in ("th", "td"):
        return "header" if tag == "th" else "cell"
    _line, end = _source_line(doc, seg)
    if end == -1:
        return "cell"
    nxt_end = doc.content.find("\n", end + 1)
    nxt = doc.content[end + 1 : nxt_end if nxt_end != -1 else len(doc.content)]
    return "header" if re.fullmatch(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*", nxt) else "cell"


_WORDS = re.compile(r"\w+")


def words(doc: Document, ignorecase: bool) -> frozenset[str]:
    """The words of the document's prose (lower-cased for case-insensitive rules), once."""
    key = "_vale_words_i" if ignorecase else "_vale_words"
    found = doc.meta.get(key)
    if found is None:
        text = "\n".join(seg.text for seg in doc.segments)
        found = frozenset(_WORDS.findall(text.lower() if ignorecase else text))
        doc.meta[key] = found
    return found


def scan(doc: Document, pattern: Any, spec: ScopeSpec) -> list[tuple[Segment, int, Any]]:
    """Every match of `pattern` in the units of `spec`, as (segment, unit offset, match);
    computed once per document for all rules with the same pattern and scope. Units an
    RE2 pre-test proves free of matches are not scanned (see prefilter.py)."""
    cache = doc.meta.get("_vale_scans")
    if cache is None:
        cache = doc.meta["_vale_scans"] = {}
    key = (id(pattern), spec.key)
    found = cache.get(key)
    if found is None:
        finditer = pattern.finditer
        todo = units(doc, spec)
        quick = quick_test(pattern)
        if quick is not None:
            todo = candidates(quick, _split(doc, spec), todo)
        found = [(seg, offset, m) for seg, offset, text in todo for m in finditer(text)]
        cache[key] = found
    return found


def _split(doc: Document, spec: ScopeSpec) -> Split:
    """The units of `spec` as prefilter.split_units cuts them, once per document."""
    cache = doc.meta.get("_vale_split")
    if cache is None:
        cache = doc.meta["_vale_split"] = {}
    key = spec.key
    found = cache.get(key)
    if found is None:
        found = cache[key] = split_units(units(doc, spec))
    return found
