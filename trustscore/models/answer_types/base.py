"""What every layer needs of an answer type, as one interface.

Why one object per type: reading a value into points (engine), checking a rubric's spec
(loading), the JSON Schema of a value (editors), the best answer (plans), and the words
for templates, ``rubric show`` and reports all depend on the type. Kept together, adding a
type is one module and one registry entry, and no layer can forget it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from trustscore.errors import PathProblem
from trustscore.models.answer_spec import MAX_POINTS, AnswerSpec, AnswerType
from trustscore.models.answer_values import number_text
from trustscore.models.assessment import AnswerValue

Path = tuple[str | int, ...]


class AnswerKind:
    """One answer type. Subclasses override what differs; the defaults fit most types."""

    type: ClassVar[AnswerType]
    ordered: ClassVar[bool] = False
    """Its answers have an order (``lt``/``gt`` make sense in a rule)."""
    numeric: ClassVar[bool] = False
    """A measured number (over-claiming checks may look for perfect values)."""
    fields: ClassVar[frozenset[str]] = frozenset()
    """The spec fields this type uses; any other one set in a rubric is a mistake."""

    def points(self, spec: AnswerSpec, value: AnswerValue) -> float:
        """Points (0-4) that ``value`` earns, or :class:`AnswerValueError` saying what fits."""
        raise NotImplementedError

    def check(self, spec: AnswerSpec, path: Path) -> list[PathProblem]:
        """The rubric author's mistakes in ``spec``, each at its path."""
        return [PathProblem((*path, name), f"'{name}' does not apply to {spec.type.value} "
                            "answers", at_key=True)
                for name in SPEC_FIELDS if name not in self.fields
                and getattr(spec, name) is not None]

    def best_points(self, spec: AnswerSpec) -> float:
        """The most points any answer can earn (a knockout above it could never pass)."""
        return MAX_POINTS

    def best_value(self, spec: AnswerSpec) -> AnswerValue:
        """The answer that earns the full 4 points (what a plan proposes)."""
        raise NotImplementedError

    def value_schema(self, spec: AnswerSpec) -> dict[str, Any]:
        """What a value may be, in JSON Schema."""
        raise NotImplementedError

    def fact(self, value: AnswerValue, points: float) -> AnswerValue:
        """The answer as rules compare it."""
        return value

    def words(self, value: AnswerValue, points: float | None) -> str:
        """The answer as a report shows it (without unit or label)."""
        return number_text(value) if isinstance(value, float) else str(value)

    def quoted(self, value: AnswerValue, points: float | None, spec: AnswerSpec) -> str:
        """The answer inside a sentence: ``'partial'``, ``4 hours``, ``99.9 %``."""
        unit = self.unit(spec)
        text = number_text(value) if isinstance(value, float) else str(value)
        return f"'{text}'" if unit is None else f"{text} {unit}"

    def label(self, spec: AnswerSpec, value: AnswerValue) -> str | None:
        """The rubric's words for an answered value (a level, an option, a band)."""
        return None

    def unit(self, spec: AnswerSpec) -> str | None:
        """The unit a report writes after the value."""
        return spec.unit

    def wrong_value(self, spec: AnswerSpec, value: Any) -> str:
        """Why a rule cannot compare an answer of this type with ``value``; ``""`` if it can."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"a {spec.type.value} answer is a number, not {value!r}"
        return ""

    def summary(self, spec: AnswerSpec) -> str:
        """How the control is answered, in a few words (``rubric show``)."""
        raise NotImplementedError

    def template_lines(self, spec: AnswerSpec) -> list[str]:
        """What the template's comment says may be answered."""
        raise NotImplementedError


SPEC_FIELDS = ("levels", "options", "unit", "better", "minimum", "maximum", "bands")
"""Every optional field of an answer spec, in the order problems are reported."""


def unique(items: Iterable[tuple[Path, str]], what: str) -> list[PathProblem]:
    """A problem for each value seen before (duplicate ids, option values, ...)."""
    seen: set[str] = set()
    problems = []
    for path, value in items:
        if value in seen:
            problems.append(PathProblem(path, f"duplicate {what} '{value}'",
                                        f"each {what} must be unique"))
        seen.add(value)
    return problems
