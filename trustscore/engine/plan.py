"""The cheapest path to a target grade or score. Pure.

Each candidate step is simulated with :func:`evaluate`, so rules, caps, knockouts and
rounding are exactly those of a real report: following the plan gives the promised score.
Failed knockouts are fixed first (no score lifts their cap); then steps are taken by trust
points gained per unit of effort, re-checking a candidate's gain lazily, since one step
changes what the others are worth.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable
from dataclasses import dataclass

from trustscore.engine.score import Evaluation, Fingerprints, applies, evaluate
from trustscore.models.assessment import NOT_APPLICABLE, Answer, AnswerValue, Assessment, Evidence
from trustscore.models.plan import Plan, PlanStep, StepKind, SuggestedEvidence
from trustscore.models.rubric import MAX_POINTS, AnswerType, Better, Control, Effort, Rubric

EFFORT_COST = {Effort.LOW: 1.0, Effort.MEDIUM: 3.0, Effort.HIGH: 8.0}
PROVE_EFFORT = Effort.LOW


@dataclass(frozen=True)
class _Candidate:
    control: Control
    kind: StepKind
    value: AnswerValue | None
    evidence: Evidence | None
    effort: Effort


def best_value(control: Control) -> AnswerValue:
    """The answer that earns the full 4 points."""
    spec = control.answer
    if spec.type is AnswerType.YES_NO:
        return "yes"
    if spec.type is AnswerType.MATURITY:
        return 4
    if spec.type is AnswerType.CHOICE:
        return next(o.value for o in spec.options or [] if o.points == MAX_POINTS)
    best = (spec.bands or [])[0]
    threshold = best.at_least if spec.better is Better.HIGHER else best.at_most
    assert threshold is not None
    return int(threshold) if float(threshold).is_integer() else threshold


def proof_for(control: Control, rubric: Rubric, day: dt.date) -> Evidence:
    """Independent evidence of the rubric's most credible kind, fit to count on ``day``."""
    tiers = {t.id: t for t in rubric.evidence.tiers}
    # a broad kind (an audit report) fits any control; one needing its own number less so
    ranked = sorted(rubric.evidence.kinds.items(),
                    key=lambda kv: (-tiers[kv[1]].factor, not tiers[kv[1]].verified,
                                    kv[0] not in rubric.evidence.broad_kinds,
                                    kv[0] in rubric.evidence.identified_kinds, kv[0]))
    kind = ranked[0][0]
    return Evidence(kind=kind, title=f"{control.evidence_expected[0]} ({control.id})",
                    issuer="the independent party who issued it",
                    reference=f"its reference number ({control.id})", issued=day)


def make_plan(rubric: Rubric, assessment: Assessment, *, as_of: dt.date, profile: str | None,
              fingerprints: Fingerprints, target_score: float | None,
              target_grade: str | None) -> Plan:
    """The plan to reach ``target_grade`` (its minimum score, uncapped) or ``target_score``."""
    order = rubric.grade_order()
    goal = target_score if target_score is not None else next(
        g.min_score for g in rubric.grades if g.grade == target_grade)

    def run(a: Assessment) -> Evaluation:
        return evaluate(rubric, a, as_of=as_of, profile=profile, fingerprints=fingerprints)

    def reached(ev: Evaluation) -> bool:
        if ev.trust_score < goal:
            return False
        return target_grade is None or order.index(ev.grade) <= order.index(target_grade)

    start = current_ev = run(assessment)
    current = assessment
    pending = _candidates(rubric, assessment, as_of)
    known: dict[int, float] = {}
    steps: list[PlanStep] = []
    while not reached(current_ev):
        failed = set(current_ev.failed_knockouts)
        if failed:
            fix = next(c for c in pending if c.control.id in failed
                       and c.kind is StepKind.IMPROVE)
            choice = _Candidate(fix.control, StepKind.FIX_KNOCKOUT, fix.value, None, fix.effort)
            pending = [c for c in pending if c is not fix]
            after_assessment = _apply(current, choice)
            after = run(after_assessment)
        else:
            picked = _lazy_best(pending, current, current_ev, run, known)
            if picked is None:
                break
            choice, after_assessment, after = picked
        pending = [c for c in pending if c is not choice
                   and not (c.control.id == choice.control.id and c.kind is not StepKind.PROVE
                            and choice.kind is not StepKind.PROVE)]
        steps.append(_step(choice, current_ev, after))
        current, current_ev = after_assessment, after
    done = reached(current_ev)
    if done:
        note = f"{len(steps)} step(s) reach the target." if steps else "Already at the target."
    else:
        note = ("The target cannot be reached with this rubric's answers and evidence; the "
                f"best reachable is {current_ev.trust_score:.2f} ({current_ev.grade}).")
    return Plan(vendor=assessment.vendor.name, rubric=f"{rubric.id}@{rubric.version}",
                profile=start.profile, as_of=as_of, start_score=start.trust_score,
                start_grade=start.grade, target_score=goal, target_grade=target_grade,
                reachable=done, steps=steps, final_score=current_ev.trust_score,
                final_grade=current_ev.grade, note=note)


def _candidates(rubric: Rubric, assessment: Assessment, as_of: dt.date) -> list[_Candidate]:
    found = []
    for control in rubric.controls():
        if not applies(control.applies_when, assessment.scope):
            continue
        answer = assessment.answers.get(control.id)
        if answer is not None and answer.value == NOT_APPLICABLE:
            continue
        found.append(_Candidate(control, StepKind.IMPROVE, best_value(control), None,
                                control.remediation.effort))
        found.append(_Candidate(control, StepKind.PROVE, None,
                                proof_for(control, rubric, assessment.assessed_on),
                                PROVE_EFFORT))
    return found


def _apply(assessment: Assessment, change: _Candidate) -> Assessment:
    old = assessment.answers.get(change.control.id)
    value = change.value if change.value is not None else (
        old.value if old is not None else best_value(change.control))
    evidence = list(old.evidence) if old is not None else []
    if change.evidence is not None:
        evidence.append(change.evidence)
    answer = Answer(value=value, evidence=evidence,
                    notes=old.notes if old is not None else None)
    return assessment.model_copy(update={"answers": {**assessment.answers,
                                                     change.control.id: answer}})


def _lazy_best(pending: list[_Candidate], current: Assessment, ev: Evaluation,
               run: Callable[[Assessment], Evaluation], known: dict[int, float]
               ) -> tuple[_Candidate, Assessment, Evaluation] | None:
    """The candidate with the best gain per effort, re-evaluating as few as possible.

    ``known`` keeps each candidate's last measured ratio (unknown ones are tried first);
    a fresh ratio that still beats every other candidate's last ratio wins.
    """
    heap = [(-known.get(id(c), float("inf")), n, c) for n, c in enumerate(pending)]
    heapq.heapify(heap)
    while heap:
        _, n, candidate = heapq.heappop(heap)
        trial = _apply(current, candidate)
        after = run(trial)
        gain = after.trust_score - ev.trust_score
        ratio = gain / EFFORT_COST[candidate.effort]
        known[id(candidate)] = ratio
        if not heap or ratio >= -heap[0][0]:
            return (candidate, trial, after) if gain > 0 else None
        heapq.heappush(heap, (-ratio, n, candidate))
    return None


def _step(choice: _Candidate, before: Evaluation, after: Evaluation) -> PlanStep:
    control = choice.control
    what = (f"Attach independent evidence: {control.evidence_expected[0]}."
            if choice.kind is StepKind.PROVE else control.remediation.hint)
    item = choice.evidence
    return PlanStep(
        control=control.id, title=control.title, kind=choice.kind, set_value=choice.value,
        add_evidence=None if item is None else SuggestedEvidence(
            kind=item.kind, title=item.title, issuer=item.issuer or "",
            reference=item.reference or "", issued=item.issued or before.as_of),
        what_to_do=what, effort=choice.effort.value,
        gain=round(after.trust_score - before.trust_score, 2),
        trust_after=after.trust_score, grade_after=after.grade)
