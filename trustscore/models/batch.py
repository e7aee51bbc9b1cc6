"""Portfolios: one small row per scored file, errors as values, and the summary.

A row is what a worker process sends back: a few hundred bytes, never a model of the
whole assessment, so a batch of ten thousand files stays small in memory.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from trustscore.models.report import Confidence
from trustscore.models.validation import ProblemRecord
from trustscore.render.formats import SortKey


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DomainScore(_Frozen):
    """One domain's trust score (0-100) for a vendor."""

    id: str
    name: str
    trust_score: float | None


class VendorRow(_Frozen):
    """One scored self-assessment, as a line of the portfolio."""

    file: str
    vendor: str
    country: str
    rubric: str = Field(description="id@version")
    trust_score: float
    claimed_score: float
    gap: float
    grade: str
    grade_rank: int = Field(description="0 for the rubric's best grade.")
    score_grade: str
    confidence: Confidence
    needs_verification: bool
    failed_knockouts: list[str]
    critical_flags: int
    warning_flags: int
    domains: list[DomainScore]
    gates_failed: list[str] = Field(description="Why a --fail-under or --min-grade gate "
                                    "failed for this vendor; empty when all pass.")
    input_sha256: str


class FileError(_Frozen):
    """A file that could not be scored, with every problem found in it."""

    file: str
    problems: list[ProblemRecord]


class Skipped(_Frozen):
    """A path found while walking folders that was not read, and why."""

    path: str
    reason: str


class ScoreSpread(_Frozen):
    """How trust scores are spread across the portfolio."""

    median: float
    mean: float
    minimum: float
    maximum: float
    q1: float
    q3: float


class WeakestDomain(_Frozen):
    """The domain with the lowest median score across the portfolio."""

    id: str
    name: str
    median: float


class KnockoutVendor(_Frozen):
    """A vendor with at least one failed critical control."""

    vendor: str
    file: str
    controls: list[str]


class PortfolioSummary(_Frozen):
    """The portfolio at a glance."""

    files: int
    scored: int
    errors: int
    skipped: int
    grades: dict[str, int] = Field(description="Vendors per grade, best grade first.")
    scores: ScoreSpread | None
    failed_knockouts: list[KnockoutVendor]
    needs_verification: list[str] = Field(description="Files whose claims need verification.")
    weakest_domain: WeakestDomain | None
    gates_failed: int


class BatchResult(_Frozen):
    """Everything ``batch`` reports except the full per-vendor reports (streamed in JSON)."""

    schema_version: int = 1
    tool_version: str
    as_of: str
    profile: str
    sort: SortKey
    summary: PortfolioSummary
    ranking: list[VendorRow]
    errors: list[FileError]
    skipped: list[Skipped]
