"""Checks of a review against the assessment it reviews and the rubric: the review must be
of these very bytes, name only items the assessment cites, and accept risks only on
controls the rubric has. Paths only; the loader positions them."""

from __future__ import annotations

from trustscore.errors import PathProblem
from trustscore.models.assessment import Assessment
from trustscore.models.review import Review, review_key
from trustscore.models.rubric import Rubric
from trustscore.suggest import did_you_mean


def check_review(review: Review, assessment: Assessment, assessment_sha256: str,
                 assessment_label: str, rubric: Rubric) -> list[PathProblem]:
    """Every problem of ``review`` as a review of this assessment under this rubric."""
    wanted = review.review.assessment_sha256
    if wanted != assessment_sha256:
        # nothing else is worth checking: the verdicts are about another file
        return [PathProblem(
            ("review", "assessment_sha256"),
            f"this review is of another version of the assessment: it was written for "
            f"SHA-256 {wanted[:12]}..., and {assessment_label} is {assessment_sha256[:12]}...",
            "score the version that was reviewed, or run 'trustscore review init' on this "
            "one and carry the verdicts over after checking what changed")]
    problems = []
    cited = {review_key(e.kind, e.reference, e.title): e
             for answer in assessment.answers.values() for e in answer.evidence}
    names = sorted({e.reference or e.title for e in cited.values()})
    seen: dict[tuple[str, str], int] = {}
    for i, item in enumerate(review.items):
        key = review_key(item.kind, item.reference, item.title)
        field = "reference" if item.reference else "title"
        if key in seen:
            problems.append(PathProblem(("items", i, field), f"names the same evidence item "
                                        f"as items[{seen[key]}]", "keep one verdict per item"))
        elif key not in cited:
            hint = did_you_mean(item.reference or item.title, names) or (
                "name an item as the assessment does: its kind and its reference (or its "
                "title when it has none)")
            problems.append(PathProblem(("items", i, field), f"no {item.kind} of the "
                                        f"assessment is '{item.reference or item.title}'",
                                        hint))
        seen.setdefault(key, i)
    controls = [c.id for c in rubric.controls()]
    for i, risk in enumerate(review.risk_acceptances):
        if risk.control not in controls:
            problems.append(PathProblem(("risk_acceptances", i, "control"),
                                        f"{rubric.id} has no control '{risk.control}'",
                                        did_you_mean(risk.control, controls)))
    return problems
