"""A vendor's record over time, read from the portfolio store, and what changed between
two records; what falls due; what a batch's records raise as alerts.

Why not full reports: the store keeps one line per assessment (scores, grade, knockouts,
flags, expiring evidence) and one short line per control (points, answer, evidence tier,
rules), enough to say what moved and what lapsed at portfolio scale; ``diff`` of the two
files adds the titles, the evidence items and the credibility factors.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExpiringItem:
    """An evidence item with an expiry date, as recorded."""

    control: str
    kind: str
    title: str
    expires: dt.date
    status: str
    """On the record's as-of date: valid, expired, ..."""


@dataclass(frozen=True)
class ControlLine:
    """One control of a recorded assessment."""

    control: str
    points: float
    """Trust points it contributed, to the cent."""
    answer: str | None
    tier: str | None
    """The best valid evidence tier behind a scored answer."""
    rules: tuple[str, ...]
    """Rubric rules that capped or downgraded it."""


@dataclass(frozen=True)
class ControlMove:
    """A control whose points or answer moved between two records (as ``diff`` lists it)."""

    id: str
    old_points: float
    new_points: float
    change: float
    old_answer: str | None
    new_answer: str | None
    old_tier: str | None
    new_tier: str | None
    rules_added: list[str]
    rules_removed: list[str]


@dataclass(frozen=True)
class HistoryPoint:
    """One recorded assessment of a vendor."""

    file: str
    vendor_name: str
    as_of: dt.date
    assessed_on: dt.date
    rubric: str
    rubric_sha256: str
    tool_version: str
    profile: str
    trust_score: float
    claimed_score: float
    grade: str
    confidence: str
    failed_knockouts: tuple[str, ...]
    flag_codes: tuple[str, ...]
    critical_flag_codes: tuple[str, ...]
    reviewed: bool
    declared_score: float | None
    domains: dict[str, float | None]
    expiring: tuple[ExpiringItem, ...] = ()
    tier: str | None = None
    grade_rank: int = 0
    """0 for the rubric's best grade: how grades compare."""
    max_age_days: int | None = None
    """The rubric's maximum assessment age when it was scored."""
    controls: tuple[ControlLine, ...] | None = None
    """Every control's line; None when the store holds none for it (recorded by a
    trustscore before store version 2, or not read: ``due`` does not need them)."""

    @property
    def method(self) -> str:
        """The method that scored it: rubric id@version, profile and the tool's version."""
        profile = "" if self.profile == "default" else f", profile {self.profile}"
        return f"{self.rubric}{profile} (trustscore {self.tool_version})"


@dataclass(frozen=True)
class PointChange:
    """What moved from one record of a vendor to the next."""

    before: HistoryPoint
    after: HistoryPoint
    trust_delta: float
    grade_dropped: bool
    grade_rose: bool
    domain_deltas: list[tuple[str, float]]
    """(domain, change in trust score) for every domain that moved, largest first."""
    knockouts_failed: list[str]
    knockouts_fixed: list[str]
    critical_flags_new: list[str]
    critical_flags_gone: list[str]
    lapsed: list[ExpiringItem]
    """Items valid at the earlier record and expired at the later one."""
    method_changed: bool
    """Another rubric version or hash, or another trustscore: part of the move is the method."""
    controls_improved: list[ControlMove] = field(default_factory=list)
    """Controls that gained points, most first (a cent counts only with another answer)."""
    controls_regressed: list[ControlMove] = field(default_factory=list)
    """Controls that lost points, most first."""
    controls_recorded: bool = True
    """Both records hold their control lines; False: the lists above are unknown, not
    empty."""

    @property
    def alarming(self) -> bool:
        """Worth an alert: the grade dropped, a knockout newly failed, a critical flag is
        new, or evidence lapsed."""
        return bool(self.grade_dropped or self.knockouts_failed or self.critical_flags_new
                    or self.lapsed)


@dataclass(frozen=True)
class VendorHistory:
    """One vendor's records in date order, and the changes between consecutive ones."""

    key: str
    name: str
    points: list[HistoryPoint]
    changes: list[PointChange]


@dataclass(frozen=True)
class History:
    """``history``: the vendors asked for, each over time."""

    store: str
    profile: str | None
    """The profile asked for; None: every profile."""
    vendors: list[VendorHistory]


class DueReason(enum.StrEnum):
    """Why a vendor falls due."""

    STALE = "assessment_stale"
    """The latest assessment passes the rubric's maximum age."""
    EVIDENCE = "evidence_expires"
    REVIEW = "tier_review"
    """The vendor's tier requires a re-review by then (``--policy``)."""


@dataclass(frozen=True)
class DueItem:
    """One thing falling due for one vendor."""

    due: dt.date
    key: str
    vendor: str
    reason: DueReason
    what: str
    overdue: bool


@dataclass(frozen=True)
class DueList:
    """``due``: what falls due by ``until``, the earliest first."""

    store: str
    today: dt.date
    until: dt.date
    items: list[DueItem]


@dataclass(frozen=True)
class Alert:
    """A vendor's new record against its previous one, when something got worse."""

    key: str
    change: PointChange


@dataclass(frozen=True)
class Alerts:
    """What a recorded batch raised."""

    alerts: list[Alert] = field(default_factory=list)
