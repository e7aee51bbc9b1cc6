"""Scoring one file, or several at once, from a path to a :class:`Report`.

The one place that knows the "as of its own date" rule: a file scored with no date (the
old side of ``diff``) is judged on the day it says it was assessed, not today, so its
evidence does not expire after the fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trustscore.engine.gates import failed_gates
from trustscore.engine.review import score_reviewed
from trustscore.engine.score import Fingerprints
from trustscore.engine.score import score as score_assessment
from trustscore.errors import InputError, Problem, UsageError
from trustscore.loading.discover import shown
from trustscore.loading.load import load_for_scoring
from trustscore.loading.review import load_review, read_review, review_beside
from trustscore.models.assessment import Assessment
from trustscore.models.report import Report
from trustscore.models.rubric import Rubric


@dataclass(frozen=True)
class ReviewChoice:
    """Which buyer's review applies to which assessment: the one given (``score``), the
    ones matched by the assessment hash they name (``compare``, ``diff``), or the one beside
    each file by name (``batch``)."""

    path: Path | None = None
    by_hash: Mapping[str, Path] = field(default_factory=dict)
    beside: bool = False

    def of(self, file: Path, sha256: str) -> Path | None:
        """The review of the assessment ``file`` whose bytes hash to ``sha256``, if any."""
        if self.path is not None:
            return self.path
        if sha256 in self.by_hash:
            return self.by_hash[sha256]
        if self.beside and str(file) != "-":
            candidate = review_beside(file)
            return candidate if candidate.is_file() else None
        return None


def reviews_by_hash(paths: Sequence[Path]) -> ReviewChoice:
    """Reviews keyed by the assessment each names; two of one assessment are refused."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    for path in paths:
        try:
            doc, review = read_review(path, input_label(path))
        except InputError as exc:
            problems += exc.problems
            continue
        sha = review.review.assessment_sha256
        if sha in found:
            problems.append(doc.problem(("review", "assessment_sha256"),
                                        f"reviews the same assessment as {shown(str(found[sha]))}",
                                        "give one review per assessment"))
        found.setdefault(sha, path)
    if problems:
        raise InputError(problems)
    return ReviewChoice(by_hash=found)


@dataclass(frozen=True)
class ScoredFile:
    """A report and the rubric it was scored against."""

    report: Report
    rubric: Rubric
    review: Path | None = None
    """The review applied, if any."""
    assessment: Assessment | None = None
    """The assessment as scored (``review init`` lists its evidence)."""


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
               label: str | None = None, reviews: ReviewChoice | None = None) -> ScoredFile:
    """Load and fully score one file (``day`` None: as of its own assessment date), with
    the buyer's review of it applied when ``reviews`` has one."""
    chosen = reviews.path if reviews is not None else None
    if chosen is not None and str(chosen) == "-" and str(file) == "-":
        raise UsageError("standard input ('-') can be read only once: give the review or "
                         "the assessment as a file")
    assessment, loaded = load_for_scoring(file, rubric, label=label or input_label(file))
    as_of = day or assessment.assessment.assessed_on
    review = reviews.of(file, assessment.sha256) if reviews is not None else None
    if review is None:
        report = score_assessment(loaded.rubric, assessment.assessment, as_of=as_of,
                                  profile=profile,
                                  fingerprints=Fingerprints(loaded.sha256, assessment.sha256,
                                                            assessment.files, loaded.custom))
        return ScoredFile(report, loaded.rubric, None, assessment.assessment)
    bound = load_review(review, input_label(review), assessment, loaded.rubric)
    report = score_reviewed(loaded.rubric, assessment.assessment, as_of=as_of,
                            profile=profile,
                            fingerprints=Fingerprints(loaded.sha256, assessment.sha256,
                                                      assessment.files, loaded.custom,
                                                      bound.label, bound.sha256),
                            review=bound.review)
    return ScoredFile(report, loaded.rubric, review, assessment.assessment)


def score_gated(file: Path, rubric: str | None, profile: str | None, day: dt.date,
                label: str, fail_under: float | None, min_grade: str | None,
                review: Path | None = None) -> GatedReport:
    """``score``: one file's report and the gates it failed."""
    scored = score_file(file, rubric, profile, day, label, ReviewChoice(path=review))
    return GatedReport(scored.report, failed_gates(
        scored.report.trust_score, scored.report.grade, scored.rubric, fail_under, min_grade))


def score_files(files: Sequence[tuple[Path, dt.date | None]], rubric: str | None,
                profile: str | None, reviews: Sequence[Path] = ()) -> list[ScoredFile]:
    """Score every file, each with the review that names it, or report the problems of
    all the bad ones at once; a review that names none of the files is one of them."""
    choice = reviews_by_hash(reviews)
    problems: list[Problem] = []
    scored = []
    for file, day in files:
        try:
            scored.append(score_file(file, rubric, profile, day, reviews=choice))
        except InputError as exc:
            problems += exc.problems
    used = {s.review for s in scored}
    for path in reviews:
        if path not in used and not problems:
            problems.append(Problem(input_label(path), 0, 0, "this review is of none of the "
                                    "assessments given (its assessment_sha256 matches none)",
                                    "give the assessment it was written for, or leave the "
                                    "review out"))
    if problems:
        raise InputError(problems)
    return scored
