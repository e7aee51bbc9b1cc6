"""Hand-computed scores on the mini rubric (tests/data/mini-rubric.yaml).

Domain d1 (weight 3) holds 75 of the 100 points: Y1 (weight 1), M1 (2), C1 (1), so a
control is worth 75 * w / 4. Domain d2 (weight 1) holds 25: N1 and P1, 12.5 each.
Evidence factors: no evidence 0.5, policy 0.75, certificate 1.0 (verified).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import AS_OF, MINI_RUBRIC, mini_assessment
from trustscore.engine.score import Fingerprints, score
from trustscore.errors import UsageError
from trustscore.loading.load import load_rubric
from trustscore.models.assessment import Assessment
from trustscore.models.assessment_checks import check_assessment
from trustscore.models.report import Confidence, ControlStatus, Report

RUBRIC = load_rubric(str(MINI_RUBRIC)).rubric
CERT = {"kind": "certificate", "title": "Cert", "issued": "2025-01-01", "expires": "2027-01-01"}
POLICY = {"kind": "policy", "title": "Policy"}


def run(answers: dict[str, Any], *, as_of: dt.date = AS_OF, profile: str | None = None,
        personal_data: bool = True) -> Report:
    assessment = Assessment.model_validate(mini_assessment(answers,
                                                          personal_data=personal_data))
    assert check_assessment(assessment, RUBRIC) == []
    return score(RUBRIC, assessment, as_of=as_of, profile=profile,
                 fingerprints=Fingerprints("r" * 64, "i" * 64))


def control(report: Report, cid: str) -> Any:
    return next(c for c in report.controls if c.id == cid)


BASE: dict[str, Any] = {
    "Y1": {"value": "yes", "evidence": [CERT]},     # 4/4, factor 1.0   -> 18.75 of 18.75
    "M1": {"value": 2, "evidence": [POLICY]},       # 2/4, factor 0.75  -> 14.0625 of 37.5
    "C1": "b",                                      # 2/4, factor 0.5   ->  4.6875 of 18.75
    "N1": {"value": 10, "evidence": [CERT]},        # <=24 h: 2/4, 1.0  ->  6.25 of 12.5
    "P1": 95,                                       # >=90 %: 4/4, 0.5  ->  6.25 of 12.5
}


def test_every_answer_type_scored_by_hand() -> None:
    report = run(BASE)
    assert report.trust_score == 50.0          # 18.75 + 14.0625 + 4.6875 + 6.25 + 6.25
    assert report.claimed_score == 65.63       # 18.75 + 18.75 + 9.375 + 6.25 + 12.5 = 65.625
    assert report.gap == 15.63
    assert report.grade == "C" and report.score_grade == "C"
    assert not report.capped_by_knockouts
    assert [c.max_points for c in report.controls] == [18.75, 37.5, 18.75, 12.5, 12.5]
    assert control(report, "M1").claimed_points == 18.75
    assert control(report, "M1").credibility == 0.75
    assert control(report, "C1").tier == "self"
    assert control(report, "N1").level == 2.0
    assert control(report, "P1").level == 4.0
    assert [(d.id, d.trust_score, d.claimed_score) for d in report.domains] == [
        ("d1", 50.0, 62.5), ("d2", 50.0, 75.0)]
    # verified (certificate) weight: Y1 18.75 + N1 12.5 = 31.25 % -> medium (>= 25 %)
    assert report.verified_share == 0.3125
    assert report.confidence is Confidence.MEDIUM
    assert report.missing == []
    assert report.strengths == ["Y1"]


def test_contributions_sum_to_the_total_and_explain_the_loss() -> None:
    report = run(BASE)
    assert round(sum(c.contribution for c in report.controls), 2) == report.trust_score
    assert round(sum(d.contribution for d in report.domains), 2) == report.trust_score
    m1 = control(report, "M1")
    assert (m1.lost_to_answer, m1.lost_to_evidence) == (18.75, 4.69)
    assert m1.contribution == 14.06
    assert report.gaps[0].control == "M1" and report.gaps[0].recoverable == 23.44


def test_not_applicable_leaves_the_denominator() -> None:
    answers = {**BASE, "C1": {"value": "not_applicable", "justification": "No such thing."}}
    report = run(answers)
    # d1 now has weight 3: Y1 = 25, M1 = 50. Trust: 25 + 50 * 0.5 * 0.75 = 43.75; d2 12.5
    assert control(report, "C1").status is ControlStatus.NOT_APPLICABLE
    assert control(report, "C1").max_points == 0.0
    assert report.trust_score == 56.25
    assert report.missing == []


def test_unanswered_earns_zero_stays_in_denominator_and_is_listed() -> None:
    answers = {k: v for k, v in BASE.items() if k != "C1"}
    report = run(answers)
    assert report.trust_score == 45.31         # 50 - 4.6875 = 45.3125
    assert report.missing == ["C1"]
    assert control(report, "C1").max_points == 18.75
    assert any(f.code == "unanswered" and f.controls == ["C1"] for f in report.flags)


def test_skipping_a_question_never_beats_answering_it_badly() -> None:
    worst = run({**BASE, "C1": "a"})
    skipped = run({k: v for k, v in BASE.items() if k != "C1"})
    assert skipped.trust_score <= worst.trust_score


def test_failed_knockout_caps_the_grade_and_comes_first() -> None:
    # One certificate per control: one cited for all four would exceed the reuse limit.
    perfect = {"Y1": {"value": "no"}}
    for cid, value in (("M1", 4), ("C1", "c"), ("N1", 3), ("P1", 95)):
        perfect[cid] = {"value": value, "evidence": [{**CERT, "title": f"Cert for {cid}"}]}
    report = run(perfect)
    assert report.trust_score == 81.25         # everything but Y1's 18.75
    assert report.score_grade == "A"
    assert report.grade == "C" and report.capped_by_knockouts
    assert report.knockouts[0].control == "Y1" and not report.knockouts[0].passed
    assert report.flags[0].code == "knockout-failed"


def test_unanswered_knockout_counts_as_failed() -> None:
    report = run({k: v for k, v in BASE.items() if k != "Y1"})
    assert report.knockouts[0].passed is False
    assert report.knockouts[0].detail == "not answered"


def test_expired_evidence_does_not_count_and_is_flagged() -> None:
    expired = {"kind": "certificate", "title": "Old cert", "expires": "2025-12-31"}
    report = run({**BASE, "Y1": {"value": "yes", "evidence": [expired]}},
                 as_of=dt.date(2026, 1, 1))
    assert control(report, "Y1").credibility == 0.5
    assert control(report, "Y1").contribution == 9.38     # 18.75 * 0.5 = 9.375
    assert any(f.code == "evidence-expired" for f in report.flags)
    before = run({**BASE, "Y1": {"value": "yes", "evidence": [expired]}},
                 as_of=dt.date(2025, 12, 31))
    assert control(before, "Y1").credibility == 1.0      # valid through its expiry date
    assert not any(f.code == "evidence-expired" for f in before.flags)


def test_future_dated_evidence_does_not_count() -> None:
    future = {"kind": "certificate", "title": "Cert", "issued": "2026-06-01"}
    report = run({**BASE, "Y1": {"value": "yes", "evidence": [future]}},
                 as_of=dt.date(2026, 1, 1))
    assert control(report, "Y1").credibility == 0.5
    assert any(f.code == "evidence-not-yet-valid" for f in report.flags)


def test_best_valid_evidence_tier_counts() -> None:
    report = run({**BASE, "M1": {"value": 2, "evidence": [POLICY, CERT]}})
    assert control(report, "M1").credibility == 1.0
    assert control(report, "M1").tier == "third"


def test_profile_reweights_domains() -> None:
    answers = {**BASE, "P1": {"value": 95, "evidence": [CERT]}}
    # d1 = 50 %, d2 = 75 % of their points
    assert run(answers).trust_score == 56.25            # 0.75 * 50 + 0.25 * 75
    report = run(answers, profile="p2")
    assert report.trust_score == 62.5                   # 0.5 * 50 + 0.5 * 75
    assert report.provenance.profile == "p2"
    assert run(answers).provenance.profile == "default"


def test_unknown_profile_is_a_usage_error_with_suggestion() -> None:
    with pytest.raises(UsageError, match="did you mean 'p2'"):
        run(BASE, profile="P2")
    with pytest.raises(UsageError, match="choose one of: default, p2"):
        run(BASE, profile="regulated")


def test_out_of_scope_control_is_not_scored() -> None:
    report = run(BASE, personal_data=False)
    assert control(report, "P1").status is ControlStatus.OUT_OF_SCOPE
    assert control(report, "N1").max_points == 25.0
    assert report.trust_score == 50.0                   # d1 37.5 + N1 25 * 2/4 * 1.0
    assert any(f.code == "answer-out-of-scope" and f.controls == ["P1"] for f in report.flags)


def test_confidence_low_without_verified_evidence() -> None:
    report = run({"Y1": "yes", "M1": 4, "C1": "c", "N1": 1, "P1": 100})
    assert report.claimed_score == 100.0
    assert report.trust_score == 50.0
    assert report.confidence is Confidence.LOW
    assert report.verified_share == 0.0


def test_number_bands_are_inclusive_thresholds() -> None:
    assert control(run({**BASE, "N1": 4}), "N1").level == 4.0
    assert control(run({**BASE, "N1": 4.01}), "N1").level == 2.0
    assert control(run({**BASE, "N1": 24}), "N1").level == 2.0
    assert control(run({**BASE, "N1": 1000}), "N1").level == 0.0
    assert control(run({**BASE, "P1": 89.99}), "P1").level == 2.0
    assert control(run({**BASE, "P1": 0}), "P1").level == 0.0


def test_provenance_is_complete() -> None:
    p = run(BASE).provenance
    assert p.rubric == "mini@1.0"
    assert p.rubric_sha256 == "r" * 64 and p.input_sha256 == "i" * 64
    assert p.as_of == AS_OF and p.assessed_on == dt.date(2026, 10, 1)
    assert p.tool == "trustscore" and p.tool_version


def test_a_bare_claim_earns_at_most_its_tiers_max_level() -> None:
    """With the self tier capped at level 2, a bare "yes" (4 of 4) earns what a bare
    half-way answer earns: 18.75 * 2/4 * 0.5 = 4.6875; the claimed score is unchanged."""
    tiers = [t.model_copy(update={"max_level": 2}) if t.id == "self" else t
             for t in RUBRIC.evidence.tiers]
    capped = RUBRIC.model_copy(update={"evidence": RUBRIC.evidence.model_copy(
        update={"tiers": tiers})})
    answers = {**BASE, "Y1": "yes"}
    plain = score(RUBRIC, Assessment.model_validate(mini_assessment(answers)), as_of=AS_OF,
                  profile=None, fingerprints=Fingerprints("r" * 64, "i" * 64))
    report = score(capped, Assessment.model_validate(mini_assessment(answers)), as_of=AS_OF,
                   profile=None, fingerprints=Fingerprints("r" * 64, "i" * 64))
    assert control(plain, "Y1").contribution == 9.38       # 18.75 * 0.5 = 9.375
    assert control(report, "Y1").contribution == 4.69      # 18.75 * 2/4 * 0.5
    assert control(report, "C1").contribution == 4.69      # level 2 already: unchanged
    assert control(report, "M1").contribution == 14.06     # a policy's tier has no cap
    assert report.claimed_score == plain.claimed_score
