"""Credibility: which evidence counts on the as-of date, how far it can be trusted, and
what about it a buyer should double-check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from trustscore.models.assessment import Evidence
from trustscore.models.flags import FlagCode, FlagEffect, Severity
from trustscore.models.report import EvidenceResult, EvidenceStatus, Flag
from trustscore.models.rubric import EvidencePolicy, EvidenceTier


@dataclass(frozen=True)
class Judged:
    """One evidence item, its tier and whether it counts."""

    item: Evidence
    tier: EvidenceTier
    status: EvidenceStatus

    def result(self) -> EvidenceResult:
        """The item as the report shows it."""
        item = self.item
        return EvidenceResult(kind=item.kind, title=item.title, reference=item.reference,
                              issuer=item.issuer, issued=item.issued, expires=item.expires,
                              tier=self.tier.id, factor=self.tier.factor, status=self.status)


@dataclass(frozen=True)
class Credibility:
    """The tier that counts for an answer and every evidence item as judged."""

    tier: EvidenceTier
    items: list[Judged]


def status_on(item: Evidence, as_of: dt.date, policy: EvidencePolicy) -> EvidenceStatus:
    """Whether ``item`` proves anything on the as-of date, and if not, why."""
    if item.issued is not None and item.expires is not None and item.expires < item.issued:
        return EvidenceStatus.DATES_REVERSED
    if item.expires is not None and item.expires < as_of:
        return EvidenceStatus.EXPIRED
    if item.issued is not None and item.issued > as_of:
        return EvidenceStatus.NOT_YET_VALID
    if item.kind in policy.identified_kinds and not (item.issuer and item.reference):
        return EvidenceStatus.UNIDENTIFIED
    return EvidenceStatus.VALID


def judge(evidence: list[Evidence], policy: EvidencePolicy, as_of: dt.date) -> Credibility:
    """The best tier among the valid items; with none, the rubric's tier for no evidence."""
    tiers = {t.id: t for t in policy.tiers}
    best = tiers[policy.unsupported_tier]
    items = []
    for item in evidence:
        tier = tiers[policy.kinds[item.kind]]
        status = status_on(item, as_of, policy)
        if status is EvidenceStatus.VALID and (tier.factor, tier.verified) > (
                best.factor, best.verified):
            best = tier
        items.append(Judged(item, tier, status))
    return Credibility(best, items)


_NOT_COUNTED = {
    EvidenceStatus.EXPIRED: (FlagCode.EVIDENCE_EXPIRED,
                             "expired on {expires} and does not count",
                             "attach the current certificate or report"),
    EvidenceStatus.NOT_YET_VALID: (FlagCode.EVIDENCE_NOT_YET_VALID,
                                   "is dated {issued}, after the as-of date, and does not count",
                                   "check the issue date"),
    EvidenceStatus.DATES_REVERSED: (FlagCode.EVIDENCE_DATES_REVERSED,
                                    "expires ({expires}) before it was issued ({issued}) and "
                                    "does not count", "correct the dates"),
    EvidenceStatus.UNIDENTIFIED: (FlagCode.EVIDENCE_UNIDENTIFIED,
                                  "has no issuer or no reference number, so it counts only "
                                  "as a claim", "add the issuer and the certificate or "
                                  "report number so a buyer can verify it"),
}


def evidence_flags(by_control: Sequence[tuple[str, Credibility]], policy: EvidencePolicy,
                   as_of: dt.date, assessed_on: dt.date) -> list[Flag]:
    """Flags about the evidence itself: what did not count, what will soon expire, what
    post-dates the assessment, and one item cited for many unrelated controls."""
    flags: list[Flag] = []
    citations: dict[tuple[str, str], list[str]] = {}
    for control_id, credibility in by_control:
        for judged in credibility.items:
            item = judged.item
            said = f"{control_id}: evidence '{item.title}'"
            if judged.status in _NOT_COUNTED:
                code, text, hint = _NOT_COUNTED[judged.status]
                flags.append(Flag(code=code, severity=Severity.WARNING,
                                  message=f"{said} " + text.format(expires=item.expires,
                                                                   issued=item.issued) + ".",
                                  controls=[control_id], effect=FlagEffect.NOT_COUNTED,
                                  hint=hint))
                continue
            if item.expires is not None and (item.expires - as_of).days <= (
                    policy.expiry_warning_days):
                flags.append(Flag(code=FlagCode.EVIDENCE_EXPIRING_SOON, severity=Severity.INFO,
                                  message=f"{said} expires on {item.expires}, within "
                                          f"{policy.expiry_warning_days} days.",
                                  controls=[control_id], effect=FlagEffect.NONE,
                                  hint="plan the renewal before it lapses"))
            if item.issued is not None and item.issued > assessed_on:
                flags.append(Flag(code=FlagCode.EVIDENCE_AFTER_ASSESSMENT,
                                  severity=Severity.WARNING,
                                  message=f"{said} is dated {item.issued}, after the "
                                          f"assessment date {assessed_on}.",
                                  controls=[control_id], effect=FlagEffect.NONE,
                                  hint="re-date the assessment or check the evidence date"))
            if item.kind not in policy.broad_kinds:
                key = item.reference or item.title
                citations.setdefault((item.kind, key.strip().lower()), []).append(control_id)
    for (kind, _), controls in sorted(citations.items()):
        distinct = sorted(set(controls))
        if len(distinct) > policy.reuse_limit:
            flags.append(Flag(code=FlagCode.EVIDENCE_REUSED, severity=Severity.WARNING,
                              message=f"The same {kind} is cited for {len(distinct)} "
                                      f"controls ({', '.join(distinct)}).",
                              controls=distinct, effect=FlagEffect.NONE,
                              hint="attach the specific artefact for each control"))
    return flags
