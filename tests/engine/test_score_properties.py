"""Invariants of the scoring method, checked on generated assessments of the mini rubric."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI_RUBRIC, examples, mini_assessment
from trustscore.engine.score import Fingerprints, score
from trustscore.loading.load import load_rubric
from trustscore.models.assessment import Assessment
from trustscore.models.report import Report
from trustscore.render.json import render_json

RUBRIC = load_rubric(str(MINI_RUBRIC)).rubric
GRADES = RUBRIC.grade_order()

# Values of each control from worst to best.
LADDERS: dict[str, list[Any]] = {
    "Y1": ["no", "yes"],
    "M1": [0, 1, 2, 3, 4],
    "C1": ["a", "b", "c"],
    "N1": [1000, 24, 4, 0],
    "P1": [0, 50, 90, 100],
}
KINDS = ["note", "policy", "certificate"]

dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def evidence(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": draw(st.sampled_from(KINDS)), "title": "Evidence"}
    if draw(st.booleans()):
        item["issued"] = draw(dates).isoformat()
    if draw(st.booleans()):
        item["expires"] = draw(dates).isoformat()
    return item


@st.composite
def answer(draw: st.DrawFn, cid: str) -> Any:
    ladder = LADDERS[cid]
    if cid == "C1" and draw(st.integers(0, 9)) == 0:
        return {"value": "not_applicable", "justification": "Not used here."}
    if cid in ("N1", "P1") and draw(st.booleans()):
        value: Any = draw(st.floats(0, 100 if cid == "P1" else 2000, allow_nan=False))
    else:
        value = draw(st.sampled_from(ladder))
    return {"value": value, "evidence": draw(st.lists(evidence(), max_size=3))}


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    result = {}
    for cid in LADDERS:
        if draw(st.integers(0, 5)) > 0:      # sometimes unanswered
            result[cid] = draw(answer(cid))
    return result


def run(ans: dict[str, Any], as_of: dt.date, profile: str | None = None,
        personal_data: bool = True) -> Report:
    assessment = Assessment.model_validate(mini_assessment(ans, personal_data=personal_data))
    return score(RUBRIC, assessment, as_of=as_of, profile=profile,
                 fingerprints=Fingerprints("0" * 64, "1" * 64))


profiles = st.sampled_from([None, "p2"])


@settings(max_examples=examples(300), deadline=None)
@given(answers(), dates, profiles, st.booleans())
def test_scores_stay_in_range_and_add_up(ans: dict[str, Any], as_of: dt.date,
                                         profile: str | None, personal: bool) -> None:
    report = run(ans, as_of, profile, personal)
    assert 0 <= report.trust_score <= report.claimed_score <= 100
    assert round(report.claimed_score - report.trust_score, 2) == report.gap
    cents = round(sum(c.contribution * 100 for c in report.controls))
    assert cents == round(report.trust_score * 100)
    assert round(sum(d.contribution * 100 for d in report.domains)) == cents
    for c in report.controls:
        assert 0 <= c.contribution <= c.claimed_points <= c.max_points
    for d in report.domains:
        if d.trust_score is not None:
            assert 0 <= d.trust_score <= 100
    assert report.grade in GRADES
    assert GRADES.index(report.grade) >= GRADES.index(report.score_grade)


@settings(max_examples=examples(100), deadline=None)
@given(answers(), dates, profiles)
def test_same_inputs_give_byte_identical_json(ans: dict[str, Any], as_of: dt.date,
                                             profile: str | None) -> None:
    assert render_json(run(ans, as_of, profile)) == render_json(run(ans, as_of, profile))


@settings(max_examples=examples(300), deadline=None)
@given(answers(), dates, profiles, st.sampled_from(sorted(LADDERS)), st.data())
def test_a_better_answer_never_lowers_the_score_or_grade(
        ans: dict[str, Any], as_of: dt.date, profile: str | None, cid: str,
        data: st.DataObject) -> None:
    ladder = LADDERS[cid]
    low = data.draw(st.integers(0, len(ladder) - 2))
    high = data.draw(st.integers(low + 1, len(ladder) - 1))
    evidence_items = data.draw(st.lists(evidence(), max_size=2))
    worse = {**ans, cid: {"value": ladder[low], "evidence": evidence_items}}
    better = {**ans, cid: {"value": ladder[high], "evidence": evidence_items}}
    a, b = run(worse, as_of, profile), run(better, as_of, profile)
    assert b.trust_score >= a.trust_score
    assert b.claimed_score >= a.claimed_score
    assert GRADES.index(b.grade) <= GRADES.index(a.grade)


@settings(max_examples=examples(300), deadline=None)
@given(answers(), dates, profiles, st.sampled_from(sorted(LADDERS)))
def test_valid_third_party_evidence_never_lowers_the_score(
        ans: dict[str, Any], as_of: dt.date, profile: str | None, cid: str) -> None:
    if cid not in ans or ans[cid]["value"] == "not_applicable":
        return
    proof = {"kind": "certificate", "title": "Independent proof",
             "issued": (as_of - dt.timedelta(days=30)).isoformat(),
             "expires": (as_of + dt.timedelta(days=365)).isoformat()}
    stronger = {**ans, cid: {**ans[cid], "evidence": [*ans[cid]["evidence"], proof]}}
    before, after = run(ans, as_of, profile), run(stronger, as_of, profile)
    assert after.trust_score >= before.trust_score
    assert after.claimed_score == before.claimed_score
    assert after.verified_share >= before.verified_share


@settings(max_examples=examples(200), deadline=None)
@given(answers(), dates, st.sampled_from(sorted(LADDERS)))
def test_leaving_a_question_unanswered_never_helps(ans: dict[str, Any], as_of: dt.date,
                                                   cid: str) -> None:
    if cid not in ans:
        return
    skipped = {k: v for k, v in ans.items() if k != cid}
    if ans[cid]["value"] == "not_applicable":
        return
    assert run(skipped, as_of).trust_score <= run(ans, as_of).trust_score
