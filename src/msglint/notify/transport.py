"""Delivering a digest: a JSON POST with retries (and an HMAC signature), or one e-mail.

Why not apprise (which the project prefers for notifications in general): the generic
webhook must be HMAC-signed over its exact body, and apprise's JSON target has no body
signature; a failed delivery must be reported with its status and attempts, where apprise
returns one bool and logs; and apprise rewrites Slack and Teams URLs to the vendors' hosts,
so no test could receive them on 127.0.0.1. The four targets are each one POST or one SMTP
session in the standard library (urllib, smtplib, ssl, hmac), which keeps the behaviour
here testable end to end with real servers.

Never in a message: a secret, a password, or a URL's path or query (Slack and Teams webhook
URLs carry their token there); a target is named by its kind and host or variable.
"""

from __future__ import annotations

import hmac
import os
import smtplib
import socket
import ssl
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import urlsplit

from msglint import __version__
from msglint.config.notify import SmtpSettings

MAX_WAIT = 60.0
SIGNATURE = "X-Msglint-Signature"
TIMESTAMP = "X-Msglint-Timestamp"
DELIVERY = "X-Msglint-Delivery"


@dataclass
class Delivery:
    """What happened to one message."""

    target: str
    ok: bool
    attempts: int
    error: str | None = None


@dataclass
class Policy:
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 1.0
    sleep: Callable[[float], None] = time.sleep


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # a webhook that redirects is misconfigured: report it, do not follow


_OPENER = urllib.request.build_opener(_NoRedirect())


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256(secret, timestamp + "." + body)."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, "sha256")
    return "sha256=" + mac.hexdigest()


def label(kind: str, url: str | None, env: str | None) -> str:
    """`slack ($SLACK_WEBHOOK)` or `webhook https://hooks.example`: never a path or token."""
    if env:
        return f"{kind} (${env})"
    parts = urlsplit(url or "")
    return f"{kind} {parts.scheme}://{parts.hostname or ''}" + (
        f":{parts.port}" if parts.port else ""
    )


def post_json(
    target: str, url: str, body: bytes, policy: Policy, secret: str | None = None
) -> Delivery:
    """POST `body`; retry connection errors, timeouts, 429 and 5xx with doubling waits
    (Retry-After is honoured, up to a minute); other statuses fail at once."""
    delivery_id = str(uuid.uuid4())
    attempts = 0
    error = "not sent"
    while attempts <= policy.retries:
        attempts += 1
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"msglint/{__version__}",
            DELIVERY: delivery_id,
        }
        if secret is not None:
            stamp = str(int(time.time()))
            headers[TIMESTAMP] = stamp
            headers[SIGNATURE] = sign(secret, stamp, body)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        wait: float | None = None
        try:
            with _OPENER.open(request, timeout=policy.timeout) as response:
                response.read(65536)
                return Delivery(target, True, attempts)
        except urllib.error.HTTPError as exc:
            error = f"HTTP {exc.code} {exc.reason}".strip()
            if exc.code != 429 and exc.code < 500:
                return Delivery(target, False, attempts, error)
            wait = _retry_after(exc.headers.get("Retry-After"))
        except TimeoutError:
            error = f"no answer within {policy.timeout:g} s"
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                error = f"no answer within {policy.timeout:g} s"
            else:
                error = f"cannot connect: {reason}"
        except OSError as exc:
            error = f"connection failed: {exc}"
        if attempts <= policy.retries:
            backoff = policy.backoff * 2 ** (attempts - 1)
            policy.sleep(min(MAX_WAIT, wait if wait is not None else backoff))
    return Delivery(target, False, attempts, error)


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


class MailError(Exception):
    """A mail that cannot be sent; `retry` when trying again may help."""

    def __init__(self, message: str, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


def send_mail(
    smtp: SmtpSettings, root: Path, to: list[str], subject: str, body: str, policy: Policy
) -> Delivery:
    """One e-mail through `smtp`; connection failures and 4xx replies are retried."""
    target = f"email to {', '.join(to)} via {smtp.host}:{smtp.port}"
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="msglint.invalid")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    attempts = 0
    while True:
        attempts += 1
        try:
            _deliver(smtp, root, message, policy.timeout)
            return Delivery(target, True, attempts)
        except MailError as exc:
            if not exc.retry or attempts > policy.retries:
                return Delivery(target, False, attempts, str(exc))
            policy.sleep(min(MAX_WAIT, policy.backoff * 2 ** (attempts - 1)))


def _deliver(smtp: SmtpSettings, root: Path, message: EmailMessage, timeout: float) -> None:
    user = os.environ.get(smtp.username_env or "") if smtp.username_env else None
    password = os.environ.get(smtp.password_env or "") if smtp.password_env else None
    if smtp.username_env and not user:
        raise MailError(f"the SMTP user variable ${smtp.username_env} is not set")
    if smtp.password_env and not password:
        raise MailError(f"the SMTP password variable ${smtp.password_env} is not set")
    if user and smtp.security == "none":
        raise MailError("SMTP credentials are never sent without TLS (security: none)")
    where = f"{smtp.host}:{smtp.port}"
    context = ssl.create_default_context(cafile=str(root / smtp.ca_file) if smtp.ca_file else None)
    try:
        if smtp.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                smtp.host, smtp.port, timeout=timeout, context=context
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
        with client:
            client.ehlo()
            if smtp.security == "starttls":
                if not client.has_extn("starttls"):
                    raise MailError(
                        f"SMTP server {where} does not offer STARTTLS; msglint does not send "
                        "mail in clear text there (use security: none only for a local relay)"
                    )
                client.starttls(context=context)
                client.ehlo()
            if user and password:
                client.login(user, password)
            client.send_message(message)
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            f"SMTP server {where} refused the login of user {user!r}: {_reply(exc)}; "
            f"check ${smtp.username_env} and ${smtp.password_env}"
        ) from None
    except ssl.SSLCertVerificationError as exc:
        raise MailError(
            f"SMTP server {where}: its certificate is not trusted ({exc.verify_message}); "
            "set notify.smtp.ca_file to the CA that signed it"
        ) from None
    except smtplib.SMTPResponseException as exc:
        temporary = 400 <= exc.smtp_code < 500
        raise MailError(f"SMTP server {where}: {_reply(exc)}", retry=temporary) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(
            f"SMTP server {where} refused the recipients {list(exc.recipients)}"
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"SMTP server {where}: {type(exc).__name__}: {exc}", retry=True) from None


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else ""
    return f"{exc.smtp_code} {text}".strip()[:300]
