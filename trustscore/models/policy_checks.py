"""What spans fields of a portfolio policy: ids that resolve, answers the intake allows."""

from __future__ import annotations

from trustscore.errors import PathProblem
from trustscore.models.policy import Policy


def check_policy(policy: Policy, profiles: set[str], grades: list[str]) -> list[PathProblem]:
    """Every cross-reference problem, each at its path; ``profiles`` and ``grades`` are the
    reference rubric's (a tier's profile and minimum grade must exist in it)."""
    problems: list[PathProblem] = []
    questions = {q.id: q for q in policy.intake}
    tiers = [t.id for t in policy.tiers]
    for n, question in enumerate(policy.intake):
        if [q.id for q in policy.intake].count(question.id) > 1:
            problems.append(PathProblem(("intake", n, "id"), f"question '{question.id}' is "
                                        "asked twice"))
    for n, tier in enumerate(policy.tiers):
        if tiers.count(tier.id) > 1:
            problems.append(PathProblem(("tiers", n, "id"), f"tier '{tier.id}' is defined "
                                        "twice"))
        for q, answers in tier.when_any.items():
            if q not in questions:
                problems.append(PathProblem(("tiers", n, "when_any", q), f"no intake question "
                                            f"'{q}'", "add it under intake:", at_key=True))
                continue
            problems += [PathProblem(("tiers", n, "when_any", q, k), f"'{a}' is not an answer "
                                     f"of '{q}' ({', '.join(questions[q].answers)})")
                         for k, a in enumerate(answers) if a not in questions[q].answers]
        if tier.profile is not None and tier.profile not in profiles:
            problems.append(PathProblem(("tiers", n, "profile"), f"no profile "
                                        f"'{tier.profile}' in the rubric",
                                        "profiles: " + (", ".join(sorted(profiles)) or "none")))
        if tier.min_grade is not None and tier.min_grade not in grades:
            problems.append(PathProblem(("tiers", n, "min_grade"), f"'{tier.min_grade}' is not "
                                        f"a grade of the rubric ({', '.join(grades)})"))
    if policy.default_tier not in tiers:
        problems.append(PathProblem(("default_tier",), f"no tier '{policy.default_tier}'",
                                    "tiers: " + ", ".join(tiers)))
    seen: dict[str, int] = {}
    for n, vendor in enumerate(policy.vendors):
        if vendor.vendor in seen:
            problems.append(PathProblem(("vendors", n, "vendor"), f"'{vendor.vendor}' is "
                                        f"placed twice (first as vendors[{seen[vendor.vendor]}])"))
        seen.setdefault(vendor.vendor, n)
        if vendor.tier is not None and vendor.tier not in tiers:
            problems.append(PathProblem(("vendors", n, "tier"), f"no tier '{vendor.tier}'",
                                        "tiers: " + ", ".join(tiers)))
        if vendor.tier is not None and vendor.intake:
            problems.append(PathProblem(("vendors", n), "give a tier or intake answers, not "
                                        "both"))
        for q, a in vendor.intake.items():
            if q not in questions:
                problems.append(PathProblem(("vendors", n, "intake", q), f"no intake question "
                                            f"'{q}'", at_key=True))
            elif a not in questions[q].answers:
                problems.append(PathProblem(("vendors", n, "intake", q), f"'{a}' is not an "
                                            f"answer of '{q}' ({', '.join(questions[q].answers)})"))
    return problems
