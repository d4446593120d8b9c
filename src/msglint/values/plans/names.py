"""Plan names as two sources write them -> one key: "Corvala Pro (monthly)" = "Pro".

A plan's name is written with its product ("Corvala Pro"), with a billing period
("Pro (monthly)", "Premium annuel") or with filler ("Pro plan", "Team tier"); none of
those make it another plan. The key is the name folded to lower case, without the
product's words, the period and filler words (`name_noise` in `data/plan_words.yaml`) and
punctuation. An empty key (a plan named only "Monthly") keeps the folded name.
"""

from __future__ import annotations

import re

from msglint.values.plans import words

_NON_WORD = re.compile(r"[^\w+]+")


def plan_key(name: str, product: str | None = None) -> str:
    """The key two sources' names of one plan share."""
    folded = " ".join(_NON_WORD.sub(" ", name.casefold()).split())
    stripped = words.name_noise().sub(" ", name.casefold())
    stripped = " ".join(_NON_WORD.sub(" ", stripped).split())
    if product:
        product_words = set(_NON_WORD.sub(" ", product.casefold()).split())
        rest = [w for w in stripped.split() if w not in product_words]
        if rest:
            stripped = " ".join(rest)
    return stripped or folded


def period_in_name(name: str) -> str | None:
    """ "month" or "year" when a plan's name carries its billing period ("Pro (annual)")."""
    tokens = set(_NON_WORD.sub(" ", name.casefold()).split())
    sides = words.toggle_words()
    month, year = bool(tokens & sides["month"]), bool(tokens & sides["year"])
    if month != year:
        return "month" if month else "year"
    return None
