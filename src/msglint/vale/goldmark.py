"""Markdown as Vale reads it: the HTML tokens goldmark would render, without the HTML.

Vale lints Markdown by rendering it to HTML with goldmark (GFM and footnotes, raw HTML kept)
and walking the tokens of golang.org/x/net/html's tokenizer. Instead of rendering HTML and
parsing it again, the Markdown tree from markdown-it-pyrs (the same CommonMark parser as
msglint's own Markdown reader) is turned straight into the tokens goldmark's HTML would
give, and only raw HTML in the Markdown is tokenized (tokens.py). Where goldmark and
markdown-it differ in what they parse, goldmark's behaviour is copied here: its linkify
(URLs after a space, `*`, `_`, `~`, `(` or a line head, e-mail addresses, `www.` links),
footnotes (rendered at the end, in reference order, unreferenced ones dropped), task-list
checkboxes, setext headings and image alt text.
"""

from __future__ import annotations

import re
from typing import Any

import markdown_it_pyrs

from msglint.vale.tokens import END, START, TEXT, Token, tokenize_html

_PARSER = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(
    ["table", "strikethrough", "tasklist", "footnote"]
)
_INLINE_TAG = {"em": "em", "strong": "strong", "strikethrough": "del"}
_TRIGGERS = " \t\n*_~("
_URL = re.compile(
    r"(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?"
    r"(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'\">^{}\[\]`]*)?"
)
_WWW = re.compile(
    r"www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=();,'\">^{}\[\]`]*)?"
)
_EMAIL_LOCAL = re.compile(r"[!#$%&'*+\-./0-9=?A-Z^_`a-z{|}~]+@")
_EMAIL_DOMAIN = re.compile(
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def parse_markdown(src: str) -> Any:
    return _PARSER.tree(src)


class _Renderer:
    """Emits goldmark's HTML tokens for a markdown-it-pyrs tree."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.out: list[Token] = []
        self.text: list[str] = []
        self.footnotes: list[Any] = []

    # text accumulates until the next tag, as the tokenizer would read it
    def flush(self) -> None:
        if self.text:
            self.out.append((TEXT, "".join(self.text), None))
            self.text = []

    def tag(self, kind: int, name: str, attrs: dict[str, str] | None = None) -> None:
        self.flush()
        self.out.append((kind, name, attrs))

    def raw(self, content: str) -> None:
        self.flush()
        self.out.extend(tokenize_html(content))

    def block(self, node: Any, tight: bool = False) -> None:
        name = node.name
        if name == "paragraph":
            if tight:
                self.inline(node)
                self.text.append("\n")
            else:
                self.tag(START, "p")
                self.inline(node)
                self.tag(END, "p")
        elif name in ("heading", "lheading"):
            h = f"h{node.meta.get('level', 1)}"
            self.tag(START, h)
            self.inline(node)
            self.tag(END, h)
        elif name == "blockquote":
            self.tag(START, "blockquote")
            self.blocks(node.children)
            self.tag(END, "blockquote")
        elif name in ("bullet_list", "ordered_list"):
            tag = "ul" if name == "bullet_list" else "ol"
            self.tag(START, tag)
            for item in node.children:
                self.list_item(item)
            self.tag(END, tag)
        elif name in ("fence", "code_block"):
            info = (node.meta.get("info") or "").split()
            self.tag(START, "pre")
            self.tag(START, "code", {"class": f"language-{info[0]}"} if info else None)
            self.text.append(node.meta.get("content", ""))
            self.tag(END, "code")
            self.tag(END, "pre")
        elif name == "html_block":
            self.raw(node.meta.get("content", ""))
        elif name == "hr":
            self.tag(START, "hr")
        elif name == "table":
            self.table(node)
        elif name == "footnote_container":
            self.footnotes.extend(node.children)
        elif node.children:
            self.blocks(node.children)

    def blocks(self, nodes: Any, tight: bool = False) -> None:
        for child in nodes:
            if _is_inline(child.name):
                self.inline_node(child, first=False)
            else:
                self.block(child, tight)

    def list_item(self, item: Any) -> None:
        self.tag(START, "li")
        children = list(item.children)
        inline = [c for c in children if _is_inline(c.name) or c.name == "todo_checkbox"]
        if inline:  # a tight item: its paragraph has no <p>
            self.inline_nodes(children)
        else:
            self.blocks(children)
        self.tag(END, "li")

    def inline_nodes(self, children: list[Any]) -> None:
        run: list[Any] = []
        for child in children:
            if _is_inline(child.name) or child.name == "todo_checkbox":
                run.append(child)
                continue
            if run:
                self.inline_run(run)
                self.text.append("\n")
                run = []
            self.block(child, tight=True)
        if run:
            self.inline_run(run)

    def table(self, node: Any) -> None:
        self.tag(START, "table")
        for part in node.children:
            section = "thead" if part.name == "thead" else "tbody"
            self.tag(START, section)
            for row in part.children:
                self.tag(START, "tr")
                for cell in row.children:
                    tag = "th" if section == "thead" else "td"
                    self.tag(START, tag)
                    self.inline(cell)
                    self.tag(END, tag)
                self.tag(END, "tr")
            self.tag(END, section)
        self.tag(END, "table")

    def inline(self, node: Any) -> None:
        self.inline_run(list(node.children))

    def inline_run(self, children: list[Any]) -> None:
        line_head = True
        for child in children:
            self.inline_node(child, first=line_head)
            line_head = child.name in ("softbreak", "hardbreak")

    def inline_node(self, node: Any, first: bool = False) -> None:
        name = node.name
        if name == "text":
            self.linkify(node.meta.get("content", ""), first)
        elif name == "text_special":
            self.text.append(node.meta.get("content", ""))
        elif name == "softbreak":
            self.text.append("\n")
        elif name == "hardbreak":
            self.tag(START, "br")
            self.text.append("\n")
        elif name == "code_inline":
            self.tag(START, "code")
            self.text.append("".join(c.meta.get("content", "") for c in node.children))
            self.tag(END, "code")
        elif name in _INLINE_TAG:
            tag = _INLINE_TAG[name]
            self.tag(START, tag)
            self.inline(node)
            self.tag(END, tag)
        elif name in ("link", "autolink", "linkify"):
            attrs = {"href": node.meta.get("url", "")}
            if node.meta.get("title"):
                attrs["title"] = node.meta["title"]
            self.tag(START, "a", attrs)
            self.inline_run(list(node.children))
            self.tag(END, "a")
        elif name == "image":
            attrs = {"src": node.meta.get("url", ""), "alt": _plain(node)}
            if node.meta.get("title"):
                attrs["title"] = node.meta["title"]
            self.tag(START, "img", attrs)
        elif name == "html_inline":
            self.raw(node.meta.get("content", ""))
        elif name == "todo_checkbox":
            attrs = {"disabled": "", "type": "checkbox"}
            if node.meta.get("checked"):
                attrs["checked"] = ""
            self.tag(START, "input", attrs)
        elif name == "footnote_ref":
            n = str(node.meta.get("def_id", ""))
            self.tag(START, "sup", {"id": f"fnref:{n}"})
            self.tag(START, "a", {"href": f"#fn:{n}", "class": "footnote-ref"})
            self.text.append(n)
            self.tag(END, "a")
            self.tag(END, "sup")
        elif name == "footnote_ref_anchor":
            for ref in node.meta.get("ref_ids") or []:
                self.text.append("\xa0")
                self.tag(START, "a", {"href": f"#fnref:{ref}", "class": "footnote-backref"})
                self.text.append("\u21a9\ufe0e")
                self.tag(END, "a")
        elif node.children:
            self.inline(node)

    def linkify(self, text: str, line_head: bool) -> None:
        """goldmark's linkify: a URL, www. link or e-mail address after a trigger."""
        if not ("@" in text or "www." in text or "://" in text):
            self.text.append(text)
            return
        pos = 0
        i = 0
        n = len(text)
        while i < n:
            at_head = (i == 0 and line_head) or (i > 0 and text[i - 1] == "\n")
            start = i
            if text[i] in _TRIGGERS:
                start = i + 1
            elif not at_head:
                i += 1
                continue
            found = _link_at(text, start)
            if found is None:
                i += 1
                continue
            end, href = found
            self.text.append(text[pos:start])
            self.tag(START, "a", {"href": href})
            self.text.append(text[start:end])
            self.tag(END, "a")
            pos = i = end
        self.text.append(text[pos:])

    def footnote_list(self) -> None:
        defs = [d for d in self.footnotes if _referenced(d)]
        if not defs:
            return
        defs.sort(key=lambda d: d.meta.get("def_id", 0))
        self.tag(START, "div", {"class": "footnotes", "role": "doc-endnotes"})
        self.tag(START, "hr")
        self.tag(START, "ol")
        for d in defs:
            self.tag(START, "li", {"id": f"fn:{d.meta.get('def_id', '')}"})
            self.blocks(d.children)
            self.tag(END, "li")
        self.tag(END, "ol")
        self.tag(END, "div")


def _referenced(node: Any) -> bool:
    for child in node.walk():
        if child.name == "footnote_ref_anchor" and child.meta.get("ref_ids"):
            return True
    return False


def _link_at(text: str, start: int) -> tuple[int, str] | None:
    """goldmark linkify at `start`: (end, href) or None."""
    rest = text[start:]
    m = None
    www = False
    if rest.startswith(("http:", "https:", "ftp:")):
        m = _URL.match(rest)
    if m is None and rest.startswith("www."):
        m = _WWW.match(rest)
        www = m is not None
    if m is not None:
        end = m.end()
        last = rest[end - 1]
        if last == ".":
            end -= 1
        elif last == ")":
            closing = rest[:end].count(")") - rest[:end].count("(")
            if closing > 0:
                end -= closing
        elif last == ";":
            j = end - 2
            while j >= 0 and rest[j].isalnum():
                j -= 1
            if j != end - 2 and j >= 0 and rest[j] == "&":
                end = j
        href = None
    else:
        if not rest or rest[0] in _PUNCT:
            return None
        local = _EMAIL_LOCAL.match(rest)
        if local is None:
            return None
        dom = _EMAIL_DOMAIN.match(rest, local.end())
        if dom is None or dom.end() == local.end():
            return None
        stop = dom.end()
        at = local.end() - 1
        if "." not in rest[at : stop - 1]:
            return None
        end = stop
        if rest[end - 1] == ".":
            end -= 1
        if end < len(rest) and rest[end] in "-_":
            return None
        href = "mailto:"
    i = end - 1
    while i > 0 and rest[i] in "?!.,:*_~":
        i -= 1
    end = i + 1
    url = rest[:end]
    if href == "mailto:":
        href = "mailto:" + url
    elif www:
        href = "http://" + url
    else:
        href = url
    return start + end, href


def _is_inline(name: str) -> bool:
    return name in _INLINE_NAMES


_INLINE_NAMES = frozenset(
    {
        "text",
        "text_special",
        "softbreak",
        "hardbreak",
        "code_inline",
        "em",
        "strong",
        "strikethrough",
        "link",
        "autolink",
        "linkify",
        "image",
        "html_inline",
        "footnote_ref",
        "footnote_ref_anchor",
    }
)


def _plain(node: Any) -> str:
    """An image's alt text: the text of its description without markup."""
    parts = []
    for child in node.children:
        if child.name in ("text", "text_special", "code_inline"):
            parts.append(
                child.meta.get("content", "")
                if child.name != "code_inline"
                else "".join(c.meta.get("content", "") for c in child.children)
            )
        elif child.name in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.children:
            parts.append(_plain(child))
    return "".join(parts)


def markdown_tokens(src: str) -> list[Token]:
    """The HTML tokens of `src` rendered by goldmark (GFM, footnotes, raw HTML)."""
    tree = parse_markdown(src)
    renderer = _Renderer(src)
    renderer.blocks(tree.children)
    renderer.footnote_list()
    renderer.flush()
    out: list[Token] = []
    for tok in renderer.out:  # the tokenizer reads adjacent text as one token
        if tok[0] == TEXT and out and out[-1][0] == TEXT:
            out[-1] = (TEXT, out[-1][1] + tok[1], None)
        else:
            out.append(tok)
    return out
