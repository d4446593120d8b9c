"""The per-document time budget, and user patterns that backtrack catastrophically."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from canary import assert_canary, project, run

from msglint import budget
from msglint.checks.pattern import Pattern
from msglint.item import Outcome, Task, check
from msglint.model import Role
from msglint.parse import parse
from msglint.sources import Content


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_budget_stops_python_code_and_re() -> None:
    started = time.monotonic()
    with pytest.raises(budget.BudgetExceeded) as caught:
        budget.limited(0.3, lambda: re.search(r"(a+)+$", "a" * 40 + "b"))
    assert time.monotonic() - started < 5
    assert str(caught.value) == "stopped after 0.3 s (the time budget)"


def test_budget_within_time_returns_the_result() -> None:
    assert budget.limited(5, lambda: 42) == 42
    assert budget.limited(None, lambda: 7) == 7


def test_nested_budgets_say_whose_ran_out() -> None:
    with budget.deadline(10) as outer:
        with pytest.raises(budget.BudgetExceeded) as caught, budget.deadline(0.2) as inner:
            budget.note("inner work")
            _spin(3)
        assert caught.value.budget is inner
        assert "while running inner work" in str(caught.value)
        _spin(0.3)  # the outer budget is still armed and has time left
    assert outer is not None


def test_exceptions_guards_do_not_swallow_it() -> None:
    def guarded() -> None:
        try:
            _spin(3)
        except Exception:  # what the per-file guards do
            pytest.fail("caught by except Exception")

    with pytest.raises(budget.BudgetExceeded):
        budget.limited(0.2, guarded)


def test_over_budget_item_is_one_source_error() -> None:
    rule = Pattern(id="t.slow", kind="pattern", pattern=r"(\w+\s?)+\1$")  # RE2: no
    rule.prepare()
    assert rule.engine == "re"
    item = Content("s", Role.DOCS, "slow.md", "word " * 30 + "!", "markdown")
    started = time.monotonic()
    outcome = check(item, Task(source=None, rules=[rule], seconds=0.5))
    assert time.monotonic() - started < 10
    assert isinstance(outcome, Outcome)
    [finding] = outcome.findings
    assert finding.rule == "msglint.source-error"
    assert finding.message == (
        "Could not check slow.md: stopped after 0.5 s (the time budget) while running "
        "pattern rule t.slow (Python re)"
    )


@pytest.mark.parametrize(
    ("pattern", "engine"),
    [
        (r"(a+)+$", "re2"),
        (r"\{\{\s*[\w.\-]+\s*\}\}", "re2+re"),
        (r"\b(\w{2,})\s+\1\b", "re"),
        (r"(?<=x)y", "re"),
        (r"[€£]\d", "re"),
    ],
)
def test_patterns_run_on_re2_where_it_reads_them_alike(pattern: str, engine: str) -> None:
    rule = Pattern(id="t.p", kind="pattern", pattern=pattern)
    rule.prepare()
    assert rule.engine == engine


def test_re2_and_re_find_the_same() -> None:
    text = "Café café {{ price }} {{x}} Colour colour the the ÉTÉ été a_b 12 ١٢"
    doc = parse(text, "markdown", source="s", role=Role.DOCS, path="d.md")
    for pattern in [r"\w+", r"\b\w{2}\b", r"\d+", r"colou?r", r"\{\{\s*\w+\s*\}\}", r"[a-z]+é"]:
        for ignore_case in (False, True):
            rule = Pattern(id="t.p", kind="pattern", pattern=pattern, ignore_case=ignore_case)
            rule.prepare()
            flags = re.IGNORECASE if ignore_case else 0
            want = [m.group() for m in re.finditer(pattern, doc.segments[0].text, flags)]
            assert [f.actual_text for f in rule.check(doc)] == want, (pattern, ignore_case)


RULES = """\
pack: t
rules:
  - {id: t.nested, kind: pattern, level: warning, pattern: '(a+)+$'}
  - {id: t.backref, kind: pattern, level: warning, pattern: '(\\w+\\s?)+\\1$'}
"""


def test_cli_catastrophic_user_patterns(tmp_path: Path) -> None:
    """Issue 14: `(a+)+$` on 28 a's took 33 s, on 5,000 it never ended."""
    root = project(
        tmp_path,
        role="docs",
        files={"a.md": "a" * 5_000 + "b\n", "words.md": "word " * 40 + "!\n"},
        packs="[general, consistency, rules/]",
        extra="document_timeout: 2\n",
    )
    (root / "rules").mkdir()
    (root / "rules" / "t.yaml").write_text(RULES)
    result = run(root)
    assert result.code == 1
    for name in ("a.md", "words.md"):
        # t.nested runs first and on RE2, in linear time; t.backref needs Python's re and
        # runs out of the document's time, which costs that document alone
        [error] = [f for f in result.findings if f["location"]["path"] == f"hostile/{name}"]
        assert error["rule"] == "msglint.source-error"
        assert error["message"].endswith(
            "stopped after 2 s (the time budget) while running pattern rule t.backref (Python re)"
        )
    assert_canary(result)
