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
_ATTRIBUTES_AFTER = re.compile(r"\s*[-–—|,(:/]")
_SEPARATOR = re.compile(r"\s*[-–—|,(:/]")


def name_prefixes(title: str) -> list[str]:
    """Every start of `title` (case and spacing normalized) that a separator ends: the names
    it may be a title of ("acme soundbar 300" in "Acme SoundBar 300 - 300 W, Black")."""
    title = " ".join(title.casefold().split())
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


def is_title_of(name: str, title: str, *, min_words: int = 1) -> bool:
    """Whether `title` is `name` (case and spacing aside) followed by a separator and more:
    "Acme AirRouter AX3000 - Wi-Fi 6, Black" of "Acme AirRouter AX3000". `min_words`: the
    fewest words `name` must have to count (a one-word name starts too many titles)."""
    name = " ".join(name.casefold().split())
    title = " ".join(title.casefold().split())
    if len(name.split()) < min_words or len(title) <= len(name) or not title.startswith(name):
        return False
    return _ATTRIBUTES_AFTER.match(title, len(name)) is not None
