"""metric and readability: a formula over the document's counts, against a condition."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import PrivateAttr

from msglint.model import Document, Finding, Segment
from msglint.vale.metric import (
    READABILITY,
    compile_formula,
    document_metrics,
    evaluate,
    readability,
)
from msglint.vale.rules.base import ValeRule
from msglint.vale.text import SCOPE_KINDS


class Metric(ValeRule):
    """Vale `metric`: evaluate `formula` over the document and test it with `condition`.

    **What it checks**
    Variables: `words`, `sentences`, `characters`, `syllables`, `complex_words` (3+
    syllables, not capitalized, not -es/-ed/-ing), `long_words` (7+ letters),
    `polysyllabic_words`, and block counts `pre` (code blocks), `list` (list items),
    `blockquote`, `heading_h1`...`heading_h6`. With the default scope the whole
    document's prose (`summary`) is measured; the finding is at line 1 and the message's
    `%s` is the value with two decimals. Formulas are arithmetic with `math.*` functions.

    **Why it matters**
    Readability grades catch pages that drift into jargon-heavy, long-winded prose.

    **Example (flagged)**
    `formula: (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59`,
    `condition: "> 8"` on dense prose.

    **Example (fine)**
    Short sentences with short words.

    **Options**
    - `formula`, `condition` (required).
    """

    vale_type: ClassVar[str] = "metric"
    keys: ClassVar[frozenset[str]] = frozenset({"formula", "condition"})

    _formula: Any = PrivateAttr(default=None)
    _condition: str = PrivateAttr(default="")
    _kinds: frozenset[str] = PrivateAttr(default=frozenset())

    @classmethod
    def default_scope(cls) -> str:
        return "summary"

    def setup(self) -> None:
        formula, condition = self._d.get("formula"), self._d.get("condition")
        if not isinstance(formula, str) or not isinstance(condition, str | int | float):
            raise ValueError("a metric rule needs 'formula' and 'condition'")
        self._formula = compile_formula(formula)
        self._condition = str(condition)
        compile_formula(f"0 {self._condition}")
        assert self._spec is not None
        kinds = self._spec.kinds
        self._kinds = SCOPE_KINDS["summary"] if kinds == SCOPE_KINDS["text"] else kinds

    def value(self, values: dict[str, float]) -> float:
        return float(evaluate(self._formula, values))

    def check(self, doc: Document) -> Iterator[Finding]:
        values = document_metrics(doc, self._kinds)
        if not values["words"]:
            return
        result = self.value(values)
        if evaluate(compile_formula(f"{result!r} {self._condition}"), values):
            yield self.make(
                doc, self.severity_for(doc), _line_one(doc), 0, 0, self.format(f"{result:.2f}")
            )


class Readability(Metric):
    """Vale `readability` (the older form of `metric`): the mean grade of `metrics`.

    **What it checks**
    The average of the named metrics (Flesch-Kincaid, Gunning Fog, Coleman-Liau, SMOG,
    Automated Readability, LIX) over the document's prose, above `grade` (default 8), is a
    finding at line 1; the message's `%s` is the grade.

    **Why it matters**
    A grade target keeps public pages readable for most customers.

    **Example (flagged)**
    `metrics: [Flesch-Kincaid]`, `grade: 8` on dense prose.

    **Example (fine)**
    Short sentences with short words.

    **Options**
    - `metrics` (required), `grade`.
    """

    vale_type: ClassVar[str] = "readability"
    keys: ClassVar[frozenset[str]] = frozenset({"metrics", "grade"})

    def setup(self) -> None:
        names = self.strings("metrics")
        if not names:
            raise ValueError("a readability rule needs 'metrics'")
        for name in names:
            if name not in READABILITY:
                raise ValueError(f"unknown metric '{name}'; known: {', '.join(READABILITY)}")
        self._condition = f"> {float(self._d.get('grade') or 8)}"
        self._kinds = SCOPE_KINDS["summary"]

    def value(self, values: dict[str, float]) -> float:
        names = self.strings("metrics")
        return sum(readability(n, values) for n in names) / len(names)


def _line_one(doc: Document) -> Segment:
    return Segment(kind="text", text="", runs=[(0, 0)])
