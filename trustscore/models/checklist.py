"""What ``review init`` writes: every evidence item that carries points, the largest stake
first, with what a reviewer should check and where."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ChecklistItem(_Frozen):
    """One evidence item to check."""

    kind: str
    title: str
    reference: str | None
    cited_for: list[str] = Field(description="The controls whose points it backs.")
    at_stake: float = Field(description="The claimed points of those controls: what a "
                            "verified item can earn, and a rejected one loses.")
    check: list[str] = Field(description="What to check, and where.")


class LeftOut(_Frozen):
    """An evidence item not on the checklist, and why."""

    kind: str
    title: str
    reason: str


class ReviewChecklist(_Frozen):
    """A review file to fill in, bound to the exact assessment it lists."""

    assessment: str
    assessment_sha256: str
    rubric: str
    vendor: str
    as_of: dt.date
    items: list[ChecklistItem]
    left_out: list[LeftOut]
    controls: int = Field(description="How many controls the listed items back.")
    points: float = Field(description="The claimed points of those controls.")
