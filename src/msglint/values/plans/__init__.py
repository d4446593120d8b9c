"""SaaS plan values from text: prices with basis and billing, features, limits, plan names.

The words pricing pages use are data (`data/plan_words.yaml`); amounts, currencies and
periods are read by `msglint.values.prices`, storage quantities by `msglint.values.specs`
(pint). One job per module: `prices` (a price block -> PlanPrice, stated discounts),
`features` (a feature line -> a feature or a limit), `names` (plan names -> a key).
"""

from __future__ import annotations

from msglint.values.plans.features import feature_key, read_feature, read_limit, same_limit
from msglint.values.plans.names import period_in_name, plan_key
from msglint.values.plans.prices import billed_in, is_custom, read_discount, read_price

__all__ = [
    "billed_in",
    "feature_key",
    "is_custom",
    "period_in_name",
    "plan_key",
    "read_discount",
    "read_feature",
    "read_limit",
    "read_price",
    "same_limit",
]
