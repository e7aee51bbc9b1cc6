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
    issuer: str | None = Field(description="Who issued it, for evidence from an independent "
                               "party; null for the firm's own documents and exports.")
    reference: str | None = Field(description="Its number, for kinds that must carry one.")
    issued: dt.date
    expires: dt.date | None = Field(description="For kinds that must carry an expiry: the "
                                    "plan assumes one at least a year ahead.")
    period_start: dt.date | None = Field(default=None, description="For reports that must "
                                         "state the period they cover.")
    period_end: dt.date | None = None
    url: str | None = Field(default=None, description="For kinds that must be found at an "
                            "address off the vendor's own domains: a placeholder to replace.")


class PlanStep(_Frozen):
    """One change, what it costs, and where it leaves the score."""

    control: str
    title: str
    kind: StepKind
    set_value: AnswerValue | None = Field(description="The answer to give, if it changes.")
    answer: AnswerValue = Field(description="The answer this step assumes: the new one, or "
                                "for a prove step the answer already given.")
    current_answer: AnswerValue | None = Field(
        description="The answer before this step; null when the control was unanswered.")
    add_evidence: SuggestedEvidence | None
    what_to_do: str
    effort: str = Field(description="The rubric's effort for this step (low, medium, "
                        "high); attaching evidence to a claim counts as low.")
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
