"""Product titles that marketplaces and feeds build: a product's name, then attributes.

Amazon-, eBay- and shopping-feed titles append what the listing form asked for to the
product's name: "Acme SoundBar 300 - 300 W, 3.1, Black". Matching (`match.records`) takes
such a title as sure evidence of the product it starts with, and the name rule
(`checks.name`) does not report it as another name. A word joined to the name without a
separator ("Acme SoundBar 300 Pro") is another product's name, not a title of this one.
"""

from __future__ import annotations

import re

#: What separates a name from the attributes after it: a dash, bar, comma, bracket, colon
#: or slash (with or without spaces).
_SEPARATOR = re.compile(r"\s*[-–—|,(:/]")


def fold(name: str) -> str:
    """A name as titles are compared: lower case, runs of white space as one space."""
    return " ".join(name.casefold().split())


def name_prefixes(title: str) -> list[str]:
    """Every start of `title` (folded) that a separator ends: the names it may be a title
    of ("acme soundbar 300" in "Acme SoundBar 300 - 300 W, Black")."""
    title = fold(title)
    out = []
    for m in _SEPARATOR.finditer(title):
        head = title[: m.start()].rstrip()
        if head and (not out or out[-1] != head):
            out.append(head)
    return out


def specific(name: str) -> bool:
    """Whether a name is specific enough that a title starting with it names its product:
    three words or more, or two with a digit ("Acme HomeHub 2", "Acme Laptop Stand Pro";
    not "Acme Router", which starts the titles of every Acme router)."""
    words = name.split()
    return len(words) >= 3 or (len(words) == 2 and any(c.isdigit() for c in name))


def is_title_of(name: str, title: str) -> bool:
    """Whether `title` is `name` (case and spacing aside) followed by a separator and more:
    "Acme AirRouter AX3000 - Wi-Fi 6, Black" of "Acme AirRouter AX3000"."""
    name = fold(name)
    return bool(name) and name in name_prefixes(title)


#: Longest name looked at for the same name on both sides: past it a cell is no name.
_MAX_SAME_NAME = 300


def same_names(reference: list[str], partner: list[str]) -> list[tuple[int, int]]:
    """(reference, partner) positions of the very same specific name (folded), on one
    record of each side, when no record of either side has a longer name that starts
    with it ("Acme Router AX1" beside "Acme Router AX1 Black" is a look-alike, not sure)."""
    ref = [fold(n[: _MAX_SAME_NAME + 1]) for n in reference]
    part = [fold(n[: _MAX_SAME_NAME + 1]) for n in partner]
    count: dict[str, int] = {}
    starts: set[str] = set()
    for name in (*ref, *part):
        if not name or len(name) > _MAX_SAME_NAME:
            continue
        count[name] = count.get(name, 0) + 1
        starts.update(name[:k] for k, char in enumerate(name) if char == " ")
    where = {name: i for i, name in enumerate(ref) if specific(name) and count.get(name) == 2}
    return [(where[name], j) for j, name in enumerate(part) if name in where and name not in starts]
