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
        try:
            doc = read_assessment(path, label)
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
