"""``number`` and ``percent``: a measured figure, scored by the rubric's bands."""

from __future__ import annotations

import math
from typing import Any, ClassVar

from trustscore.errors import PathProblem
from trustscore.models.answer_spec import MAX_POINTS, AnswerSpec, AnswerType, Band, Better
from trustscore.models.answer_types.base import AnswerKind, Path
from trustscore.models.answer_values import (
    AnswerValueError,
    bound_text,
    number_text,
    shown_value,
)
from trustscore.models.assessment import AnswerValue


class Number(AnswerKind):
    """The first band the number reaches gives the points; bands run best first."""

    type = AnswerType.NUMBER
    ordered = True
    numeric = True
    fields = frozenset({"unit", "better", "minimum", "maximum", "bands"})
    default_maximum: ClassVar[int | None] = None
    """The highest value allowed when the rubric gives no ``maximum``."""

    def points(self, spec: AnswerSpec, value: AnswerValue) -> float:
        band = matching_band(spec, self.number(spec, value))
        return band.points if band is not None else 0.0

    def number(self, spec: AnswerSpec, value: AnswerValue) -> float:
        """The numeric answer, checked against its range."""
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(
                value):
            raise AnswerValueError(f"must be {self.range_words(spec)}, got {shown_value(value)}")
        low = spec.minimum if spec.minimum is not None else 0.0
        bound = self.upper_bound(spec)
        high = math.inf if bound is None else bound
        if not low <= value <= high:
            span = f"between {bound_text(low)} and {bound_text(high)}" if math.isfinite(
                high) else f"at least {bound_text(low)}"
            raise AnswerValueError(f"must be {span}, got {number_text(value)}")
        return float(value)

    def range_words(self, spec: AnswerSpec) -> str:
        """What an answer must be, for a message."""
        return f"a number of {spec.unit}"

    def upper_bound(self, spec: AnswerSpec) -> float | None:
        """The highest value allowed (none for a plain number without ``maximum``)."""
        if spec.maximum is not None:
            return spec.maximum
        return None if self.default_maximum is None else float(self.default_maximum)

    def check(self, spec: AnswerSpec, path: Path) -> list[PathProblem]:
        problems: list[PathProblem] = []
        if spec.levels is not None or spec.options is not None:
            problems.append(PathProblem(path, f"{spec.type.value} answers take bands, not "
                                        "levels or options"))
        problems += self.check_unit(spec, path)
        if spec.better is None:
            problems.append(PathProblem(path, "say whether higher or lower numbers are better "
                                        "(better: higher|lower)"))
            return problems
        low = spec.minimum if spec.minimum is not None else 0.0
        high = self.upper_bound(spec)
        problems += self.check_range(low, high, path)
        if high is not None and high <= low:
            problems.append(PathProblem((*path, "maximum"), "maximum must be above minimum"))
        return problems + _check_bands(spec, path, low, high)

    def check_unit(self, spec: AnswerSpec, path: Path) -> list[PathProblem]:
        """A number needs the unit it is answered in."""
        if spec.unit:
            return []
        return [PathProblem(path, "a number answer needs a unit (hours, days, ...)")]

    def check_range(self, low: float, high: float | None, path: Path) -> list[PathProblem]:
        """Limits on the range itself (a percentage stays within 0-100)."""
        return []

    def best_points(self, spec: AnswerSpec) -> float:
        return max(b.points for b in spec.bands) if spec.bands else MAX_POINTS

    def best_value(self, spec: AnswerSpec) -> AnswerValue:
        best = (spec.bands or [])[0]
        threshold = best.at_least if spec.better is Better.HIGHER else best.at_most
        assert threshold is not None
        return int(threshold) if float(threshold).is_integer() else threshold

    def value_schema(self, spec: AnswerSpec) -> dict[str, Any]:
        low = spec.minimum if spec.minimum is not None else 0
        high = spec.maximum if spec.maximum is not None else self.default_maximum
        schema: dict[str, Any] = {"type": "number", "minimum": low}
        if high is not None:
            schema["maximum"] = high
        schema["description"] = self.described(spec)
        return schema

    def described(self, spec: AnswerSpec) -> str:
        """What is measured, in two or three words."""
        return f"number of {spec.unit}"

    def label(self, spec: AnswerSpec, value: AnswerValue) -> str | None:
        if not spec.bands:
            return None
        band = matching_band(spec, self.number(spec, value))
        return band.label or None if band is not None else None

    def summary(self, spec: AnswerSpec) -> str:
        direction = f"{spec.better.value} is better" if spec.better else ""
        return f"{self.described(spec)}, {direction}"

    def template_lines(self, spec: AnswerSpec) -> list[str]:
        better = f", {spec.better.value} is better" if spec.better else ""
        bands = []
        for band in spec.bands or []:
            if band.at_least is not None:
                where = f"at least {band.at_least:g}"
            elif band.at_most is not None:
                where = f"at most {band.at_most:g}"
            else:
                where = "anything else"
            label = f" ({band.label})" if band.label else ""
            bands.append(f"  {where}: {band.points:g} of 4 points{label}")
        return [f"Answer {self.asked(spec)}{better}:", *bands]

    def asked(self, spec: AnswerSpec) -> str:
        """What the template asks for."""
        return f"a number of {spec.unit} (no unit)"


class Percent(Number):
    """A number between 0 and 100, written without the % sign."""

    type = AnswerType.PERCENT
    default_maximum = 100

    def check_unit(self, spec: AnswerSpec, path: Path) -> list[PathProblem]:
        return []

    def check_range(self, low: float, high: float | None, path: Path) -> list[PathProblem]:
        if low < 0 or (high is not None and high > 100):
            return [PathProblem(path, "a percent answer stays within 0-100")]
        return []

    def unit(self, spec: AnswerSpec) -> str | None:
        return "%"

    def described(self, spec: AnswerSpec) -> str:
        return "percent"

    def range_words(self, spec: AnswerSpec) -> str:
        return "a percentage between 0 and 100"

    def asked(self, spec: AnswerSpec) -> str:
        return "a percentage 0-100 (no % sign)"


def matching_band(spec: AnswerSpec, number: float) -> Band | None:
    """The first band ``number`` reaches (bands run best first, the last catches all)."""
    higher = spec.better is Better.HIGHER
    for band in spec.bands or []:
        threshold = band.at_least if higher else band.at_most
        if threshold is None or (number >= threshold if higher else number <= threshold):
            return band
    return None


def _check_bands(spec: AnswerSpec, path: Path, low: float,
                 high: float | None) -> list[PathProblem]:
    """Bands run best first with strictly ordered thresholds, the last catching the rest."""
    problems: list[PathProblem] = []
    bands = spec.bands or []
    if len(bands) < 2:
        problems.append(PathProblem((*path, "bands") if bands else path,
                                    "a number answer needs at least two bands"))
        return problems
    assert spec.better is not None
    higher = spec.better is Better.HIGHER
    wanted, unwanted = ("at_least", "at_most") if higher else ("at_most", "at_least")
    previous: float | None = None
    previous_points = MAX_POINTS
    for i, band in enumerate(bands):
        where = (*path, "bands", i)
        last = i == len(bands) - 1
        if getattr(band, unwanted) is not None:
            problems.append(PathProblem((*where, unwanted), f"with better: "
                                        f"{spec.better.value}, bands use '{wanted}'",
                                        at_key=True))
        threshold = getattr(band, wanted)
        if last:
            if threshold is not None:
                problems.append(PathProblem((*where, wanted), "the last band catches every "
                                            f"other value: leave out '{wanted}'",
                                            "so that no value falls in a gap", at_key=True))
        elif threshold is None:
            problems.append(PathProblem(where, f"band needs '{wanted}' (only the last band "
                                        "may leave it out)"))
        else:
            if previous is not None and (threshold >= previous if higher
                                         else threshold <= previous):
                problems.append(PathProblem((*where, wanted), "bands must be listed best "
                                            "first, thresholds strictly "
                                            + ("decreasing" if higher else "increasing")))
            if threshold < low or (high is not None and threshold > high):
                problems.append(PathProblem((*where, wanted), "threshold is outside the "
                                            "allowed range of the answer"))
            previous = threshold
        if band.points > previous_points:
            problems.append(PathProblem((*where, "points"), "a worse band cannot earn more "
                                        "points than a better one"))
        previous_points = band.points
    if bands[0].points != MAX_POINTS:
        problems.append(PathProblem((*path, "bands", 0, "points"),
                                    "the best band must earn the full 4 points"))
    return problems


