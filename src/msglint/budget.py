"""A time budget for per-document work: past it, the work stops with `BudgetExceeded`.

Why: every reader and rule is built to be linear, but rules are user input (a pattern with
catastrophic backtracking runs for hours on 5,000 characters) and libraries have corners
of their own. A budget turns "this document never finishes" into one `msglint.source-error`
finding for that document while every other document is still checked.

How: SIGALRM (`setitimer`) raises `BudgetExceeded` in the main thread, in whatever Python
code runs when the time is up: Python's `re` checks for signals while it backtracks, so a
runaway pattern stops too. C code that never returns to Python (a parser deep in a huge
page) is stopped when it does; such code is made linear instead (see parse/html.py). Where
there is no SIGALRM (Windows) or outside the main thread the work runs unbounded.

Budgets nest: the earliest deadline is armed, and each `BudgetExceeded` says whose budget
ran out, so an outer caller does not mistake an inner budget for its own. `note()` names
what is running (a rule, say) for the message.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(eq=False)
class Budget:
    seconds: float
    deadline: float
    doing: str | None = None


class BudgetExceeded(BaseException):
    """Work ran past its budget; `budget` is the one that ran out.

    A BaseException, like KeyboardInterrupt, so the `except Exception` guards around
    parsers and rules (which turn their errors into findings) do not swallow it.
    """

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        doing = f" while running {budget.doing}" if budget.doing else ""
        super().__init__(f"stopped after {budget.seconds:g} s (the time budget){doing}")


_stack: list[Budget] = []


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _arm() -> None:
    if not _stack:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return
    remaining = min(b.deadline for b in _stack) - time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001))


def _expired(signum: int, frame: object) -> None:
    now = time.monotonic()
    due = [b for b in _stack if b.deadline <= now + 0.001]
    if not due:  # a timer from a budget that has ended since: arm the next one
        _arm()
        return
    raise BudgetExceeded(min(due, key=lambda b: b.deadline))


@contextmanager
def deadline(seconds: float | None) -> Iterator[Budget | None]:
    """Run the body within `seconds` (None or 0: no limit); yields the Budget (None when
    unbounded). Raises BudgetExceeded, whose `budget` is the one that ran out."""
    if not seconds or seconds <= 0 or not _usable():
        yield None
        return
    budget = Budget(seconds, time.monotonic() + seconds)
    previous = signal.signal(signal.SIGALRM, _expired) if not _stack else None
    _stack.append(budget)
    _arm()
    try:
        yield budget
    finally:
        _stack.remove(budget)
        _arm()
        if previous is not None:
            signal.signal(signal.SIGALRM, previous)


def limited(seconds: float | None, work: Callable[[], T]) -> T:
    """`work()` within `seconds`; raises BudgetExceeded when this budget runs out (an inner
    budget running out inside `work` is that code's business and passes through)."""
    with deadline(seconds):
        return work()


def remaining() -> float | None:
    """Seconds left until the earliest armed budget runs out; None when none is armed.

    For work that waits on another process (a PDF read in a child, msglint.parse.isolate):
    it stops the child a little before the budget so the file gets its own reason.
    """
    if not _stack:
        return None
    return max(0.0, min(b.deadline for b in _stack) - time.monotonic())


def note(doing: str | None) -> None:
    """Name what runs now in the innermost budget (shown when it runs out)."""
    if _stack:
        _stack[-1].doing = doing
