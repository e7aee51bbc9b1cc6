"""Checks on a rubric that span fields: ids, ordering of bands, references that resolve.

Pydantic validates each field's shape; these checks catch the mistakes a rubric author
actually makes (a duplicated control id, a band out of order, a profile naming a domain
that does not exist) and report each one at its own path, so the loader can give it a
line and column.
"""

from __future__ import annotations

import re

from trustscore.errors import PathProblem
from trustscore.models.answer_types import answer_kind
from trustscore.models.answer_types.base import unique
from trustscore.models.answer_values import AnswerValueError
from trustscore.models.conditions import LintContext
from trustscore.models.flags import FlagCode
from trustscore.models.rubric import (
    CCM_ID,
    AnswerType,
    Control,
    Rubric,
)
from trustscore.models.rules import EffectType
from trustscore.suggest import did_you_mean


def check_rubric(rubric: Rubric) -> list[PathProblem]:
    """Every cross-field problem of ``rubric``; an empty list means it is usable."""
    problems: list[PathProblem] = []
    problems += unique(((("grades", i, "grade"), g.grade) for i, g in enumerate(rubric.grades)),
                        "grade")
    problems += unique(((("domains", i, "id"), d.id) for i, d in enumerate(rubric.domains)),
                        "domain id")
    problems += unique(((("domains", i, "controls", j, "id"), c.id)
                         for i, d in enumerate(rubric.domains)
                         for j, c in enumerate(d.controls)), "control id")
    problems += unique(((("profiles", i, "id"), p.id) for i, p in enumerate(rubric.profiles)),
                        "profile id")
    problems += unique(((("evidence", "tiers", i, "id"), t.id)
                         for i, t in enumerate(rubric.evidence.tiers)), "evidence tier id")
    problems += _check_grades(rubric)
    problems += _check_evidence(rubric)
    if rubric.confidence.medium >= rubric.confidence.high:
        problems.append(PathProblem(("confidence", "medium"),
                                    "medium confidence must need a smaller share than high"))
    domain_ids = [d.id for d in rubric.domains]
    for i, profile in enumerate(rubric.profiles):
        for name in profile.weights:
            if name not in domain_ids:
                problems.append(PathProblem(("profiles", i, "weights", name),
                                            f"profile '{profile.id}' names unknown domain "
                                            f"'{name}'", did_you_mean(name, domain_ids),
                                            at_key=True))
        weights = {d.id: profile.weights.get(d.id, d.weight) for d in rubric.domains}
        if not any(w > 0 for w in weights.values()):
            problems.append(PathProblem(("profiles", i, "weights"),
                                        f"profile '{profile.id}' gives every domain weight 0"))
    for i, domain in enumerate(rubric.domains):
        for j, control in enumerate(domain.controls):
            base = ("domains", i, "controls", j)
            kind = answer_kind(control.answer)
            problems += kind.check(control.answer, (*base, "answer"))
            if control.knockout is not None and control.knockout.fails_below > kind.best_points(
                    control.answer):
                problems.append(PathProblem((*base, "knockout", "fails_below"),
                                            "knockout threshold is above the best possible "
                                            "answer, so it could never pass"))
            problems += _check_crosswalk(control, base)
    problems += check_rules(rubric)
    problems += _check_overclaiming(rubric)
    return problems


def _check_crosswalk(control: Control, base: tuple[str | int, ...]) -> list[PathProblem]:
    """CCM ids of the right shape; a CAIQ Yes and No that are answers of this control,
    and a Yes below the top answer (a Yes cannot tell a maturity level)."""
    problems = [PathProblem((*base, "mappings", "ccm_v4", k), f"'{cid}' is not a CCM v4 "
                            "control id", "write it like IAM-14 (domain, dash, two digits)")
                for k, cid in enumerate(control.mappings.get("ccm_v4", []))
                if not re.match(CCM_ID, cid)]
    caiq = control.caiq
    if caiq is None:
        return problems
    if not control.mappings.get("ccm_v4"):
        problems.append(PathProblem((*base, "caiq"), "a CAIQ import needs the CCM controls "
                                    "whose questions feed it", "add mappings.ccm_v4"))
    kind = answer_kind(control.answer)
    for name in ("if_yes", "if_no"):
        value = getattr(caiq, name)
        try:
            points = kind.points(control.answer, value)
        except AnswerValueError as exc:
            problems.append(PathProblem((*base, "caiq", name), f"{control.id} {exc}"))
            continue
        if (name == "if_yes" and points >= kind.best_points(control.answer)
                and control.answer.type is not AnswerType.YES_NO):
            problems.append(PathProblem((*base, "caiq", "if_yes"), "a CAIQ Yes cannot stand "
                                        "for the top answer: it says a control exists, not "
                                        "how mature it is", "choose a lower answer"))
    return problems


def _check_overclaiming(rubric: Rubric) -> list[PathProblem]:
    policy = rubric.overclaiming
    if policy is None:
        return []
    controls = {c.id: c for c in rubric.controls()}
    problems = []
    named: list[tuple[tuple[str | int, ...], str]] = [
        (("overclaiming", "perfect_values", cid), cid) for cid in policy.perfect_values]
    named += [(("overclaiming", "measured_controls", j), cid)
              for j, cid in enumerate(policy.measured_controls)]
    for path, cid in named:
        control = controls.get(cid)
        if control is None:
            problems.append(PathProblem(path, f"unknown control id '{cid}'",
                                        did_you_mean(cid, controls), at_key=True))
        elif not answer_kind(control.answer).numeric:
            problems.append(PathProblem(path, f"{cid} is not a number or percent answer"))
    return problems


def _check_grades(rubric: Rubric) -> list[PathProblem]:
    problems = []
    previous = 101.0
    for i, band in enumerate(rubric.grades):
        if band.min_score >= previous:
            problems.append(PathProblem(("grades", i, "min_score"),
                                        "grades must be listed best first, each with a lower "
                                        "min_score than the one before"))
        previous = band.min_score
    if rubric.grades[-1].min_score != 0:
        problems.append(PathProblem(("grades", len(rubric.grades) - 1, "min_score"),
                                    "the last grade must start at 0 so that every score has "
                                    "a grade"))
    order = rubric.grade_order()
    caps = rubric.knockouts
    for name in ("one_failed_caps_at", "two_or_more_cap_at"):
        grade = getattr(caps, name)
        if grade not in order:
            problems.append(PathProblem(("knockouts", name), f"unknown grade '{grade}'",
                                        did_you_mean(grade, order)))
    if (caps.one_failed_caps_at in order and caps.two_or_more_cap_at in order
            and order.index(caps.two_or_more_cap_at) < order.index(caps.one_failed_caps_at)):
        problems.append(PathProblem(("knockouts", "two_or_more_cap_at"),
                                    "two failed knockouts cannot allow a better grade than one"))
    return problems


def _check_evidence(rubric: Rubric) -> list[PathProblem]:
    problems = []
    tiers = [t.id for t in rubric.evidence.tiers]
    reach = {d.id for d in rubric.domains} | {c.id for c in rubric.controls()}
    for kind, spec in rubric.evidence.kinds.items():
        if spec.tier not in tiers:
            problems.append(PathProblem(("evidence", "kinds", kind, "tier"),
                                        f"evidence kind '{kind}' names unknown tier "
                                        f"'{spec.tier}'", did_you_mean(spec.tier, tiers)))
        for j, target in enumerate(spec.attests or []):
            if target not in reach:
                problems.append(PathProblem(("evidence", "kinds", kind, "attests", j),
                                            f"'{target}' is neither a domain nor a control id",
                                            did_you_mean(target, reach)))
    for i, tier in enumerate(rubric.evidence.review.declared_tiers):
        if tier not in tiers:
            problems.append(PathProblem(("evidence", "review", "declared_tiers", i),
                                        f"unknown tier '{tier}'", did_you_mean(tier, tiers)))
    if rubric.evidence.unsupported_tier not in tiers:
        problems.append(PathProblem(("evidence", "unsupported_tier"),
                                    f"unknown tier '{rubric.evidence.unsupported_tier}'",
                                    did_you_mean(rubric.evidence.unsupported_tier, tiers)))
    return problems


def check_rules(rubric: Rubric) -> list[PathProblem]:
    """Rules must name real controls, compare values of the right type, and have effects
    that fit (a cap needs max_points, a downgrade a known tier)."""
    controls = {c.id: c for c in rubric.controls()}
    problems: list[PathProblem] = []
    problems += unique(((("rules", i, "id"), r.id) for i, r in enumerate(rubric.rules)),
                        "rule id")
    builtin = {code.value for code in FlagCode}
    for i, rule in enumerate(rubric.rules):
        base: tuple[str | int, ...] = ("rules", i)
        if rule.code in builtin:
            problems.append(PathProblem((*base, "code"), f"rule code '{rule.code}' is a "
                                        "built-in flag code", "choose another code"))
        context = LintContext(controls, rubric.evidence.kinds, [])
        rule.when.lint((*base, "when"), context)
        problems += context.problems
        effect = rule.effect
        for j, cid in enumerate(effect.controls):
            if cid not in controls:
                problems.append(PathProblem((*base, "effect", "controls", j),
                                            f"unknown control id '{cid}'",
                                            did_you_mean(cid, controls)))
        if effect.type in (EffectType.CAP, EffectType.DOWNGRADE) and not effect.controls:
            problems.append(PathProblem((*base, "effect"), f"a {effect.type.value} effect "
                                        "needs the controls it applies to"))
        if effect.type is EffectType.CAP and effect.max_points is None:
            problems.append(PathProblem((*base, "effect"), "a cap needs max_points (0-4)"))
        if effect.type is not EffectType.CAP and effect.max_points is not None:
            problems.append(PathProblem((*base, "effect", "max_points"), "max_points only "
                                        "applies to a cap", at_key=True))
        if effect.tier is not None:
            tiers = [t.id for t in rubric.evidence.tiers]
            if effect.type is not EffectType.DOWNGRADE:
                problems.append(PathProblem((*base, "effect", "tier"), "tier only applies "
                                            "to a downgrade", at_key=True))
            elif effect.tier not in tiers:
                problems.append(PathProblem((*base, "effect", "tier"),
                                            f"unknown tier '{effect.tier}'",
                                            did_you_mean(effect.tier, tiers)))
    return problems

