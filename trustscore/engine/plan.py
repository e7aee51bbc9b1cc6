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
import re
from collections.abc import Callable
from dataclasses import dataclass

from trustscore.engine.evidence import within_reach
from trustscore.engine.score import Evaluation, Fingerprints, applies, evaluate
from trustscore.models.answer_types import answer_kind
from trustscore.models.assessment import NOT_APPLICABLE, Answer, AnswerValue, Assessment, Evidence
from trustscore.models.plan import Plan, PlanStep, StepKind, SuggestedEvidence
from trustscore.models.rubric import Control, Effort, Rubric

EFFORT_COST = {Effort.LOW: 1.0, Effort.MEDIUM: 3.0, Effort.HIGH: 8.0}
PROVE_EFFORT = Effort.LOW
MAX_EVIDENCE: int = next(m.max_length for m in Answer.model_fields["evidence"].metadata
                         if hasattr(m, "max_length"))
"""An answer holds at most this many evidence items; a plan never proposes one more."""
MAX_STEPS = 400
"""A plan longer than this is no plan a firm can follow; it also bounds the work."""
SIMULATION_BUDGET = 150_000
"""Controls scored across all the simulations of one plan: about 1,900 simulations for
the 78-control rubric (a plan needs a few hundred), 150 for a 1,000-control one, so a
plan costs seconds whatever the rubric's size."""
MIN_SIMULATIONS = 100


class _OutOfBudget(Exception):
    """The plan has simulated as many scorings as its budget allows."""


@dataclass(frozen=True)
class _Candidate:
    control: Control
    kind: StepKind
    value: AnswerValue | None
    evidence: Evidence | None
    effort: Effort


def best_value(control: Control) -> AnswerValue:
    """The answer that earns the full 4 points."""
    return answer_kind(control.answer).best_value(control.answer)


def proof_for(control: Control, rubric: Rubric, day: dt.date) -> Evidence:
    """The evidence the control itself asks for, of the most credible kind it names.

    The rubric's expected evidence is read for the rubric's own kind names ("SLA template
    or contract section" names ``contract_template``; "Disaster-recovery test report"
    names ``test_report``), so a step never suggests an audit report for an SLA template.
    Only when no expected evidence names a kind is the most credible kind suggested.
    """
    policy = rubric.evidence
    domain = next(d.id for d in rubric.domains if any(c.id == control.id for c in d.controls))

    def credibility(kind: str) -> tuple[bool, float, bool]:
        tier = policy.tier_of(kind)
        return within_reach(policy.kinds[kind], control.id, domain), tier.factor, tier.verified

    named = [(_names_kind(text, kind), credibility(kind), kind, text)
             for text in control.evidence_expected for kind in sorted(policy.kinds)]
    fit, _, kind, text = max((n for n in named if n[0] > 0 and n[1][0]), key=lambda n: n[:2],
                             default=(0, (False, 0.0, False), "", ""))
    if not fit:
        kind = max(sorted(policy.kinds), key=credibility)
        text = control.evidence_expected[0]
    independent = policy.tier_of(kind).verified
    needs = policy.kinds[kind].requires
    suffix = f" ({control.id})"
    return Evidence(kind=kind, title=_fit(text, 300 - len(suffix)) + suffix,
                    issuer="the independent party who issued it"
                    if independent or "issuer" in needs else None,
                    reference=f"its reference number ({control.id})"
                    if "reference" in needs else None,
                    issued=day, expires=_year_after(day) if "expires" in needs else None,
                    period_start=_year_before(day) if "period" in needs else None,
                    period_end=day if "period" in needs else None,
                    url=f"https://registry.invalid/{control.id}" if "url" in needs else None)


def _year_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=365) if day > dt.date(1, 12, 31) else dt.date.min


def _year_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=366) if day < dt.date(9998, 1, 1) else dt.date.max


def _names_kind(text: str, kind: str) -> int:
    """How well ``text`` names ``kind``: 2 when every word of the kind's id starts a word of
    the text ("config export" in "configuration export"), 1 when its artefact word (the
    last: report, export, certificate) does, else 0."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    parts = kind.casefold().split("_")

    def said(part: str) -> bool:
        return any(w.startswith(part) for w in words)

    if not said(parts[-1]):
        return 0
    return 2 if all(said(p) for p in parts) else 1


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def make_plan(rubric: Rubric, assessment: Assessment, *, as_of: dt.date, profile: str | None,
              fingerprints: Fingerprints, target_score: float | None,
              target_grade: str | None) -> Plan:
    """The plan to reach ``target_grade`` (its minimum score, uncapped) or ``target_score``."""
    order = rubric.grade_order()
    goal = target_score if target_score is not None else next(
        g.min_score for g in rubric.grades if g.grade == target_grade)

    budget = [max(MIN_SIMULATIONS, SIMULATION_BUDGET // max(1, len(rubric.controls())))]

    def run(a: Assessment) -> Evaluation:
        if budget[0] <= 0:
            raise _OutOfBudget
        budget[0] -= 1
        return evaluate(rubric, a, as_of=as_of, profile=profile, fingerprints=fingerprints)

    def reached(ev: Evaluation) -> bool:
        if ev.trust_score < goal:
            return False
        return target_grade is None or order.index(ev.grade) <= order.index(target_grade)

    start = current_ev = run(assessment)
    current = assessment
    pending = _candidates(rubric, assessment, as_of)
    known = _estimates(pending, start)
    steps: list[PlanStep] = []
    unfixable: set[str] = set()
    out_of_budget = False
    try:
        while not reached(current_ev) and len(steps) < MAX_STEPS:
            failed = set(current_ev.failed_knockouts) - unfixable
            fix = next((c for c in pending if c.control.id in failed
                        and c.kind is StepKind.IMPROVE), None)
            if fix is not None:
                choice = _Candidate(fix.control, StepKind.FIX_KNOCKOUT, fix.value, None, fix.effort)
                pending = [c for c in pending if c is not fix]
                after_assessment = _apply(current, choice)
                after = run(after_assessment)
            else:
                unfixable |= failed  # a rule holds it down: its own best answer cannot fix it
                picked = (_lazy_best(pending, current, current_ev, run, known)
                          or _fresh_best(pending, current, current_ev, run, known))
                if picked is None:
                    break
                choice, after_assessment, after = picked
            pending = [c for c in pending if c is not choice
                       and not (c.control.id == choice.control.id and c.kind is not StepKind.PROVE
                                and choice.kind is not StepKind.PROVE)]
            steps.append(_step(choice, current, current_ev, after))
            current, current_ev = after_assessment, after
    except _OutOfBudget:
        out_of_budget = True
    done = reached(current_ev)
    if done:
        note = f"{len(steps)} step(s) reach the target." if steps else "Already at the target."
    else:
        note = ("The target cannot be reached with this rubric's answers and evidence; the "
                f"best reachable is {current_ev.trust_score:.2f} ({current_ev.grade}).")
        if unfixable:
            note += (" Failed knockouts that their best answer does not fix (a rule caps "
                     "them): " + ", ".join(sorted(unfixable)) + ".")
        if len(steps) >= MAX_STEPS:
            note += f" The plan stops after {MAX_STEPS} steps."
        if out_of_budget:
            note += (" The search stopped at its limit of simulated scorings for a rubric "
                     "this large; more may be reachable.")
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
        best = best_value(control)
        if answer is None or answer.value != best:
            found.append(_Candidate(control, StepKind.IMPROVE, best, None,
                                    control.remediation.effort))
        found.append(_Candidate(control, StepKind.PROVE, None,
                                proof_for(control, rubric, assessment.assessed_on),
                                PROVE_EFFORT))
    return found


def _estimates(pending: list[_Candidate], ev: Evaluation) -> dict[int, float]:
    """A first guess of each candidate's points per effort, from what its control still
    lacks (to its maximum for a new answer, to its claim for new evidence), so the search
    tries the promising ones first instead of simulating every candidate up front."""
    by_id = {s.control.id: s for s in ev.scored}
    guesses: dict[int, float] = {}
    for candidate in pending:
        scored = by_id.get(candidate.control.id)
        if scored is None:
            continue
        room = (scored.claimed_exact if candidate.kind is StepKind.PROVE
                else scored.max_exact) - scored.trust_exact
        guesses[id(candidate)] = max(room, 0.0) / EFFORT_COST[candidate.effort]
    return guesses


def _open(candidate: _Candidate, current: Assessment) -> bool:
    """Whether a candidate can be taken now: proving a claim needs a claim (an unanswered
    control is improved first, at its own effort) and room for one more evidence item."""
    if candidate.kind is not StepKind.PROVE:
        return True
    answer = current.answers.get(candidate.control.id)
    return answer is not None and len(answer.evidence) < MAX_EVIDENCE


def _apply(assessment: Assessment, change: _Candidate) -> Assessment:
    old = assessment.answers.get(change.control.id)
    if change.value is not None:
        value = change.value
    elif old is not None:
        value = old.value
    else:  # pragma: no cover - prove candidates exist only for answered controls
        raise AssertionError("a prove step needs an answer")
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
    heap = [(-known.get(id(c), float("inf")), n, c) for n, c in enumerate(pending)
            if _open(c, current)]
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


def _fresh_best(pending: list[_Candidate], current: Assessment, ev: Evaluation,
                run: Callable[[Assessment], Evaluation], known: dict[int, float]
                ) -> tuple[_Candidate, Assessment, Evaluation] | None:
    """Every candidate measured afresh: gains are not only ever falling (a step can unlock
    another, as when a rule caps one answer until a second is fixed), so the plan never
    stops while some step still gains points."""
    best: tuple[float, int, _Candidate, Assessment, Evaluation] | None = None
    for n, candidate in enumerate(pending):
        if not _open(candidate, current):
            continue
        trial = _apply(current, candidate)
        after = run(trial)
        gain = after.trust_score - ev.trust_score
        ratio = gain / EFFORT_COST[candidate.effort]
        known[id(candidate)] = ratio
        if gain > 0 and (best is None or ratio > best[0]):
            best = (ratio, n, candidate, trial, after)
    return None if best is None else best[2:]


def _step(choice: _Candidate, assessment: Assessment, before: Evaluation,
          after: Evaluation) -> PlanStep:
    control = choice.control
    item = choice.evidence
    what = (f"Attach evidence ({item.kind}): {control.evidence_expected[0]}."
            if choice.kind is StepKind.PROVE and item is not None
            else control.remediation.hint)
    old = assessment.answers.get(control.id)
    assumed = choice.value if choice.value is not None else (
        old.value if old is not None else None)
    return PlanStep(
        control=control.id, title=control.title, kind=choice.kind, set_value=choice.value,
        answer=assumed, current_answer=None if old is None else old.value,
        add_evidence=None if item is None else SuggestedEvidence(
            kind=item.kind, title=item.title, issuer=item.issuer, reference=item.reference,
            issued=item.issued or before.as_of, expires=item.expires,
            period_start=item.period_start, period_end=item.period_end, url=item.url),
        what_to_do=what, effort=choice.effort.value,
        gain=round(after.trust_score - before.trust_score, 2),
        trust_after=after.trust_score, grade_after=after.grade)
