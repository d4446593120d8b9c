"""What the terminal shows of a cluster run: where it runs (with -v) and its progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from msglint.cli.base import stderr


def announce(verbose: bool) -> Callable[[Any], None]:
    """Called once connected: the scheduler, its workers and the dashboard link (-v)."""

    def say(session: Any) -> None:
        if not verbose:
            return
        from rich.markup import escape

        dashboard = session.dashboard or "none (install bokeh to serve it)"
        stderr().print(
            f"[dim]cluster: {escape(session.address)}, {session.workers} worker(s); "
            f"dashboard: {escape(dashboard)}[/dim]",
            soft_wrap=True,
        )

    return say


def tally_line(tally: Any) -> str:
    """`Cluster: 12/40 tasks, 380 pages (95.1/s), 2 web sources queued`."""
    line = (
        f"Cluster: {tally.tasks_done}/{tally.tasks_sent} tasks, {tally.items:,} pages and "
        f"files ({tally.rate:.1f}/s)"
    )
    if tally.web_pending:
        line += f", {tally.web_pending} web source(s) crawling or queued"
    return line
