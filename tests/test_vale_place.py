"""Vale's alert placement (msglint/vale/place.py) against the regex Vale uses."""

from __future__ import annotations

import random
import re

from msglint.vale.place import initial_position


def _vale_regex(ctx: str, txt: str, match: str) -> int:
    """Vale's initialPosition, regex and all (core/location.go), for comparison."""
    offset = ctx.find(txt)
    if offset > 0:
        ctx = "".join(c if c == "\n" else "@" for c in ctx[:offset]) + ctx[offset:]
    m = re.compile(r"(?:^|\b|_)" + re.escape(match) + r"(?:_|\b|\Z)", re.ASCII).search(ctx)
    idx = m.start() if m else ctx.find(match)
    if idx < 0:
        return -1
    if ctx.startswith("_", idx):
        idx += 1
    return idx + 1


def test_find_based_search_agrees_with_vales_regex() -> None:
    rnd = random.Random(7)
    alphabet = "ab_ .\n-é"
    for _ in range(20000):
        ctx = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 30)))
        match = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 3)))
        txt = ctx[rnd.randint(0, len(ctx)) :][: rnd.randint(0, 10)] or "zz"
        want = _vale_regex(ctx, txt, match)
        if want < 0:
            continue
        assert initial_position(ctx, txt, match)[0] == want, (ctx, txt, match)
