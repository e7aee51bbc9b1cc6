"""The method agrees with an experienced assessor (issue 12, item 8).

The expert grades in ``expert.yaml`` were committed before any case was scored. These
tests keep the method in line with them: most cases on the expert grade, the ranking in
agreement, every over-claimer named, and no honest firm doubted.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from trustscore.engine.score import Fingerprints, score
from trustscore.loading.load import load_rubric, read_assessment
from trustscore.models.assessment import Assessment
from trustscore.models.flags import FlagEffect, Severity
from trustscore.models.report import Report

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.yaml"))
EXPERT: dict[str, dict[str, object]] = yaml.safe_load(
    (HERE / "expert.yaml").read_text(encoding="utf-8"))
AS_OF = dt.date(2026, 11, 1)
ORDINAL = {grade: n for n, grade in enumerate("FDCBA")}

DOUBTING = {FlagEffect.NEEDS_VERIFICATION, FlagEffect.NOT_COUNTED, FlagEffect.DOWNGRADED,
            FlagEffect.CAPPED}
"""Effects of a flag that tells a buyer a claim did not hold up."""

HONEST_EXCEPTIONS = {"evidence-expiring-soon", "unanswered", "knockout-failed"}
"""Warnings an honest firm can carry without being doubted: a renewal due, a question left
open, a control it candidly failed."""


@cache
def report(name: str) -> Report:
    path = HERE / "cases" / f"{name}.yaml"
    assessment = Assessment.model_validate(read_assessment(path).data)
    rubric = load_rubric(assessment.rubric).rubric
    return score(rubric, assessment, as_of=AS_OF, profile=None,
                 fingerprints=Fingerprints("r", "i"))


def kendall_tau_b(xs: list[float], ys: list[float]) -> float:
    """Kendall's tau-b: rank agreement that allows ties (the expert gives grades, so many
    cases tie)."""
    concordant = discordant = ties_x = ties_y = 0
    for (x1, y1), (x2, y2) in combinations(zip(xs, ys, strict=True), 2):
        dx, dy = x1 - x2, y1 - y2
        if dx == 0 and dy == 0:
            continue
        if dx == 0:
            ties_x += 1
        elif dy == 0:
            ties_y += 1
        elif (dx > 0) == (dy > 0):
            concordant += 1
        else:
            discordant += 1
    n = concordant + discordant
    return (concordant - discordant) / (((n + ties_x) * (n + ties_y)) ** 0.5)


def test_the_set_is_large_and_every_case_has_an_expert_grade() -> None:
    names = {p.stem for p in CASES}
    assert len(names) >= 12
    assert names == set(EXPERT)
    assert all(EXPERT[n]["grade"] in ORDINAL and EXPERT[n]["why"] for n in names)


def test_kendall_tau_b_by_hand() -> None:
    assert kendall_tau_b([1, 2, 3], [1, 2, 3]) == 1.0
    assert kendall_tau_b([1, 2, 3], [3, 2, 1]) == -1.0
    # pairs: (1,2) concordant, (1,3) tie in y, (2,3) tie in y... x = [1,2,3], y = [1,2,2]
    # C = 2, D = 0, ties only in y = 1: 2 / sqrt((2 + 0) * (2 + 1)) = 0.8165
    assert round(kendall_tau_b([1, 2, 3], [1, 2, 2]), 4) == 0.8165


def test_most_cases_land_on_the_expert_grade() -> None:
    missed = {p.stem: (EXPERT[p.stem]["grade"], report(p.stem).grade,
                       report(p.stem).trust_score)
              for p in CASES if report(p.stem).grade != EXPERT[p.stem]["grade"]}
    agreement = 1 - len(missed) / len(CASES)
    assert agreement >= 0.8, f"agreement {agreement:.0%}; missed (expert, got): {missed}"


def test_the_ranking_agrees_with_the_expert_ranking() -> None:
    names = [p.stem for p in CASES]
    tau = kendall_tau_b([ORDINAL[str(EXPERT[n]["grade"])] for n in names],
                        [report(n).trust_score for n in names])
    assert tau >= 0.8, f"Kendall tau-b {tau:.3f}"


def named(r: Report) -> list[str]:
    """What in the report tells a buyer that something does not add up."""
    said = ["needs verification"] if r.needs_verification else []
    said += [f.code for f in r.flags if f.severity in (Severity.CRITICAL, Severity.WARNING)
             and f.effect in DOUBTING and f.code not in HONEST_EXCEPTIONS]
    return said + [f"headline: {w}" for w in r.warnings]


@pytest.mark.parametrize("name", [p.stem for p in CASES])
def test_over_claimers_are_named_and_honest_firms_are_not_doubted(name: str) -> None:
    r = report(name)
    if EXPERT[name]["named"]:
        assert named(r), f"{name}: an over-claimer with nothing in its report to say so"
    else:
        assert not r.needs_verification
        assert named(r) == [], f"{name}: an honest firm doubted: {named(r)}"


@pytest.mark.parametrize("name", [n for n in EXPERT if EXPERT[n]["named"]])
def test_no_over_claimer_gains_more_than_a_grade_or_reaches_b(name: str) -> None:
    """Over-claiming never pays much: a case built to game the score lands at most one
    grade above the expert's, and never on B or better."""
    got = ORDINAL[report(name).grade]
    assert got <= ORDINAL[str(EXPERT[name]["grade"])] + 1
    assert got < ORDINAL["B"]
