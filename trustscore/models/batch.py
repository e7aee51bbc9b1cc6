"""Portfolios: one small row per scored file, errors as values, and the summary.

A row is what a worker process sends back: a few hundred bytes, never a model of the
whole assessment, so a batch of ten thousand files stays small in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from trustscore.models.history import Alerts
from trustscore.models.report import Confidence
from trustscore.models.validation import ProblemRecord
from trustscore.ranking import SortKey


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True, slots=True)
class VendorRow:
    """One scored self-assessment, as a line of the portfolio.

    A slotted dataclass, not a pydantic model: a batch holds one per file to rank them, so
    a row must stay small (under 1 KB; a model with nested domain models costs 5.6 KB).
    Domain ids and names are tuples shared by every row of the same rubric.
    """

    file: str
    vendor: str
    country: str
    rubric: str
    """id@version"""
    trust_score: float
    claimed_score: float
    gap: float
    grade: str
    grade_rank: int
    """0 for the rubric's best grade."""
    score_grade: str
    confidence: Confidence
    needs_verification: bool
    unbacked_share: float
    """Share of the claimed score with no checkable evidence, 0-1."""
    failed_knockouts: tuple[str, ...]
    critical_flags: int
    warning_flags: int
    domain_ids: tuple[str, ...]
    domain_names: tuple[str, ...]
    domain_scores: tuple[float | None, ...]
    gates_failed: tuple[str, ...]
    """Why a --fail-under or --min-grade gate failed for this vendor; empty when all pass."""
    input_sha256: str
    declared_score: float | None = None
    """With a buyer's review applied: the trust score on the vendor's word alone (the row's
    own figures are the reviewed ones). None when no review applied."""
    vendor_id: str | None = None
    """``vendor.id`` as the assessment gives it (what a portfolio store knows it by)."""
    website: str | None = None
    rubric_sha256: str = ""
    assessed_on: str = ""
    flag_codes: tuple[str, ...] = ()
    """Every flag raised, by code, in the report's order."""
    critical_flag_codes: tuple[str, ...] = ()
    """The codes of the critical ones."""
    tier: str | None = None
    """The vendor's criticality tier under ``--policy``; None without a policy."""
    max_age_days: int | None = None
    """The rubric's maximum assessment age (what the store's ``due`` measures against)."""
    profile: str = "default"
    """The weight profile it was scored with (its tier's, under ``--policy``)."""
    report: str | None = None
    """The HTML report written into ``--reports-dir``, as a path from the working folder
    (the dashboard links to it)."""
    tier_source: str | None = None
    """Where the tier came from: policy, intake, assessment or default."""
    expiring: tuple[tuple[str, str, str, str, str], ...] = ()
    """Each evidence item with an expiry date: (control, kind, title, expires, status on
    the as-of date), for the portfolio store's "due" and lapsed-evidence alerts."""
    controls: str | None = None
    """Only when recording (``--record``): every control's (id, points, answer, tier,
    rules) as one compact JSON text, so ``history`` can say which controls moved. One
    string, not tuples: it keeps the row small while the batch holds it."""

    @property
    def next_expiry(self) -> str | None:
        """The earliest expiry date (YYYY-MM-DD) of an item still valid on the as-of date."""
        dates = [expires for _, _, _, expires, status in self.expiring if status == "valid"]
        return min(dates) if dates else None

    def domains(self) -> list[tuple[str, str, float | None]]:
        """(id, name, trust score) of each domain."""
        return list(zip(self.domain_ids, self.domain_names, self.domain_scores, strict=True))

    def as_dict(self) -> dict[str, Any]:
        """The row as JSON-ready data."""
        data = {name: getattr(self, name) for name in self.__slots__
                if name not in ("domain_ids", "domain_names", "domain_scores", "vendor_id",
                                "website", "rubric_sha256", "assessed_on", "flag_codes",
                                "critical_flag_codes", "expiring", "max_age_days", "report",
                                "profile", "controls")}
        data["confidence"] = self.confidence.value
        data["failed_knockouts"] = list(self.failed_knockouts)
        data["gates_failed"] = list(self.gates_failed)
        data["domains"] = {d: s for d, _, s in self.domains()}
        return data


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
    """The portfolio at a glance: of one rubric's vendors, or of the whole batch.

    Scores, grades and domains of different rubrics are never pooled: for a batch that
    mixes rubrics the whole-batch summary counts files, knockouts and gates only, and each
    rubric's group carries its own spread, grades and weakest domain.
    """

    rubrics: list[str] = Field(default_factory=list,
                               description="The rubrics (id@version) these vendors answered.")
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
    reviewed: list[str] = Field(default_factory=list, description="Files scored with a "
                                "buyer's review: their figures are the reviewed ones.")


@dataclass(frozen=True)
class RubricGroup:
    """The vendors of one rubric, ranked among themselves, and their summary."""

    rubric: str
    ranking: list[VendorRow]
    summary: PortfolioSummary


@dataclass(frozen=True)
class BatchResult:
    """Everything ``batch`` reports except the full per-vendor reports (streamed in JSON)."""

    tool_version: str
    as_of: str
    profile: str
    sort: SortKey
    summary: PortfolioSummary
    ranking: list[VendorRow]
    errors: list[FileError]
    skipped: list[Skipped]
    groups: list[RubricGroup]
    """One per rubric, largest first; ``ranking`` is their rankings one after another."""
    schema_version: int = 1
    alerts: Alerts | None = None
    """With ``--record --alert``: each vendor's new record against its previous one."""
    trends: dict[str, tuple[float, ...]] | None = None
    """With ``--record`` and the HTML dashboard: each file's vendor's trust scores over
    its records, oldest first."""

    @property
    def mixed(self) -> bool:
        """True when the vendors answered more than one rubric."""
        return len(self.groups) > 1


@dataclass(frozen=True)
class BatchStream:
    """A batch being scored, for a renderer to consume without holding every report.

    Iterating ``reports`` drives the run and yields each scored file's full JSON report in
    input order (none unless full reports were asked for); ``finish`` scores whatever is
    left and returns the ranked result. Why not one result: a full report is ~30 KB, and a
    portfolio of ten thousand must not be held in memory to be written.
    """

    reports: Iterator[str]
    finish: Callable[[], BatchResult]
    close: Callable[[], None] = lambda: None
    """Stop scoring at once (an error or a signal while writing): ends the workers."""
