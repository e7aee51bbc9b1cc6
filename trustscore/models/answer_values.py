"""What an answer is worth: the one place that reads a value against its answer type.

Validation (is this value allowed?) and scoring (how many points?) are the same question,
so both call :func:`level_of`; they cannot disagree.
"""

from __future__ import annotations

import math

from trustscore.models.assessment import AnswerValue
from trustscore.models.rubric import MAX_POINTS, AnswerSpec, AnswerType, Band, Better

YES = frozenset({"yes", "y"})
NO = frozenset({"no", "n"})


class AnswerValueError(ValueError):
    """The value does not fit the answer type; the message says what would."""


def level_of(spec: AnswerSpec, value: AnswerValue) -> float:
    """Points (0-4) that ``value`` earns under ``spec``, or :class:`AnswerValueError`."""
    kind = spec.type
    if kind is AnswerType.YES_NO:
        return MAX_POINTS if _yes_no(value) else 0.0
    if kind is AnswerType.MATURITY:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
            raise AnswerValueError(f"must be a maturity level 0-4, got {_show(value)}")
        return float(value)
    if kind is AnswerType.CHOICE:
        options = spec.options or []
        for option in options:
            if value == option.value:
                return option.points
        allowed = ", ".join(o.value for o in options)
        raise AnswerValueError(f"must be one of: {allowed}; got {_show(value)}")
    band = matching_band(spec, number_of(spec, value))
    return band.points if band is not None else 0.0


def number_of(spec: AnswerSpec, value: AnswerValue) -> float:
    """The numeric answer of a number or percent control, checked against its range."""
    unit = "a percentage between 0 and 100" if spec.type is AnswerType.PERCENT else (
        f"a number of {spec.unit}")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(
            value):
        raise AnswerValueError(f"must be {unit}, got {_show(value)}")
    low = spec.minimum if spec.minimum is not None else 0.0
    high = spec.maximum if spec.maximum is not None else (
        100.0 if spec.type is AnswerType.PERCENT else math.inf)
    if not low <= value <= high:
        span = f"between {_num(low)} and {_num(high)}" if math.isfinite(high) else (
            f"at least {_num(low)}")
        raise AnswerValueError(f"must be {span}, got {number_text(value)}")
    return float(value)


def matching_band(spec: AnswerSpec, number: float) -> Band | None:
    """The first band ``number`` reaches (bands run best first, the last catches all)."""
    higher = spec.better is Better.HIGHER
    for band in spec.bands or []:
        threshold = band.at_least if higher else band.at_most
        if threshold is None or (number >= threshold if higher else number <= threshold):
            return band
    return None


def _yes_no(value: AnswerValue) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in YES:
            return True
        if word in NO:
            return False
    raise AnswerValueError(f"must be yes or no, got {_show(value)}")


def _show(value: AnswerValue) -> str:
    return f"'{value}'" if isinstance(value, str) else repr(value)


def _num(value: float) -> str:
    """A bound from the rubric: 100, not 100.0; 0.5 as 0.5."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def number_text(value: float) -> str:
    """A number as the vendor wrote it: ``99.99999`` stays 99.99999 (``:g`` made it 100),
    ``2500000.5`` stays 2500000.5 (not 2.5e+06), ``-0.0`` stays -0.0. Whole numbers are
    ints already (the loader reads ``100`` as 100, ``100.0`` as a float)."""
    return str(value) if isinstance(value, int) else repr(value)
