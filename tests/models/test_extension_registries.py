"""The registries at the extension points: every answer type and every rule condition has
its one entry, and each entry does what every layer relies on."""

from __future__ import annotations

import pytest

from trustscore.loading.builtin import builtin_rubrics
from trustscore.loading.load import load_rubric
from trustscore.models.answer_types import ANSWER_TYPES, AnswerKind, answer_kind
from trustscore.models.conditions import CONDITIONS, TAGS, ConditionBase
from trustscore.models.rubric import MAX_POINTS, AnswerType, Control

CONTROLS: list[Control] = [c for rid in builtin_rubrics()
                           for c in load_rubric(rid).rubric.controls()]


def test_every_answer_type_has_its_entry() -> None:
    assert set(ANSWER_TYPES) == set(AnswerType)
    assert all(kind.type is answer_type for answer_type, kind in ANSWER_TYPES.items())


@pytest.mark.parametrize("answer_type", list(AnswerType), ids=str)
def test_every_answer_type_says_everything_a_layer_asks(answer_type: AnswerType) -> None:
    kind = ANSWER_TYPES[answer_type]
    for method in ("points", "best_value", "value_schema", "summary", "template_lines"):
        assert getattr(type(kind), method) is not getattr(AnswerKind, method), (
            f"{answer_type} does not define {method}")


def test_the_built_in_rubrics_use_every_answer_type() -> None:
    assert {c.answer.type for c in CONTROLS} == set(AnswerType)


@pytest.mark.parametrize("control", CONTROLS, ids=lambda c: c.id)
def test_the_best_value_earns_the_best_points(control: Control) -> None:
    kind = answer_kind(control.answer)
    best = kind.best_value(control.answer)
    assert kind.points(control.answer, best) == kind.best_points(control.answer) == MAX_POINTS
    assert kind.check(control.answer, ("answer",)) == []
    assert kind.wrong_value(control.answer, kind.fact(best, MAX_POINTS)) == ""


def test_every_condition_has_one_tag_its_first_field() -> None:
    assert len(TAGS) == len(CONDITIONS) == len(set(TAGS))
    assert TAGS == ("all", "any", "not", "answer", "points", "evidence", "scope", "headcount",
                    "as_of")


@pytest.mark.parametrize("condition", CONDITIONS, ids=lambda c: c.tag())
def test_every_condition_is_evaluated_and_linted_beside_its_model(
        condition: type[ConditionBase]) -> None:
    assert condition.holds is not ConditionBase.holds
    assert condition.lint is not ConditionBase.lint
    assert condition.__doc__, "the docstring is the user documentation of a condition"


def test_a_mapping_with_no_known_key_names_every_tag() -> None:
    from pydantic import TypeAdapter, ValidationError

    from trustscore.models.conditions import Condition

    with pytest.raises(ValidationError, match="a condition needs one of the keys: all, any, "
                       "not, answer, points, evidence, scope, headcount, as_of"):
        TypeAdapter(Condition).validate_python({"answr": "SEC-01"})
