"""Reading and writing answer values, shared by the answer types.

What a value is worth is its answer type's job (:mod:`trustscore.models.answer_types`):
validation (is this value allowed?) and scoring (how many points?) both ask it, so they
cannot disagree.
"""

from __future__ import annotations

from trustscore.models.assessment import AnswerValue

YES = frozenset({"yes", "y"})
NO = frozenset({"no", "n"})


class AnswerValueError(ValueError):
    """The value does not fit the answer type; the message says what would."""


def yes_no(value: AnswerValue) -> bool:
    """A yes/no answer as a boolean (``yes``, ``y``, ``true``; ``no``, ``n``, ``false``)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in YES:
            return True
        if word in NO:
            return False
    raise AnswerValueError(f"must be yes or no, got {shown_value(value)}")


def shown_value(value: AnswerValue) -> str:
    """A value quoted for a message: strings in quotes, the rest as Python writes them."""
    return f"'{value}'" if isinstance(value, str) else repr(value)


def bound_text(value: float) -> str:
    """A bound from the rubric: 100, not 100.0; 0.5 as 0.5."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def number_text(value: float) -> str:
    """A number as the vendor wrote it: ``99.99999`` stays 99.99999 (``:g`` made it 100),
    ``2500000.5`` stays 2500000.5 (not 2.5e+06), ``-0.0`` stays -0.0. Whole numbers are
    ints already (the loader reads ``100`` as 100, ``100.0`` as a float)."""
    return str(value) if isinstance(value, int) else repr(value)
