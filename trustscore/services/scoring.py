"""Scoring one file, or several at once, from a path to a :class:`Report`.

The one place that knows the "as of its own date" rule: a file scored with no date (the
old side of ``diff``) is judged on the day it says it was assessed, not today, so its
evidence does not expire after the fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from trustscore.engine.gates import failed_gates
from trustscore.engine.score import Fingerprints
from trustscore.engine.score import score as score_assessment
from trustscore.errors import InputError, Problem
from trustscore.loading.discover import shown
from trustscore.loading.load import load_for_scoring
from trustscore.models.report import Report
from trustscore.models.rubric import Rubric


@dataclass(frozen=True)
class ScoredFile:
    """A report and the rubric it was scored against."""

    report: Report
    rubric: Rubric


@dataclass(frozen=True)
class GatedReport:
    """A report and the gates (``--fail-under``, ``--min-grade``) it failed, in words."""

    report: Report
    failed_gates: list[str]


def input_label(file: Path, stdin_filename: str | None = None) -> str:
    """How messages name an input: its path, or ``<stdin>`` (``--stdin-filename``) for ``-``."""
    if str(file) == "-":
        return shown(stdin_filename or "<stdin>")
    return shown(str(file))


def score_file(file: Path, rubric: str | None, profile: str | None, day: dt.date | None,
               label: str | None = None) -> ScoredFile:
    """Load and fully score one file (``day`` None: as of its own assessment date)."""
    assessment, loaded = load_for_scoring(file, rubric, label=label or input_label(file))
    report = score_assessment(loaded.rubric, assessment.assessment,
                              as_of=day or assessment.assessment.assessed_on, profile=profile,
                              fingerprints=Fingerprints(loaded.sha256, assessment.sha256,
                                                        assessment.files, loaded.custom))
    return ScoredFile(report, loaded.rubric)


def score_gated(file: Path, rubric: str | None, profile: str | None, day: dt.date,
                label: str, fail_under: float | None, min_grade: str | None) -> GatedReport:
    """``score``: one file's report and the gates it failed."""
    scored = score_file(file, rubric, profile, day, label)
    return GatedReport(scored.report, failed_gates(
        scored.report.trust_score, scored.report.grade, scored.rubric, fail_under, min_grade))


def score_files(files: Sequence[tuple[Path, dt.date | None]], rubric: str | None,
                profile: str | None) -> list[ScoredFile]:
    """Score every file, or report the problems of all the bad ones at once."""
    problems: list[Problem] = []
    scored = []
    for file, day in files:
        try:
            scored.append(score_file(file, rubric, profile, day))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return scored
