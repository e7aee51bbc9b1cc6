"""An improvement plan: the shortest list of changes that reaches a target."""

from __future__ import annotations

import datetime as dt
import enum

from pydantic import BaseModel, ConfigDict, Field

from trustscore.models.assessment import AnswerValue


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StepKind(enum.StrEnum):
    """What a step changes."""

    FIX_KNOCKOUT = "fix_knockout"
    """Raise a failed critical control to its best answer (always first)."""
    IMPROVE = "improve"
    """Raise a control to its best answer."""
    PROVE = "prove"
    """Attach independent evidence to a claim: often the cheapest step."""


class SuggestedEvidence(_Frozen):
    """The evidence item a step assumes will be attached."""

    kind: str
    title: str
    issuer: str
    reference: str
    issued: dt.date


class PlanStep(_Frozen):
    """One change, what it costs, and where it leaves the score."""

    control: str
    title: str
    kind: StepKind
    set_value: AnswerValue | None = Field(description="The answer to give, if it changes.")
    add_evidence: SuggestedEvidence | None
    what_to_do: str
    effort: str
    gain: float = Field(description="Trust points this step adds.")
    trust_after: float
    grade_after: str


class Plan(_Frozen):
    """From where the vendor stands to the target, step by step."""

    vendor: str
    rubric: str
    profile: str
    as_of: dt.date
    start_score: float
    start_grade: str
    target_score: float
    target_grade: str | None
    reachable: bool
    steps: list[PlanStep]
    final_score: float
    final_grade: str
    note: str
