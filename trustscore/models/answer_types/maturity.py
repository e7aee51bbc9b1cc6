"""``maturity``: a level 0-4, each described by the rubric; the level is the points."""

from __future__ import annotations

from typing import Any

from trustscore.errors import PathProblem
from trustscore.models.answer_spec import AnswerSpec, AnswerType
from trustscore.models.answer_types.base import AnswerKind, Path
from trustscore.models.answer_values import AnswerValueError, shown_value
from trustscore.models.assessment import AnswerValue

LEVELS = frozenset(range(5))


class Maturity(AnswerKind):
    """Level N earns N points."""

    type = AnswerType.MATURITY
    ordered = True
    fields = frozenset({"levels"})

    def points(self, spec: AnswerSpec, value: AnswerValue) -> float:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
            raise AnswerValueError(f"must be a maturity level 0-4, got {shown_value(value)}")
        return float(value)

    def check(self, spec: AnswerSpec, path: Path) -> list[PathProblem]:
        problems = super().check(spec, path)
        if spec.levels is None or set(spec.levels) != LEVELS:
            problems.append(PathProblem((*path, "levels") if spec.levels else path,
                                        "a maturity answer needs one description for each "
                                        "level 0, 1, 2, 3 and 4"))
        return problems

    def best_value(self, spec: AnswerSpec) -> AnswerValue:
        return 4

    def value_schema(self, spec: AnswerSpec) -> dict[str, Any]:
        levels = spec.levels or {}
        return {"type": "integer", "minimum": 0, "maximum": 4,
                "description": "; ".join(f"{k}: {v}" for k, v in sorted(levels.items()))}

    def label(self, spec: AnswerSpec, value: AnswerValue) -> str | None:
        if spec.levels and isinstance(value, int):
            return spec.levels.get(value)
        return None

    def wrong_value(self, spec: AnswerSpec, value: Any) -> str:
        reason = super().wrong_value(spec, value)
        if reason or 0 <= value <= 4:
            return reason
        return "a maturity level is 0-4"

    def summary(self, spec: AnswerSpec) -> str:
        return "maturity 0-4"

    def template_lines(self, spec: AnswerSpec) -> list[str]:
        return ["Answer a level 0-4:"] + [f"  {k}: {v}" for k, v in sorted(
            (spec.levels or {}).items())]
