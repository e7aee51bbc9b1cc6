"""Side-by-side comparison of vendors, and the change of one vendor between two dates."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from trustscore.models.report import Confidence


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ComparedVendor(_Frozen):
    """One vendor's headline in a comparison."""

    file: str
    vendor: str
    trust_score: float
    claimed_score: float
    gap: float = Field(description="Claimed minus trust score: what is claimed but not proven.")
    grade: str
    confidence: Confidence
    needs_verification: bool
    failed_knockouts: list[str]
    input_sha256: str = Field(description="SHA-256 of the exact bytes of the file.")
    declared_score: float | None = Field(default=None, description="With a buyer's review "
                                         "applied: the trust score on the vendor's word "
                                         "alone (the figures above are the reviewed ones).")


class ComparedDomain(_Frozen):
    """One domain across vendors; ``best`` lists the positions of the highest score."""

    id: str
    name: str
    scores: list[float | None]
    best: list[int]


class ComparedControl(_Frozen):
    """A control where the vendors differ, with each one's points and answer."""

    id: str
    title: str
    domain: str
    points: list[float]
    answers: list[str | None]
    spread: float = Field(description="Largest minus smallest points.")


class Comparison(_Frozen):
    """Vendors side by side under one rubric."""

    tool_version: str
    rubric: str
    rubric_sha256: str
    profile: str
    as_of: str
    vendors: list[ComparedVendor]
    best_overall: list[int] = Field(description="Positions of the highest trust score.")
    domains: list[ComparedDomain]
    differences: list[ComparedControl] = Field(description="Controls where the vendors "
                                               "differ most, largest spread first.")


class Delta(_Frozen):
    """A figure before and after."""

    old: float | None
    new: float | None
    change: float | None


class ControlChange(_Frozen):
    """A control whose points moved, and the answers behind the move."""

    id: str
    title: str
    old_points: float
    new_points: float
    change: float
    old_answer: str | None
    new_answer: str | None
    old_tier: str | None = Field(description="The best valid evidence tier before.")
    new_tier: str | None
    old_credibility: float | None
    new_credibility: float | None
    rules_added: list[str] = Field(description="Rules that cap or downgrade it now, not before.")
    rules_removed: list[str] = Field(description="Rules that no longer cap or downgrade it.")


class EvidenceChange(_Frozen):
    """An evidence item that appeared, lapsed or is about to."""

    control: str
    title: str
    kind: str
    expires: str | None


class Difference(_Frozen):
    """What moved between two self-assessments of the same vendor."""

    old_file: str
    new_file: str
    vendor: str
    old_rubric: str
    new_rubric: str
    method_changed: bool = Field(description="Scored with different rubrics: part of the "
                                 "movement is the method, not the vendor.")
    warnings: list[str]
    old_as_of: str
    new_as_of: str
    trust: Delta
    claimed: Delta
    old_grade: str
    new_grade: str
    grade_change: int = Field(description="Steps up (positive) or down (negative).")
    old_confidence: Confidence
    new_confidence: Confidence
    domains: dict[str, Delta]
    domain_names: dict[str, str] = Field(description="The rubric's name of each domain.")
    improved: list[ControlChange]
    regressed: list[ControlChange]
    knockouts_fixed: list[str]
    knockouts_failed: list[str]
    evidence_added: list[EvidenceChange]
    evidence_lapsed: list[EvidenceChange]
    evidence_expiring: list[EvidenceChange]
    regression: bool = Field(description="The trust score or the grade went down, or a "
                             "knockout newly failed.")
