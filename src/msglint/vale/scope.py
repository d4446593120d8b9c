"""Vale's scopes: which blocks a rule reads (`scope: heading`, `[sentence, ~blockquote]`).

A block's scope is a dotted selector (`text.heading.h2.md`, `sentence.md`, `summary.md`);
a rule's scope is a list of selectors, each a `&` of parts, each part a dotted name that
may start with `~`. A part matches when all its names are in the block's selector (a
negated part when they are not), a selector when all its parts do, the scope when any
selector does; a negated part never matches the `raw` and `summary` blocks. This is
Vale's check/scope.go, so `text` covers headings, list items, table cells and
paragraphs but not their sentences, and `code` matches nothing in markup files.
"""

from __future__ import annotations

from collections.abc import Iterable

Part = tuple[frozenset[str], bool]


class Scope:
    """A rule's compiled scope."""

    __slots__ = ("selectors", "source")

    def __init__(self, values: Iterable[str]) -> None:
        self.source = tuple(values)
        selectors: list[tuple[Part, ...]] = []
        for value in self.source:
            parts: list[Part] = []
            for part in value.split("&"):
                names = [m.strip() for m in part.split(".")]
                negated = bool(names) and names[0].startswith("~")
                if negated:
                    names[0] = names[0][1:]
                parts.append((frozenset(names), negated))
            selectors.append(tuple(parts))
        self.selectors = tuple(selectors)

    def matches(self, sections: frozenset[str]) -> bool:
        sized = "raw" in sections or "summary" in sections
        for parts in self.selectors:
            for names, negated in parts:
                contained = names <= sections
                if negated and not contained:
                    if sized:
                        break
                elif contained == negated:
                    break
            else:
                return True
        return False

    @property
    def needs(self) -> frozenset[str]:
        """Every (un-negated) name the scope mentions: `sentence`, `paragraph`, ..."""
        return frozenset(
            n for parts in self.selectors for names, neg in parts if not neg for n in names
        )
