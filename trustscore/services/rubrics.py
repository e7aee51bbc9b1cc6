"""The rubric commands' work: the built-in catalogue, one rubric, linting files, templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from trustscore.errors import InputError, Problem
from trustscore.loading.builtin import builtin_rubrics
from trustscore.loading.builtin import version_text as _version_text
from trustscore.loading.load import load_rubric, load_rubric_file
from trustscore.models.documents import (
    AssessmentTemplate,
    LintedRubric,
    RubricCatalogue,
    RubricLint,
)
from trustscore.models.rubric import Rubric


def version_text(tool_version: str) -> str:
    """``--version``'s text: the tool's version and each built-in rubric's (the entry point
    answers a bare ``--version`` with the same function before the CLI is imported)."""
    return _version_text(tool_version)


def catalogue() -> RubricCatalogue:
    """Every built-in rubric, in the order ``rubric list`` shows them."""
    return RubricCatalogue([load_rubric(r).rubric for r in builtin_rubrics()])


def rubric(ref: str) -> Rubric:
    """A built-in rubric by id, or a rubric file."""
    return load_rubric(ref).rubric


def lint(paths: Iterable[Path]) -> RubricLint:
    """Check every rubric file; a bad one is a list of problems, never a stop."""
    passed: list[LintedRubric] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            passed.append(LintedRubric(str(path), load_rubric_file(path, str(path)).rubric))
        except InputError as exc:
            problems += exc.problems
    return RubricLint(passed, problems)


def template(ref: str, today: dt.date) -> AssessmentTemplate:
    """A self-assessment to fill in for rubric ``ref``, dated ``today``."""
    return AssessmentTemplate(load_rubric(ref).rubric, today)
