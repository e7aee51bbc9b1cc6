"""A buyer's portfolio policy (``portfolio.yaml``): criticality tiers, the intake questions
that decide them, and per tier the profile, the minimum grade and the re-review interval.

Why the buyer's file decides, not the vendor's: a vendor naming itself "low" would face
the lowest bar. A vendor's tier comes from the policy's vendor list (an explicit tier, or
intake answers matched against the tiers in order, strictest first); a vendor the list
does not name gets ``default_tier``; an assessment's own ``tier`` counts only when it is
stricter than that, so a file can raise its bar but never lower it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Words = Annotated[str, Field(min_length=1, max_length=500)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IntakeQuestion(_Strict):
    """A question the buyer answers about a vendor, with the answers it allows."""

    id: Id
    question: Words
    answers: list[Id] = Field(min_length=2, max_length=20)


class Tier(_Strict):
    """One criticality tier and what it demands."""

    id: Id
    label: Words
    when_any: dict[Id, list[Id]] = Field(default_factory=dict)
    """Intake question -> answers: the tier applies when any question's answer is listed.
    Empty: every vendor that reaches it (the last, most lenient tier)."""
    profile: Id | None = None
    """The weight profile a vendor of this tier is scored with (None: the default weights
    or ``--profile``)."""
    min_grade: Annotated[str, Field(pattern=r"^[A-Z][+-]?$")] | None = None
    review_every_days: Annotated[int, Field(ge=1, le=3660)] | None = None


class PolicyVendor(_Strict):
    """A vendor the buyer has placed: by store key or alias (``web:acme.example``,
    ``id:…``, ``name:…``) or file name, with an explicit tier or intake answers."""

    vendor: Words
    tier: Id | None = None
    intake: dict[Id, Id] = Field(default_factory=dict)


class Policy(_Strict):
    """The whole ``portfolio.yaml``."""

    format_version: Literal[1]
    intake: list[IntakeQuestion] = Field(default_factory=list, max_length=50)
    tiers: list[Tier] = Field(min_length=1, max_length=20)
    """Strictest first: a vendor's intake answers are matched against them in order."""
    default_tier: Id
    """For a vendor the list does not name: the strictest tier is the cautious choice."""
    vendors: list[PolicyVendor] = Field(default_factory=list, max_length=100_000)

    def tier(self, tier_id: str) -> Tier:
        """The tier of id ``tier_id`` (checked to exist when the policy was loaded)."""
        return next(t for t in self.tiers if t.id == tier_id)

    def strictness(self, tier_id: str) -> int:
        """0 for the strictest tier (the first)."""
        return [t.id for t in self.tiers].index(tier_id)


class TierChoice(_Strict):
    """A vendor's tier and where it came from."""

    tier: Id
    source: Literal["policy", "intake", "assessment", "default"]
