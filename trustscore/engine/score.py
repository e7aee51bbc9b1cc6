"""Score one self-assessment against one rubric: the whole method of the README, in code.

Pure: ``(Rubric, Assessment, as_of, profile) -> Report``. It reads no file, prints
nothing and knows no output format, so every renderer shows the same figures and the same
inputs always give the same report.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from trustscore import __version__
from trustscore.engine.evidence import Checkable, Credibility, evidence_flags, judge, settle
from trustscore.engine.overclaim import overclaim_flags, unbacked_flag
from trustscore.engine.rounding import apportion, cents, to_cents
from trustscore.engine.rules import fired
from trustscore.errors import UsageError
from trustscore.models.answer_types import answer_kind
from trustscore.models.assessment import NOT_APPLICABLE, Answer, AnswerValue, Assessment, Scope
from trustscore.models.conditions import Facts, named_controls
from trustscore.models.flags import FlagCode, FlagEffect, Severity
from trustscore.models.report import (
    BundledFile,
    Confidence,
    ControlResult,
    ControlStatus,
    DomainResult,
    Flag,
    Gap,
    KnockoutResult,
    Provenance,
    Report,
    ScopeInfo,
    Unbacked,
    VendorInfo,
)
from trustscore.models.review import Review
from trustscore.models.rubric import (
    MAX_POINTS,
    AppliesWhen,
    Control,
    Domain,
    Rubric,
    ScopeHint,
)
from trustscore.models.rules import EffectType
from trustscore.suggest import did_you_mean

DEFAULT_PROFILE = "default"
_SEVERITY_ORDER = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}
_LOWER = {Confidence.HIGH: Confidence.MEDIUM, Confidence.MEDIUM: Confidence.LOW,
          Confidence.LOW: Confidence.LOW}


@dataclass(frozen=True)
class Fingerprints:
    """Hashes of the exact bytes scored, computed by the loader, carried into provenance."""

    rubric_sha256: str
    input_sha256: str
    evidence_files: tuple[BundledFile, ...] = ()
    """Each bundled evidence file with the hash of the bytes found (or why none)."""
    rubric_custom: bool = False
    """The rubric came from a file that differs from the built-in rubric of its id."""
    review: str | None = None
    """The review file applied, as the user named it."""
    review_sha256: str | None = None


@dataclass
class _Scored:
    """Exact (unrounded) figures of one control while the report is assembled."""

    control: Control
    domain: Domain
    status: ControlStatus
    answer: Answer | None
    level: float | None
    credibility: Credibility | None
    raw_level: float | None = None
    """Points the answer earns as given, before any rule applies."""
    rules: list[str] = field(default_factory=list)
    max_exact: float = 0.0
    claimed_exact: float = 0.0
    trust_exact: float = 0.0


def profile_weights(rubric: Rubric, profile: str | None) -> tuple[str, dict[str, float]]:
    """Domain weights under ``profile`` (``None`` or "default": the domains' own weights)."""
    if profile is None or profile == DEFAULT_PROFILE:
        return DEFAULT_PROFILE, {d.id: d.weight for d in rubric.domains}
    for candidate in rubric.profiles:
        if candidate.id == profile:
            return profile, {d.id: candidate.weights.get(d.id, d.weight)
                             for d in rubric.domains}
    names = [DEFAULT_PROFILE, *(p.id for p in rubric.profiles)]
    hint = did_you_mean(profile, names) or "choose one of: " + ", ".join(names)
    raise UsageError(f"rubric {rubric.id} has no profile '{profile}'; {hint}")


def applies(condition: AppliesWhen | None, scope: Scope) -> bool:
    """Whether every condition of ``applies_when`` holds for this engagement."""
    if condition is None:
        return True
    for name in ("processes_client_personal_data", "hosts_client_systems",
                 "handles_card_data"):
        wanted = getattr(condition, name)
        if wanted is not None and getattr(scope, name) != wanted:
            return False
    if condition.client_regions_any is not None:
        regions = {r.upper() for r in scope.client_regions}
        if not regions.intersection(r.upper() for r in condition.client_regions_any):
            return False
    return True


@dataclass
class Evaluation:
    """Every figure of one scored assessment, before the per-control explanation is laid out.

    Batch rows and comparisons need only these; :func:`build_report` adds the explanation
    of each control for a full report. Both read the same numbers, so they cannot differ.
    """

    rubric: Rubric
    assessment: Assessment
    as_of: dt.date
    profile: str
    fingerprints: Fingerprints
    scored: list[_Scored]
    group_max: list[int]
    group_claimed: list[int]
    group_trust: list[int]
    domains: list[DomainResult]
    knockouts: list[KnockoutResult]
    flags: list[Flag]
    trust_score: float
    claimed_score: float
    grade: str
    score_grade: str
    confidence: Confidence
    needs_verification: bool
    verified_share: float
    unbacked: Unbacked

    @property
    def failed_knockouts(self) -> list[str]:
        """Ids of the knockouts that failed."""
        return [k.control for k in self.knockouts if not k.passed]


def score(rubric: Rubric, assessment: Assessment, *, as_of: dt.date, profile: str | None,
          fingerprints: Fingerprints) -> Report:
    """Score ``assessment`` as of ``as_of`` under a weight profile; see the README's method."""
    return build_report(evaluate(rubric, assessment, as_of=as_of, profile=profile,
                                 fingerprints=fingerprints))


def evaluate(rubric: Rubric, assessment: Assessment, *, as_of: dt.date, profile: str | None,
             fingerprints: Fingerprints, review: Review | None = None) -> Evaluation:
    """Every figure of the method: points, rules, grade, knockouts, flags, confidence;
    with a buyer's ``review``, its verdicts in place of the vendor's word."""
    profile_id, weights = profile_weights(rubric, profile)
    checkable = Checkable.of(rubric.evidence, as_of, assessment.vendor,
                             fingerprints.evidence_files,
                             (item for answer in assessment.answers.values()
                              for item in answer.evidence), review)
    scored = [_score_control(control, domain, assessment, checkable)
              for domain in rubric.domains for control in domain.controls]
    rule_flags = _cap_not_applicable(scored, rubric)
    _place_points(scored, weights, rubric)  # what each answer is worth, for the reuse limit
    _settle_evidence(scored, rubric)
    rule_flags += _apply_rules(rubric, assessment, scored, as_of)
    _place_points(scored, weights, rubric)
    groups = _by_domain(scored, rubric)
    group_max = apportion([math.fsum(s.max_exact for s in g) for g in groups])
    group_claimed = apportion([math.fsum(s.claimed_exact for s in g) for g in groups],
                              caps=group_max)
    group_trust = apportion([math.fsum(s.trust_exact for s in g) for g in groups],
                            caps=group_claimed)
    trust_total = sum(group_trust)
    claimed_total = sum(group_claimed)

    knockouts = _knockouts(scored)
    failed = sum(1 for k in knockouts if not k.passed)
    trust_score = cents(trust_total)
    score_grade = grade_for(rubric, trust_score)
    grade = score_grade
    if failed:
        cap = (rubric.knockouts.one_failed_caps_at if failed == 1
               else rubric.knockouts.two_or_more_cap_at)
        grade = worse_grade(rubric, grade, cap)

    verified_exact = math.fsum(s.max_exact for s in scored if _verified(s))
    verified_share = round(verified_exact / 100, 4) if scored else 0.0
    if verified_share >= rubric.confidence.high:
        confidence = Confidence.HIGH
    elif verified_share >= rubric.confidence.medium:
        confidence = Confidence.MEDIUM
    else:
        confidence = Confidence.LOW

    answered = [s for s in scored if s.status is ControlStatus.ANSWERED]
    unbacked = _unbacked(answered, claimed_total, rubric)
    flags = _flags(scored, knockouts, assessment, as_of, nothing_scored=not any(group_max),
                   max_age=rubric.max_assessment_age_days, hints=rubric.scope_hints)
    flags += evidence_flags([(s.control.id, s.credibility) for s in answered
                             if s.credibility is not None],
                            checkable, assessment.assessed_on)
    flags += rule_flags
    if rubric.overclaiming is not None:
        flags += unbacked_flag(rubric.overclaiming, unbacked, _bare_ids(answered, rubric))
        flags += overclaim_flags(
            rubric.overclaiming,
            {s.control.id: s.answer.value for s in answered if s.answer is not None})
    needs_verification = any(f.effect is FlagEffect.NEEDS_VERIFICATION for f in flags)
    if needs_verification:
        lowered = _LOWER[confidence]
        reasons = sorted({f.code for f in flags if f.effect is FlagEffect.NEEDS_VERIFICATION})
        change = (f"confidence lowered from {confidence.value} to {lowered.value}"
                  if lowered is not confidence else f"confidence stays {confidence.value}")
        flags.append(Flag(code=FlagCode.NEEDS_VERIFICATION, severity=Severity.WARNING,
                          message=f"Needs verification ({', '.join(reasons)}): {change}.",
                          controls=[], effect=FlagEffect.NEEDS_VERIFICATION,
                          hint="check the flagged claims against their evidence before "
                               "relying on the score"))
        confidence = lowered
    flags.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], f.code, f.controls))

    return Evaluation(
        rubric=rubric, assessment=assessment, as_of=as_of, profile=profile_id,
        fingerprints=fingerprints, scored=scored, group_max=group_max,
        group_claimed=group_claimed, group_trust=group_trust,
        domains=_domain_results(rubric, weights, groups, group_max, group_trust),
        knockouts=knockouts, flags=flags, trust_score=trust_score,
        claimed_score=cents(claimed_total), grade=grade, score_grade=score_grade,
        confidence=confidence, needs_verification=needs_verification,
        verified_share=verified_share, unbacked=unbacked)


def build_report(ev: Evaluation) -> Report:
    """The full, explained report: every control's points, evidence and remediation."""
    rubric, assessment = ev.rubric, ev.assessment
    max_cents: list[int] = []
    claimed_cents: list[int] = []
    trust_cents: list[int] = []
    for g, group in enumerate(_by_domain(ev.scored, rubric)):
        m = apportion([s.max_exact for s in group], target=ev.group_max[g])
        c = apportion([s.claimed_exact for s in group], caps=m, target=ev.group_claimed[g])
        t = apportion([s.trust_exact for s in group], caps=c, target=ev.group_trust[g])
        max_cents += m
        claimed_cents += c
        trust_cents += t
    controls = [_control_result(s, m, c, t) for s, m, c, t in
                zip(ev.scored, max_cents, claimed_cents, trust_cents, strict=True)]
    trust_total = sum(ev.group_trust)
    claimed_total = sum(ev.group_claimed)
    return Report(
        vendor=VendorInfo(name=assessment.vendor.name, country=assessment.vendor.country,
                          website=assessment.vendor.website,
                          headcount=assessment.vendor.headcount,
                          services=list(assessment.vendor.services)),
        trust_score=ev.trust_score,
        claimed_score=ev.claimed_score,
        gap=cents(claimed_total - trust_total),
        grade=ev.grade,
        grade_label=next(g.label for g in rubric.grades if g.grade == ev.grade),
        score_grade=ev.score_grade,
        capped_by_knockouts=ev.grade != ev.score_grade,
        confidence=ev.confidence,
        needs_verification=ev.needs_verification,
        verified_share=ev.verified_share,
        unbacked=ev.unbacked,
        scope=ScopeInfo(**assessment.scope.model_dump()),
        warnings=headline_warnings(ev),
        domains=ev.domains,
        controls=controls,
        knockouts=ev.knockouts,
        flags=ev.flags,
        missing=[s.control.id for s in ev.scored if s.status is ControlStatus.MISSING],
        gaps=_gaps(controls),
        strengths=_strengths(ev.scored, controls),
        provenance=Provenance(tool="trustscore", tool_version=__version__,
                              rubric=f"{rubric.id}@{rubric.version}",
                              rubric_sha256=ev.fingerprints.rubric_sha256,
                              rubric_custom=ev.fingerprints.rubric_custom,
                              input_sha256=ev.fingerprints.input_sha256, profile=ev.profile,
                              as_of=ev.as_of, assessed_on=assessment.assessed_on,
                              evidence_files=list(ev.fingerprints.evidence_files),
                              review=ev.fingerprints.review,
                              review_sha256=ev.fingerprints.review_sha256),
    )


def headline_warnings(ev: Evaluation) -> list[str]:
    """What a buyer must read before the score, in every format's headline."""
    rubric, assessment = ev.rubric, ev.assessment
    warnings = []
    if ev.fingerprints.rubric_custom:
        warnings.append(f"Custom rubric: {rubric.id}@{rubric.version} was loaded from a file "
                        "that differs from the built-in rubric of that name; scores are not "
                        "comparable with the built-in one.")
    audience = rubric.audience
    people = assessment.vendor.headcount
    if audience is not None and (
            (audience.headcount_min is not None and people < audience.headcount_min)
            or (audience.headcount_max is not None and people > audience.headcount_max)):
        warnings.append(f"Outside the rubric's audience: {rubric.id} is for "
                        f"{audience.description}; this vendor has {people} "
                        f"{'person' if people == 1 else 'people'}.")
    age = stale_age(rubric.max_assessment_age_days, assessment, ev.as_of)
    if age is not None:
        warnings.append(f"Stale: assessed on {assessment.assessed_on}, {age} days before the "
                        "as-of date.")
    return warnings


def stale_age(max_age: int | None, assessment: Assessment, as_of: dt.date) -> int | None:
    """The assessment's age in days when it is older than the rubric allows, else None."""
    age = (as_of - assessment.assessed_on).days
    return age if max_age is not None and age > max_age else None


def _by_domain(scored: list[_Scored], rubric: Rubric) -> list[list[_Scored]]:
    """The scored controls cut into their domains (they are in rubric order)."""
    groups = []
    start = 0
    for domain in rubric.domains:
        groups.append(scored[start:start + len(domain.controls)])
        start += len(domain.controls)
    return groups


def grade_for(rubric: Rubric, trust_score: float) -> str:
    """The first (best) grade whose minimum the score reaches."""
    for band in rubric.grades:
        if trust_score >= band.min_score:
            return band.grade
    return rubric.grades[-1].grade


def worse_grade(rubric: Rubric, a: str, b: str) -> str:
    """The lower of two grades of ``rubric``."""
    order = rubric.grade_order()
    return a if order.index(a) >= order.index(b) else b


def _score_control(control: Control, domain: Domain, assessment: Assessment,
                   checkable: Checkable) -> _Scored:
    answer = assessment.answers.get(control.id)
    if not applies(control.applies_when, assessment.scope):
        status = ControlStatus.OUT_OF_SCOPE
    elif answer is None:
        status = ControlStatus.MISSING
    elif answer.value == NOT_APPLICABLE:
        status = ControlStatus.NOT_APPLICABLE
    else:
        status = ControlStatus.ANSWERED
    level = answer_kind(control.answer).points(control.answer, answer.value) if (
        status is ControlStatus.ANSWERED and answer is not None) else None
    credibility = (judge(answer.evidence, control.id, domain.id, checkable)
                   if answer is not None else None)
    return _Scored(control, domain, status, answer, level, credibility, raw_level=level)


def _cap_not_applicable(scored: list[_Scored], rubric: Rubric) -> list[Flag]:
    """N/A answers may remove at most ``cap`` of a domain's in-scope weight: answering the
    weakest controls "not applicable" must not lift a score. Beyond the cap, in rubric
    order, they count as unanswered."""
    cap = rubric.max_not_applicable_share
    if cap is None:
        return []
    flags = []
    for group in _by_domain(scored, rubric):
        in_scope = math.fsum(s.control.weight for s in group
                             if s.status is not ControlStatus.OUT_OF_SCOPE)
        removed, over = 0.0, []
        for s in group:
            if s.status is ControlStatus.NOT_APPLICABLE:
                if removed + s.control.weight <= cap * in_scope + 1e-9:
                    removed += s.control.weight
                else:
                    s.status = ControlStatus.MISSING
                    over.append(s.control.id)
        if over:
            flags.append(Flag(
                code=FlagCode.NOT_APPLICABLE_OVER_CAP, severity=Severity.WARNING,
                message=f"{group[0].domain.name}: 'not applicable' may set aside at most "
                        f"{cap:.0%} of the domain's weight; {', '.join(over)} count as "
                        "unanswered.", controls=over, effect=FlagEffect.CAPPED,
                hint="answer those controls, however low the honest answer"))
    return flags


def _apply_rules(rubric: Rubric, assessment: Assessment, scored: list[_Scored],
                 as_of: dt.date) -> list[Flag]:
    """Evaluate the rubric's rules on the answers as given; cap or downgrade what they name."""
    if not rubric.rules:
        return []
    answered = {s.control.id: s for s in scored
                if s.status is ControlStatus.ANSWERED and s.answer is not None}
    facts = Facts(
        answers={cid: _fact_value(s) for cid, s in answered.items()},
        levels={cid: s.raw_level for cid, s in answered.items() if s.raw_level is not None},
        evidence={cid: [(j.item, j.status) for j in s.credibility.items]
                  for cid, s in answered.items() if s.credibility is not None},
        scope=assessment.scope, headcount=assessment.vendor.headcount, as_of=as_of)
    tiers = {t.id: t for t in rubric.evidence.tiers}
    flags = []
    for rule in fired(rubric.rules, facts):
        effect = rule.effect
        touched = []
        for cid in effect.controls:
            s = answered.get(cid)
            if s is None or s.level is None or s.credibility is None:
                continue
            if effect.type is EffectType.CAP and effect.max_points is not None:
                if s.level > effect.max_points:
                    s.level = effect.max_points
                    touched.append(cid)
            elif effect.type is EffectType.DOWNGRADE:
                tier = tiers[effect.tier or rubric.evidence.unsupported_tier]
                if s.credibility.tier.factor > tier.factor:
                    s.credibility = replace(s.credibility, tier=tier)
                    touched.append(cid)
            if cid in touched:
                s.rules.append(rule.id)
        flag_effect = {EffectType.FLAG: FlagEffect.NONE,
                       EffectType.VERIFY: FlagEffect.NEEDS_VERIFICATION,
                       EffectType.CAP: FlagEffect.CAPPED if touched else FlagEffect.NONE,
                       EffectType.DOWNGRADE: (FlagEffect.DOWNGRADED if touched
                                              else FlagEffect.NONE)}[effect.type]
        involved = sorted(set(effect.controls) | named_controls(rule.when))
        flags.append(Flag(code=rule.code, severity=rule.severity, message=rule.message,
                          controls=involved, effect=flag_effect, rule=rule.id, hint=rule.hint))
    return flags


def _fact_value(s: _Scored) -> AnswerValue:
    """The answer as rules compare it: yes/no as a boolean, everything else as given."""
    assert s.answer is not None
    assert s.raw_level is not None
    return answer_kind(s.control.answer).fact(s.answer.value, s.raw_level)


def _counts(s: _Scored) -> bool:
    """Answered and unanswered controls stay in the denominator; N/A and out-of-scope leave."""
    return s.status in (ControlStatus.ANSWERED, ControlStatus.MISSING)


def _place_points(scored: list[_Scored], weights: dict[str, float], rubric: Rubric) -> None:
    """Share the 100 points among domains by weight, and within a domain among its controls."""
    denominators: dict[str, float] = {}
    for s in scored:
        if _counts(s):
            denominators[s.domain.id] = denominators.get(s.domain.id, 0.0) + s.control.weight
    live = {d.id: weights[d.id] for d in rubric.domains
            if denominators.get(d.id, 0.0) > 0 and weights[d.id] > 0}
    total_weight = math.fsum(live.values())
    if total_weight <= 0:
        return
    for s in scored:
        if not _counts(s) or s.domain.id not in live:
            continue
        s.max_exact = (100.0 * live[s.domain.id] / total_weight
                       * s.control.weight / denominators[s.domain.id])
        if s.level is not None and s.credibility is not None:
            tier = s.credibility.tier
            s.claimed_exact = s.max_exact * s.level / MAX_POINTS
            counted = s.level if tier.max_level is None else min(s.level, tier.max_level)
            s.trust_exact = s.max_exact * counted / MAX_POINTS * tier.factor


def _settle_evidence(scored: list[_Scored], rubric: Rubric) -> None:
    """Apply the checks across answers (reuse, forgery) to each answered control."""
    answered = [s for s in scored if s.status is ControlStatus.ANSWERED
                and s.credibility is not None]
    settled = settle([(s.control.id, s.credibility) for s in answered if s.credibility],
                     rubric.evidence, {s.control.id: (s.max_exact, s.level or 0.0)
                                       for s in answered})
    for s, credibility in zip(answered, settled, strict=True):
        s.credibility = credibility


def _bare(s: _Scored, rubric: Rubric) -> bool:
    """An answered control with nothing checkable behind it."""
    return (s.credibility is not None and s.level is not None
            and s.credibility.tier.id == rubric.evidence.unsupported_tier)


def _bare_ids(answered: list[_Scored], rubric: Rubric) -> list[str]:
    return sorted(s.control.id for s in answered if _bare(s, rubric) and s.level)


def _unbacked(answered: list[_Scored], claimed_total: int, rubric: Rubric) -> Unbacked:
    """How much of the claimed score rests on bare claims: a continuous signal, not a
    pattern a vendor can stay just under."""
    bare = [s for s in answered if _bare(s, rubric)]
    points = round(math.fsum(s.claimed_exact for s in bare), 2)
    claimed = claimed_total / 100
    over = rubric.overclaiming
    return Unbacked(points=points, share=round(min(points / claimed, 1.0), 4) if claimed else 0.0,
                    controls=sum(1 for s in bare if s.level),
                    above=over.unbacked_share_above if over is not None else None,
                    above_points=over.unbacked_points_above if over is not None else 0.0)


_SCOPE_WORDS = {
    "processes_client_personal_data": ("processes client personal data",
                                       "does not process client personal data"),
    "hosts_client_systems": ("hosts client systems", "does not host client systems"),
    "handles_card_data": ("handles card data", "does not handle card data"),
}


def applies_words(condition: AppliesWhen) -> str:
    """The engagement a conditional control applies to, in words."""
    parts = [_SCOPE_WORDS[name][0 if wanted else 1] for name in _SCOPE_WORDS
             if (wanted := getattr(condition, name)) is not None]
    if condition.client_regions_any is not None:
        parts.append("has clients in " + ", ".join(condition.client_regions_any))
    return "the engagement " + " and ".join(parts)


def _answer_text(s: _Scored) -> str | None:
    """The answer as a report shows it (yes/no normalised; not applicable as such)."""
    if s.answer is None:
        return None
    if s.answer.value == NOT_APPLICABLE:  # set aside, or over the cap for it
        return NOT_APPLICABLE
    return answer_kind(s.control.answer).words(s.answer.value, s.level)


def control_lines(ev: Evaluation) -> list[tuple[str, float, str | None, str | None, list[str]]]:
    """(control, trust points to the cent, answer, evidence tier, rules) of every control, in
    the rubric's order: what the portfolio store keeps so ``history`` can say which controls
    moved without the full report. Points are the control's own, rounded alone; a report's
    column is apportioned to sum exactly, so the two can differ by a cent."""
    return [(s.control.id, round(s.trust_exact, 2), _answer_text(s),
             s.credibility.tier.id if s.credibility and s.status is ControlStatus.ANSWERED
             else None, list(s.rules)) for s in ev.scored]


def _control_result(s: _Scored, max_c: int, claimed_c: int, trust_c: int) -> ControlResult:
    c = s.control
    kind = answer_kind(c.answer)
    answer_text = _answer_text(s)
    label: str | None = None
    if (s.answer is not None and s.answer.value != NOT_APPLICABLE
            and s.status is ControlStatus.ANSWERED):
        label = kind.label(c.answer, s.answer.value)
    scored_answer = s.status is ControlStatus.ANSWERED
    return ControlResult(
        id=c.id, title=c.title, domain=s.domain.id, status=s.status,
        answer=answer_text, answer_label=label,
        unit=kind.unit(c.answer),
        level=s.level,
        tier=s.credibility.tier.id if s.credibility and scored_answer else None,
        credibility=s.credibility.tier.factor if s.credibility and scored_answer else None,
        max_points=cents(max_c), claimed_points=cents(claimed_c), contribution=cents(trust_c),
        lost_to_answer=cents(max_c - claimed_c), lost_to_evidence=cents(claimed_c - trust_c),
        knockout=c.knockout is not None,
        rules=list(s.rules),
        evidence=[j.result() for j in s.credibility.items] if s.credibility else [],
        justification=s.answer.justification if s.answer else None,
        applies_only_when=applies_words(c.applies_when)
        if s.status is ControlStatus.OUT_OF_SCOPE and c.applies_when is not None else None,
        remediation=c.remediation.hint, effort=c.remediation.effort.value,
    )


def _domain_results(rubric: Rubric, weights: dict[str, float], groups: list[list[_Scored]],
                    group_max: list[int], group_trust: list[int]) -> list[DomainResult]:
    results = []
    for domain, group, max_c, trust_c in zip(rubric.domains, groups, group_max, group_trust,
                                             strict=True):
        max_exact = math.fsum(s.max_exact for s in group)
        trust_exact = math.fsum(s.trust_exact for s in group)
        claimed_exact = math.fsum(s.claimed_exact for s in group)
        live = max_exact > 0
        results.append(DomainResult(
            id=domain.id, name=domain.name, weight=weights[domain.id],
            max_points=cents(max_c),
            trust_score=cents(to_cents(100 * trust_exact / max_exact)) if live else None,
            claimed_score=cents(to_cents(100 * claimed_exact / max_exact)) if live else None,
            contribution=cents(trust_c),
            controls_scored=sum(1 for s in group if s.status is ControlStatus.ANSWERED),
            controls_missing=sum(1 for s in group if s.status is ControlStatus.MISSING),
        ))
    return results


def _knockouts(scored: list[_Scored]) -> list[KnockoutResult]:
    results = []
    for s in scored:
        knockout = s.control.knockout
        if knockout is None or s.status is ControlStatus.OUT_OF_SCOPE:
            continue
        if s.status is ControlStatus.MISSING:
            passed, detail = False, "not answered"
        elif s.status is ControlStatus.NOT_APPLICABLE:
            passed, detail = True, "not applicable (justified)"
        else:
            level = s.level or 0.0
            passed = level >= knockout.fails_below
            shown = _shown_answer(s)
            detail = (f"answered {shown} ({level:g} of 4 points; passing needs "
                      f"{knockout.fails_below:g})")
        results.append(KnockoutResult(control=s.control.id, title=s.control.title,
                                      passed=passed, reason=knockout.reason, detail=detail))
    results.sort(key=lambda k: (k.passed, k.control))
    return results


def _shown_answer(s: _Scored) -> str:
    """The answer in words for a sentence (yes/no normalised, units kept)."""
    if s.answer is None:
        return "nothing"
    return answer_kind(s.control.answer).quoted(s.answer.value, s.level, s.control.answer)


def _verified(s: _Scored) -> bool:
    return (s.status is ControlStatus.ANSWERED and bool(s.level)
            and s.credibility is not None and s.credibility.tier.verified)


def _scope_hint_flags(scored: list[_Scored], assessment: Assessment,
                      hints: Sequence[ScopeHint]) -> list[Flag]:
    """A declared scope that switches knockouts off while the vendor's own services say
    otherwise (payroll support with no personal data)."""
    flags = []
    services = " ".join(assessment.vendor.services)
    for hint in hints:
        if getattr(assessment.scope, hint.scope):
            continue
        said = sorted(w for w in hint.services_any
                      if re.search(rf"\b{re.escape(w)}\b", services, re.IGNORECASE))
        off = [s.control.id for s in scored if s.status is ControlStatus.OUT_OF_SCOPE
               and s.control.knockout is not None and s.control.applies_when is not None
               and getattr(s.control.applies_when, hint.scope) is True]
        if said and off:
            flags.append(Flag(
                code=FlagCode.SCOPE_CONTRADICTS_SERVICES, severity=Severity.WARNING,
                message=f"The scope declares that the engagement {_SCOPE_WORDS[hint.scope][1]}, "
                        f"but the vendor's own services ({', '.join(said)}) imply it does; "
                        f"that takes the critical controls {', '.join(off)} out of the score.",
                controls=off, effect=FlagEffect.NEEDS_VERIFICATION,
                hint="check the scope with the vendor before relying on the score"))
    return flags


def _flags(scored: list[_Scored], knockouts: list[KnockoutResult], assessment: Assessment,
           as_of: dt.date, *, nothing_scored: bool, max_age: int | None,
           hints: Sequence[ScopeHint] = ()) -> list[Flag]:
    flags: list[Flag] = []
    age = stale_age(max_age, assessment, as_of)
    if age is not None:
        flags.append(Flag(code=FlagCode.ASSESSMENT_STALE, severity=Severity.WARNING,
                          message=f"The assessment is stale: dated {assessment.assessed_on}, "
                                  f"{age} days before the as-of date, longer than the rubric's "
                                  f"{max_age}.", controls=[],
                          effect=FlagEffect.NEEDS_VERIFICATION,
                          hint="ask the vendor for a current self-assessment"))
    for k in knockouts:
        if not k.passed:
            flags.append(Flag(code=FlagCode.KNOCKOUT_FAILED, severity=Severity.CRITICAL,
                              message=f"Critical control {k.control} ({k.title}) failed, "
                                      "which caps the grade.", controls=[k.control],
                              effect=FlagEffect.GRADE_CAPPED,
                              hint="fix this control first: no score lifts the cap"))
    if nothing_scored:
        flags.append(Flag(code=FlagCode.NOTHING_SCORED, severity=Severity.CRITICAL,
                          message="No control applies or is answered, so nothing could be "
                                  "scored.", controls=[], effect=FlagEffect.NONE,
                          hint="check the scope and answer the controls"))
    if assessment.assessed_on > as_of:
        flags.append(Flag(code=FlagCode.ASSESSED_AFTER_AS_OF, severity=Severity.WARNING,
                          message=f"The assessment is dated {assessment.assessed_on}, after "
                                  f"the as-of date {as_of}.", controls=[],
                          effect=FlagEffect.NONE, hint="check assessed_on or --as-of"))
    flags += _scope_hint_flags(scored, assessment, hints)
    missing = [s.control.id for s in scored if s.status is ControlStatus.MISSING]
    if missing:
        flags.append(Flag(code=FlagCode.UNANSWERED, severity=Severity.WARNING,
                          message=f"{len(missing)} control(s) are unanswered and earn 0 "
                                  "points.", controls=missing, effect=FlagEffect.NONE,
                          hint="answer them; an honest low answer with evidence beats none"))
    for s in scored:
        if s.status is ControlStatus.OUT_OF_SCOPE and s.answer is not None:
            cid = s.control.id
            flags.append(Flag(code=FlagCode.ANSWER_OUT_OF_SCOPE, severity=Severity.INFO,
                              message=f"{cid} is answered but does not apply to this "
                                      "engagement's scope, so it is not scored.",
                              controls=[cid], effect=FlagEffect.NONE,
                              hint="check the scope, or remove the answer"))
    return flags


def _gaps(controls: list[ControlResult]) -> list[Gap]:
    gaps = [Gap(control=c.id, title=c.title, domain=c.domain,
                recoverable=round(c.max_points - c.contribution, 2),
                by_answer=c.lost_to_answer, by_evidence=c.lost_to_evidence,
                remediation=c.remediation, effort=c.effort)
            for c in controls if c.max_points > c.contribution]
    gaps.sort(key=lambda g: (-g.recoverable, g.control))
    return gaps


def _strengths(scored: list[_Scored], controls: list[ControlResult]) -> list[str]:
    strong = [c for s, c in zip(scored, controls, strict=True)
              if _verified(s) and s.level == MAX_POINTS and c.contribution > 0]
    strong.sort(key=lambda c: (-c.contribution, c.id))
    return [c.id for c in strong]
