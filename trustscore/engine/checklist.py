"""The review checklist: from a scored report, every evidence item whose verdict moves
points, the largest stake first, with what to check and where.

An item whose verdict cannot move a point is left out, with the reason: its dates rule it
out, its file does not match, or it is cited only where its kind cannot attest or for
answers that earn nothing. A reviewer's hour goes where the points are.
"""

from __future__ import annotations

from trustscore.engine.evidence import Checkable, item_key, on_own_domain
from trustscore.models.assessment import Assessment, Evidence
from trustscore.models.checklist import ChecklistItem, LeftOut, ReviewChecklist
from trustscore.models.report import ControlStatus, EvidenceResult, EvidenceStatus, Report

_NO_VERDICT_HELPS = {
    EvidenceStatus.EXPIRED: "it expired before the as-of date",
    EvidenceStatus.NOT_YET_VALID: "it is dated after the as-of date",
    EvidenceStatus.DATES_REVERSED: "it expires before it was issued",
    EvidenceStatus.FILE_MISMATCH: "its file does not match its SHA-256: ask for the right file",
    EvidenceStatus.FILE_MISSING: "its file cannot be read beside the assessment",
    EvidenceStatus.OUT_OF_REACH: "it is cited only where its kind cannot attest",
}


def checklist(report: Report, assessment: Assessment, label: str,
              context: Checkable) -> ReviewChecklist:
    """What ``review init`` writes for ``assessment`` as ``report`` scored it."""
    stakes: dict[tuple[str, str], dict[str, float]] = {}
    seen: dict[tuple[str, str], tuple[Evidence, list[EvidenceResult]]] = {}
    for control in report.controls:
        answer = assessment.answers.get(control.id)
        if answer is None or control.status is not ControlStatus.ANSWERED:
            continue
        for item, judged in zip(answer.evidence, control.evidence, strict=True):
            key = item_key(item)
            seen.setdefault(key, (item, []))[1].append(judged)
            if judged.status not in _NO_VERDICT_HELPS and control.claimed_points > 0:
                stakes.setdefault(key, {})[control.id] = control.claimed_points
    items: list[ChecklistItem] = []
    left_out: list[LeftOut] = []
    for key, (item, all_judged) in seen.items():
        carried = stakes.get(key)
        if not carried:
            reasons = {_NO_VERDICT_HELPS[j.status] for j in all_judged
                       if j.status in _NO_VERDICT_HELPS}
            reason = ("; ".join(sorted(reasons))
                      or "it is cited only for answers that earn no points")
            left_out.append(LeftOut(kind=item.kind, title=item.title, reason=reason))
            continue
        items.append(ChecklistItem(
            kind=item.kind, title=item.title, reference=item.reference,
            cited_for=sorted(carried), at_stake=round(sum(carried.values()), 2),
            check=what_to_check(item, all_judged, report.vendor.name, sorted(carried), context)))
    items.sort(key=lambda i: (-i.at_stake, i.kind, i.title))
    left_out.sort(key=lambda i: (i.kind, i.title))
    backed = {cid: pts for carried in stakes.values() for cid, pts in carried.items()}
    return ReviewChecklist(assessment=label, assessment_sha256=report.provenance.input_sha256,
                           rubric=report.provenance.rubric, vendor=report.vendor.name,
                           as_of=report.provenance.as_of, items=items, left_out=left_out,
                           controls=len(backed), points=round(sum(backed.values()), 2))


def what_to_check(item: Evidence, judged: list[EvidenceResult], vendor: str,
                  controls: list[str], context: Checkable) -> list[str]:
    """Where a reviewer confirms the item: its issuer and number, its registry entry, its
    file; and what the tool already doubts about it."""
    spec = context.policy.kinds[item.kind]
    independent = bool(spec.requires)
    dates = "".join([f", issued {item.issued}" if item.issued else "",
                     f", valid until {item.expires}" if item.expires else "",
                     f", covering {item.period_start} to {item.period_end}"
                     if item.period_start and item.period_end else ""])
    found = []
    if item.issuer:
        number = f" {item.kind} number {item.reference}" if item.reference else " it"
        found.append(f"Ask {item.issuer} (not the vendor) to confirm{number} was issued to "
                     f"{vendor}{dates}.")
    elif independent:
        found.append(f"No issuer is named: ask the vendor who issued it{dates}, then ask them.")
    else:
        dated = dates.replace(", issued ", ", dated ", 1)
        found.append(f"Read it and check it shows what is claimed for {', '.join(controls)}"
                     f"{dated}; ask who wrote and approved it.")
    if item.url:
        own = (" It is on the vendor's own domain: not an independent source."
               if on_own_domain(item.url, context.own_domains) else "")
        found.append(f"Open {item.url} and check it shows the same number and vendor.{own}")
    if item.file and item.sha256:
        found.append(f"Check the file: 'sha256sum {item.file}' must print {item.sha256}.")
    lacking = sorted({need for j in judged for need in j.lacks})
    if lacking:
        found.append(f"The assessment does not give: {', '.join(lacking)}.")
    doubted = sorted({doubt for j in judged for doubt in j.doubts})
    if doubted:
        found.append(f"The tool doubts it: {'; '.join(doubted)}.")
    statuses = {j.status for j in judged}
    if EvidenceStatus.OVERUSED in statuses:
        found.append(f"It is cited for more controls than a {item.kind} can back: check it "
                     "covers each one listed.")
    if EvidenceStatus.DISCREDITED in statuses:
        found.append("Another item of this assessment looks forged or mismatched: do not "
                     "take this one on trust either.")
    return found
