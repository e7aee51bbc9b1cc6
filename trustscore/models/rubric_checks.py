"""Checks on a rubric that span fields: ids, ordering of bands, references that resolve.

Pydantic validates each field's shape; these checks catch the mistakes a rubric author
actually makes (a duplicated control id, a band out of order, a profile naming a domain
that does not exist) and report each one at its own path, so the loader can give it a
line and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trustscore.errors import PathProblem
from trustscore.models.flags import FlagCode
from trustscore.models.rubric import (
    MAX_POINTS,
    AnswerSpec,
    AnswerType,
    Better,
    Control,
    Rubric,
)
from trustscore.models.rules import (
    MEMBERSHIP_OPS,
    ORDERING_OPS,
    PRESENCE_OPS,
    AllOf,
    AnswerIs,
    AnyOf,
    AsOfIs,
    Condition,
    EffectType,
    EvidenceHas,
    HeadcountIs,
    NotOf,
    Op,
    PointsAre,
    ScopeIs,
)
from trustscore.suggest import did_you_mean

MATURITY_LEVELS = frozenset(range(5))


def check_rubric(rubric: Rubric) -> list[PathProblem]:
    """Every cross-field problem of ``rubric``; an empty list means it is usable."""
    problems: list[PathProblem] = []
    problems += _unique(((("grades", i, "grade"), g.grade) for i, g in enumerate(rubric.grades)),
                        "grade")
    problems += _unique(((("domains", i, "id"), d.id) for i, d in enumerate(rubric.domains)),
                        "domain id")
    problems += _unique(((("domains", i, "controls", j, "id"), c.id)
                         for i, d in enumerate(rubric.domains)
                         for j, c in enumerate(d.controls)), "control id")
    problems += _unique(((("profiles", i, "id"), p.id) for i, p in enumerate(rubric.profiles)),
                        "profile id")
    problems += _unique(((("evidence", "tiers", i, "id"), t.id)
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
            problems += _check_answer(control.answer, (*base, "answer"))
            if control.knockout is not None and control.knockout.fails_below > _best(
                    control.answer):
                problems.append(PathProblem((*base, "knockout", "fails_below"),
                                            "knockout threshold is above the best possible "
                                            "answer, so it could never pass"))
    problems += check_rules(rubric)
    problems += _check_overclaiming(rubric)
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
        elif control.answer.type not in (AnswerType.NUMBER, AnswerType.PERCENT):
            problems.append(PathProblem(path, f"{cid} is not a number or percent answer"))
    for kind_list in ("identified_kinds", "broad_kinds"):
        for j, kind in enumerate(getattr(rubric.evidence, kind_list)):
            if kind not in rubric.evidence.kinds:
                problems.append(PathProblem(("evidence", kind_list, j),
                                            f"unknown evidence kind '{kind}'",
                                            did_you_mean(kind, rubric.evidence.kinds)))
    return problems


def _unique(items: Iterable[tuple[tuple[str | int, ...], str]], what: str) -> list[PathProblem]:
    seen: set[str] = set()
    problems = []
    for path, value in items:
        if value in seen:
            problems.append(PathProblem(path, f"duplicate {what} '{value}'",
                                        f"each {what} must be unique"))
        seen.add(value)
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
    for kind, tier in rubric.evidence.kinds.items():
        if tier not in tiers:
            problems.append(PathProblem(("evidence", "kinds", kind),
                                        f"evidence kind '{kind}' names unknown tier '{tier}'",
                                        did_you_mean(tier, tiers)))
    if rubric.evidence.unsupported_tier not in tiers:
        problems.append(PathProblem(("evidence", "unsupported_tier"),
                                    f"unknown tier '{rubric.evidence.unsupported_tier}'",
                                    did_you_mean(rubric.evidence.unsupported_tier, tiers)))
    return problems


def _best(spec: AnswerSpec) -> float:
    """The most points any answer to ``spec`` can earn."""
    if spec.type is AnswerType.CHOICE and spec.options:
        return max(o.points for o in spec.options)
    if spec.type in (AnswerType.NUMBER, AnswerType.PERCENT) and spec.bands:
        return max(b.points for b in spec.bands)
    return MAX_POINTS


def _check_answer(spec: AnswerSpec, path: tuple[str | int, ...]) -> list[PathProblem]:
    problems: list[PathProblem] = []

    def forbid(*names: str) -> None:
        for name in names:
            if getattr(spec, name) is not None:
                problems.append(PathProblem((*path, name), f"'{name}' does not apply to "
                                            f"{spec.type.value} answers", at_key=True))

    if spec.type is AnswerType.YES_NO:
        forbid("levels", "options", "unit", "better", "minimum", "maximum", "bands")
    elif spec.type is AnswerType.MATURITY:
        forbid("options", "unit", "better", "minimum", "maximum", "bands")
        if spec.levels is None or set(spec.levels) != MATURITY_LEVELS:
            problems.append(PathProblem((*path, "levels") if spec.levels else path,
                                        "a maturity answer needs one description for each "
                                        "level 0, 1, 2, 3 and 4"))
    elif spec.type is AnswerType.CHOICE:
        forbid("levels", "unit", "better", "minimum", "maximum", "bands")
        options = spec.options or []
        if len(options) < 2:
            problems.append(PathProblem(path, "a choice answer needs at least two options"))
        problems += _unique((((*path, "options", i, "value"), o.value)
                             for i, o in enumerate(options)), "option value")
        if options and max(o.points for o in options) != MAX_POINTS:
            problems.append(PathProblem((*path, "options"),
                                        "the best option must earn the full 4 points"))
    else:
        problems += _check_bands(spec, path)
    return problems


def _check_bands(spec: AnswerSpec, path: tuple[str | int, ...]) -> list[PathProblem]:
    problems: list[PathProblem] = []
    if spec.levels is not None or spec.options is not None:
        problems.append(PathProblem(path, f"{spec.type.value} answers take bands, not levels "
                                    "or options"))
    if spec.type is AnswerType.NUMBER and not spec.unit:
        problems.append(PathProblem(path, "a number answer needs a unit (hours, days, ...)"))
    if spec.better is None:
        problems.append(PathProblem(path, "say whether higher or lower numbers are better "
                                    "(better: higher|lower)"))
        return problems
    low = spec.minimum if spec.minimum is not None else 0.0
    high = spec.maximum if spec.maximum is not None else (
        100.0 if spec.type is AnswerType.PERCENT else None)
    if spec.type is AnswerType.PERCENT and (low < 0 or (high is not None and high > 100)):
        problems.append(PathProblem(path, "a percent answer stays within 0-100"))
    if high is not None and high <= low:
        problems.append(PathProblem((*path, "maximum"), "maximum must be above minimum"))
    bands = spec.bands or []
    if len(bands) < 2:
        problems.append(PathProblem((*path, "bands") if bands else path,
                                    "a number answer needs at least two bands"))
        return problems
    wanted, unwanted = (("at_least", "at_most") if spec.better is Better.HIGHER
                        else ("at_most", "at_least"))
    previous: float | None = None
    previous_points = MAX_POINTS
    for i, band in enumerate(bands):
        where = (*path, "bands", i)
        last = i == len(bands) - 1
        if getattr(band, unwanted) is not None:
            problems.append(PathProblem((*where, unwanted), f"with better: "
                                        f"{spec.better.value}, bands use '{wanted}'",
                                        at_key=True))
        threshold = getattr(band, wanted)
        if last:
            if threshold is not None:
                problems.append(PathProblem((*where, wanted), "the last band catches every "
                                            f"other value: leave out '{wanted}'",
                                            "so that no value falls in a gap", at_key=True))
        elif threshold is None:
            problems.append(PathProblem(where, f"band needs '{wanted}' (only the last band "
                                        "may leave it out)"))
        else:
            if previous is not None and (
                    threshold >= previous if spec.better is Better.HIGHER
                    else threshold <= previous):
                problems.append(PathProblem((*where, wanted), "bands must be listed best "
                                            "first, thresholds strictly "
                                            + ("decreasing" if spec.better is Better.HIGHER
                                               else "increasing")))
            if threshold < low or (high is not None and threshold > high):
                problems.append(PathProblem((*where, wanted), "threshold is outside the "
                                            "allowed range of the answer"))
            previous = threshold
        if band.points > previous_points:
            problems.append(PathProblem((*where, "points"), "a worse band cannot earn more "
                                        "points than a better one"))
        previous_points = band.points
    if bands[0].points != MAX_POINTS:
        problems.append(PathProblem((*path, "bands", 0, "points"),
                                    "the best band must earn the full 4 points"))
    return problems


def check_rules(rubric: Rubric) -> list[PathProblem]:
    """Rules must name real controls, compare values of the right type, and have effects
    that fit (a cap needs max_points, a downgrade a known tier)."""
    controls = {c.id: c for c in rubric.controls()}
    problems: list[PathProblem] = []
    problems += _unique(((("rules", i, "id"), r.id) for i, r in enumerate(rubric.rules)),
                        "rule id")
    builtin = {code.value for code in FlagCode}
    for i, rule in enumerate(rubric.rules):
        base: tuple[str | int, ...] = ("rules", i)
        if rule.code in builtin:
            problems.append(PathProblem((*base, "code"), f"rule code '{rule.code}' is a "
                                        "built-in flag code", "choose another code"))
        problems += _check_condition(rule.when, (*base, "when"), controls, rubric)
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


def _check_condition(condition: Condition, path: tuple[str | int, ...],
                     controls: dict[str, Control], rubric: Rubric) -> list[PathProblem]:
    if isinstance(condition, AllOf):
        return [p for j, c in enumerate(condition.all)
                for p in _check_condition(c, (*path, "all", j), controls, rubric)]
    if isinstance(condition, AnyOf):
        return [p for j, c in enumerate(condition.any)
                for p in _check_condition(c, (*path, "any", j), controls, rubric)]
    if isinstance(condition, NotOf):
        return _check_condition(condition.not_, (*path, "not"), controls, rubric)
    problems: list[PathProblem] = []

    def known(cid: str, key: str) -> Control | None:
        control = controls.get(cid)
        if control is None:
            problems.append(PathProblem((*path, key), f"unknown control id '{cid}'",
                                        did_you_mean(cid, controls)))
        return control

    if isinstance(condition, AnswerIs):
        control = known(condition.answer, "answer")
        other = known(condition.control, "control") if condition.control else None
        if control is not None:
            problems += _check_comparison(condition, control, other, path)
    elif isinstance(condition, PointsAre):
        known(condition.points, "points")
        if condition.is_ not in ORDERING_OPS | {Op.EQ, Op.NE}:
            problems.append(PathProblem((*path, "is"), "points compare with eq, ne, lt, le, "
                                        "gt or ge"))
    elif isinstance(condition, EvidenceHas):
        known(condition.evidence, "evidence")
        for j, kind in enumerate(condition.kind_in or []):
            if kind not in rubric.evidence.kinds:
                problems.append(PathProblem((*path, "kind_in", j),
                                            f"unknown evidence kind '{kind}'",
                                            did_you_mean(kind, rubric.evidence.kinds)))
    elif isinstance(condition, ScopeIs):
        if condition.scope == "client_regions":
            if condition.is_ not in (Op.IN, Op.NOT_IN) or not isinstance(condition.value, str):
                problems.append(PathProblem(path, "client_regions is tested with "
                                            "'is: in' or 'is: not_in' and one region"))
        elif condition.is_ not in (Op.EQ, Op.NE) or not isinstance(condition.value, bool):
            problems.append(PathProblem(path, f"{condition.scope} is compared with eq or ne "
                                        "and true or false"))
    elif isinstance(condition, HeadcountIs | AsOfIs):
        op = condition.headcount if isinstance(condition, HeadcountIs) else condition.as_of
        if op in MEMBERSHIP_OPS | PRESENCE_OPS:
            problems.append(PathProblem(path, "compare with eq, ne, lt, le, gt or ge"))
    return problems


_ORDERED_TYPES = frozenset({AnswerType.MATURITY, AnswerType.NUMBER, AnswerType.PERCENT})


def _check_comparison(condition: AnswerIs, control: Control, other: Control | None,
                      path: tuple[str | int, ...]) -> list[PathProblem]:
    """An answer condition must compare values a control can actually have."""
    op = condition.is_
    kind = control.answer.type
    if op in PRESENCE_OPS:
        if condition.value is not None or other is not None:
            return [PathProblem((*path, "value"), f"'{op.value}' takes no value",
                                at_key=True)]
        return []
    if op in ORDERING_OPS and kind not in _ORDERED_TYPES:
        return [PathProblem((*path, "is"), f"{control.id} is a {kind.value} answer: it has "
                            "no order", "compare its points instead: {points: "
                            f"{control.id}, is: {op.value}, value: N}}")]
    if other is not None:
        if condition.value is not None:
            return [PathProblem((*path, "value"), "give either a value or another control, "
                                "not both", at_key=True)]
        if other.answer.type is not kind and not (
                kind in _ORDERED_TYPES and other.answer.type in _ORDERED_TYPES):
            return [PathProblem((*path, "control"), f"{control.id} ({kind.value}) cannot be "
                                f"compared with {other.id} ({other.answer.type.value})")]
        return []
    if op in MEMBERSHIP_OPS:
        if not isinstance(condition.value, list):
            return [PathProblem((*path, "value"), f"'{op.value}' needs a list of values")]
        values: list[Any] = list(condition.value)
    else:
        if isinstance(condition.value, list) or condition.value is None:
            return [PathProblem((*path, "value"), f"'{op.value}' needs one value")]
        values = [condition.value]
    problems = []
    for value in values:
        reason = _wrong_value(control, value)
        if reason:
            problems.append(PathProblem((*path, "value"), f"{control.id}: {reason}"))
    return problems


def _wrong_value(control: Control, value: Any) -> str:
    spec = control.answer
    if spec.type is AnswerType.YES_NO:
        return "" if isinstance(value, bool) else f"a yes_no answer is true or false, not {value!r}"
    if spec.type is AnswerType.CHOICE:
        options = [o.value for o in spec.options or []]
        if value in options:
            return ""
        hint = did_you_mean(str(value), options)
        return f"'{value}' is not one of its options" + (f" ({hint})" if hint else "")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"a {spec.type.value} answer is a number, not {value!r}"
    if spec.type is AnswerType.MATURITY and not 0 <= value <= 4:
        return "a maturity level is 0-4"
    return ""
