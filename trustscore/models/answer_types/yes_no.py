"""``yes_no``: a practice is in place or not; yes earns the full 4 points."""

from __future__ import annotations

from typing import Any

from trustscore.models.answer_spec import MAX_POINTS, AnswerSpec, AnswerType
from trustscore.models.answer_types.base import AnswerKind
from trustscore.models.answer_values import yes_no
from trustscore.models.assessment import AnswerValue

_YES_NO_TEXT = "^([Yy]|[Yy][Ee][Ss]|[Nn]|[Nn][Oo])$"


class YesNo(AnswerKind):
    """yes (or true, y) earns 4 points, no earns 0."""

    type = AnswerType.YES_NO

    def points(self, spec: AnswerSpec, value: AnswerValue) -> float:
        return MAX_POINTS if yes_no(value) else 0.0

    def best_value(self, spec: AnswerSpec) -> AnswerValue:
        return "yes"

    def value_schema(self, spec: AnswerSpec) -> dict[str, Any]:
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": _YES_NO_TEXT}]}

    def fact(self, value: AnswerValue, points: float) -> AnswerValue:
        return bool(points)

    def words(self, value: AnswerValue, points: float | None) -> str:
        return "yes" if points else "no"

    def quoted(self, value: AnswerValue, points: float | None, spec: AnswerSpec) -> str:
        return "'yes'" if points else "'no'"

    def wrong_value(self, spec: AnswerSpec, value: Any) -> str:
        return "" if isinstance(value, bool) else f"a yes_no answer is true or false, not {value!r}"

    def summary(self, spec: AnswerSpec) -> str:
        return "yes / no"

    def template_lines(self, spec: AnswerSpec) -> list[str]:
        return ["Answer: yes or no"]
