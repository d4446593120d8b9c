"""Where each text Lexbor gives back starts in the page's source (Lexbor keeps no positions).

`Locator` moves forward through the source once, in document order: a text node starts
right after a `>`, so one `str.find` of `>` + the text finds most; a text whose source has
character references (`Tom &amp; Jerry`) is aligned piece by piece (`_align`), each piece
copying the source verbatim, so columns after a reference stay exact. Every search is
bounded (a window, then a budget of 4x the source's length), so the cost stays linear in the
page however its texts are written.
"""

from __future__ import annotations

import html
import re

#: How far ahead of the cursor a text is looked for first (see Locator).
FALLBACK_WINDOW = 65536
#: A character reference as HTML5 reads one: `&amp;`, `&#38;`, `&#x26;`, and the legacy
#: named references without a semicolon (`&copy`), decoded by `html.unescape`.
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)")
#: The start of a text that is surely written as itself in the source (no references).
_PLAIN_HEAD = re.compile(r"[A-Za-z0-9 ,.:;!?()/+=_%$-]{1,16}")


class Locator:
    """Finds each text node's start in the source, moving forward only.

    The common case is one `str.find` of `>` + the text. A text whose source has character
    references (`Tom &amp; Jerry`) is found by its plain head and aligned piece by piece
    (`_align`). Both look within FALLBACK_WINDOW characters of the cursor first; beyond it
    (a text after a megabyte-long `data:` URL, say) a search runs to the end of the source
    only while a budget of 4x the source's length lasts, so texts that are nowhere to be
    found (lexbor replaced a NUL, say) cost linear time in all, not the page's length each
    (issue 14: a page of 680,000 such texts never finished).
    """

    __slots__ = ("cursor", "spare", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self.cursor = 0
        #: Characters that fruitless searches may still read.
        self.spare = 4 * len(src) + FALLBACK_WINDOW

    def text(self, raw: str) -> list[tuple[str, int]]:
        """Pieces of `raw` with their source offsets (one piece unless entities were decoded)."""
        return self._locate(raw, ">")

    def attribute(self, value: str) -> list[tuple[str, int]]:
        return self._locate(value, "")

    def skip(self, raw: str) -> None:
        """Move past the raw content of a skipped element (a script's body, say)."""
        if raw:
            # Near the cursor first: `far` looks only beyond the window, so on a page over
            # 64 KB it found the next copy of a common code text ("false") far ahead and
            # every later position in the page went wrong.
            pos = self._find(raw, self.cursor)
            if pos < 0:
                pos = self._find(raw, self.cursor, far=True)
            if pos >= 0:
                self.cursor = pos + len(raw)

    def _locate(self, raw: str, before: str) -> list[tuple[str, int]]:
        skip = len(before)
        pos = self._find(before + raw, self.cursor)
        if pos >= 0:
            self.cursor = pos + skip + len(raw)
            return [(raw, pos + skip)]
        for far in (False, True):
            for pos in self._candidates(raw, before, far):
                pieces, end, misses = _align(raw, self.src, pos + skip)
                if misses <= len(raw) // 8:
                    self.cursor = end
                    return pieces
            pos = self._find(before + raw, self.cursor, far=True) if far else -1
            if pos >= 0:
                self.cursor = pos + skip + len(raw)
                return [(raw, pos + skip)]
        return [(raw, self.cursor)]

    def _candidates(self, raw: str, before: str, far: bool) -> list[int]:
        """Where `raw` may start if its source differs from it (references, NULs): at its
        plain head, else at its first character or at a reference, nearest first."""
        head = _PLAIN_HEAD.match(raw)
        found = {self._find(before + head.group(), self.cursor, far)} if head else set()
        if -1 in found or not found:
            found |= {self._find(before + raw[0], self.cursor, far)}
            found |= {self._find(before + c, self.cursor, far) for c in "&\0"}
        return sorted(p for p in found if p >= 0)

    def _find(self, needle: str, start: int, far: bool = False) -> int:
        """`src.find(needle, start)` within the window after `start`, or (`far`) beyond it
        while the search budget lasts."""
        src = self.src
        end = start + len(needle) + FALLBACK_WINDOW
        if not far:
            return src.find(needle, start, end)
        if end >= len(src) or self.spare <= 0:
            return -1
        pos = src.find(needle, end - len(needle) + 1)
        if pos < 0:
            self.spare -= len(src) - end
        return pos


def _align(raw: str, src: str, start: int) -> tuple[list[tuple[str, int]], int, int]:
    """Split decoded `raw` into pieces that each copy the source from `start` on verbatim;
    returns the pieces, where the source of `raw` ends, and how many characters differed
    unexpectedly.

    A character reference (`&amp;`) in the source becomes a piece of its own, so the
    columns after it stay exact. Stretches between references are compared as slices, so
    a long text costs a few string comparisons, not a Python step per character.
    """
    pieces: list[tuple[str, int]] = []
    n, limit = len(raw), len(src)
    i, j, misses = start, 0, 0
    piece_j, piece_i = 0, start

    # The next "&" in the source: searched for once, not again from each piece on (a text
    # of many whitespace runs that differ in form, as blanked tags leave, made each piece
    # search the rest of the text: quadratic). No "&" lies in [i, upto) but at `amp_at`.
    amp_at, upto = -1, start

    def close() -> None:
        if j > piece_j:
            pieces.append((raw[piece_j:j], piece_i))

    while j < n and i < limit:
        end = min(limit, i + n - j)
        if amp_at < i and upto < end:
            amp_at = src.find("&", max(i, upto), end)
            upto = end if amp_at < 0 else amp_at + 1
        stop = amp_at if i <= amp_at < end else end
        same = _common_prefix(src, i, stop, raw, j)
        i, j = i + same, j + same
        if j >= n or i >= limit:
            break
        ref = _REFERENCE.match(src, i) if src[i] == "&" else None
        decoded = html.unescape(ref.group()) if ref else ""
        if ref and decoded != ref.group() and raw.startswith(decoded, j):
            close()
            pieces.append((decoded, i))
            i, j = ref.end(), j + len(decoded)
        elif src[i] == raw[j]:  # an "&" written as itself
            i, j = i + 1, j + 1
            continue
        elif src[i] == "\0":  # lexbor drops NULs from body text
            close()
            i += 1
        elif src[i].isspace() and raw[j].isspace():  # whitespace that differs in form
            close()
            pieces.append((" ", i))
            while i < limit and src[i].isspace():
                i += 1
            while j < n and raw[j].isspace():
                j += 1
        else:  # an unexpected difference (a NUL lexbor replaced, say): one character each
            close()
            pieces.append((raw[j], i))
            i, j, misses = i + 1, j + 1, misses + 1
        piece_j, piece_i = j, i
    close()
    if j < n:
        pieces.append((raw[j:], i))
        misses += n - j
    return pieces, i, misses


def _common_prefix(src: str, i: int, stop: int, raw: str, j: int) -> int:
    """How many characters `src[i:stop]` and `raw[j:]` have in common at their start.

    Galloping (16, 32, 64... characters) then a binary search, all by slice equality:
    time grows with the length in common, never with what follows it.
    """
    hi = min(stop - i, len(raw) - j)
    lo, step = 0, 16
    while lo < hi:
        probe = min(hi, lo + step)
        if src[i + lo : i + probe] != raw[j + lo : j + probe]:
            hi = probe - 1
            break
        lo, step = probe, step * 2
    while lo < hi:  # the first difference is in (lo, hi]: binary search
        mid = (lo + hi + 1) // 2
        if src[i + lo : i + mid] == raw[j + lo : j + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo
