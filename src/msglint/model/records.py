"""Records (one product or policy as a source states it) and how they are matched."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from msglint.model.common import Role
from msglint.model.document import Location
from msglint.model.state import quick_state
from msglint.model.values import Claim, Price, Spec

#: The text fields of a Record whose evidence `Record.where` holds.
TEXT_FIELDS = ("item_id", "name", "brand", "sku", "mpn", "gtin", "description", "url")


@dataclass(slots=True)
class Record:
    """One product (or one site-wide policy) as a source states it, with evidence per fact.

    Every price, spec and claim carries its own Location (`where` on the value); `where`
    here maps the record's text fields ("name", "sku", "description", ...) to theirs, and
    `at` is where the record itself is (its catalog row, JSON-LD block or product element).
    `key` identifies the record within a run.
    """

    source: str
    role: Role
    path: str
    url: str | None = None
    kind: str = "product"
    origin: str = ""
    index: int = 0
    item_id: str | None = None  # the source's own row/item id (catalog "id", feed g:id)
    name: str | None = None
    brand: str | None = None
    sku: str | None = None
    mpn: str | None = None
    gtin: str | None = None
    codes: tuple[str, ...] = ()
    prices: list[Price] = field(default_factory=list)
    specs: dict[str, Spec] = field(default_factory=dict)
    description: str | None = None
    claims: list[Claim] = field(default_factory=list)
    where: dict[str, Location] = field(default_factory=dict)
    at: Location | None = None
    #: The language the record was written in ("de"; None: unknown or English), from its
    #: page (msglint.text.language), so names and claims are compared across languages.
    lang: str | None = None
    #: Prices shown in the page's visible text when the record came from structured data,
    #: kept so the page can be checked against itself (JSON-LD says 299, the page 279).
    page_prices: list[Price] = field(default_factory=list)

    @property
    def price(self) -> Price | None:
        """The price the customer pays: the sale price if one is shown, else the list price."""
        sale = next((p for p in self.prices if p.kind == "sale"), None)
        return sale or (self.prices[0] if self.prices else None)

    @property
    def key(self) -> str:
        """The record's id within a run: source, file or URL, position on the page or in the
        catalog (a catalog row's own id is `item_id`)."""
        return f"{self.source}:{self.url or self.path}#{self.index}"

    @property
    def label(self) -> str:
        if self.kind == "policy":
            return "site-wide policy"
        return self.name or self.sku or self.mpn or self.gtin or f"record {self.index + 1}"

    def location(self, fieldname: str = "name") -> Location:
        """Evidence for one field, falling back to the record's own place.

        `fieldname` is a text field ("name", "sku", ...), "record", or a value field read
        from the values themselves: "price" (the list price, else the first), "sale_price",
        "page-price", "spec:<key>" or "claim:<kind>" (the first claim of that kind).
        """
        where = self.where.get(fieldname) or _value_where(self, fieldname)
        return where or self.at or Location(path=self.path, url=self.url)

    def evidence(self) -> Iterator[Location]:
        """Every Location the record holds: its own, its text fields' and its values'."""
        if self.at is not None:
            yield self.at
        yield from self.where.values()
        for value in (*self.prices, *self.specs.values(), *self.claims, *self.page_prices):
            if value.where is not None:
                yield value.where


def _value_where(record: Record, fieldname: str) -> Location | None:
    name, _, key = fieldname.partition(":")
    found: Price | Spec | Claim | None = None
    if name == "price":
        found = next((p for p in record.prices if p.kind == "list"), None)
        found = found or (record.prices[0] if record.prices else None)
    elif name == "sale_price":
        found = next((p for p in record.prices if p.kind == "sale"), None)
    elif name == "page-price":
        found = record.page_prices[0] if record.page_prices else None
    elif name == "spec":
        found = record.specs.get(key)
    elif name == "claim":
        found = next((c for c in record.claims if c.kind == key), None)
    elif name == "record":
        return record.at
    return found.where if found is not None else None


@quick_state
@dataclass(frozen=True, slots=True)
class Match:
    """A partner record aligned to a reference record, and how sure the matcher is."""

    record: Record
    #: "pinned" (a confirmed pair), "gtin", "sku", "mpn", "code" (a shared model code),
    #: "name", "title" (the reference's name, then attributes: `match.records.title_of`),
    #: or "alias" (matched under the current name of a renamed product).
    method: str
    score: float  # the match probability x 100; 100 for identifiers and confirmed pairs
    #: Below the confidence level: reported as uncertain, not compared.
    uncertain: bool = False
    #: The pair scorer's calibrated match probability (0-1); None when identifiers or a
    #: confirmed pair made the match and the scorer was not asked.
    probability: float | None = None


@dataclass(slots=True)
class Group:
    """One reference record and every partner record matched to it."""

    reference: Record
    matches: list[Match] = field(default_factory=list)
