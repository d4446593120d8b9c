"""The `notify:` block of msglint.yaml: who is told what changed after a run, and how.

Secrets never live in the config: a webhook's signing secret, Slack and Teams webhook URLs
(whoever has one can post) and SMTP credentials are named by environment variable. Only
pydantic here, so the config can attach the block without importing anything heavy; it is
part of config/ rather than notify/ so config never imports the sending code.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from msglint.strict import StrictModel

_ENV = r"^[A-Za-z_][A-Za-z0-9_]*$"
EnvName = Annotated[str, Field(pattern=_ENV)]


class _UrlTarget(StrictModel):
    url: str | None = Field(default=None, description="The endpoint (http or https).")
    url_env: EnvName | None = Field(
        default=None, description="Variable holding the endpoint (for URLs that are secrets)."
    )

    @model_validator(mode="after")
    def _one_url(self) -> _UrlTarget:
        if (self.url is None) == (self.url_env is None):
            raise ValueError("give the endpoint as 'url' or as 'url_env', one of the two")
        if self.url is not None and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) URL: {self.url[:200]!r}")
        return self


class WebhookTarget(_UrlTarget):
    """A generic webhook: the digest as JSON (schema `msglint.digest/1`), HMAC-signed."""

    type: Literal["webhook"]
    secret_env: EnvName | None = Field(
        default=None,
        description="Variable holding the HMAC-SHA256 secret; the body is signed in "
        "X-Msglint-Signature (see README).",
    )


class SlackTarget(_UrlTarget):
    """A Slack incoming webhook (its URL is a secret: prefer `url_env`)."""

    type: Literal["slack"]


class TeamsTarget(_UrlTarget):
    """A Microsoft Teams incoming webhook or Workflows URL (an Adaptive Card is posted)."""

    type: Literal["teams"]


class EmailTarget(StrictModel):
    """E-mail through the `notify.smtp` server."""

    type: Literal["email"]
    to: list[Annotated[str, Field(pattern=r"^[^@\s<>,]+@[^@\s<>,]+$")]] = Field(
        min_length=1, description="Recipients."
    )


Target = Annotated[
    WebhookTarget | SlackTarget | TeamsTarget | EmailTarget, Field(discriminator="type")
]


class SmtpSettings(StrictModel):
    """The mail server for `email` targets; credentials from the environment."""

    host: str
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = Field(
        default="starttls",
        description="starttls (port 587), tls (implicit TLS, port 465) or none (a local relay).",
    )
    username_env: EnvName | None = None
    password_env: EnvName | None = None
    sender: str = Field(alias="from", description="The From address.")
    ca_file: str | None = Field(
        default=None, description="A CA bundle to verify the server with (config-relative)."
    )
    timeout: float = Field(default=30.0, gt=0, le=300)


class NotifySettings(StrictModel):
    """`notify:`: digests of what changed since the previous run (`msglint check --notify`)."""

    when: Literal["changes", "always"] = Field(
        default="changes",
        description="changes: send only when something is new, reopened, fixed or newly "
        "overdue; always: send after every run.",
    )
    targets: list[Target] = Field(
        default_factory=list, description="Who gets the digest of every source."
    )
    partners: dict[str, list[Target]] = Field(
        default_factory=dict,
        description="Source name -> targets that get only that source's digest.",
    )
    report_url: str | None = Field(
        default=None,
        description="Where the run's report can be read (default: the --output path).",
    )
    top: int = Field(default=10, ge=0, le=200, description="Findings listed per source.")
    smtp: SmtpSettings | None = None
    timeout: float = Field(default=10.0, gt=0, le=120, description="Seconds per request.")
    retries: int = Field(default=3, ge=0, le=10, description="Retries after a failure.")
    backoff: float = Field(
        default=1.0, ge=0, le=60, description="First retry waits this long; it doubles."
    )

    @model_validator(mode="after")
    def _email_needs_smtp(self) -> NotifySettings:
        every = [*self.targets, *(t for ts in self.partners.values() for t in ts)]
        if any(isinstance(t, EmailTarget) for t in every) and self.smtp is None:
            raise ValueError("an 'email' target needs the 'smtp' server settings")
        if not every:
            raise ValueError("name at least one target in 'targets' or 'partners'")
        return self
