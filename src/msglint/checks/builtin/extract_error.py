"""`msglint.extract-error`: product data that could not be read completely."""

from __future__ import annotations

from typing import ClassVar

from msglint.checks.builtin.base import BuiltinRule
from msglint.model import Code, Finding, Location, Role, Severity


class ExtractError(BuiltinRule):
    """Product data on a page or in a catalog could not be read completely.

    **What it checks**
    Structured data and catalog rows that extraction could only partly read: a malformed
    JSON-LD block, a price that cannot be parsed, a catalog row with the wrong number of
    fields, columns that cannot be mapped to fields, a size limit reached. The finding's
    `code` says which (`malformed-data`, `value-unreadable`, `row-skipped`,
    `columns-unmapped`, `limit-reached`, `not-a-catalog`, `unreadable`), and its
    location points at the block, row or cell. Catalog columns no table recognizes are
    read as specs under their own header and listed once per file (`columns-unrecognized`,
    at level info).

    **Why it matters**
    A product whose price could not be read is not compared, so a wrong price behind it
    would go unseen; the warning says where the comparison has a hole.

    **Example (flagged)**
    A catalog row `Acme HomeHub 2;ACM-HH2;eighty-nine` whose price is not a number.

    **Example (fine)**
    `Acme HomeHub 2;ACM-HH2;89,00 €`.

    **Options**
    None; `disable: [msglint.extract-error]` switches it off.
    """

    id: ClassVar[str] = "msglint.extract-error"
    level: ClassVar[Severity] = Severity.WARNING

    @classmethod
    def finding(
        cls,
        source: str,
        role: Role,
        page: str,
        where: Location,
        code: Code,
        reason: str,
        level: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=cls.id,
            severity=level or cls.level,
            message=f"Could not read all product data in {page}: {reason}",
            source=source,
            role=role,
            location=where,
            actual=reason,
            code=code,
        )
