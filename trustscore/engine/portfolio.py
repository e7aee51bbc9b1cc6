"""Portfolio arithmetic: a row per evaluation, the ranking, and the summary. Pure."""

from __future__ import annotations

import json
import statistics
from collections.abc import Mapping, Sequence

from trustscore.engine.evidence import status_on
from trustscore.engine.gates import failed_gates, tier_gate
from trustscore.engine.score import Evaluation, control_lines
from trustscore.models.batch import (
    BatchResult,
    FileError,
    KnockoutVendor,
    PortfolioSummary,
    RubricGroup,
    ScoreSpread,
    Skipped,
    VendorRow,
    WeakestDomain,
)
from trustscore.models.flags import Severity
from trustscore.models.policy import Tier, TierChoice
from trustscore.models.report import Confidence
from trustscore.ranking import SortKey

_CONFIDENCE_RANK = {Confidence.HIGH: 0, Confidence.MEDIUM: 1, Confidence.LOW: 2}


def row_of(ev: Evaluation, file: str, fail_under: float | None,
           min_grade: str | None, declared: Evaluation | None = None,
           tier: tuple[TierChoice, Tier] | None = None, *,
           controls: bool = False) -> VendorRow:
    """The portfolio line of one evaluation, with its gates applied (and, when it is the
    reviewed evaluation, the vendor-declared score beside it); with ``controls``, every
    control's line for the portfolio store."""
    rubric = ev.rubric
    return VendorRow(
        file=file, vendor=ev.assessment.vendor.name, country=ev.assessment.vendor.country,
        rubric=f"{rubric.id}@{rubric.version}", trust_score=ev.trust_score,
        claimed_score=ev.claimed_score,
        gap=round(ev.claimed_score - ev.trust_score, 2), grade=ev.grade,
        grade_rank=rubric.grade_order().index(ev.grade), score_grade=ev.score_grade,
        confidence=ev.confidence, needs_verification=ev.needs_verification,
        unbacked_share=ev.unbacked.share,
        failed_knockouts=tuple(ev.failed_knockouts),
        critical_flags=sum(1 for f in ev.flags if f.severity is Severity.CRITICAL),
        warning_flags=sum(1 for f in ev.flags if f.severity is Severity.WARNING),
        domain_ids=tuple(d.id for d in ev.domains),
        domain_names=tuple(d.name for d in ev.domains),
        domain_scores=tuple(d.trust_score for d in ev.domains),
        gates_failed=tuple(failed_gates(ev.trust_score, ev.grade, rubric, fail_under,
                                        min_grade)
                           + (tier_gate(ev.grade, rubric, tier[1].id, tier[1].min_grade)
                              if tier else [])),
        tier=tier[0].tier if tier else None, tier_source=tier[0].source if tier else None,
        max_age_days=rubric.max_assessment_age_days, profile=ev.profile,
        input_sha256=ev.fingerprints.input_sha256,
        declared_score=None if declared is None else declared.trust_score,
        vendor_id=ev.assessment.vendor.id, website=ev.assessment.vendor.website,
        rubric_sha256=ev.fingerprints.rubric_sha256,
        assessed_on=ev.assessment.assessed_on.isoformat(),
        flag_codes=tuple(f.code for f in ev.flags),
        critical_flag_codes=tuple(f.code for f in ev.flags if f.severity is Severity.CRITICAL),
        expiring=_expiring(ev),
        controls=json.dumps(control_lines(ev), separators=(",", ":"), ensure_ascii=False)
        if controls else None)


def _expiring(ev: Evaluation) -> tuple[tuple[str, str, str, str, str], ...]:
    """Every cited item that has an expiry date, with its status on the as-of date."""
    return tuple(
        (s.control.id, item.kind, item.title[:120], item.expires.isoformat(),
         status_on(item, ev.as_of).value)
        for s in ev.scored if s.answer is not None
        for item in s.answer.evidence if item.expires is not None)


def rank(rows: Sequence[VendorRow], key: SortKey) -> list[VendorRow]:
    """Rows best first by ``key``; ties go by score, then file name, so order is stable."""
    if key is SortKey.NAME:
        return sorted(rows, key=lambda r: (r.vendor.casefold(), r.file))
    if key is SortKey.GRADE:
        return sorted(rows, key=lambda r: (r.grade_rank, -r.trust_score, r.file))
    if key is SortKey.CONFIDENCE:
        return sorted(rows, key=lambda r: (_CONFIDENCE_RANK[r.confidence], -r.trust_score,
                                           r.file))
    return sorted(rows, key=lambda r: (-r.trust_score, r.file))


def assemble(rows: Sequence[VendorRow], errors: list[FileError], skipped: list[Skipped],
             sort: SortKey, grade_orders: Mapping[str, Sequence[str]], *, tool_version: str,
             as_of: str, profile: str) -> BatchResult:
    """The batch result: vendors grouped by the rubric they answered, ranked within it.

    Why groups, not one list or a refusal: a consultant's folder often holds freelancers
    and firms side by side; refusing would score none of them, and one list would rank a
    freelancer's 80 on 27 controls against a firm's 70 on 78, pool their domains into a
    "weakest domain" neither has, and merge CSV columns that share an id but not controls.
    ``grade_orders`` gives each rubric's grades, best first (``id@version`` keys).
    """
    by_rubric: dict[str, list[VendorRow]] = {}
    for row in rows:
        by_rubric.setdefault(row.rubric, []).append(row)
    order = sorted(by_rubric, key=lambda r: (-len(by_rubric[r]), r))
    groups = [RubricGroup(rubric=r, ranking=rank(by_rubric[r], sort),
                          summary=summarise(by_rubric[r], [], 0, grade_orders.get(r, ())))
              for r in order]
    if len(groups) == 1:
        summary = summarise(rows, errors, len(skipped), grade_orders.get(order[0], ()))
    elif not groups:
        summary = summarise(rows, errors, len(skipped), next(iter(grade_orders.values()), ()))
    else:
        summary = _totals(rows, errors, len(skipped), order)
    return BatchResult(tool_version=tool_version, as_of=as_of, profile=profile, sort=sort,
                       ranking=[row for g in groups for row in g.ranking], errors=errors,
                       skipped=skipped, summary=summary, groups=groups)


def _totals(rows: Sequence[VendorRow], errors: Sequence[FileError], skipped: int,
            rubrics: list[str]) -> PortfolioSummary:
    """The whole batch across rubrics: counts only, nothing that pools their scores."""
    return PortfolioSummary(
        rubrics=rubrics, files=len(rows) + len(errors), scored=len(rows), errors=len(errors),
        skipped=skipped, grades={}, scores=None,
        failed_knockouts=_knockouts(rows),
        needs_verification=[r.file for r in rows if r.needs_verification],
        weakest_domain=None, gates_failed=sum(1 for r in rows if r.gates_failed),
        reviewed=[r.file for r in rows if r.declared_score is not None])


def _knockouts(rows: Sequence[VendorRow]) -> list[KnockoutVendor]:
    return [KnockoutVendor(vendor=r.vendor, file=r.file, controls=list(r.failed_knockouts))
            for r in rows if r.failed_knockouts]


def summarise(rows: Sequence[VendorRow], errors: Sequence[FileError], skipped: int,
              grade_order: Sequence[str]) -> PortfolioSummary:
    """Counts per grade, the spread of scores, who failed knockouts, the weakest domain
    (of rows that answered one rubric)."""
    grades = dict.fromkeys(grade_order, 0)
    for row in rows:
        grades[row.grade] = grades.get(row.grade, 0) + 1
    return PortfolioSummary(
        rubrics=sorted({r.rubric for r in rows}),
        files=len(rows) + len(errors), scored=len(rows), errors=len(errors), skipped=skipped,
        grades=grades, scores=_spread([r.trust_score for r in rows]),
        failed_knockouts=_knockouts(rows),
        needs_verification=[r.file for r in rows if r.needs_verification],
        weakest_domain=_weakest_domain(rows),
        gates_failed=sum(1 for r in rows if r.gates_failed),
        reviewed=[r.file for r in rows if r.declared_score is not None])


def _spread(scores: list[float]) -> ScoreSpread | None:
    if not scores:
        return None
    if len(scores) > 1:
        q1, _, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    else:
        q1 = q3 = scores[0]
    return ScoreSpread(median=round(statistics.median(scores), 2),
                       mean=round(statistics.fmean(scores), 2), minimum=min(scores),
                       maximum=max(scores), q1=round(q1, 2), q3=round(q3, 2))


def _weakest_domain(rows: Sequence[VendorRow]) -> WeakestDomain | None:
    by_domain: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for row in rows:
        for domain_id, name, score in row.domains():
            names.setdefault(domain_id, name)
            if score is not None:
                by_domain.setdefault(domain_id, []).append(score)
    if not by_domain:
        return None
    medians = {did: statistics.median(values) for did, values in by_domain.items()}
    weakest = min(medians, key=lambda did: (medians[did], did))
    return WeakestDomain(id=weakest, name=names[weakest], median=round(medians[weakest], 2))
