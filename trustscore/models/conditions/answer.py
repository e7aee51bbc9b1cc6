"""``answer``: compare a control's answer with a value, or with another control's answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from trustscore.errors import PathProblem
from trustscore.models.answer_types import answer_kind
from trustscore.models.conditions.base import (
    MEMBERSHIP_OPS,
    ORDERING_OPS,
    PRESENCE_OPS,
    ConditionBase,
    Facts,
    Identifier,
    LintContext,
    Op,
    Path,
    Scalar,
    compare,
)

if TYPE_CHECKING:
    from trustscore.models.rubric import Control


class AnswerIs(ConditionBase):
    """Compare a control's answer with a value, or with another control's answer.

    An unanswered or not-applicable control makes every comparison false (use
    ``answered``/``unanswered`` to test for that).
    """

    answer: Identifier
    is_: Op = Field(alias="is")
    value: Scalar | list[Scalar] | None = None
    control: Identifier | None = None
    """Compare with this control's answer instead of a fixed value."""

    def holds(self, facts: Facts) -> bool:
        present = self.answer in facts.answers
        if self.is_ is Op.ANSWERED:
            return present
        if self.is_ is Op.UNANSWERED:
            return not present
        if not present:
            return False
        if self.control is not None:
            if self.control not in facts.answers:
                return False
            right: Any = facts.answers[self.control]
        else:
            right = self.value
        return compare(self.is_, facts.answers[self.answer], right)

    def named(self) -> set[str]:
        return {self.answer} | ({self.control} if self.control else set())

    def lint(self, path: Path, context: LintContext) -> None:
        control = context.known(self.answer, (*path, "answer"))
        other = context.known(self.control, (*path, "control")) if self.control else None
        if control is not None:
            context.problems += self._comparison(control, other, path)

    def _comparison(self, control: Control, other: Control | None,
                    path: Path) -> list[PathProblem]:
        """The comparison must be between values the control can actually have."""
        op = self.is_
        kind = answer_kind(control.answer)
        name = control.answer.type.value
        if op in PRESENCE_OPS:
            if self.value is not None or other is not None:
                return [PathProblem((*path, "value"), f"'{op.value}' takes no value",
                                    at_key=True)]
            return []
        if op in ORDERING_OPS and not kind.ordered:
            return [PathProblem((*path, "is"), f"{control.id} is a {name} answer: it has "
                                "no order", "compare its points instead: {points: "
                                f"{control.id}, is: {op.value}, value: N}}")]
        if other is not None:
            if self.value is not None:
                return [PathProblem((*path, "value"), "give either a value or another "
                                    "control, not both", at_key=True)]
            if other.answer.type is not control.answer.type and not (
                    kind.ordered and answer_kind(other.answer).ordered):
                return [PathProblem((*path, "control"), f"{control.id} ({name}) cannot be "
                                    f"compared with {other.id} ({other.answer.type.value})")]
            return []
        if op in MEMBERSHIP_OPS:
            if not isinstance(self.value, list):
                return [PathProblem((*path, "value"), f"'{op.value}' needs a list of values")]
            values: list[Any] = list(self.value)
        else:
            if isinstance(self.value, list) or self.value is None:
                return [PathProblem((*path, "value"), f"'{op.value}' needs one value")]
            values = [self.value]
        return [PathProblem((*path, "value"), f"{control.id}: {reason}")
                for value in values if (reason := kind.wrong_value(control.answer, value))]
