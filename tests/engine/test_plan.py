"""plan: following it reaches the score and grade it promises, knockouts first."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import SAMPLES
from trustscore.cli.app import app
from trustscore.loading.load import read_assessment

runner = CliRunner()
AS_OF = "2026-11-01"
NEXT_GRADE = {"northwind-certified": None, "danube-eu-personal-data": "A",
              "sana-iqbal-freelancer": "A", "meridian-midsize-gaps": "B",
              "harbor-expired-knockout": "B", "apex-overclaims": "C",
              "quickbuild-startup": "C", "lotus-honest-weak": "D"}


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def follow(data: dict[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any]:
    """Apply a plan's steps to a copy of an assessment, as a vendor would."""
    data = copy.deepcopy(data)
    for step in steps:
        old = data["answers"].get(step["control"])
        answer = old if isinstance(old, dict) else ({} if old is None else {"value": old})
        if step["set_value"] is not None:
            answer["value"] = step["set_value"]
        if step["add_evidence"] is not None:
            item = {k: v for k, v in step["add_evidence"].items() if v is not None}
            answer.setdefault("evidence", []).append(item)
        data["answers"][step["control"]] = answer
    return data


@pytest.mark.parametrize("name", sorted(NEXT_GRADE))
def test_following_the_plan_reaches_the_promised_score_and_grade(name: str,
                                                                 tmp_path: Path) -> None:
    path = SAMPLES / f"{name}.yaml"
    target = ["--target", NEXT_GRADE[name]] if NEXT_GRADE[name] else ["--target-score", "89"]
    code, out, _ = invoke("plan", str(path), *target, "--as-of", AS_OF, "--format", "json")
    plan = json.loads(out)
    assert code == 0 and plan["reachable"] is True
    assert plan["final_score"] >= plan["target_score"]
    scores = [s["trust_after"] for s in plan["steps"]]
    assert scores == sorted(scores) and all(s["gain"] > 0 for s in plan["steps"])
    followed = tmp_path / "followed.yaml"
    followed.write_text(yaml.safe_dump(follow(read_assessment(path).data, plan["steps"]),
                                       sort_keys=False, allow_unicode=True), encoding="utf-8")
    code, out, err = invoke("score", str(followed), "--as-of", AS_OF, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["trust_score"] == plan["final_score"]
    assert report["grade"] == plan["final_grade"]
    if NEXT_GRADE[name]:
        assert report["grade"] <= NEXT_GRADE[name]            # A < B < ... alphabetically


def _all_best(name: str) -> tuple[float, float]:
    """(score with every applicable control at its best answer plus the evidence the plan
    suggests for it, the plan's best reachable score) for a sample."""
    import datetime as dt

    from trustscore.engine.plan import best_value, make_plan, proof_for
    from trustscore.engine.score import Fingerprints, applies, evaluate
    from trustscore.loading.load import load_for_scoring
    from trustscore.models.assessment import NOT_APPLICABLE, Answer

    day = dt.date.fromisoformat(AS_OF)
    loaded, rubric_file = load_for_scoring(SAMPLES / f"{name}.yaml", None)
    assessment, rubric = loaded.assessment, rubric_file.rubric
    answers = dict(assessment.answers)
    for control in rubric.controls():
        old = answers.get(control.id)
        if not applies(control.applies_when, assessment.scope) or (
                old is not None and old.value == NOT_APPLICABLE):
            continue
        evidence = [*(old.evidence if old else []), proof_for(control, rubric,
                                                                assessment.assessed_on)]
        answers[control.id] = Answer(value=best_value(control), evidence=evidence[-50:])
    fingerprints = Fingerprints(rubric_file.sha256, loaded.sha256)
    best = evaluate(rubric, assessment.model_copy(update={"answers": answers}), as_of=day,
                    profile=None, fingerprints=fingerprints)
    plan = make_plan(rubric, assessment, as_of=day, profile=None, fingerprints=fingerprints,
                     target_score=100, target_grade=None)
    return best.trust_score, plan.final_score


@pytest.mark.parametrize("name", sorted(NEXT_GRADE))
def test_the_plan_never_stops_short_of_every_best_answer(name: str) -> None:
    """Item 7: the search goes on while any step still gains points, so its best reachable
    score is at least that of answering everything at best with its suggested evidence."""
    everything, reachable = _all_best(name)
    assert reachable >= everything, (reachable, everything)


def test_each_step_names_its_answer_and_a_fitting_evidence_kind(tmp_path: Path) -> None:
    from trustscore.loading.load import load_rubric

    com_01 = next(c for c in load_rubric("it-services").rubric.controls() if c.id == "COM-01")
    data = read_assessment(SAMPLES / "lotus-honest-weak.yaml").data
    data["answers"].pop("COM-01", None)
    path = tmp_path / "lotus.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out, _ = invoke("plan", str(path), "--target-score", "100", "--as-of", AS_OF,
                          "-f", "json")
    assert code == 1                        # 100 is out of reach; the steps still come
    steps = json.loads(out)["steps"]
    by_control: dict[str, list[dict[str, Any]]] = {}
    for step in steps:
        by_control.setdefault(step["control"], []).append(step)
        assert step["answer"] is not None and step["effort"] in {"low", "medium", "high"}
        if step["kind"] == "prove":
            assert step["current_answer"] is not None and step["set_value"] is None
            assert step["answer"] == step["current_answer"] or any(
                s["set_value"] == step["answer"] for s in by_control[step["control"]])
    first = by_control["COM-01"][0]          # unanswered: improved at its own effort first
    assert first["kind"] == "improve" and first["current_answer"] is None
    from trustscore.engine.plan import best_value

    assert first["set_value"] == first["answer"] == best_value(com_01)
    assert first["effort"] == com_01.remediation.effort.value
    kinds = {s["add_evidence"]["kind"] for s in by_control["COM-01"] if s["add_evidence"]}
    assert kinds <= {"contract_template", "signed_contract"}, kinds  # "SLA template or ..."
    # every suggestion is of a kind that can attest its control: no audit report for an
    # SLA, no certificate for on-time delivery
    from trustscore.engine.evidence import within_reach

    rubric = load_rubric("it-services").rubric
    domain_of = {c.id: d.id for d in rubric.domains for c in d.controls}
    suggested = [(s["control"], s["add_evidence"]["kind"]) for s in steps if s["add_evidence"]]
    assert suggested
    assert all(within_reach(rubric.evidence.kinds[kind], control, domain_of[control])
               for control, kind in suggested), suggested


def test_fifty_evidence_items_do_not_crash_the_plan(tmp_path: Path) -> None:
    """Item 19: an answer holds at most 50 items; the plan never proposes a 51st."""
    data = read_assessment(SAMPLES / "quickbuild-startup.yaml").data
    data["answers"]["SEC-03"] = {"value": 97, "evidence": [
        {"kind": "policy", "title": f"Policy page {i}"} for i in range(50)]}
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out, err = invoke("plan", str(path), "--target-score", "100", "--as-of", AS_OF,
                            "-f", "json")
    assert code == 1, err
    assert all(not (s["control"] == "SEC-03" and s["add_evidence"])
               for s in json.loads(out)["steps"])


def test_failed_knockouts_are_always_the_first_steps() -> None:
    code, out, _ = invoke("plan", str(SAMPLES / "harbor-expired-knockout.yaml"), "--target",
                          "B", "--as-of", AS_OF, "--format", "json")
    plan = json.loads(out)
    assert code == 0
    assert [(s["kind"], s["control"]) for s in plan["steps"][:2]] == [
        ("fix_knockout", "GOV-04"), ("fix_knockout", "DAT-01")]
    assert "fix_knockout" not in {s["kind"] for s in plan["steps"][2:]}
    # for a C the knockouts still come first, and the plan stops once C is reached
    code, out, _ = invoke("plan", str(SAMPLES / "harbor-expired-knockout.yaml"), "--target",
                          "C", "--as-of", AS_OF, "--format", "json")
    steps = json.loads(out)["steps"]
    kinds = [s["kind"] for s in steps]
    assert kinds[0] == "fix_knockout" and "fix_knockout" not in kinds[kinds.count(
        "fix_knockout"):]
    assert steps[-1]["grade_after"] == "C"
    assert all(s["grade_after"] != "C" for s in steps[:-1])


def test_attaching_evidence_counts_as_a_step() -> None:
    code, out, _ = invoke("plan", str(SAMPLES / "meridian-midsize-gaps.yaml"), "--target", "B",
                          "--as-of", AS_OF, "--format", "json")
    kinds = {s["kind"] for s in json.loads(out)["steps"]}
    assert code == 0 and "prove" in kinds


def test_an_impossible_target_is_reported_with_the_best_reachable() -> None:
    args = ["plan", str(SAMPLES / "lotus-honest-weak.yaml"), "--target-score", "99",
            "--as-of", AS_OF]
    code, out, _ = invoke(*args)
    assert code == 1
    assert "cannot be reached" in out and "Best reachable:" in out
    plan = json.loads(invoke(*args, "--format", "json")[1])
    assert plan["reachable"] is False and plan["final_score"] < 99


def test_already_at_the_target_and_bad_options() -> None:
    code, out, _ = invoke("plan", str(SAMPLES / "northwind-certified.yaml"), "--target", "B",
                          "--as-of", AS_OF)
    assert code == 0 and "Already at the target." in out
    assert invoke("plan", str(SAMPLES / "northwind-certified.yaml"))[0] == 2
    assert invoke("plan", str(SAMPLES / "northwind-certified.yaml"), "--target", "A",
                  "--target-score", "90")[0] == 2
    code, _, err = invoke("plan", str(SAMPLES / "northwind-certified.yaml"), "--target", "Z")
    assert code == 2 and "not a grade" in err


# --------------------------------------------------------------------------- HTML


