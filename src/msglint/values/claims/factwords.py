"""The support-fact vocabulary (`data/support_facts.yaml`) and the searches built from it,
shared by the fact readers (`emails`, `phones`, `urls`, `response`), their loop (`facts`)
and the trigger test (`triggers`), so that none of them imports another for its words."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from msglint.text.tables import load


@cache
def vocabulary() -> dict[str, Any]:
    """The parsed `data/support_facts.yaml`."""
    return load("support_facts.yaml")


@cache
def triggers() -> re.Pattern[str]:
    """Any literal that may start a support fact (on lower-cased text)."""
    words = sorted(vocabulary()["triggers"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def has_fact_words(lower: str) -> bool:
    """Whether a lower-cased text may state a support fact (one literal search)."""
    return triggers().search(lower) is not None


@cache
def words(key: str, *, whole: bool = True) -> re.Pattern[str]:
    """Any of the words of `key` in the vocabulary (case-insensitive), as whole words, or
    with `whole=False` as word starts ("request" also finds "requests")."""
    found = sorted(vocabulary()[key], key=len, reverse=True)
    end = r"(?!\w)" if whole else ""
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, found)) + ")" + end, re.I)
