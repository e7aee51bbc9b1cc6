"""Compare vendors side by side, and one vendor between two dates. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from trustscore.errors import UsageError
from trustscore.models.comparison import (
    ComparedControl,
    ComparedDomain,
    ComparedVendor,
    Comparison,
    ControlChange,
    Delta,
    Difference,
    EvidenceChange,
)
from trustscore.models.report import ControlResult, EvidenceResult, Report
from trustscore.models.rubric import Rubric

DIFFERENCES_SHOWN = 10


def compare(reports: Sequence[Report], files: Sequence[str]) -> Comparison:
    """Domains as rows, vendors as columns, the best marked; the controls that differ most."""
    rubrics = {r.provenance.rubric for r in reports}
    if len(rubrics) != 1:
        raise UsageError("compare needs assessments scored with the same rubric, got "
                         + ", ".join(sorted(rubrics)) + "; pass --rubric to use one")
    first = reports[0]
    vendors = [ComparedVendor(file=f, vendor=r.vendor.name, trust_score=r.trust_score,
                              claimed_score=r.claimed_score,
                              gap=round(r.claimed_score - r.trust_score, 2), grade=r.grade,
                              confidence=r.confidence,
                              needs_verification=r.needs_verification,
                              failed_knockouts=[k.control for k in r.knockouts if not k.passed],
                              input_sha256=r.provenance.input_sha256,
                              declared_score=r.review.declared.trust_score
                              if r.review is not None else None)
               for r, f in zip(reports, files, strict=True)]
    domains = []
    for i, domain in enumerate(first.domains):
        scores = [r.domains[i].trust_score for r in reports]
        domains.append(ComparedDomain(id=domain.id, name=domain.name, scores=scores,
                                      best=_best(scores)))
    differences = []
    for j, control in enumerate(first.controls):
        results = [r.controls[j] for r in reports]
        points = [c.contribution for c in results]
        spread = round(max(points) - min(points), 2)
        if spread > 0:
            differences.append(ComparedControl(
                id=control.id, title=control.title, domain=control.domain, points=points,
                answers=[c.answer for c in results], spread=spread))
    differences.sort(key=lambda d: (-d.spread, d.id))
    return Comparison(tool_version=first.provenance.tool_version,
                      rubric=first.provenance.rubric,
                      rubric_sha256=first.provenance.rubric_sha256,
                      profile=first.provenance.profile,
                      as_of=first.provenance.as_of.isoformat(), vendors=vendors,
                      best_overall=_best([r.trust_score for r in reports]), domains=domains,
                      differences=differences[:DIFFERENCES_SHOWN])


def _best(scores: Sequence[float | None]) -> list[int]:
    present = [s for s in scores if s is not None]
    if not present:
        return []
    top = max(present)
    return [i for i, s in enumerate(scores) if s == top]


def diff(old: Report, new: Report, old_rubric: Rubric, new_rubric: Rubric, old_file: str,
         new_file: str, expiry_days: int) -> Difference:
    """What moved between ``old`` and ``new``, and whether the method itself changed."""
    warnings = []
    method_changed = (old.provenance.rubric != new.provenance.rubric
                      or old.provenance.rubric_sha256 != new.provenance.rubric_sha256)
    if method_changed:
        warnings.append(f"scored with different rubrics ({old.provenance.rubric} and "
                        f"{new.provenance.rubric}): part of the movement is the method, "
                        "not the vendor")
    if old.vendor.name != new.vendor.name:
        warnings.append(f"the vendor names differ ('{old.vendor.name}' and "
                        f"'{new.vendor.name}')")
    if old.provenance.profile != new.provenance.profile:
        warnings.append("scored with different weight profiles")
    if (old.review is None) != (new.review is None):
        reviewed = "new" if new.review is not None else "old"
        warnings.append(f"only the {reviewed} file was scored with a buyer's review: part of "
                        "the movement is the review, not the vendor")
    order = new_rubric.grade_order()
    old_rank = order.index(old.grade) if old.grade in order else None
    grade_change = 0 if old_rank is None else old_rank - order.index(new.grade)
    trust = _delta(old.trust_score, new.trust_score)

    old_domains = {d.id: d.trust_score for d in old.domains}
    domains = {d.id: _delta(old_domains.get(d.id), d.trust_score) for d in new.domains}
    old_controls = {c.id: c for c in old.controls}
    improved, regressed = moves([_control_change(old_controls[c.id], c)
                                 for c in new.controls if c.id in old_controls])
    old_failed = {k.control for k in old.knockouts if not k.passed}
    new_failed = {k.control for k in new.knockouts if not k.passed}
    old_items = {_key(cid, e) for cid, e in _evidence(old.controls)}
    old_valid = {_key(cid, e) for cid, e in _evidence(old.controls)
                 if e.status.counts}
    added, lapsed, expiring = [], [], []
    for cid, item in _evidence(new.controls):
        change = EvidenceChange(control=cid, title=item.title, kind=item.kind,
                                expires=item.expires.isoformat() if item.expires else None)
        key = _key(cid, item)
        if key not in old_items:
            added.append(change)
        if key in old_valid and not item.status.counts:
            lapsed.append(change)
        if (item.status.counts and item.expires is not None
                and item.expires - new.provenance.as_of <= dt.timedelta(days=expiry_days)):
            expiring.append(change)
    return Difference(
        old_file=old_file, new_file=new_file, vendor=new.vendor.name,
        old_rubric=old.provenance.rubric, new_rubric=new.provenance.rubric,
        method_changed=method_changed, warnings=warnings,
        old_as_of=old.provenance.as_of.isoformat(), new_as_of=new.provenance.as_of.isoformat(),
        trust=trust, claimed=_delta(old.claimed_score, new.claimed_score),
        old_grade=old.grade, new_grade=new.grade, grade_change=grade_change,
        old_confidence=old.confidence, new_confidence=new.confidence, domains=domains,
        domain_names={d.id: d.name for d in new.domains},
        improved=improved, regressed=regressed,
        knockouts_fixed=sorted(old_failed - new_failed),
        knockouts_failed=sorted(new_failed - old_failed),
        evidence_added=added, evidence_lapsed=lapsed, evidence_expiring=expiring,
        regression=(trust.change or 0) < 0 or grade_change < 0
        or bool(new_failed - old_failed))


class Moved(Protocol):
    """A control's change between two scorings (``diff``'s or ``history``'s)."""

    @property
    def id(self) -> str: ...
    @property
    def change(self) -> float: ...
    @property
    def old_answer(self) -> str | None: ...
    @property
    def new_answer(self) -> str | None: ...


M = TypeVar("M", bound=Moved)


def moves(changes: Iterable[M]) -> tuple[list[M], list[M]]:
    """The controls that improved and those that regressed, most first. A cent either way
    can come from rounding alone when other controls move, so it counts only with another
    answer."""
    moved = [c for c in changes if abs(c.change) > 0.01 or c.old_answer != c.new_answer]
    return (sorted((c for c in moved if c.change > 0), key=lambda c: (-c.change, c.id)),
            sorted((c for c in moved if c.change < 0), key=lambda c: (c.change, c.id)))


def _delta(old: float | None, new: float | None) -> Delta:
    change = None if old is None or new is None else round(new - old, 2)
    return Delta(old=old, new=new, change=change)


def _control_change(old: ControlResult, new: ControlResult) -> ControlChange:
    return ControlChange(id=new.id, title=new.title, old_points=old.contribution,
                         new_points=new.contribution,
                         change=round(new.contribution - old.contribution, 2),
                         old_answer=old.answer, new_answer=new.answer,
                         old_tier=old.tier, new_tier=new.tier,
                         old_credibility=old.credibility, new_credibility=new.credibility,
                         rules_added=sorted(set(new.rules) - set(old.rules)),
                         rules_removed=sorted(set(old.rules) - set(new.rules)))


def _evidence(controls: Sequence[ControlResult]) -> list[tuple[str, EvidenceResult]]:
    return [(c.id, e) for c in controls for e in c.evidence]


def _key(control: str, item: EvidenceResult) -> tuple[str, str, str]:
    return (control, item.kind, (item.reference or item.title).strip().lower())
