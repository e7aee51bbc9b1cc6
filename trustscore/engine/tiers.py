"""Which criticality tier a vendor is in, and the gate its tier sets. Pure.

The buyer's policy decides (see :mod:`trustscore.models.policy`): its vendor list first
(an explicit tier, or intake answers matched against the tiers strictest first), else
the policy's default tier; the assessment's own ``tier`` only where it is stricter.
"""

from __future__ import annotations

from trustscore.models.identity import normal_alias
from trustscore.models.policy import Policy, PolicyVendor, Tier, TierChoice


def _entry(policy: Policy, aliases: list[str], file_name: str) -> PolicyVendor | None:
    known = set(aliases)
    for entry in policy.vendors:
        if normal_alias(entry.vendor) in known or entry.vendor == file_name:
            return entry
    return None


def by_intake(policy: Policy, answers: dict[str, str]) -> Tier:
    """The first tier, strictest first, that the intake answers reach."""
    for tier in policy.tiers:
        if not tier.when_any or any(answers.get(q) in allowed
                                    for q, allowed in tier.when_any.items()):
            return tier
    return policy.tier(policy.default_tier)


def choose_tier(policy: Policy, aliases: list[str], file_name: str,
                assessment_tier: str | None) -> TierChoice:
    """The tier of the vendor known by ``aliases`` (its file named ``file_name``)."""
    entry = _entry(policy, aliases, file_name)
    if entry is not None and entry.tier is not None:
        return TierChoice(tier=entry.tier, source="policy")
    if entry is not None and entry.intake:
        return TierChoice(tier=by_intake(policy, entry.intake).id, source="intake")
    if (assessment_tier is not None and any(t.id == assessment_tier for t in policy.tiers)
            and policy.strictness(assessment_tier) < policy.strictness(policy.default_tier)):
        return TierChoice(tier=assessment_tier, source="assessment")
    return TierChoice(tier=policy.default_tier, source="default")
