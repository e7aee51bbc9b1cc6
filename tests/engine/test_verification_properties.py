"""Invariants of rules, evidence checks and over-claiming, on the real default rubric.

Answers and evidence are generated from the rubric itself, so every control, rule and
pattern is exercised with values a vendor could really write.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, examples
from trustscore.engine.score import Fingerprints, score
from trustscore.loading.load import load_rubric, read_assessment
from trustscore.models.assessment import Assessment
from trustscore.models.report import Report
from trustscore.models.rubric import AnswerType, Control, Rubric

IT = load_rubric("it-services").rubric
HEAD = {k: v for k, v in read_assessment(SAMPLES / "northwind-certified.yaml").data.items()
        if k != "answers"}
KINDS = sorted(IT.evidence.kinds)
AS_OF = dt.date(2026, 11, 1)
SETTINGS = settings(max_examples=examples(100), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def values(control: Control) -> st.SearchStrategy[Any]:
    spec = control.answer
    if spec.type is AnswerType.YES_NO:
        base: st.SearchStrategy[Any] = st.sampled_from(["yes", "no"])
    elif spec.type is AnswerType.MATURITY:
        base = st.integers(0, 4)
    elif spec.type is AnswerType.CHOICE:
        base = st.sampled_from([o.value for o in spec.options or []])
    else:
        thresholds = [b.at_least if b.at_least is not None else b.at_most
                      for b in spec.bands or []]
        high = spec.maximum if spec.maximum is not None else (
            100 if spec.type is AnswerType.PERCENT else 1000)
        base = st.one_of(st.sampled_from([t for t in thresholds if t is not None] + [0]),
                         st.floats(0, high, allow_nan=False))
    return base


dates = st.dates(dt.date(2023, 1, 1), dt.date(2029, 12, 31)).map(dt.date.isoformat)
items = st.fixed_dictionaries(
    {"kind": st.sampled_from(KINDS), "title": st.sampled_from(
        ["Export", "Policy", "ISO/IEC 27001:2013 certificate", "SOC 2 certified", "Report"])},
    optional={"reference": st.just("REF-1"), "issuer": st.just("Issuer Ltd"),
              "issued": dates, "expires": dates})


@st.composite
def assessments(draw: st.DrawFn) -> dict[str, Any]:
    answers = {}
    for control in IT.controls():
        if draw(st.integers(0, 9)) == 0:
            continue                                    # unanswered
        answers[control.id] = {"value": draw(values(control)),
                               "evidence": draw(st.lists(items, max_size=2))}
    head = dict(HEAD)
    head["vendor"] = {**HEAD["vendor"], "headcount": draw(st.sampled_from([5, 40, 300]))}
    head["scope"] = {**HEAD["scope"],
                     "processes_client_personal_data": draw(st.booleans()),
                     "hosts_client_systems": draw(st.booleans()),
                     "handles_card_data": draw(st.booleans())}
    return {**head, "answers": answers}


def run(data: dict[str, Any], rubric: Rubric = IT) -> Report:
    return score(rubric, Assessment.model_validate(data), as_of=AS_OF, profile=None,
                 fingerprints=Fingerprints("r", "i"))


@SETTINGS
@given(assessments(), st.data())
def test_valid_third_party_evidence_never_lowers_the_trust_score(
        data: dict[str, Any], draw: st.DataObject) -> None:
    answered = sorted(data["answers"])
    if not answered:
        return
    cid = draw.draw(st.sampled_from(answered))
    proof = {"kind": "audit_report", "title": f"Independent audit of {cid}",
             "reference": f"AUD-{cid}", "issuer": "Example Auditors LLP",
             "issued": "2026-06-01", "expires": "2027-06-01"}
    before = run(data)
    stronger = {**data, "answers": {**data["answers"], cid: {
        **data["answers"][cid], "evidence": [*data["answers"][cid]["evidence"], proof]}}}
    after = run(stronger)
    assert after.trust_score >= before.trust_score
    assert after.verified_share >= before.verified_share


@SETTINGS
@given(assessments())
def test_rules_only_ever_take_points_away(data: dict[str, Any]) -> None:
    report = run(data)
    fired = {f.rule for f in report.flags if f.rule}
    without_all = run(data, IT.model_copy(update={"rules": []}))
    assert without_all.trust_score >= report.trust_score
    assert without_all.claimed_score >= report.claimed_score
    for rule_id in sorted(fired):
        fewer = IT.model_copy(update={"rules": [r for r in IT.rules if r.id != rule_id]})
        assert run(data, fewer).trust_score >= report.trust_score


@SETTINGS
@given(assessments())
def test_over_claiming_never_changes_points(data: dict[str, Any]) -> None:
    report = run(data)
    plain = run(data, IT.model_copy(update={"overclaiming": None}))
    assert plain.trust_score == report.trust_score
    assert plain.claimed_score == report.claimed_score
    order = ["high", "medium", "low"]
    assert order.index(report.confidence.value) >= order.index(plain.confidence.value)


@SETTINGS
@given(assessments())
def test_scores_stay_in_range_and_add_up_on_the_real_rubric(data: dict[str, Any]) -> None:
    report = run(data)
    assert 0 <= report.trust_score <= report.claimed_score <= 100
    assert round(sum(c.contribution * 100 for c in report.controls)) == round(
        report.trust_score * 100)
    for c in report.controls:
        assert 0 <= c.contribution <= c.claimed_points <= c.max_points
    assert report.needs_verification == any(
        f.effect.value == "needs_verification" for f in report.flags)
