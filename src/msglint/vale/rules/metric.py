"""metric and readability: a formula over the file's prose counts, against a condition."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import field_validator

from msglint.vale.metric import READABILITY, compile_formula, evaluate, readability
from msglint.vale.place import Alert
from msglint.vale.rules.base import Check, Definition, string_list


class MetricOptions(Definition):
    formula: str
    condition: str

    _condition = field_validator("condition", mode="before")(
        classmethod(lambda cls, v: str(v) if isinstance(v, int | float) else v)
    )


class Metric(Check):
    """Vale `metric`: evaluate `formula` over the file and test it with `condition`.

    **What it checks**
    Variables: `words`, `sentences`, `characters`, `syllables`, `complex_words` (3+
    syllables, not capitalized, not -es/-ed/-ing), `long_words` (7+ letters),
    `polysyllabic_words`, all counted over the file's prose (paragraphs, list items,
    block quotes), and block counts `pre` (code blocks), `list` (list items),
    `blockquote`, `heading_h1`...`heading_h6`. The rule reads the `summary` scope; the
    alert is at line 1 and the message's `%s` is the value with two decimals. Formulas
    are arithmetic with `math.*` functions.

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
    options: ClassVar[type[Definition]] = MetricOptions
    default_scope: ClassVar[str] = "summary"
    d: MetricOptions

    def setup(self) -> None:
        self.formula = compile_formula(self.d.formula)
        self.condition = str(self.d.condition)
        compile_formula(f"0 {self.condition}")

    def value(self, values: dict[str, float]) -> float:
        return float(evaluate(self.formula, values))

    def run(self, blk: Any, file: Any) -> list[Alert]:
        values = file.metrics()
        if not values["words"]:
            return []
        result = self.value(values)
        if evaluate(compile_formula(f"{result!r} {self.condition}"), values):
            return [self.alert(0, 0, "", f"{result:.2f}")]
        return []


class ReadabilityOptions(Definition):
    metrics: list[str]
    grade: float = 8.0

    _lists = string_list("metrics")


class Readability(Metric):
    """Vale `readability` (the older form of `metric`): the mean grade of `metrics`.

    **What it checks**
    The average of the named metrics (Flesch-Kincaid, Gunning Fog, Coleman-Liau, SMOG,
    Automated Readability, LIX) over the file's prose, above `grade` (default 8), is an
    alert at line 1; the message's `%s` is the grade.

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
    options: ClassVar[type[Definition]] = ReadabilityOptions
    d: ReadabilityOptions  # type: ignore[assignment]

    def setup(self) -> None:
        if not self.d.metrics:
            raise ValueError("a readability rule needs 'metrics'")
        for name in self.d.metrics:
            if name not in READABILITY:
                raise ValueError(f"unknown metric '{name}'; known: {', '.join(READABILITY)}")
        self.condition = f"> {float(self.d.grade or 8)}"

    def value(self, values: dict[str, float]) -> float:
        names = self.d.metrics
        return sum(readability(n, values) for n in names) / len(names)
