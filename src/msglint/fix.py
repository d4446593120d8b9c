"""`--fix` and `--diff`: write the rules' replacements over the exact prose they flagged.

Only findings that carry a `fix` (terminology, capitalization) in local Markdown, HTML and
text files are applied. Each finding's line and column give the span in the file's text; the
span is replaced only if it still reads exactly as the finding's `actual` text, so markup,
entities, collapsed whitespace and anything changed since the check are left alone. Every
other byte stays as it was: line endings (the checker sees CRLF as LF; here lines are counted
the same way), a UTF-8 byte-order mark, the file's encoding. A second run finds nothing left.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from msglint.filetypes import format_for
from msglint.model import Finding
from msglint.sources.files import on_disk
from msglint.text.decode import UndecodableError, decode

FORMATS = ("markdown", "html", "text")
_LINE_END = re.compile(r"\r\n|\r|\n")
#: A replacement with these characters would become markup in Markdown: left to a person.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>&|#]")


@dataclass
class FileFix:
    """One file's text before and after its fixes."""

    path: str
    before: str
    after: str
    fixed: list[Finding]
    encoding: str
    bom: bytes = b""


def edits_for(text: str, findings: list[Finding], fmt: str) -> tuple[str, list[Finding]]:
    """`text` with the findings' fixes applied, and the findings that were fixed."""
    starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
    spans: list[tuple[int, int, str, Finding]] = []
    for f in findings:
        loc = f.location
        if f.fix is None or f.actual is None or not (loc.line and loc.column):
            continue
        if not (loc.end_line and loc.end_column) or loc.end_line > len(starts):
            continue
        start = starts[loc.line - 1] + loc.column - 1
        end = starts[loc.end_line - 1] + loc.end_column - 1
        if text[start:end] != f.actual_text:
            continue  # markup, an entity or an edit since: not plain prose, leave it
        replacement = f.fix
        if fmt == "html":
            replacement = html.escape(replacement, quote=False)
        elif fmt == "markdown" and _MARKDOWN_SPECIAL.search(replacement):
            continue
        spans.append((start, end, replacement, f))
    spans.sort(key=lambda s: (s[0], s[1]))
    pieces: list[str] = []
    fixed: list[Finding] = []
    pos = 0
    for start, end, replacement, f in spans:
        if start < pos:
            continue  # overlaps the previous fix
        pieces += [text[pos:start], replacement]
        fixed.append(f)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), fixed


def read(path: Path, fmt: str, declared: str | None) -> tuple[str, str, bytes] | None:
    """(text, encoding, BOM) decoded as the checker decoded it, without touching newlines.

    None when the file cannot be written back exactly as read: a UTF-16 or UTF-32 file
    (rare enough not to risk a round trip) or bytes that did not decode.
    """
    try:
        decoded = decode(path.read_bytes(), declared=declared, markup=fmt == "html")
    except UndecodableError:
        return None
    if decoded.lossy or (decoded.bom and decoded.encoding != "utf-8"):
        return None
    return decoded.text, decoded.encoding, decoded.bom


def plan(findings: list[Finding], root: Path, encodings: dict[str, str | None]) -> list[FileFix]:
    """The fixes the findings allow, per file (nothing is written); `encodings` is each
    source's declared encoding."""
    by_file: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.fix is not None and f.location.url is None:
            by_file.setdefault((f.source, f.location.path), []).append(f)
    out = []
    for (source, rel), findings in sorted(by_file.items()):
        fmt = format_for(rel)
        if fmt not in FORMATS:
            continue
        try:
            got = read(on_disk(root, rel), fmt, encodings.get(source))
        except OSError:
            continue
        if got is None:
            continue
        text, encoding, bom = got
        after, fixed = edits_for(text, findings, fmt)
        if fixed and after != text:
            out.append(FileFix(rel, text, after, fixed, encoding, bom))
    return out


def write(root: Path, fixes: list[FileFix]) -> None:
    """Write the fixed files back, in their own encoding, byte-order mark and newlines."""
    for fx in fixes:
        on_disk(root, fx.path).write_bytes(fx.bom + fx.after.encode(fx.encoding))


def unified_diff(fixes: list[FileFix]) -> str:
    """The fixes as one unified diff (a/ and b/ prefixes, like git)."""
    chunks = []
    for fx in fixes:
        chunks.extend(
            difflib.unified_diff(
                fx.before.splitlines(keepends=True),
                fx.after.splitlines(keepends=True),
                fromfile=f"a/{fx.path}",
                tofile=f"b/{fx.path}",
            )
        )
    return "".join(
        c if c.endswith(("\n", "\r")) else c + "\n\\ No newline at end of file\n" for c in chunks
    )
