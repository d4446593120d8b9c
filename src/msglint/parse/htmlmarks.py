"""What the HTML parser marks besides prose: each element's CSS path (for evidence) and the
page's comments (for inline suppressions), each found in one pass."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from msglint.model import Comment, Segment


def css_path(node: LexborNode | None, places: Places | None = None) -> str | None:
    """A CSS path that selects `node`: `#id` where an ancestor has one, else nth-of-type steps.

    `places` (one per document) remembers each parent's children's nth-of-type positions,
    so the paths of all findings of a page cost time linear in the page, not in the number
    of findings times the number of siblings (a page with 600,000 matches in one list).
    """
    places = places if places is not None else Places()
    steps: list[str] = []
    while node is not None and node.tag not in (None, "-document", "html"):
        tag = node.tag
        if tag is None or tag.startswith("-"):
            node = node.parent
            continue
        node_id = node.attributes.get("id")
        if node_id and re.fullmatch(r"[A-Za-z][\w-]*", node_id):
            steps.append(f"{tag}#{node_id}")
            break
        if tag == "body":
            steps.append("body")
            break
        index, total = places.of(node)
        steps.append(f"{tag}:nth-of-type({index})" if total > 1 else tag)
        node = node.parent
    return " > ".join(reversed(steps)) or None


class Places:
    """nth-of-type positions of elements among their siblings, one pass per parent."""

    __slots__ = ("paths", "positions")

    def __init__(self) -> None:
        #: element mem_id -> (1-based index among same-tag siblings, how many there are)
        self.positions: dict[int, tuple[int, int]] = {}
        #: element mem_id -> its CSS path (for selector_of)
        self.paths: dict[int, str | None] = {}

    def of(self, node: LexborNode) -> tuple[int, int]:
        found = self.positions.get(node.mem_id)
        if found is not None:
            return found
        parent = node.parent
        if parent is None:
            return 1, 1
        seen: dict[str, list[int]] = {}
        for child in parent.iter():
            seen.setdefault(child.tag or "", []).append(child.mem_id)
        for ids in seen.values():
            total = len(ids)
            for index, mem_id in enumerate(ids, 1):
                self.positions[mem_id] = (index, total)
        return self.positions.get(node.mem_id, (1, 1))

    def selector_of(self, segment: Segment) -> str | None:
        node = segment.node
        if node is None:
            return None
        key = node.mem_id
        if key not in self.paths:
            self.paths[key] = css_path(node, self)
        return self.paths[key]


#: Comments kept per page at most: a hostile page cannot make the list unbounded.
MAX_COMMENTS = 10_000


def markup_comments(tree: LexborHTMLParser, content: str) -> list[Comment]:
    """The page's comments in document order, each found in the source after the last.

    Lexbor keeps a comment's data as written and serializes it as `<!--data-->`, which is
    found verbatim (`comment_content` would strip it); a comment the source does not spell
    that way (`<!-->`, an unclosed one) is left out.
    Text inside `<script>` or `<style>` that looks like a comment is not a comment node,
    so it is never taken for one.
    """
    out: list[Comment] = []
    cursor = 0
    root = tree.root
    if root is None:
        return out
    for node in root.traverse(include_text=False):
        if node.tag != "-comment":
            continue
        raw = node.html or ""
        at = content.find(raw, cursor) if raw.startswith("<!--") else -1
        if at < 0:
            continue
        cursor = at + len(raw)
        out.append(Comment(raw[4:-3], at, cursor))
        if len(out) >= MAX_COMMENTS:
            break
    return out
