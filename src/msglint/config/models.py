"""The shape of msglint.yaml: sources, packs, thresholds, outputs, history, Vale, jobs.

Validated with pydantic (strict: an unknown key is an error with its line and column); the
JSON Schema editors use is generated from these models (`msglint schema config`). The web
settings a source and the top-level `crawl:` take are in web.py.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from msglint.config.notify import NotifySettings
from msglint.config.sections import (
    DocumentsConfig,
    MatchConfig,
    OutputConfig,
    ValeConfig,
)
from msglint.config.web import AuthConfig, CrawlSettings, FollowConfig
from msglint.model import SEGMENT_KINDS, FailOn, Role
from msglint.strict import StrictModel

CONFIG_NAMES = ("msglint.yaml", ".msglint.yaml", "msglint.yml", ".msglint.yml")
SegmentKind = Literal[SEGMENT_KINDS]  # type: ignore[valid-type]
_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


class SelectorConfig(StrictModel):
    """Where a page without schema.org data keeps its product facts (CSS selectors).

    `product` selects one element per product on listing pages; the other selectors are
    then looked up inside each of them (or in the whole page when `product` is not set).
    `plan` selects one element per SaaS plan on a pricing page, with `plan_name`,
    `plan_price` and `plan_features` inside it.
    """

    product: str | None = Field(default=None, description="One element per product.")
    name: str | None = None
    sku: str | None = None
    mpn: str | None = None
    gtin: str | None = None
    brand: str | None = None
    price: str | None = None
    sale_price: str | None = None
    description: str | None = None
    specs: str | None = Field(
        default=None,
        description="Elements holding one spec each (a table row, a dt/dd pair's container), "
        "or a table or dl whose rows are specs.",
    )
    plan: str | None = Field(
        default=None,
        description="Pricing pages: one element per SaaS plan (a plan card or column); "
        "overrides msglint's own reading of plan cards and comparison tables.",
    )
    plan_name: str | None = Field(default=None, description="The plan's name, inside `plan`.")
    plan_price: str | None = Field(
        default=None,
        description="The plan's price elements, inside `plan` (one per billing period).",
    )
    plan_features: str | None = Field(
        default=None, description="The plan's feature list or items, inside `plan`."
    )

    @model_validator(mode="after")
    def _plan_needs_name(self) -> SelectorConfig:
        if self.plan_name and not self.plan:
            raise ValueError("plan_name needs plan (the element that holds one plan)")
        if self.plan and not self.plan_name:
            raise ValueError("plan needs plan_name (where each plan's name is)")
        return self

    @field_validator("*")
    @classmethod
    def _valid_css(cls, value: str | None) -> str | None:
        if value is not None:
            from selectolax.lexbor import LexborHTMLParser

            try:
                LexborHTMLParser("<p></p>").css(value)
            except Exception as exc:
                raise ValueError(f"not a valid CSS selector: {value!r} ({exc})") from None
        return value


_DURATION = re.compile(r"^\s*(\d+)\s*([hdw])\s*$")
_DURATION_UNITS = {"h": 1, "d": 24, "w": 24 * 7}


def duration_hours(text: str) -> int:
    """Hours in a duration written as `12h`, `7d` or `2w` (validated by SlaConfig)."""
    m = _DURATION.match(text)
    if m is None:
        raise ValueError(f"not a duration: {text!r}; write it as 12h, 7d or 2w")
    return int(m.group(1)) * _DURATION_UNITS[m.group(2)]


def _duration(value: str) -> str:
    duration_hours(value)
    return value.strip()


Duration = Annotated[str, AfterValidator(_duration)]


class SlaConfig(StrictModel):
    """How long a partner may leave a finding open, per severity (`12h`, `7d`, `2w`)."""

    error: Duration | None = Field(default=None, description="e.g. 7d")
    warning: Duration | None = Field(default=None, description="e.g. 30d")
    info: Duration | None = None


class HistoryConfig(StrictModel):
    """The run history: every `msglint check` is recorded in a SQLite file."""

    enabled: bool = Field(default=True, description="Record runs (`--no-history` switches off).")
    path: str = Field(
        default=".msglint/history.db", description="The database, relative to the config file."
    )


class SourceConfig(StrictModel):
    """Where one source's content comes from, and what it is to the brand."""

    name: Annotated[str, Field(pattern=_NAME, description="Unique name, shown in findings.")]
    role: Role = Field(
        description="reference (the brand's own content), partner (a reseller's, distributor's "
        "or franchisee's copy) or docs (a content repository, text rules only)."
    )
    paths: list[str] = Field(
        default_factory=list,
        description="Files, folders or globs (`**` for any depth), relative to the config file.",
    )
    exclude: list[str] = Field(default_factory=list, description="Globs of files to leave out.")
    encoding: str | None = Field(
        default=None, description="Text encoding of the files when it is not UTF-8."
    )
    currency: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code for prices written without one, or with an ambiguous "
        "symbol such as '$' or 'kr'.",
    )
    language: str | None = Field(
        default=None,
        description="Catalog files: the language they are written in (en, de, fr, es, it, "
        "nl; 'de-AT' is de), for their numbers ('1.500 g' is 1500 g in German) and for "
        "comparing their words with the reference as a translation. Left out: read from "
        "the column headers ('Preis', 'Gewicht'), else English.",
    )
    selectors: SelectorConfig | None = Field(
        default=None,
        description="CSS selectors for pages whose products have no schema.org data.",
    )
    columns: dict[str, str] = Field(
        default_factory=dict,
        description="Catalog files: record field (name, sku, mpn, gtin, brand, price, "
        "sale_price, currency, description, url, item_id or 'spec:<Label>') -> column header "
        "or JSON key. Fields left out are found by header synonyms.",
    )
    delimiter: str | None = Field(
        default=None,
        min_length=1,
        max_length=1,
        description="CSV delimiter, when sniffing guesses wrong.",
    )
    sla: SlaConfig | None = Field(
        default=None,
        description="Fix-time limits per severity; older open findings are marked overdue.",
    )
    urls: list[str] = Field(
        default_factory=list,
        description="Start URLs of a web source; their links are followed as `crawl` says.",
    )
    sitemaps: list[str] = Field(
        default_factory=list,
        description="Sitemap URLs (sitemap.xml, sitemap indexes, .xml.gz); every page listed.",
    )
    url_list: str | None = Field(
        default=None, description="A text file of URLs, one a line (config-relative)."
    )
    crawl: FollowConfig = Field(default_factory=FollowConfig)
    auth: AuthConfig | None = Field(default=None, description="Credentials for a portal.")
    render: Literal["http", "browser"] = Field(
        default="http",
        description="browser: render pages in headless Chromium (for JavaScript pages).",
    )
    evidence: Literal["text", "screenshot"] | None = Field(
        default=None,
        description="screenshot: capture the element of each finding on a fetched page in "
        "headless Chromium (default for `render: browser` sources); text: never.",
    )

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from msglint.text.language import SUPPORTED, declared

        code = declared(value)
        if code not in SUPPORTED:
            raise ValueError(
                f"unknown language {value!r}: msglint reads {', '.join(SUPPORTED)} "
                "(a region such as 'de-AT' is allowed)"
            )
        return code

    @field_validator("urls", "sitemaps")
    @classmethod
    def _web_urls(cls, value: list[str]) -> list[str]:
        from urllib.parse import urlsplit

        for url in value:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"not an http(s) URL: {url!r}")
            if parts.username or parts.password:
                raise ValueError(
                    "put credentials in 'auth' (from environment variables), not in a URL"
                )
        return value

    @model_validator(mode="after")
    def _has_paths(self) -> SourceConfig:
        if not (self.paths or self.urls or self.sitemaps or self.url_list):
            raise ValueError(
                "a source needs at least one entry in 'paths' (files) or 'urls', 'sitemaps' "
                "or 'url_list' (web pages)"
            )
        return self

    @property
    def is_web(self) -> bool:
        """True when the source fetches pages over HTTP."""
        return bool(self.urls or self.sitemaps or self.url_list)

    @property
    def screenshots(self) -> bool:
        """True when this source's findings get screenshot evidence."""
        wanted = self.evidence or ("screenshot" if self.render == "browser" else "text")
        return self.is_web and wanted == "screenshot"


class ClusterConfig(StrictModel):
    """Run checks and crawls on a Dask cluster (`msglint[cluster]`); `--cluster` wins."""

    address: str = Field(
        min_length=1,
        description="The Dask scheduler (tcp://host:8786), or local:N to start N local "
        "worker processes.",
    )
    timeout: float = Field(
        default=10.0, gt=0, le=600, description="Seconds to wait for the scheduler."
    )


class Config(StrictModel):
    """The whole of `msglint.yaml`."""

    sources: list[SourceConfig] = Field(min_length=1, description="The content to check.")
    packs: list[str] = Field(
        default_factory=lambda: ["general", "consistency", "documents"],
        description="Rule packs: a shipped pack by name (`general`), or a YAML file or folder.",
    )
    disable: list[str] = Field(
        default_factory=list, description="Rule ids (or id prefixes ending in '.') to switch off."
    )
    fail_on: FailOn = Field(
        default="error", description="Lowest severity that makes `msglint check` exit 1."
    )
    output: OutputConfig = Field(default_factory=OutputConfig)
    match: MatchConfig = Field(default_factory=MatchConfig)
    max_file_size: int = Field(
        default=10 * 1024 * 1024, gt=0, description="Files larger than this (bytes) are skipped."
    )
    document_timeout: float = Field(
        default=60.0,
        ge=0,
        description="Seconds one file or page may take to parse, check and extract; past "
        "it, it is a msglint.source-error finding and the others are still checked (0: none).",
    )
    history: HistoryConfig = Field(default_factory=HistoryConfig)
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)
    vale: ValeConfig | None = Field(
        default=None, description="Vale styles (and .vale.ini) to run as text rules."
    )
    documents: DocumentsConfig = Field(
        default_factory=DocumentsConfig,
        description="Pairing partner documents (manuals, datasheets, articles) with the "
        "brand's, for the `document` rule kind.",
    )
    notify: NotifySettings | None = Field(
        default=None, description="Digests of what changed, sent by `check --notify`."
    )
    spec_keys: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Spec synonyms to add or override: canonical key -> labels that mean it "
        "(e.g. `flow-rate: [Förderstrom, Qmax]`); a label the shipped table puts under "
        "another key moves to this one.",
    )
    jobs: Literal["auto"] | Annotated[int, Field(ge=1)] = Field(
        default="auto",
        description="Worker processes that check files: 'auto' is one per core (used from "
        "64 files on); 1 checks everything in one process.",
    )
    cluster: ClusterConfig | None = Field(
        default=None, description="Check and crawl on a Dask cluster (`--cluster` wins)."
    )

    @field_validator("disable")
    @classmethod
    def _rule_ids(cls, value: list[str]) -> list[str]:
        """An empty id or a wildcard would switch off nothing (or, read loosely, everything)
        without a word; ids that name no loaded rule are warned about once the packs load."""
        for item in value:
            if not item.strip():
                raise ValueError("an empty rule id switches off nothing; remove it")
            if any(c in item for c in "*?[]"):
                raise ValueError(
                    f"{item!r}: no wildcards; name a rule id, or an id prefix ending in '.' "
                    "(e.g. 'msglint.')"
                )
        return value

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        seen: set[str] = set()
        for src in self.sources:
            if src.name in seen:
                raise ValueError(f"two sources are named '{src.name}'; names must be unique")
            seen.add(src.name)
        for name in self.notify.partners if self.notify else ():
            if name not in seen:
                raise ValueError(
                    f"notify.partners.{name}: no source is named '{name}'; "
                    f"sources: {', '.join(sorted(seen))}"
                )
        return self


def slas_of(config: Config) -> dict[str, dict[str, tuple[int, str]]]:
    """source -> severity -> (hours, as written), from each source's `sla`."""
    out: dict[str, dict[str, tuple[int, str]]] = {}
    for source in config.sources:
        if source.sla is None:
            continue
        out[source.name] = {
            sev: (duration_hours(text), text)
            for sev, text in source.sla.model_dump().items()
            if text is not None
        }
    return out
