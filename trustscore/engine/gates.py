"""Gates: the thresholds a user sets on the command line (``--fail-under``, ``--min-grade``)."""

from __future__ import annotations

from trustscore.errors import UsageError
from trustscore.models.rubric import Rubric
from trustscore.suggest import did_you_mean


def normalise_grade(rubric: Rubric, grade: str) -> str:
    """``b`` -> ``B``; an unknown grade is a usage error naming the valid ones."""
    order = rubric.grade_order()
    for known in order:
        if known.lower() == grade.strip().lower():
            return known
    hint = did_you_mean(grade, order) or "grades: " + ", ".join(order)
    raise UsageError(f"--min-grade '{grade}' is not a grade of rubric {rubric.id}; {hint}")


def failed_gates(trust_score: float, grade: str, rubric: Rubric, fail_under: float | None,
                 min_grade: str | None) -> list[str]:
    """One sentence per gate a scored assessment fails; empty when every gate passes."""
    failures = []
    if fail_under is not None and trust_score < fail_under:
        failures.append(f"trust score {trust_score:.2f} is under --fail-under {fail_under:g}")
    if min_grade is not None:
        wanted = normalise_grade(rubric, min_grade)
        order = rubric.grade_order()
        if order.index(grade) > order.index(wanted):
            failures.append(f"grade {grade} is below --min-grade {wanted}")
    return failures


def tier_gate(grade: str, rubric: Rubric, tier: str, min_grade: str | None) -> list[str]:
    """The gate a vendor's criticality tier sets: its minimum grade."""
    if min_grade is None:
        return []
    order = rubric.grade_order()
    if min_grade in order and grade in order and order.index(grade) > order.index(min_grade):
        return [f"grade {grade} is below tier {tier}'s minimum {min_grade}"]
    return []
