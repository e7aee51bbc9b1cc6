"""A buyer's review applied to a score: the same method twice, on the vendor's word and
with the reviewer's verdicts, so the report can set the two side by side.

Pure like the rest of the engine: the review arrives loaded and bound to the assessment's
bytes (:mod:`trustscore.loading.review`).
"""

from __future__ import annotations

import datetime as dt

from trustscore.engine.evidence import item_key
from trustscore.engine.score import Evaluation, Fingerprints, build_report, evaluate
from trustscore.models.assessment import Assessment
from trustscore.models.report import (
    AcceptedRisk,
    Figures,
    Report,
    ReviewedEvidence,
    ReviewSummary,
)
from trustscore.models.review import Review, Verdict, review_key
from trustscore.models.rubric import Rubric


def figures(ev: Evaluation) -> Figures:
    """The headline of one scoring."""
    return Figures(trust_score=ev.trust_score, grade=ev.grade, confidence=ev.confidence,
                   needs_verification=ev.needs_verification, verified_share=ev.verified_share)


def evaluate_reviewed(rubric: Rubric, assessment: Assessment, *, as_of: dt.date,
                      profile: str | None, fingerprints: Fingerprints,
                      review: Review) -> tuple[Evaluation, Evaluation]:
    """The method on the vendor's word, then with the review's verdicts."""
    declared = evaluate(rubric, assessment, as_of=as_of, profile=profile,
                        fingerprints=fingerprints)
    reviewed = evaluate(rubric, assessment, as_of=as_of, profile=profile,
                        fingerprints=fingerprints, review=review)
    return declared, reviewed


def reviewed_report(declared: Evaluation, reviewed: Evaluation, review: Review) -> Report:
    """The report of the reviewed figures, with the vendor-declared ones beside them."""
    report = build_report(reviewed)
    return report.model_copy(update={"review": summary(declared, reviewed, report, review)})


def score_reviewed(rubric: Rubric, assessment: Assessment, *, as_of: dt.date,
                   profile: str | None, fingerprints: Fingerprints,
                   review: Review) -> Report:
    """The report with the review's verdicts applied, and the vendor-declared figures
    beside the reviewed ones."""
    declared, reviewed = evaluate_reviewed(rubric, assessment, as_of=as_of, profile=profile,
                                           fingerprints=fingerprints, review=review)
    return reviewed_report(declared, reviewed, review)


def cited_for(assessment: Assessment) -> dict[tuple[str, str], list[str]]:
    """Every evidence item of the assessment, by key, and the controls citing it."""
    cited: dict[tuple[str, str], list[str]] = {}
    for control_id, answer in assessment.answers.items():
        for item in answer.evidence:
            controls = cited.setdefault(item_key(item), [])
            if control_id not in controls:
                controls.append(control_id)
    return cited


def summary(declared: Evaluation, reviewed: Evaluation, report: Report,
            review: Review) -> ReviewSummary:
    """What the review checked, who checked it and when, and what it changed."""
    cited = cited_for(reviewed.assessment)
    checked = [i for i in review.items if i.verdict is not Verdict.NOT_CHECKED]
    dates = sorted(i.on for i in checked if i.on is not None)
    named = {review_key(i.kind, i.reference, i.title) for i in review.items}
    controls = {c.id: c for c in report.controls}
    titles = {c.id: c.title for c in reviewed.rubric.controls()}
    return ReviewSummary(
        reviewer=review.review.reviewer,
        reviewers=sorted({i.by for i in checked if i.by is not None}),
        first_checked=dates[0] if dates else None,
        last_checked=dates[-1] if dates else None,
        declared=figures(declared), reviewed=figures(reviewed),
        verified=sum(1 for i in review.items if i.verdict is Verdict.VERIFIED),
        rejected=sum(1 for i in review.items if i.verdict is Verdict.REJECTED),
        not_checked=sum(1 for i in review.items if i.verdict is Verdict.NOT_CHECKED),
        unlisted=sum(1 for key in cited if key not in named),
        declared_factor=reviewed.rubric.evidence.review.declared_factor,
        items=[ReviewedEvidence(kind=i.kind, title=i.title, reference=i.reference,
                                verdict=i.verdict.value, by=i.by, on=i.on, method=i.method,
                                note=i.note,
                                controls=sorted(cited.get(review_key(i.kind, i.reference,
                                                                     i.title), [])))
               for i in review.items],
        accepted_risks=[AcceptedRisk(control=r.control, title=titles.get(r.control, ""),
                                     justification=r.justification, approver=r.approver,
                                     expires=r.expires, lapsed=r.expires < reviewed.as_of,
                                     contribution=controls[r.control].contribution
                                     if r.control in controls else 0.0,
                                     max_points=controls[r.control].max_points
                                     if r.control in controls else 0.0)
                        for r in review.risk_acceptances],
    )
