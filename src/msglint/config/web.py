"""Config models of web sources: what a source fetches (`urls`, `sitemaps`, `url_list`,
`crawl`, `auth`, `render`) and how politely every source is fetched (top-level `crawl:`).

They are config (the fetching code in sources/web reads them, config never imports it), in a
module of their own so they read together. Nothing here imports aiohttp: `msglint --help`
stays fast.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from msglint.strict import StrictModel

_ENV = r"^[A-Za-z_][A-Za-z0-9_]*$"


class AuthConfig(StrictModel):
    """Credentials for a logged-in partner portal, each taken from an environment variable.

    The config names variables, never values, so msglint.yaml can be committed. Values are
    sent only to the hosts of the source's own URLs and are never written to snapshots,
    reports or messages.
    """

    bearer_env: str | None = Field(
        default=None, pattern=_ENV, description="Variable holding a bearer token."
    )
    basic_env: str | None = Field(
        default=None, pattern=_ENV, description="Variable holding 'user:password' (basic auth)."
    )
    headers: dict[str, str] = Field(
        default_factory=dict,
        description="HTTP header name -> variable holding its value (an API key header).",
    )
    cookies_env: str | None = Field(
        default=None,
        pattern=_ENV,
        description="Variable holding the path of a Netscape cookies.txt file.",
    )

    @field_validator("headers")
    @classmethod
    def _env_names(cls, value: dict[str, str]) -> dict[str, str]:
        for header, env in value.items():
            if not re.match(r"^[A-Za-z0-9-]+$", header):
                raise ValueError(f"not an HTTP header name: {header!r}")
            if not re.match(_ENV, env):
                raise ValueError(f"not an environment variable name: {env!r}")
        return value


class FollowConfig(StrictModel):
    """Which links of the start URLs are followed, and how far."""

    include: list[str] = Field(
        default_factory=list,
        description="Regular expressions; a followed link must match one (default: any).",
    )
    exclude: list[str] = Field(
        default_factory=list, description="Regular expressions of links never followed."
    )
    scope: Literal["site", "host", "prefix"] = Field(
        default="site",
        description="site: the start URL's host with or without 'www.'; host: exactly its "
        "host and port; prefix: URLs under the start URL's folder.",
    )
    max_depth: int = Field(
        default=3, ge=0, le=50, description="Links followed from a start URL (0: none)."
    )
    max_pages: int = Field(
        default=1000, ge=1, le=1_000_000, description="Pages fetched for this source at most."
    )

    @field_validator("include", "exclude")
    @classmethod
    def _regex(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {pattern!r} ({exc})") from None
        return value


class ScreenshotSettings(StrictModel):
    """Bounds of screenshot evidence (`crawl.screenshots`), per run."""

    max_per_run: int = Field(
        default=50, ge=0, le=5000, description="Screenshots taken per run at most."
    )
    max_bytes: int = Field(
        default=1_500_000,
        ge=10_000,
        le=50_000_000,
        description="Bytes of one image at most (larger ones are scaled down).",
    )
    width: int = Field(default=1280, ge=320, le=3840, description="Browser window width.")
    context: int = Field(
        default=60, ge=0, le=600, description="Pixels of page kept around the element."
    )
    max_height: int = Field(
        default=1600, ge=200, le=10_000, description="Pixels of page height per image at most."
    )


class CrawlSettings(StrictModel):
    """How msglint fetches: politeness, limits and the snapshot cache (top-level `crawl:`)."""

    contact: str | None = Field(
        default=None,
        description="A URL or address site owners can reach you at; sent in the User-Agent.",
    )
    user_agent: str | None = Field(
        default=None,
        description="Full User-Agent (default: 'msglint/<version> (+<contact>)').",
    )
    obey_robots: bool = Field(
        default=True, description="Obey robots.txt (`--ignore-robots` overrides it for a run)."
    )
    delay: float = Field(
        default=1.0,
        ge=0,
        le=600,
        description="Seconds between two requests to one host (robots.txt Crawl-delay wins "
        "when longer).",
    )
    concurrency_per_host: int = Field(default=2, ge=1, le=64)
    concurrency: int = Field(default=16, ge=1, le=512, description="Requests in flight at most.")
    timeout: float = Field(default=30.0, gt=0, le=600, description="Seconds per request.")
    retries: int = Field(
        default=3, ge=0, le=10, description="Retries after a connection error, 429 or 5xx."
    )
    backoff: float = Field(
        default=1.0, ge=0, le=60, description="First retry waits about this long; it doubles."
    )
    max_retry_wait: float = Field(
        default=60.0, ge=0, le=3600, description="Longest wait before one retry (Retry-After)."
    )
    max_body: int = Field(
        default=10 * 1024 * 1024,
        gt=0,
        description="Bytes of one response at most, on the wire and after decompression.",
    )
    max_redirects: int = Field(default=10, ge=0, le=50)
    max_sitemap_urls: int = Field(default=50_000, ge=1, le=10_000_000)
    snapshot_dir: str = Field(
        default=".msglint/snapshots", description="Where snapshots are kept (config-relative)."
    )
    snapshots: str | None = Field(
        default=None,
        description="Where snapshots are kept: a folder (config-relative) or an fsspec URL "
        "(file:///shared/snapshots, s3://bucket/prefix with s3fs installed); every cluster "
        "worker must reach it. Default: snapshot_dir.",
    )
    max_age: float = Field(
        default=86_400.0,
        ge=0,
        description="Seconds a snapshot stays fresh for `msglint check` (default one day).",
    )
    chromium: str = Field(
        default="/usr/bin/chromium",
        description="Chromium executable for `render: browser` sources.",
    )
    render_timeout: float = Field(default=30.0, gt=0, le=600)
    screenshots: ScreenshotSettings = Field(default_factory=ScreenshotSettings)

    @model_validator(mode="after")
    def _one_store(self) -> CrawlSettings:
        if self.snapshots is not None:
            if not self.snapshots.strip():
                raise ValueError("snapshots: give a folder or a URL (or leave it out)")
            if "snapshot_dir" in self.model_fields_set:
                raise ValueError(
                    "give snapshots or snapshot_dir, not both (snapshots takes a folder too)"
                )
        return self

    @property
    def store(self) -> str:
        """Where snapshots are kept: `snapshots`, else `snapshot_dir`."""
        return self.snapshots if self.snapshots is not None else self.snapshot_dir

    def agent(self) -> str:
        """The User-Agent: names msglint and, when configured, how to reach the operator."""
        if self.user_agent:
            return self.user_agent
        from msglint import __version__

        contact = f" (+{self.contact})" if self.contact else " (+https://pypi.org/project/msglint/)"
        return f"msglint/{__version__}{contact}"
