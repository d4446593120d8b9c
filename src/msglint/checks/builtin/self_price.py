"""`msglint.self-price-mismatch`: a page whose structured data contradicts its visible price."""

from __future__ import annotations

from typing import ClassVar

from msglint.checks.builtin.base import BuiltinRule
from msglint.model import Code, Evidence, Finding, Record, RecordField, Severity, Value


class SelfPriceMismatch(BuiltinRule):
    """A page's structured data states another price than the page shows.

    **What it checks**
    For a product read from structured data (JSON-LD, microdata), the prices its visible
    text shows next to it. When none of them equals a price the structured data states
    (same amount, and the same currency where both say one), the page contradicts itself.
    It runs on every source, the brand's own included, before any comparison.

    **Why it matters**
    Search engines and comparison sites read the structured data, customers read the page:
    a stale JSON-LD price after a price change shows a different price in search results
    than at checkout.

    **Example (flagged)**
    JSON-LD `"price": "299.00"` on a page that shows `$279.00`.

    **Example (fine)**
    JSON-LD `"price": "299.00", "priceCurrency": "USD"` on a page that shows `$299.00`.

    **Options**
    None; `disable: [msglint.self-price-mismatch]` switches it off.
    """

    id: ClassVar[str] = "msglint.self-price-mismatch"
    level: ClassVar[Severity] = Severity.WARNING

    @classmethod
    def check(cls, record: Record) -> Finding | None:
        """The finding for a record whose page shows none of the prices its data states."""
        if not record.page_prices or not record.prices:
            return None
        stated = {(p.amount, p.currency) for p in record.prices}
        if any(
            (p.amount, p.currency) in stated
            or any(p.amount == s[0] and None in (p.currency, s[1]) for s in stated)
            for p in record.page_prices
        ):
            return None
        expected = record.price
        shown = record.page_prices[0]
        assert expected is not None
        return Finding(
            rule=cls.id,
            severity=cls.level,
            message=f"The page shows {shown.display()} for '{record.label}' but its "
            f"{record.origin} data says {expected.display()}.",
            source=record.source,
            role=record.role,
            location=record.location("page-price"),
            record=record.key,
            actual=Value.of(shown),
            expected=Value.of(expected),
            product=record.label,
            field=RecordField("price"),
            code=Code.SELF_PRICE,
            reference=Evidence(record.source, record.location("price"), record.key),
        )
