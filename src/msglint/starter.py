"""`msglint init`: a commented starter config and one example rule of each kind."""

from __future__ import annotations

from pathlib import Path

CONFIG = """\
# msglint configuration. Reference: `msglint schema config`, and the README.
# Paths are relative to this file. Run `msglint check` from here or any folder below.

sources:
  # The brand's own pages: the reference every partner copy is compared with.
  - name: brand
    role: reference            # reference | partner | docs
    paths: ["site/**/*.html"]  # files, folders or globs (** = any depth)

  # A partner's copy of the catalog (a reseller, distributor or franchisee).
  - name: partner-one
    role: partner
    paths: ["partners/partner-one/**/*.html"]
    # currency: EUR            # for prices written without a currency
    # selectors:               # for pages without schema.org data (CSS selectors)
    #   product: div.product   # one element per product on listing pages
    #   name: h2
    #   price: .price

  # A distributor's catalog file (CSV, TSV, JSON, JSONL, XLSX or a Google Merchant feed).
  # - name: distributor
  #   role: partner
  #   paths: ["partners/distributor/catalog.csv"]
  #   columns: {name: "Product", sku: "Item No", price: "Price (USD)"}

  # A content repository (Markdown, text): checked by text rules only.
  - name: docs
    role: docs
    paths: ["docs/"]
    exclude: ["docs/drafts/**"]

# Rule packs: shipped packs by name, or local YAML files and folders.
packs:
  - general      # placeholders left in pages, unsettled spellings
  - consistency  # partner price, specs, name, claims and coverage against the reference
  - rules/       # your own rules (see rules/brand.yaml)

# Rule ids (or prefixes ending in '.') to switch off.
disable: []

# Matching partner records to reference records: identifiers first, then fuzzy names.
match:
  threshold: 85

# Lowest severity that makes `msglint check` exit with code 1: error | warning | info | never
fail_on: error

output:
  format: console   # console | json | html | sarif | junit | github | rdjson | rdjsonl
                    # | markdown | gitlab
"""

RULES = """\
# Your brand's rules: one example of each text rule kind (the consistency kinds are below,
# commented out); `msglint rules explain KIND` documents each.
pack: brand
description: Brand terminology, names and required statements.
rules:
  - id: sign-in                # becomes brand.sign-in
    kind: terminology
    level: warning
    description: The product says "sign in"; so does all copy.
    swap:
      log in: sign in          # also catches "logged in", "logging in"

  - id: retired-names
    kind: banned
    level: error
    description: Names the brand no longer uses.
    message: "'{match}' is a retired name; use '{suggestion}'."
    terms:
      OldProduct: NewProduct
    fuzzy: 90                  # near misses too ("Old Product")

  - id: product-names
    kind: capitalization
    level: warning
    names: [NewProduct, Wi-Fi]

  - id: pricing-disclaimer
    kind: required
    level: error
    statement: All prices exclude VAT.
    scope:
      paths: ["**/pricing*.html"]

  - id: no-exclamations-in-headings
    kind: pattern
    level: info
    message: "Headings end without '!'."
    pattern: '!\\s*$'
    scope:
      segments: [heading]

  # Consistency rules compare each partner record with the reference record it matches.
  # The `consistency` pack that msglint.yaml loads already has one of each kind
  # (msglint.price-mismatch, .spec-mismatch, .name-mismatch, .claim-mismatch,
  # .description-drift, .coverage), so none is repeated here: each problem is reported
  # once. To tune one, uncomment its example below and switch the shipped rule off in
  # msglint.yaml (`disable: [msglint.price-mismatch]`), or drop `consistency` from `packs`.
  #
  # - id: map-price
  #   kind: price
  #   level: error
  #   mode: floor              # a minimum advertised price: only lower prices count
  #   tolerance: {absolute: 0.01}
  #
  # - id: specs
  #   kind: spec
  #   level: error
  #   tolerance: 0.01          # 1%, after converting units ("2.5 kg" = "5.51 lb")
  #   ignore: [colour]
  #
  # - id: names
  #   kind: name
  #   level: warning
  #   brand: [NewProduct]
  #   retired: {OldProduct: NewProduct}
  #
  # - id: promises
  #   kind: claim
  #   level: error
  #   claims: [warranty, returns]
  #
  # - id: copy
  #   kind: description
  #   level: warning
  #
  # - id: range
  #   kind: coverage
  #   missing: info
  #   unknown: warning

  # Document rules compare a partner's copy of a manual, datasheet or article with the
  # brand's (the shipped `documents` pack has one rule per check).
  - id: manuals
    kind: document
    level: error
    checks: [steps, numbers, warnings]
    scope:
      paths: ["**/manuals/**"]

  # Plan rules compare the SaaS plans of partners' pricing pages and price lists with the
  # brand's: prices per billing period, features, limits, trial, SLA.
  - id: plans
    kind: plan
    level: error
    retired: {Team: Pro}      # a plan's former name -> its current one
"""


def write_starter(directory: Path) -> tuple[list[Path], list[Path]]:
    """Create the starter files that do not exist yet; return (created, left alone)."""
    directory.mkdir(parents=True, exist_ok=True)
    created, kept = [], []
    for path, text in (
        (directory / "msglint.yaml", CONFIG),
        (directory / "rules" / "brand.yaml", RULES),
    ):
        if path.exists():
            kept.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:
            fh.write(text)
        created.append(path)
    return created, kept
