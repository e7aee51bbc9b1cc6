"""``plan``: the cheapest steps from one file's current grade to a target."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trustscore.engine.gates import normalise_grade
from trustscore.engine.plan import make_plan
from trustscore.engine.score import Fingerprints
from trustscore.errors import UsageError
from trustscore.loading.load import load_for_scoring
from trustscore.models.plan import Plan
from trustscore.services.scoring import input_label


def plan_file(file: Path, rubric: str | None, profile: str | None, day: dt.date,
              target: str | None, target_score: float | None) -> Plan:
    """The plan to reach exactly one of a grade (``target``) or a score."""
    if (target is None) == (target_score is None):
        raise UsageError("give exactly one of --target GRADE or --target-score SCORE")
    assessment, loaded = load_for_scoring(file, rubric, label=input_label(file))
    grade = normalise_grade(loaded.rubric, target) if target is not None else None
    return make_plan(loaded.rubric, assessment.assessment, as_of=day, profile=profile,
                     fingerprints=Fingerprints(loaded.sha256, assessment.sha256,
                                               assessment.files, loaded.custom),
                     target_score=target_score, target_grade=grade)
