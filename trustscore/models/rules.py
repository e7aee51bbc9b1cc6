"""Consistency rules, declared in the rubric as typed conditions (never ``eval``).

A rule says: when these answers, evidence and scope facts hold together, raise a flag and
apply an effect: lower the credibility of the controls involved, cap their points, or
mark the assessment as needing verification. Each condition is a mapping with exactly one
distinguishing key, so a rubric reads like the sentence it encodes::

    when:
      all:
        - {answer: DEL-02, is: eq, value: on_demand}
        - {points: DEL-01, is: lt, value: 3}
    effect: {type: cap, controls: [DEL-02], max_points: 2}

The conditions themselves are in :mod:`trustscore.models.conditions`.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from trustscore.models.conditions import Condition
from trustscore.models.flags import Severity

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
FlagCodeText = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=64)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False,
                              populate_by_name=True)


class EffectType(enum.StrEnum):
    """What a rule does to the score when it fires."""

    FLAG = "flag"
    """Only a flag; the score is unchanged."""
    DOWNGRADE = "downgrade"
    """The controls' evidence counts at most at ``tier``."""
    CAP = "cap"
    """The controls earn at most ``max_points`` (0-4)."""
    VERIFY = "verify"
    """The assessment needs verification: confidence drops a level; points unchanged."""


class Effect(_Strict):
    """A rule's effect and the controls it applies to."""

    type: EffectType
    controls: list[Identifier] = Field(default_factory=list)
    tier: Identifier | None = None
    max_points: Annotated[float, Field(ge=0, le=4)] | None = None


class Rule(_Strict):
    """A consistency rule: a condition over answers, evidence and scope, and its effect."""

    id: Identifier
    code: FlagCodeText
    severity: Severity
    description: Annotated[str, Field(min_length=1)]
    """What the rule checks, for the README and ``rubric show``."""
    message: Annotated[str, Field(min_length=1)]
    """What the flag says when the rule fires."""
    hint: Annotated[str, Field(min_length=1)]
    """How a vendor resolves it."""
    when: Condition
    effect: Effect
