"""extract/plans: a pricing page (or a price list) -> its SaaS plans, each fact with evidence.

Readers, in order of trust, one module each:

- `selectors`: the source's own CSS selectors (`plan`, `plan_name`, `plan_price`,
  `plan_features`), when config gives them: the override for markup nothing else reads;
- `schema`: schema.org Offers in JSON-LD (`UnitPriceSpecification`, `billingDuration`,
  `referenceQuantity`, `unitText`);
- `cards`: plan cards side by side, with monthly/annual toggles as two price sets, as
  `data-` attributes or as hidden elements;
- `table`: a comparison table with plans as columns and features as rows;
- `pricelist`: CSV/JSON price lists (plan, period, price, currency; long or wide).

`build` merges what the readers found into one `Plan` per plan name (cards give prices
and features, the table adds its rows, JSON-LD fills what the page lacks) and states what
could not be read as problems with a location and a reason: prices but no discernible
plans, a toggle whose second price set is missing, JSON-LD prices the page contradicts.
"""

from __future__ import annotations

from msglint.extract.plans.build import read_plans
from msglint.extract.plans.pricelist import read_price_list
from msglint.extract.plans.result import PlanSelectors

__all__ = ["PlanSelectors", "read_plans", "read_price_list"]
