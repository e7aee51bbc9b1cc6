"""Checks of a self-assessment against its rubric: ids, values, evidence kinds.

Run after pydantic has checked the file's shape. Every problem is reported with the path
of the offending value, and all of them at once, so a vendor fixes a file in one pass.
"""

from __future__ import annotations

from trustscore.errors import PathProblem
from trustscore.models.answer_types import answer_kind
from trustscore.models.answer_values import AnswerValueError
from trustscore.models.assessment import NOT_APPLICABLE, Answer, Assessment
from trustscore.models.rubric import Control, Rubric
from trustscore.suggest import did_you_mean


def check_assessment(assessment: Assessment, rubric: Rubric) -> list[PathProblem]:
    """Every way ``assessment`` does not fit ``rubric``; empty when it can be scored."""
    problems: list[PathProblem] = []
    wanted_version = assessment.rubric_version()
    if assessment.rubric_id() != rubric.id:
        problems.append(PathProblem(("rubric",), f"this assessment answers rubric "
                                    f"'{assessment.rubric_id()}', but it is being checked "
                                    f"against '{rubric.id}'",
                                    f"pass --rubric {assessment.rubric_id()}, or change the "
                                    "'rubric' key"))
        return problems
    if wanted_version is not None and wanted_version != rubric.version:
        problems.append(PathProblem(("rubric",), f"this assessment asks for {rubric.id} "
                                    f"version {wanted_version}, but version "
                                    f"{rubric.version} is loaded",
                                    f"write 'rubric: {rubric.id}' to use the current "
                                    "version, or pass --rubric with the older file"))
    controls = control_index(rubric)
    unknown = 0
    for control_id, answer in assessment.answers.items():
        problems += check_answer(control_id, answer, rubric, controls,
                                 suggest=unknown < MAX_SUGGESTIONS)
        unknown += control_id not in controls
    return problems


MAX_SUGGESTIONS = 50
"""Unknown ids given a "did you mean" per file: each compares against every control, so a
file of thousands of unknown ids against a huge rubric would take minutes otherwise."""


def control_index(rubric: Rubric) -> dict[str, Control]:
    """Controls by id, built once per check rather than once per answer."""
    return {c.id: c for c in rubric.controls()}


def check_answer(control_id: str, answer: Answer, rubric: Rubric,
                 controls: dict[str, Control], suggest: bool = True) -> list[PathProblem]:
    """Whether one well-formed answer fits its control (checked even when others do not)."""
    problems: list[PathProblem] = []
    base = ("answers", control_id)
    control = controls.get(control_id)
    if control is None:
        problems.append(PathProblem(base, f"unknown control id '{control_id}'",
                                    (did_you_mean(control_id, controls) if suggest else "")
                                    or f"see the controls of {rubric.id}: trustscore "
                                    "init writes a template", at_key=True))
        return problems
    if answer.value == NOT_APPLICABLE:
        if not control.allow_not_applicable:
            problems.append(PathProblem((*base, "value"), f"{control_id} cannot be "
                                        "answered not_applicable",
                                        "every engagement needs this control; answer it"))
        elif not answer.justification:
            problems.append(PathProblem(base, f"{control_id} is not_applicable but has "
                                        "no justification",
                                        "add 'justification: <why it does not apply>'"))
    else:
        try:
            answer_kind(control.answer).points(control.answer, answer.value)
        except AnswerValueError as exc:
            hint = _value_hint(control.answer.type.value)
            if control.answer.options and isinstance(answer.value, str):
                hint = did_you_mean(answer.value,
                                    [o.value for o in control.answer.options]) or hint
            problems.append(PathProblem((*base, "value"), f"answer {control_id} {exc}", hint))
    for i, item in enumerate(answer.evidence):
        if item.kind not in rubric.evidence.kinds:
            problems.append(PathProblem((*base, "evidence", i, "kind"),
                                        f"unknown evidence kind '{item.kind}'",
                                        did_you_mean(item.kind, rubric.evidence.kinds)
                                        or "one of: " + ", ".join(sorted(rubric.evidence.kinds))))
    return problems


def _value_hint(answer_type: str) -> str:
    return {
        "yes_no": "answer yes or no",
        "maturity": "answer a whole number from 0 to 4; the rubric describes each level",
        "choice": "answer one of the listed values exactly",
        "number": "answer a plain number, without its unit",
        "percent": "answer a plain number from 0 to 100, without the % sign",
    }.get(answer_type, "")
