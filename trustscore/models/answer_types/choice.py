"""``choice``: one of the rubric's options, each worth its own points."""

from __future__ import annotations

from typing import Any

from trustscore.errors import PathProblem
from trustscore.models.answer_spec import MAX_POINTS, AnswerSpec, AnswerType
from trustscore.models.answer_types.base import AnswerKind, Path, unique
from trustscore.models.answer_values import AnswerValueError, shown_value
from trustscore.models.assessment import AnswerValue
from trustscore.suggest import did_you_mean


class Choice(AnswerKind):
    """The chosen option's points; the best option earns 4."""

    type = AnswerType.CHOICE
    fields = frozenset({"options"})

    def points(self, spec: AnswerSpec, value: AnswerValue) -> float:
        options = spec.options or []
        for option in options:
            if value == option.value:
                return option.points
        allowed = ", ".join(o.value for o in options)
        raise AnswerValueError(f"must be one of: {allowed}; got {shown_value(value)}")

    def check(self, spec: AnswerSpec, path: Path) -> list[PathProblem]:
        problems = super().check(spec, path)
        options = spec.options or []
        if len(options) < 2:
            problems.append(PathProblem(path, "a choice answer needs at least two options"))
        problems += unique((((*path, "options", i, "value"), o.value)
                            for i, o in enumerate(options)), "option value")
        if options and max(o.points for o in options) != MAX_POINTS:
            problems.append(PathProblem((*path, "options"),
                                        "the best option must earn the full 4 points"))
        return problems

    def best_points(self, spec: AnswerSpec) -> float:
        return max(o.points for o in spec.options) if spec.options else MAX_POINTS

    def best_value(self, spec: AnswerSpec) -> AnswerValue:
        return next(o.value for o in spec.options or [] if o.points == MAX_POINTS)

    def value_schema(self, spec: AnswerSpec) -> dict[str, Any]:
        options = spec.options or []
        return {"enum": [o.value for o in options],
                "description": "; ".join(f"{o.value}: {o.label}" for o in options)}

    def label(self, spec: AnswerSpec, value: AnswerValue) -> str | None:
        return next((o.label for o in spec.options or [] if o.value == value), None)

    def wrong_value(self, spec: AnswerSpec, value: Any) -> str:
        options = [o.value for o in spec.options or []]
        if value in options:
            return ""
        hint = did_you_mean(str(value), options)
        return f"'{value}' is not one of its options" + (f" ({hint})" if hint else "")

    def summary(self, spec: AnswerSpec) -> str:
        return "one of: " + ", ".join(o.value for o in spec.options or [])

    def template_lines(self, spec: AnswerSpec) -> list[str]:
        return ["Answer one of:"] + [f"  {o.value}: {o.label}" for o in spec.options or []]
