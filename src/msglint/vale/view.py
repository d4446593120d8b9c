"""A document as Vale reads it: the blocks it lints, in order, for each file format.

Vale 3.7 reads a file by its format (`lintFile`): Markdown and HTML through the token walk
(walk.py), reStructuredText by converting it to HTML first (with docutils, as Vale runs
rst2html), plain text as prose, anything else line by line. A prose block becomes its
sentences and then its text (`lintProse`); every file ends with the `summary` block (the
prose of paragraphs, lists and block quotes) and the `raw` block (the file as written).

Before Markdown is parsed, front matter becomes a code block and the `.vale.ini`
`TokenIgnores`/`BlockIgnores` patterns become inline code and code blocks; the context
alerts are placed in masks code-fence info strings, link labels and list numbers, as
Vale's `prepMarkdown` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from msglint.vale.goldmark import markdown_tokens
from msglint.vale.segment import sentences
from msglint.vale.tokens import TEXT, tokenize_html
from msglint.vale.walk import Block, Ignores, Walked, go_trim, walk

#: Vale's FormatFromExt: extension -> (normalized extension, format).
FORMATS: dict[str, tuple[str, str]] = {
    **{e: (".md", "markup") for e in (".md", ".mdown", ".markdown", ".markdn", ".mkd", ".mkdn")},
    **{e: (".html", "markup") for e in (".html", ".htm", ".shtml", ".xhtml")},
    **{e: (".rst", "markup") for e in (".rst", ".rest")},
    **{e: (".adoc", "markup") for e in (".adoc", ".asciidoc", ".asc")},
    ".txt": (".txt", "text"),
    ".text": (".txt", "text"),
}
_FRONT_MATTER = re.compile(r"^(?s:(?:---|\+\+\+)\n(.+?)\n(?:---|\+\+\+))")
_INFO = re.compile(r"`{3,}.+")
_LINK_REF = re.compile(r"\]\[(?:[^]\n]+)\]")
_LINK_DEF = re.compile(r"\[(?:[^]\n]+)\]:")
_NUMBERED = re.compile(r"(?m)^\d+\.")


class TooMuchWork(Exception):
    """The walk would search and rewrite the file more often than `max_work` allows."""


def _check_work(tokens: list, size: int, max_work: int | None) -> list:
    """Every text token is searched for, and masked, in the whole file: refuse a walk
    costing more than `max_work` (text tokens times the file's size)."""
    if max_work is not None:
        texts = sum(1 for t in tokens if t[0] == TEXT)
        if texts * size > max_work:
            raise TooMuchWork(f"{size:,} characters in {texts:,} pieces of text")
    return tokens


@dataclass(frozen=True)
class Patterns:
    """`.vale.ini` TokenIgnores and BlockIgnores that apply to a file (compiled)."""

    tokens: tuple[re.Pattern[str], ...] = ()
    blocks: tuple[re.Pattern[str], ...] = ()


@dataclass
class View:
    """Every block Vale lints in a document, in the order it lints them."""

    blocks: list[Block]
    lines: list[str]
    markup: bool
    ext: str
    summary: str = ""
    metrics: dict[str, int] = field(default_factory=dict)
    unsupported: str | None = None


def sanitize(text: str) -> str:
    return text.replace("&rsquo;", "'").replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def format_of(path: str, formats: dict[str, str] | None = None) -> tuple[str, str, str]:
    """(real extension, normalized extension, format) of a path, `[formats]` applied."""
    real = PurePosixPath(path).suffix
    ext = real.lower()
    if formats and ext.lstrip(".") in formats:
        ext = "." + formats[ext.lstrip(".")]
    normed, fmt = FORMATS.get(ext, (ext, "code" if ext else "text"))
    return real, normed, fmt


def _transform(content: str, patterns: Patterns, block: str, inline: str) -> str:
    s = _FRONT_MATTER.sub(lambda m: block.replace("$1", m.group(1)), content, count=1)
    for pat in patterns.tokens:
        s = pat.sub(lambda m: inline.replace("$1", m.group(1) if m.re.groups else ""), s)
    for pat in patterns.blocks:
        s = pat.sub(lambda m: block.replace("$1", m.group(1) if m.re.groups else ""), s)
    return s


def prep_markdown(content: str) -> str:
    def info(m: re.Match[str]) -> str:
        parts = m.group().split("`")
        return "`" * (len(parts) - 1) + "*" * len(parts[-1])

    body = _INFO.sub(info, content)
    body = _LINK_REF.sub(lambda m: "][" + "*" * (len(m.group()) - 3) + "]", body)
    body = _LINK_DEF.sub(lambda m: "[" + "*" * (len(m.group()) - 3) + "]:", body)
    return _NUMBERED.sub(lambda m: "*" * len(m.group()), body)


def build(
    content: str,
    path: str,
    *,
    formats: dict[str, str] | None = None,
    patterns: Patterns | None = None,
    ignores: Ignores | None = None,
    sentences_needed: bool = True,
    paragraphs_needed: bool = False,
    max_work: int | None = None,
) -> View:
    """The blocks of a file as Vale 3.7 lints them (TooMuchWork past `max_work`)."""
    patterns = patterns or Patterns()
    ignores = ignores or Ignores()
    content = sanitize(content)
    lines = split_lines(content)
    real, normed, fmt = format_of(path, formats)
    view = View(blocks=[], lines=lines, markup=fmt == "markup", ext=real)
    walked: Walked | None = None
    if normed == ".md":
        src = _transform(content, patterns, "\n```\n$1\n```\n", "`$1`")
        tokens = _check_work(markdown_tokens(src), len(content), max_work)
        walked = walk(tokens, prep_markdown(content), real, ignores)
    elif normed == ".html":
        tokens = _check_work(list(tokenize_html(content)), len(content), max_work)
        walked = walk(tokens, content, real, ignores)
    elif normed == ".rst":
        from msglint.vale.rst import rst_tokens

        src = _transform(content, patterns, "\n::\n\n$1\n", "``$1``")
        tokens, problem = rst_tokens(src)
        if problem is not None:
            view.unsupported = problem
        else:
            walked = walk(
                _check_work(tokens, len(content), max_work), content, real, ignores, rst=True
            )
    elif fmt == "markup":
        view.unsupported = f"{normed} files need a converter msglint does not have"
    elif normed == ".txt":
        prose = Block(content, "text" + real, content, -1, False)
        view.blocks.extend(
            _prose(prose, real, "\n" in content, sentences_needed, paragraphs_needed)
        )
    elif fmt == "code":
        view.unsupported = f"Vale lints only the comments of {normed} code files"
    else:
        view.blocks.append(Block(content, "text" + real, content, -1, True))
    if walked is not None:
        for blk, prose in walked.blocks:
            if prose:
                lookup = "\n" in blk.text
                view.blocks.extend(_prose(blk, real, lookup, sentences_needed, paragraphs_needed))
            else:
                blk.sections = frozenset(blk.scope.split("."))
                view.blocks.append(blk)
        view.summary = "".join(s + "\n\n" for s in walked.summary)
        view.metrics = walked.metrics
        comments = walked.comments
        comments.reset()
        summary = Block(view.summary, "summary" + real, content, 0, True, comments.current())
        summary.sections = frozenset(summary.scope.split("."))
        view.blocks.append(summary)
        final = comments.current()
    else:
        final = None
    raw = Block("".join(lines), "raw" + real, "".join(lines), -1, True, final)
    raw.sections = frozenset(raw.scope.split("."))
    view.blocks.append(raw)
    for i, blk in enumerate(view.blocks):
        blk.index = i
        if not blk.sections:
            blk.sections = frozenset(blk.scope.split("."))
    return view


def _prose(
    blk: Block,
    ext: str,
    lookup: bool,
    sentences_needed: bool,
    paragraphs_needed: bool,
) -> list[Block]:
    """Vale's NLP.Compute: paragraphs, sentences, then the text."""
    out = []
    ctx, line, comments = blk.context, blk.line, blk.comments
    if paragraphs_needed:
        for p in _split_after(blk.text, "\n\n"):
            out.append(Block(p, "paragraph" + ext, ctx, line, lookup, comments))
    if sentences_needed:
        for s in sentences(blk.text):
            s = go_trim(s)
            if s:
                out.append(Block(s, "sentence" + ext, ctx, line, lookup, comments))
    out.append(Block(blk.text, "text" + ext, ctx, line, lookup, comments))
    for b in out:
        b.sections = frozenset(b.scope.split("."))
    return out


def _split_after(text: str, sep: str) -> list[str]:
    parts = text.split(sep)
    return [p + sep for p in parts[:-1]] + [parts[-1]]
