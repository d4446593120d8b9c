"""Records (one product or policy as a source states it) and how they are matched."""

from __future__ import annotations

from dataclasses import dataclass, field

from msglint.model.common import Role
from msglint.model.document import Location
from msglint.model.values import Claim, Price, Spec


@dataclass(slots=True)
class Record:
    """One product (or one site-wide policy) as a source states it, with evidence per field.

    `where` maps a field ("name", "price", "spec:weight", "claim:warranty") to the Location
    it was read from, so every consistency finding can point at both sides.
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
        """A stable identity within a run: source, file or URL, position on the page."""
        return f"{self.source}:{self.url or self.path}#{self.index}"

    @property
    def label(self) -> str:
        if self.kind == "policy":
            return "site-wide policy"
        return self.name or self.sku or self.mpn or self.gtin or f"record {self.index + 1}"

    def location(self, fieldname: str = "name") -> Location:
        """Evidence for one field, falling back to the record's own place."""
        return (
            self.where.get(fieldname)
            or self.where.get("record")
            or Location(path=self.path, url=self.url)
        )


@dataclass(frozen=True, slots=True)
class Match:
    """A partner record aligned to a reference record, and how sure the matcher is."""

    record: Record
    #: "pinned" (a confirmed pair), "gtin", "sku", "mpn", "code" (a shared model code),
    #: "name", or "alias" (matched under the current name of a renamed product).
    method: str
    score: float  # the match probability x 100; 100 for identifiers and confirmed pairs
    #: Below the confidence level: reported as uncertain, not compared.
    uncertain: bool = False


@dataclass(slots=True)
class Group:
    """One reference record and every partner record matched to it."""

    reference: Record
    matches: list[Match] = field(default_factory=list)
