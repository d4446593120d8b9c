"""Plans across sources: which partner plan is which brand plan.

Plans are matched within a product (when both sides name one) in this order:

1. the same plan key (`values.plans.plan_key`): "Corvala Pro (monthly)", "Pro plan" and
   "Pro" are one plan, and "Premium mensuel" and "Premium annuel" are one plan's two
   prices;
2. a configured alias or retired name ("Team" was renamed "Pro"): matched, and the method
   says which, so the rule can report the retired name instead of a missing plan;
3. a close spelling (rapidfuzz ratio >= 90 on the keys: "Enterprise" / "Entreprise");
4. tier position, only when exactly one brand plan and one partner plan are left and they
   stand at the same position among their page's plans, and their prices agree on some
   billing cycle: a renamed plan is then one finding ("name differs"), not two (a missing
   plan and an unknown one). Anything less certain stays unmatched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from msglint.model import Plan, PlanGroup
from msglint.values.plans import plan_key

#: Lowest rapidfuzz ratio for two plan keys to be one plan.
FUZZY_PLAN = 90.0


@dataclass(frozen=True, slots=True)
class PlanPair:
    """A partner plan matched to a brand plan, and how (`key`, `alias`, `retired`,
    `fuzzy`, `position`)."""

    reference: Plan
    partner: Plan
    method: str
    alias: str | None = None


@dataclass
class PlanMatching:
    pairs: list[PlanPair] = field(default_factory=list)
    missing: list[Plan] = field(default_factory=list)  # brand plans the partner lacks
    extra: list[Plan] = field(default_factory=list)  # partner plans the brand lacks


def _product_key(plan: Plan) -> str:
    return plan_key(plan.product) if plan.product else ""


def match_plans(
    reference: list[Plan],
    partner: list[Plan],
    *,
    aliases: dict[str, str] | None = None,
    retired: dict[str, str] | None = None,
) -> PlanMatching:
    """Pair each partner plan with the brand plan it is; the rest are missing or extra.

    `aliases` and `retired` map another name to the brand's current plan name.
    """
    from rapidfuzz import fuzz

    out = PlanMatching()
    names: dict[str, tuple[str, str]] = {}
    for method, table in (("alias", aliases or {}), ("retired", retired or {})):
        for other, current in table.items():
            names[plan_key(other)] = (plan_key(current), method)
    merged_ref = _merge(reference)
    merged_partner = _merge(partner)
    left = list(merged_partner)
    for ref in merged_ref:
        ref_key = plan_key(ref.name, ref.product)
        found = None
        for method in ("key", "alias", "fuzzy"):
            for cand in left:
                if (
                    _product_key(cand)
                    and _product_key(ref)
                    and _product_key(cand) != _product_key(ref)
                ):
                    continue
                key = plan_key(cand.name, cand.product or ref.product)
                if method == "key" and key == ref_key:
                    found = PlanPair(ref, cand, "key")
                elif method == "alias" and key in names and names[key][0] == ref_key:
                    found = PlanPair(ref, cand, names[key][1], alias=cand.name)
                elif (
                    method == "fuzzy"
                    and key not in names
                    and fuzz.ratio(key, ref_key) >= FUZZY_PLAN
                ):
                    found = PlanPair(ref, cand, "fuzzy")
                if found:
                    break
            if found:
                break
        if found:
            out.pairs.append(found)
            left.remove(found.partner)
        else:
            out.missing.append(ref)
    if len(out.missing) == 1 and len(left) == 1:
        ref, cand = out.missing[0], left[0]
        if ref.tier == cand.tier and _prices_agree(ref, cand):
            out.pairs.append(PlanPair(ref, cand, "position"))
            out.missing, left = [], []
    out.extra = left
    return out


def _merge(plans: list[Plan]) -> list[Plan]:
    """One plan per key: price-list rows or JSON-LD offers that state one plan per period
    ("Premium mensuel", "Premium annuel") become one plan with both prices."""
    by_key: dict[tuple[str, str], Plan] = {}
    out: list[Plan] = []
    for plan in plans:
        key = (_product_key(plan), plan_key(plan.name, plan.product))
        first = by_key.get(key)
        if first is None:
            by_key[key] = plan
            out.append(plan)
            continue
        first.prices.extend(p for p in plan.prices if p not in first.prices)
        have = {f.key for f in first.features}
        first.features.extend(f for f in plan.features if f.key not in have)
        for k, v in plan.limits.items():
            first.limits.setdefault(k, v)
        first.trial = first.trial or plan.trial
        first.sla = first.sla or plan.sla
        first.discount = first.discount or plan.discount
    for tier, plan in enumerate(out):
        plan.tier = tier
    return out


def _prices_agree(a: Plan, b: Plan) -> bool:
    totals_a = {(p.cycle, p.cycle_total) for p in a.prices if p.amount is not None}
    totals_b = {(p.cycle, p.cycle_total) for p in b.prices if p.amount is not None}
    if not totals_a and not totals_b:
        return any(p.amount is None for p in a.prices) and any(p.amount is None for p in b.prices)
    return bool(totals_a & totals_b)


def fill_product(plans: list[Plan]) -> None:
    """Give plans that name no product the run's one product, when every plan that names
    one names the same ("Corvala" in the brand's JSON-LD; the cards say only "Pro"), so
    "Corvala Pro" at a partner and "Pro" on the brand's cards are one plan. With two or
    more products in the run, plans without one stay without (matched on their names)."""
    named = {plan_key(p.product): p.product for p in plans if p.product}
    if len(named) != 1:
        return
    product = next(iter(named.values()))
    for plan in plans:
        if plan.product is None:
            plan.product = product


def plan_groups(
    reference: list[Plan],
    partners: dict[str, list[Plan]],
    *,
    aliases: dict[str, str] | None = None,
    retired: dict[str, str] | None = None,
) -> list[PlanGroup]:
    """Each brand plan with every partner's plan matched to it, then each partner plan the
    brand does not offer in a group of its own (what reports show side by side)."""
    merged = _merge(reference)
    groups = [PlanGroup(reference=ref) for ref in merged]
    by_id = {id(g.reference): g for g in groups}
    extra: list[PlanGroup] = []
    for name, plans in partners.items():
        if not plans:
            continue
        matching = match_plans(merged, plans, aliases=aliases, retired=retired)
        for pair in matching.pairs:
            group = by_id.get(id(pair.reference))
            if group is not None:
                group.partners[name] = pair.partner
                group.methods[name] = pair.method
                same = _same_features(pair.reference, pair.partner)
                if same:
                    group.same_features[name] = same
        extra.extend(PlanGroup(None, {name: plan}) for plan in matching.extra)
    return groups + extra


def _same_features(reference: Plan, partner: Plan) -> dict[str, str]:
    """The partner's feature keys that are a brand feature worded differently (as the
    `plan` rule decides it: synonyms, then a close fuzzy score)."""
    from msglint.values.plans.features import feature_match

    keys = [f.key for f in reference.features]
    out: dict[str, str] = {}
    for feature in partner.features:
        if feature.key in keys:
            continue
        verdict, other = feature_match(feature.key, keys)
        if verdict == "same" and other is not None:
            out[feature.key] = other
    return out
