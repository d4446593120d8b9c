"""Notifications: after `msglint check --notify`, tell people what changed since the last run.

`prepare()` reads the history before the run is recorded; `send()` builds the digest
(digest.py), filters it per target (a partner's contact gets only that partner's source)
and delivers it (transport.py) to webhooks, Slack, Teams and e-mail. A failed delivery
is retried, then reported; it never changes the run's exit code or its report.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from msglint.config.notify import (
    EmailTarget,
    NotifySettings,
    SlackTarget,
    TeamsTarget,
    WebhookTarget,
)
from msglint.errors import UsageError
from msglint.notify import messages
from msglint.notify.digest import Before, Digest, build
from msglint.notify.transport import Delivery, Policy, label, post_json, send_mail


@dataclass
class Prepared:
    """A notification about to be sent: its settings and the history before the run."""

    settings: NotifySettings
    history: Path
    before: Before
    #: Why nothing can be sent (an unreadable history: every finding would look new).
    problem: str | None = None


def prepare(loaded: Any, history_path: Path | None) -> Prepared:
    """Checked before the run starts, so a usage mistake costs no crawl."""
    settings = loaded.config.notify
    if settings is None:
        raise UsageError("--notify needs a 'notify:' block in the config (see README)")
    if history_path is None:
        raise UsageError(
            "--notify compares with the previous run, so it needs the run history "
            "(drop --no-history / MSGLINT_NO_HISTORY, or enable history in the config)"
        )
    from msglint.history import HistoryError

    try:
        return Prepared(settings, history_path, Before.read(history_path))
    except HistoryError as exc:  # the check still runs and reports; only alerts are off
        return Prepared(settings, history_path, Before(), f"nothing sent: {exc}")


def digest_of(
    prepared: Prepared,
    loaded: Any,
    findings: list[Any],
    *,
    partial: bool,
    report: Path | None,
    now: datetime | None = None,
) -> Digest:
    from msglint import history
    from msglint.config import slas_of

    settings = prepared.settings
    where = settings.report_url or (str(report.resolve()) if report is not None else None)
    return build(
        prepared.before,
        findings,
        roles={s.name: s.role.value for s in loaded.config.sources},
        slas=slas_of(loaded.config),
        now=now or history.now_utc(),
        config_digest=loaded.digest,
        partial=partial,
        report=where,
        top=settings.top,
    )


def send(
    prepared: Prepared, loaded: Any, digest: Digest, policy: Policy | None = None
) -> list[Delivery]:
    """Deliver `digest` to every target that should get it; one Delivery per message."""
    if prepared.problem is not None:
        return []
    settings = prepared.settings
    policy = policy or Policy(settings.timeout, settings.retries, settings.backoff)
    always = settings.when == "always"
    out: list[Delivery] = []
    if settings.targets and (always or digest.changed):
        out += [_deliver(t, digest, settings, loaded.root, policy) for t in settings.targets]
    for source, targets in settings.partners.items():
        own = digest.only(source)
        if always or own.changed:
            out += [_deliver(t, own, settings, loaded.root, policy) for t in targets]
    return out


def _deliver(
    target: Any, digest: Digest, settings: NotifySettings, root: Path, policy: Policy
) -> Delivery:
    if isinstance(target, EmailTarget):
        assert settings.smtp is not None  # validated with the config
        return send_mail(
            settings.smtp, root, target.to, messages.headline(digest), messages.text(digest), policy
        )
    name = label(target.type, target.url, target.url_env)
    url = target.url if target.url is not None else os.environ.get(target.url_env or "", "")
    if not url:
        return Delivery(name, False, 0, f"the variable ${target.url_env} is not set")
    if not url.startswith(("http://", "https://")):
        return Delivery(name, False, 0, f"${target.url_env} does not hold an http(s) URL")
    secret = None
    if isinstance(target, WebhookTarget):
        payload: dict[str, Any] = digest.to_dict()
        if target.secret_env:
            secret = os.environ.get(target.secret_env)
            if not secret:
                return Delivery(name, False, 0, f"the secret ${target.secret_env} is not set")
    elif isinstance(target, SlackTarget):
        payload = messages.slack(digest)
    else:
        assert isinstance(target, TeamsTarget)
        payload = messages.teams(digest)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return post_json(name, url, body, policy, secret)
