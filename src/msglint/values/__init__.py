"""values: typed reading and comparison of the facts that extract, match and checks share.

`prices` (amount, ISO 4217 currency, billing period, list or sale), `specs` (spec keys,
quantities with pint, and the unit-aware comparison the checks use), `claims` (support
claims in prose, one module per kind) and `identifiers` (GTIN, SKU/MPN, model codes).
Every reader takes hostile text and returns a value or None, never raises.

A low layer: it imports only `msglint.model`, `msglint.text`, `msglint.nlp` and libraries,
never a pipeline stage, so extract (which reads values from pages and catalogs), match (which
pairs records by their identifiers) and checks (which compare values) all build on it.
"""
