"""Load rubrics and self-assessments: file -> safe YAML -> models -> checks, all positioned.

Every problem in a file is reported at once; nothing is dropped or guessed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from trustscore.errors import InputError, PathProblem, Problem, UsageError
from trustscore.loading.builtin import builtin_rubrics, is_path_like
from trustscore.loading.evidence_files import bundle_of
from trustscore.loading.partial import salvage
from trustscore.loading.problems import describe, from_path_problems, from_validation_error
from trustscore.loading.yaml_source import SourceDocument, YamlLimits, load_yaml_file
from trustscore.models.assessment import Answer, Assessment
from trustscore.models.assessment_checks import (
    MAX_SUGGESTIONS,
    check_answer,
    check_assessment,
    control_index,
)
from trustscore.models.report import BundledFile
from trustscore.models.rubric import Rubric
from trustscore.models.rubric_checks import check_rubric
from trustscore.suggest import did_you_mean

ASSESSMENT_LIMITS = YamlLimits()
RUBRIC_LIMITS = YamlLimits(max_bytes=4 * 1024 * 1024, allow_aliases=True, max_nodes=200_000)
DEFAULT_RUBRIC = "it-services"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadedRubric:
    """A validated rubric and the hash of the exact bytes it came from."""

    rubric: Rubric
    sha256: str
    source: str
    custom: bool = False
    """Loaded from a path whose bytes are not those of the built-in rubric of its id."""


@dataclass(frozen=True)
class LoadedAssessment:
    """A validated self-assessment and the hash of the exact bytes it came from."""

    assessment: Assessment
    sha256: str
    source: str
    files: tuple[BundledFile, ...] = ()
    """The bundled evidence files, hashed (see :mod:`.evidence_files`)."""


def validate_model(doc: SourceDocument, model: type[M]) -> M:
    """Validate parsed data against ``model``, raising every problem positioned."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(from_validation_error(exc, doc, model)) from None


def load_rubric(ref: str | None) -> LoadedRubric:
    """Load a built-in rubric by id, or a rubric file by path."""
    ref = ref or DEFAULT_RUBRIC
    if is_path_like(ref):
        loaded = load_rubric_file(Path(ref), ref)
        builtin = builtin_rubrics().get(loaded.rubric.id)
        same = builtin is not None and hashlib.sha256(builtin.read_bytes()).hexdigest() == (
            loaded.sha256)
        return dataclasses.replace(loaded, custom=not same)
    available = builtin_rubrics()
    if ref not in available:
        hint = did_you_mean(ref, available) or "built-in rubrics: " + ", ".join(available)
        raise UsageError(f"no built-in rubric '{ref}'; {hint} (or pass a path to a "
                         "rubric file)")
    return load_rubric_file(available[ref], f"{ref} (built-in)")


def load_rubric_file(path: Path, label: str) -> LoadedRubric:
    """Load and check one rubric file, every problem positioned."""
    doc = load_yaml_file(path, label, RUBRIC_LIMITS)
    rubric = validate_model(doc, Rubric)
    found = check_rubric(rubric)
    if found:
        raise InputError(from_path_problems(found, doc))
    return LoadedRubric(rubric, doc.sha256, label)


def read_assessment(path: Path, label: str | None = None) -> SourceDocument:
    """Parse a self-assessment file safely (first step: the rubric it names comes next)."""
    return load_yaml_file(path, label or str(path), ASSESSMENT_LIMITS)


def rubric_ref_of(doc: SourceDocument) -> str:
    """The rubric a parsed self-assessment names (without version), or the default."""
    data = doc.data
    if isinstance(data, dict):
        ref = data.get("rubric")
        if isinstance(ref, str) and ref and not is_path_like(ref):
            return ref.split("@", 1)[0]
    return DEFAULT_RUBRIC


def validate_assessment(doc: SourceDocument, rubric: Rubric,
                        source: Path | None = None) -> LoadedAssessment:
    """Validate a parsed self-assessment's shape, then its answers against ``rubric``;
    hash the evidence files it bundles beside ``source`` (None: standard input)."""
    if not isinstance(doc.data, dict):
        raise InputError([Problem(doc.label, *doc.locate(()),
                                  "a self-assessment must be a mapping of 'key: value' lines, "
                                  f"got {describe(doc.data)}",
                                  "start from the template: trustscore init")])
    try:
        assessment = Assessment.model_validate(doc.data)
    except ValidationError as exc:
        problems = from_validation_error(exc, doc, Assessment)
        problems += from_path_problems(_check_wellformed_answers(doc.data, rubric), doc)
        raise InputError(problems) from None
    found = check_assessment(assessment, rubric)
    if found:
        raise InputError(from_path_problems(found, doc))
    return LoadedAssessment(assessment, doc.sha256, doc.label, bundle_of(assessment, source))


def _check_wellformed_answers(data: dict[str, Any], rubric: Rubric) -> list[PathProblem]:
    """Rubric checks of every answer, when the file as a whole is not well-formed: of the
    well-formed ones whole, and of the others what is left once the parts already
    reported are set aside, so that one pass shows a vendor every problem."""
    answers = data.get("answers")
    limit = Assessment.model_fields["answers"].metadata
    most = next((m.max_length for m in limit if hasattr(m, "max_length")), None)
    if not isinstance(answers, dict) or (most is not None and len(answers) > most):
        return []  # already rejected for its size; checking each answer would only add noise
    found: list[PathProblem] = []
    controls = control_index(rubric)
    stand_in = next(iter(rubric.evidence.kinds))
    unknown = 0
    for control_id, raw in answers.items():
        try:
            answer: Answer | None = Answer.model_validate(raw)
        except ValidationError as exc:
            answer = salvage(raw, exc, stand_in)
        if answer is not None:
            found += check_answer(str(control_id), answer, rubric, controls,
                                  suggest=unknown < MAX_SUGGESTIONS)
        unknown += str(control_id) not in controls
    return found


def rubric_for(doc: SourceDocument, explicit: str | None) -> LoadedRubric:
    """The rubric the user passed, else the one the assessment names.

    An unknown rubric named *in the file* is the file's problem, reported at its line; an
    unknown ``--rubric`` stays a usage error.
    """
    if explicit is not None:
        return load_rubric(explicit)
    ref = rubric_ref_of(doc)
    try:
        return load_rubric(ref)
    except UsageError as exc:
        # never suggest a rubric file here: the name came from the vendor's file, and a
        # rubric the vendor supplies is not one to score the vendor against
        available = builtin_rubrics()
        hint = did_you_mean(ref, available) or (
            "built-in rubrics: " + ", ".join(available) + " (or choose one with --rubric ID)")
        raise InputError([doc.problem(("rubric",), str(exc).split(";")[0], hint)]) from None


def load_for_scoring(path: Path, rubric_ref: str | None,
                     label: str | None = None) -> tuple[LoadedAssessment, LoadedRubric]:
    """Everything ``score`` needs: the assessment, and the rubric it (or the user) names."""
    doc = read_assessment(path, label)
    loaded_rubric = rubric_for(doc, rubric_ref)
    return validate_assessment(doc, loaded_rubric.rubric, source_of(path)), loaded_rubric


def source_of(path: Path) -> Path | None:
    """The assessment file bundled evidence is found beside; None for standard input."""
    return None if str(path) == "-" else path
