"""The walker's context, kept as Vale keeps it but in memory linear in a file's blocks.

Vale masks (`@`) each piece of text in the file once it is linted, and every block is
linted against the file as masked so far. Copying the file for each block takes memory in
proportion to the number of blocks times the file's size (1 GB for the Node.js fs.md, 262
KB); instead the walker records the ranges it masks, each block keeps a Snapshot (how many
ranges were masked when it was made), and the text is rebuilt when an alert is placed.
Masking is idempotent (ASCII characters but newlines become the mask), so rebuilding by
re-applying the ranges gives the text Vale had.
"""

from __future__ import annotations

#: Vale's in-place substitution: single-byte (ASCII) runes but "\n" become the mask.
_MASKS = {c: str.maketrans({i: c for i in range(128) if i != 10}) for c in "@#*"}


def mask(text: str, char: str = "@") -> str:
    return text.translate(_MASKS[char])


class Snapshot:
    """The walker's context as it was when a block was made: the text with the first `n`
    masked ranges applied. Blocks keep this (not a copy of the file each), so a file's
    blocks take memory in proportion to their number, not to their number times the
    file's size; the text is rebuilt when an alert is placed (the last one is kept)."""

    __slots__ = ("n", "shared")

    def __init__(self, shared: Masks, n: int) -> None:
        self.shared = shared
        self.n = n

    def text(self) -> str:
        return self.shared.at(self.n)


class Masks:
    """The walker's masked ranges over its starting context, in the order applied."""

    __slots__ = ("_cache", "original", "ranges")

    def __init__(self, original: str) -> None:
        self.original = original
        self.ranges: list[tuple[int, int]] = []
        self._cache: tuple[int, str] = (0, original)

    def at(self, n: int) -> str:
        done, text = self._cache
        if n < done:  # out of order: rebuild from the start (masking is idempotent)
            done, text = 0, self.original
        if n > done:
            for i, j in self.ranges[done:n]:
                text = text[:i] + mask(text[i:j]) + text[j:]
            self._cache = (n, text)
        return text
