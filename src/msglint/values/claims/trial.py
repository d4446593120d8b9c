"""Trial-length claims: "14-day free trial", "free 30-day trial", "trial period: 30 days",
"try it free for 30 days"."""

from __future__ import annotations

from msglint.values.claims.common import (
    CONNECTOR,
    HYPHEN,
    UP_TO,
    Reader,
    Sequences,
    duration,
    expand,
    read_duration,
    words,
)

GROUP = "trial"


def patterns() -> dict[str, Sequences]:
    """Labels -> token patterns. A label names the kind and, after "/", how to read it."""
    d = duration()
    trial_free = [[{"LOWER": "risk", "OP": "?"}, HYPHEN, {"LOWER": "free", "OP": "?"}]]
    return {
        "trial/duration": [
            *expand(UP_TO, d, trial_free, words("trial", "trials")),
            *expand(words("free"), d, words("trial", "trials")),
            *expand(words("free", op="?"), words("trial"), CONNECTOR, d),
            *expand(
                words("try"), {"IS_PUNCT": False, "OP": "{0,4}"}, words("free"), words("for"), d
            ),
        ],
    }


READERS: dict[str, Reader] = {"trial/duration": read_duration("trial")}
