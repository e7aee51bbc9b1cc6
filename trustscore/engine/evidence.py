"""Credibility: which evidence counts on the as-of date, and how far it can be trusted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trustscore.models.assessment import Evidence
from trustscore.models.report import EvidenceResult, EvidenceStatus
from trustscore.models.rubric import EvidencePolicy, EvidenceTier


@dataclass(frozen=True)
class Credibility:
    """The tier that counts for an answer and every evidence item as judged."""

    tier: EvidenceTier
    items: list[EvidenceResult]


def status_on(item: Evidence, as_of: dt.date) -> EvidenceStatus:
    """Expired or not-yet-issued evidence proves nothing on the as-of date."""
    if item.expires is not None and item.expires < as_of:
        return EvidenceStatus.EXPIRED
    if item.issued is not None and item.issued > as_of:
        return EvidenceStatus.NOT_YET_VALID
    return EvidenceStatus.VALID


def judge(evidence: list[Evidence], policy: EvidencePolicy, as_of: dt.date) -> Credibility:
    """The best tier among the valid items; with none, the rubric's tier for no evidence."""
    tiers = {t.id: t for t in policy.tiers}
    best = tiers[policy.unsupported_tier]
    items = []
    for item in evidence:
        tier = tiers[policy.kinds[item.kind]]
        status = status_on(item, as_of)
        if status is EvidenceStatus.VALID and (tier.factor, tier.verified) > (
                best.factor, best.verified):
            best = tier
        items.append(EvidenceResult(kind=item.kind, title=item.title, reference=item.reference,
                                    issuer=item.issuer, issued=item.issued,
                                    expires=item.expires, tier=tier.id, factor=tier.factor,
                                    status=status))
    return Credibility(best, items)
