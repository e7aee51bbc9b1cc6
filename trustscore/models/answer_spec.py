"""How a control is answered: its answer type and the spec a rubric gives it.

Its own module, below the rubric and the rules, because the answer types
(:mod:`trustscore.models.answer_types`) and rule conditions both read specs, and the
rubric is built from both.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
NonEmpty = Annotated[str, Field(min_length=1)]
Points = Annotated[float, Field(ge=0, le=4, allow_inf_nan=False)]
"""Every answer earns a level on one 0-4 scale; a control earns level/4 of its weight."""
MAX_POINTS = 4.0


class Strict(BaseModel):
    """A rubric part: unknown keys are errors, values are frozen, no NaN or infinity."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class AnswerType(enum.StrEnum):
    """How a control is answered; each type turns an answer into 0-4 points."""

    YES_NO = "yes_no"
    MATURITY = "maturity"
    CHOICE = "choice"
    NUMBER = "number"
    PERCENT = "percent"


class Better(enum.StrEnum):
    """Which direction of a number is better (uptime: higher; restore time: lower)."""

    HIGHER = "higher"
    LOWER = "lower"


class Band(Strict):
    """One band of a number answer: values at or past ``at_least``/``at_most`` earn ``points``.

    Bands are thresholds, listed from the best band to the worst, so they can have no gaps:
    a value earns the first band it reaches.
    """

    at_least: float | None = None
    at_most: float | None = None
    points: Points
    label: str = ""


class ChoiceOption(Strict):
    """One allowed answer of a single-choice control."""

    value: Identifier
    points: Points
    label: NonEmpty


class AnswerSpec(Strict):
    """The answer type of a control and what each answer is worth."""

    type: AnswerType
    levels: dict[int, NonEmpty] | None = None
    """maturity: one description for each level 0-4."""
    options: list[ChoiceOption] | None = None
    """choice: every allowed value with its points."""
    unit: str | None = None
    """number: the unit the vendor answers in (hours, days, count, ...)."""
    better: Better | None = None
    """number and percent: which direction is better."""
    minimum: float | None = None
    maximum: float | None = None
    bands: list[Band] | None = None
    """number and percent: thresholds from best to worst."""
