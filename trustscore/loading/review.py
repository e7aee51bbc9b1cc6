"""Load a buyer's review file: safe YAML, the review model, and its binding to the exact
assessment it reviews, every problem positioned in the review file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trustscore.errors import InputError, Problem
from trustscore.loading.load import ASSESSMENT_LIMITS, LoadedAssessment, validate_model
from trustscore.loading.problems import describe, from_path_problems
from trustscore.loading.yaml_source import SourceDocument, load_yaml_file
from trustscore.models.review import REVIEW_SUFFIX, Review
from trustscore.models.review_checks import check_review
from trustscore.models.rubric import Rubric


@dataclass(frozen=True)
class LoadedReview:
    """A validated review, bound to its assessment, and the hash of its bytes."""

    review: Review
    sha256: str
    label: str


def read_review(path: Path, label: str) -> tuple[SourceDocument, Review]:
    """Parse and validate a review file on its own (``validate`` and the loaders)."""
    doc = load_yaml_file(path, label, ASSESSMENT_LIMITS)
    return doc, review_from(doc)


def looks_like_review(doc: SourceDocument) -> bool:
    """A parsed file that is a review, not an assessment, whatever its name."""
    return isinstance(doc.data, dict) and "review" in doc.data and "vendor" not in doc.data


def review_from(doc: SourceDocument) -> Review:
    """The review model of a parsed file, every problem positioned."""
    if not isinstance(doc.data, dict):
        raise InputError([Problem(doc.label, *doc.locate(()),
                                  f"a review must be a mapping of 'key: value' lines, got "
                                  f"{describe(doc.data)}",
                                  "start from the checklist: trustscore review init FILE")])
    if "vendor" in doc.data and "review" not in doc.data:
        raise InputError([Problem(doc.label, *doc.locate(()),
                                  "this is a self-assessment, not a buyer's review",
                                  "pass the review written by 'trustscore review init FILE' "
                                  "and filled in by the reviewer")])
    return validate_model(doc, Review)


def load_review(path: Path, label: str, assessment: LoadedAssessment,
                rubric: Rubric) -> LoadedReview:
    """The review of ``assessment``, refused when it was written for other bytes."""
    doc, review = read_review(path, label)
    found = check_review(review, assessment.assessment, assessment.sha256, assessment.source,
                         rubric)
    if found:
        raise InputError(from_path_problems(found, doc))
    return LoadedReview(review, doc.sha256, label)


def review_beside(assessment: Path) -> Path:
    """Where the review of an assessment file lives: ``vendor.yaml`` -> ``vendor.review.yaml``."""
    name = assessment.name
    stem = name[:-len(assessment.suffix)] if assessment.suffix else name
    return assessment.with_name(stem + REVIEW_SUFFIX)


def is_review_file(path: Path) -> bool:
    """A review file by its name: never an assessment to score."""
    return path.name.lower().endswith(REVIEW_SUFFIX)


def assessment_beside(review: Path) -> Path | None:
    """The assessment a review file is named for (``vendor.review.yaml`` -> ``vendor.yaml``),
    or None when the name does not follow the convention."""
    if not is_review_file(review):
        return None
    return review.with_name(review.name[:-len(REVIEW_SUFFIX)] + ".yaml")
