"""``validate``: check many self-assessments against their rubrics without scoring them.

A file that fails becomes a value (a ``FileCheck`` with its problems), never an exception,
so one bad file does not stop the others from being checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from trustscore.errors import InputError, UsageError
from trustscore.loading.discover import shown
from trustscore.loading.load import (
    LoadedRubric,
    load_rubric,
    read_assessment,
    rubric_for,
    rubric_ref_of,
    validate_assessment,
)
from trustscore.loading.review import (
    assessment_beside,
    is_review_file,
    load_review,
    looks_like_review,
    read_review,
    review_from,
)
from trustscore.models.validation import FileCheck, ProblemRecord, ValidationReport


def check_files(paths: Iterable[Path | tuple[Path, str]],
                rubric_ref: str | None) -> ValidationReport:
    """Check each file (a path, or a path and the label messages call it by); an explicit
    ``rubric_ref`` is loaded once and applies to all."""
    paths = list(paths)
    if sum(str(p[0] if isinstance(p, tuple) else p) == "-" for p in paths) > 1:
        raise UsageError("standard input ('-') can be read only once")
    explicit = load_rubric(rubric_ref) if rubric_ref is not None else None
    cache: dict[str, LoadedRubric] = {}
    checks = []
    for item in paths:
        path, label = item if isinstance(item, tuple) else (item, shown(str(item)))
        if is_review_file(path):
            checks.append(check_review_file(path, label, explicit))
            continue
        try:
            doc = read_assessment(path, label)
            if looks_like_review(doc):
                review = review_from(doc)
                checks.append(FileCheck(file=label, valid=True, rubric=review.review.rubric,
                                        answers=len(review.items), problems=[], kind="review",
                                        bound=False))
                continue
            if explicit is not None:
                loaded = explicit
            else:
                ref = rubric_ref_of(doc)
                loaded = cache.get(ref) or rubric_for(doc, None)
                cache[ref] = loaded
            result = validate_assessment(doc, loaded.rubric)
        except InputError as exc:
            checks.append(FileCheck(file=label, valid=False, rubric=None, answers=0,
                                    problems=[ProblemRecord.of(p) for p in exc.problems]))
            continue
        rubric = loaded.rubric
        checks.append(FileCheck(file=label, valid=True, rubric=f"{rubric.id}@{rubric.version}",
                                answers=len(result.assessment.answers), problems=[]))
    return ValidationReport(valid=all(c.valid for c in checks), files=checks)


def check_review_file(path: Path, label: str, explicit: LoadedRubric | None) -> FileCheck:
    """A review on its own; and, when its assessment is beside it by name, bound to it."""
    reviewed = assessment_beside(path)
    bound = reviewed is not None and reviewed.is_file()
    try:
        if reviewed is not None and bound:
            doc = read_assessment(reviewed, shown(str(reviewed)))
            loaded = explicit or rubric_for(doc, None)
            assessment = validate_assessment(doc, loaded.rubric, reviewed)
            review = load_review(path, label, assessment, loaded.rubric).review
        else:
            review = read_review(path, label)[1]
    except InputError as exc:
        return FileCheck(file=label, valid=False, rubric=None, answers=0, kind="review",
                         problems=[ProblemRecord.of(p) for p in exc.problems])
    return FileCheck(file=label, valid=True, rubric=review.review.rubric,
                     answers=len(review.items), problems=[], kind="review", bound=bound)
