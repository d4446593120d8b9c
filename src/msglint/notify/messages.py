"""A digest as each target shows it: Slack blocks, a Teams Adaptive Card, e-mail text.

Messages quote partner pages, which are hostile: Slack's control characters (`&`, `<`, `>`)
are escaped as Slack documents, so a page cannot make a link or a mention; Teams renders
Markdown in text blocks, so `](` is broken apart and a page cannot hide a link behind text.
Lengths are capped (Slack: 3,000 characters a section, 50 blocks).
"""

from __future__ import annotations

from typing import Any

from msglint.notify.digest import Digest, Item, SourceDigest

SLACK_SECTION = 2900
SLACK_BLOCKS = 48
_LABEL = {
    "new": "new",
    "reopened": "back",
    "newly-overdue": "overdue",
    "open": "open",
    "fixed": "fixed",
}


def counts_line(s: SourceDigest) -> str:
    parts = [
        f"{n} {label}"
        for n, label in (
            (s.new, "new"),
            (s.reopened, "reopened"),
            (s.fixed, "fixed"),
            (s.newly_overdue, "newly overdue"),
        )
        if n
    ]
    changes = ", ".join(parts) or "no change"
    return f"{changes}; {s.open} open, {s.overdue} overdue"


def headline(d: Digest) -> str:
    t = d.totals()
    names = [s.source for s in d.sources if s.changed]
    scope = names[0] if len(names) == 1 else f"{len(names)} sources" if names else "no change"
    parts = [f"{t[k]} {k.replace('_', ' ')}" for k in ("new", "reopened", "fixed") if t[k]]
    if t["newly_overdue"]:
        parts.append(f"{t['newly_overdue']} newly overdue")
    return f"msglint: {scope}: " + (", ".join(parts) or "nothing changed")


def _item_line(i: Item) -> str:
    where = i.where + (f":{i.line}" if i.line and not i.url else "")
    extra = f" ({i.overdue})" if i.overdue else ""
    at = f" at {where}" if where else ""
    return f"[{_LABEL[i.change]}] {i.severity} {i.rule}: {i.message}{extra}{at}"


def text(d: Digest) -> str:
    """Plain text (the e-mail body)."""
    lines = [headline(d), ""]
    if d.previous:
        lines.append(f"Run of {d.time}, compared with the run of {d.previous}.")
    else:
        lines.append(f"Run of {d.time}; no earlier run was recorded.")
    if d.partial:
        lines.append("A partial run (some files only): nothing is counted as fixed.")
    if d.report:
        lines.append(f"Report: {d.report}")
    for s in d.sources:
        lines += ["", f"{s.source}: {counts_line(s)}"]
        lines += [f"  - {_item_line(i)}" for i in s.items]
        lines += [f"  - {_item_line(i)}" for i in s.fixed_items]
    lines += ["", "Sent by msglint after a scheduled check."]
    return "\n".join(lines) + "\n"


def slack_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack(d: Digest) -> dict[str, Any]:
    """An incoming-webhook message: `text` (notifications, fallback) and blocks."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": headline(d)[:150]}}
    ]
    context = f"Run {d.time}" + (f", compared with {d.previous}" if d.previous else "")
    if d.report:
        context += f" · report: {slack_escape(d.report)}"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": context}]})
    for s in d.sources:
        if len(blocks) >= SLACK_BLOCKS:
            break
        lines = [f"*{slack_escape(s.source)}*: {counts_line(s)}"]
        lines += [f"• {slack_escape(_item_line(i))}" for i in [*s.items, *s.fixed_items]]
        body = "\n".join(lines)
        if len(body) > SLACK_SECTION:
            body = body[: SLACK_SECTION - 1] + "…"
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": body}})
    return {"text": slack_escape(headline(d)), "blocks": blocks}


def teams_escape(value: str) -> str:
    return value.replace("](", "] (").replace("<", "‹").replace(">", "›")


def teams(d: Digest) -> dict[str, Any]:
    """An Adaptive Card message, as Teams incoming webhooks and Workflows accept it."""
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": teams_escape(headline(d)), "weight": "Bolder", "wrap": True}
    ]
    if d.previous:
        body.append(
            {
                "type": "TextBlock",
                "text": f"Run {d.time}, compared with {d.previous}",
                "isSubtle": True,
                "wrap": True,
            }
        )
    for s in d.sources:
        body.append(
            {
                "type": "TextBlock",
                "text": teams_escape(f"{s.source}: {counts_line(s)}"),
                "weight": "Bolder",
                "wrap": True,
            }
        )
        for i in [*s.items, *s.fixed_items]:
            body.append({"type": "TextBlock", "text": teams_escape(_item_line(i)), "wrap": True})
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
    }
    if d.report and d.report.startswith(("http://", "https://")):
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open the report", "url": d.report}]
    elif d.report:
        body.append({"type": "TextBlock", "text": teams_escape(f"Report: {d.report}")})
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
        ],
    }
