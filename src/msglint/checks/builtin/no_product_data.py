"""`msglint.no-product-data`: a page with nothing to compare."""

from __future__ import annotations

from typing import ClassVar

from msglint.checks.builtin.base import BuiltinRule
from msglint.model import Code, Finding, Location, Role, Severity


class NoProductData(BuiltinRule):
    """A page has no product data or support claims to compare.

    **What it checks**
    An HTML page of a reference or partner source from which extraction read no product
    (no schema.org data, no configured selectors matched, no heuristic found a name with a
    price or an identifier) and no support claim.

    **Why it matters**
    On a partner's product page it usually means the page changed its markup (and its
    prices are no longer compared) or `selectors` need updating; on an index or landing
    page it is expected, hence the `info` level.

    **Example (flagged)**
    A partner's landing page with prose and links only.

    **Example (fine)**
    A product page with schema.org `Product` data, or a support page stating a warranty.

    **Options**
    None; `disable: [msglint.no-product-data]` switches it off.
    """

    id: ClassVar[str] = "msglint.no-product-data"
    level: ClassVar[Severity] = Severity.INFO
    #: What the finding's `actual` says.
    REASON: ClassVar[str] = "no product data or support claims found"

    @classmethod
    def finding(cls, source: str, role: Role, page: str, where: Location) -> Finding:
        return Finding(
            rule=cls.id,
            severity=cls.level,
            message=f"No product data or support claims found in {page}.",
            source=source,
            role=role,
            location=where,
            actual=cls.REASON,
            code=Code.NO_PRODUCT_DATA,
        )
