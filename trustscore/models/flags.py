"""The vocabulary of flags, shared by rubric rules and reports."""

from __future__ import annotations

import enum


class Severity(enum.StrEnum):
    """How much a flag matters to a buyer; reports list critical flags first."""

    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"


class FlagEffect(enum.StrEnum):
    """What a flag did to the score, so a reader can see why points moved."""

    NONE = "none"
    """Information only."""
    GRADE_CAPPED = "grade_capped"
    """A failed knockout capped the grade."""
    NOT_COUNTED = "not_counted"
    """An evidence item did not count."""
    DOWNGRADED = "downgraded"
    """The controls' evidence counted at a lower tier."""
    CAPPED = "capped"
    """The controls earned fewer points than their answers would."""
    NEEDS_VERIFICATION = "needs_verification"
    """Confidence lowered a level: a buyer should check the claims named before relying on
    the score."""


class FlagCode(enum.StrEnum):
    """Flag codes the engine raises itself; rubric rules add their own codes.

    Each is documented in the README with what it means and how to resolve it.
    """

    KNOCKOUT_FAILED = "knockout-failed"
    NOTHING_SCORED = "nothing-scored"
    EVIDENCE_EXPIRED = "evidence-expired"
    EVIDENCE_NOT_YET_VALID = "evidence-not-yet-valid"
    EVIDENCE_EXPIRING_SOON = "evidence-expiring-soon"
    EVIDENCE_AFTER_ASSESSMENT = "evidence-after-assessment"
    EVIDENCE_DATES_REVERSED = "evidence-dates-reversed"
    EVIDENCE_UNIDENTIFIED = "evidence-unidentified"
    EVIDENCE_OUT_OF_REACH = "evidence-out-of-reach"
    EVIDENCE_IMPLAUSIBLE = "evidence-implausible"
    ASSESSMENT_STALE = "assessment-stale"
    SCOPE_CONTRADICTS_SERVICES = "scope-contradicts-services"
    EVIDENCE_FILE_MISMATCH = "evidence-file-mismatch"
    EVIDENCE_FILE_MISSING = "evidence-file-missing"
    EVIDENCE_REUSED = "evidence-reused"
    EVIDENCE_DISCREDITED = "evidence-discredited"
    EVIDENCE_REJECTED = "evidence-rejected"
    ASSESSED_AFTER_AS_OF = "assessed-after-as-of"
    UNANSWERED = "unanswered"
    NOT_APPLICABLE_OVER_CAP = "not-applicable-over-cap"
    ANSWER_OUT_OF_SCOPE = "answer-out-of-scope"
    CLAIMS_UNBACKED = "claims-unbacked"
    PERFECT_NUMBERS = "perfect-numbers"
    ROUND_NUMBERS = "round-numbers"
    NEEDS_VERIFICATION = "needs-verification"
