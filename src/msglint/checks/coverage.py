"""The `coverage` rule kind: products a partner lacks, and products only a partner has."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from msglint.checks.consistency import RetiredNamesRule, Survey
from msglint.model import Code, Evidence, Finding, Location, RecordField, Role, Severity


class CoverageRule(RetiredNamesRule):
    """A reference product is missing at a partner, or a partner lists one the brand has not.

    **What it checks**
    After matching, each reference product that no record of a partner source matched is
    reported for that partner (at the reference product's location), and each partner
    product that matched no reference product is reported at the partner's page or catalog
    row. A partner product whose name uses a retired name (`retired`) says so.

    **Why it matters**
    A partner still selling a retired product sends customers to something the brand no
    longer supports; a product missing from a partner's catalog is lost sales.

    **Example (flagged)**
    A distributor's catalog row `Acme HomeHub 1;ACM-HH-100;89.00` when the brand sells only
    the HomeHub 2.

    **Example (fine)**
    Every partner product matches a reference product by GTIN, SKU, model code or name.

    **Options**
    `missing`: level for a reference product missing at a partner (default `info`, `off`
    to ignore, as for a partner that sells only part of the range). `unknown`: level for a
    partner product the reference does not have (default `warning`). `retired`: retired
    product names (list, or mapping retired name -> current name). `aliases`: other names a
    partner may use for a product (other name -> current name), matched like the current
    name.
    """

    kind: Literal["coverage"]
    level: Severity = Severity.WARNING
    missing: Literal["error", "warning", "info", "off"] = "info"
    unknown: Literal["error", "warning", "info", "off"] = "warning"

    def survey(self, survey: Survey) -> Iterator[Finding]:
        for source, result in survey.results.items():
            partners = survey.partners.get(source, [])
            if self.unknown != "off":
                for index in result.unmatched_partner:
                    record = partners[index]
                    if record.kind == "product" and self.applies_to(record):
                        yield self._unknown(record)
            if self.missing != "off" and partners:
                for index in result.unmatched_reference:
                    yield self._missing(survey.reference[index], source)

    def _unknown(self, record: Any) -> Finding:
        label = record.label
        retired = self.retired_name(label)
        code = Code.RETIRED_PRODUCT if retired else Code.UNKNOWN_PRODUCT
        if retired:
            old, new = retired
            what = (
                "is a retired product"
                if old.casefold() == label.casefold()
                else (f"uses the retired name '{old}'")
            )
            message = f"'{label}' {what}" + (f"; the product is now '{new}'." if new else ".")
        else:
            message = f"'{label}' matches no product of the reference."
        return Finding(
            rule=self.id,
            severity=Severity(self.unknown),
            message=message
            if not self.message
            else self.message.format(
                rule=self.id, product=label, field="product", expected="", actual=label
            ),
            source=record.source,
            role=record.role,
            location=record.location("name"),
            record=record.key,
            actual=label,
            link=self.link,
            product=label,
            field=RecordField("product"),
            code=code,
        )

    def _missing(self, reference: Any, source: str) -> Finding:
        where: Location = reference.location("name")
        label = reference.label
        return Finding(
            rule=self.id,
            severity=Severity(self.missing),
            message=f"'{label}' is missing at {source}."
            if not self.message
            else self.message.format(
                rule=self.id, product=label, field="product", expected=label, actual=""
            ),
            source=source,
            role=Role.PARTNER,
            location=where,
            expected=label,
            link=self.link,
            product=label,
            field=RecordField("product"),
            code=Code.MISSING_PRODUCT,
            reference=Evidence(reference.source, where, reference.key),
        )
