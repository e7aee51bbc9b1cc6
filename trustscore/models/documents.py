"""Small results that are documents about a rubric rather than scores: what ``rubric list``,
``rubric lint``, ``init`` and ``schema`` render. Plain dataclasses, so each command still has
one result type for the render registry to dispatch on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from trustscore.errors import Problem
from trustscore.models.rubric import Rubric


@dataclass(frozen=True)
class RubricCatalogue:
    """The built-in rubrics (``rubric list``)."""

    rubrics: list[Rubric]


@dataclass(frozen=True)
class LintedRubric:
    """A rubric file that passed every check."""

    file: str
    rubric: Rubric


@dataclass(frozen=True)
class RubricLint:
    """``rubric lint``: the files that passed and every problem of those that did not."""

    passed: list[LintedRubric]
    problems: list[Problem]


@dataclass(frozen=True)
class AssessmentTemplate:
    """A self-assessment to fill in (``init``), dated the day it was written."""

    rubric: Rubric
    written_on: dt.date


@dataclass(frozen=True)
class SchemaDocument:
    """A JSON Schema document (``schema``)."""

    document: dict[str, Any]
