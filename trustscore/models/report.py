"""The scored report: every figure a renderer shows, computed once by the engine.

Renderers only lay these fields out; they never compute, so JSON, Markdown and the
terminal cannot disagree. The JSON form of this model is the documented, stable output
(``schema_version`` changes when a field changes meaning or disappears).
"""

from __future__ import annotations

import datetime as dt
import enum

from pydantic import BaseModel, ConfigDict, Field

from trustscore.models.flags import FlagEffect, Severity

SCHEMA_VERSION = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Confidence(enum.StrEnum):
    """How much of the score is backed by system or independent evidence."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ControlStatus(enum.StrEnum):
    """Why a control counts, or does not."""

    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    MISSING = "missing"
    OUT_OF_SCOPE = "out_of_scope"


class EvidenceStatus(enum.StrEnum):
    """Whether an evidence item counted on the as-of date, and if not, why."""

    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    DATES_REVERSED = "dates_reversed"
    """It expires before it was issued."""
    UNIDENTIFIED = "unidentified"
    """It lacks a field its kind requires (issuer, number, dates, an independent url, its
    file): counts as a bare claim."""
    OUT_OF_REACH = "out_of_reach"
    """Its kind cannot attest this control (a certificate for on-time delivery): counts as
    a bare claim."""
    FILE_MISSING = "file_missing"
    """The file it names could not be read beside the assessment: counts as a bare claim."""
    IMPLAUSIBLE = "implausible"
    """Its dates, period, number or issuer are not what a real one shows: counts as a bare
    claim, and the assessment needs verification."""
    FILE_MISMATCH = "file_mismatch"
    """The file it names does not match its SHA-256: counts for nothing, a critical flag."""
    OVERUSED = "overused"
    """It is cited, within its reach, for more controls than its kind can back (the
    rubric's reuse limit): it proves nothing in particular and counts as a bare claim."""
    DISCREDITED = "discredited"
    """It passed its own checks, but another item of the same assessment looks forged or
    its file does not match: nothing unreviewed is taken at face value, so it counts as a
    bare claim."""
    VERIFIED = "verified"
    """A buyer's review checked it and found it genuine: full credit within its reach."""
    REJECTED = "rejected"
    """A buyer's review checked it and found it is not what it claims: it counts for
    nothing, a critical flag."""

    @property
    def counts(self) -> bool:
        """Whether the item backs what it is cited for."""
        return self in (EvidenceStatus.VALID, EvidenceStatus.VERIFIED)


class VendorInfo(_Frozen):
    """Who was assessed, as the vendor stated it."""

    name: str
    country: str
    website: str | None
    headcount: int
    services: list[str]

    @property
    def people(self) -> str:
        """``1 person``, ``12 people``: the headcount as every format writes it."""
        return f"{self.headcount} {'person' if self.headcount == 1 else 'people'}"


class ItemVerdict(_Frozen):
    """What a buyer's reviewer found on one evidence item, and who found it when."""

    verdict: str = Field(description="verified, rejected or not_checked.")
    by: str | None
    on: dt.date | None
    method: str | None
    note: str | None


class EvidenceResult(_Frozen):
    """One evidence item as the engine judged it."""

    kind: str
    title: str
    reference: str | None
    issuer: str | None
    issued: dt.date | None
    expires: dt.date | None
    tier: str
    factor: float
    status: EvidenceStatus
    lacks: list[str] = Field(default_factory=list,
                             description="What the item lacks to count at its tier.")
    doubts: list[str] = Field(default_factory=list,
                              description="Why the item does not look like a real one.")
    file: str | None = None
    sha256: str | None = None
    review: ItemVerdict | None = Field(default=None, description="The buyer's verdict on "
                                       "this item, when a review was applied.")


class ControlResult(_Frozen):
    """How one control was scored, in points of the 100-point total."""

    id: str
    title: str
    domain: str
    status: ControlStatus
    answer: str | None = Field(description="The answer as given (yes/no normalised).")
    answer_label: str | None = Field(description="The rubric's words for that answer: the "
                                     "maturity level or choice described.")
    unit: str | None
    level: float | None = Field(description="Points on the 0-4 scale the answer earns.")
    tier: str | None = Field(description="The best valid evidence tier.")
    credibility: float | None = Field(description="Factor of that tier, 0-1.")
    max_points: float = Field(description="What a proven, perfect answer would contribute.")
    claimed_points: float = Field(description="What the answer would contribute if proven.")
    contribution: float = Field(description="What it does contribute: the trust points.")
    lost_to_answer: float
    lost_to_evidence: float
    knockout: bool
    rules: list[str] = Field(description="Rubric rules that capped or downgraded it.")
    evidence: list[EvidenceResult]
    justification: str | None
    applies_only_when: str | None = Field(default=None, description="For a control out of "
                                          "scope: the engagement it applies to.")
    remediation: str
    effort: str

    @property
    def satisfied(self) -> bool:
        """Met as far as a buyer can rely on it: answered, and earning at least
        :data:`SATISFIED_SHARE` of its points after the evidence is weighed (a bare claim
        cannot); what OSCAL calls ``satisfied`` and a Statement of Applicability
        "implemented"."""
        return (self.status is ControlStatus.ANSWERED and self.max_points > 0
                and self.contribution >= SATISFIED_SHARE * self.max_points)


SATISFIED_SHARE = 0.75
"""The share of a control's points it must earn to count as satisfied."""


class ScoreBand(enum.StrEnum):
    """A score's band, for colour: the same thresholds in the terminal, HTML and SVG."""

    STRONG = "strong"
    FAIR = "fair"
    WEAK = "weak"

    @classmethod
    def of(cls, score: float) -> ScoreBand:
        """The band of a 0-100 score: strong from 65, fair from 50, weak below."""
        if score >= STRONG_FROM:
            return cls.STRONG
        return cls.FAIR if score >= FAIR_FROM else cls.WEAK


STRONG_FROM = 65.0
FAIR_FROM = 50.0


class DomainResult(_Frozen):
    """One domain's score and its share of the total."""

    id: str
    name: str
    weight: float = Field(description="Weight under the profile used.")
    max_points: float = Field(description="Points of the 100 this domain can contribute.")
    trust_score: float | None = Field(description="0-100 within the domain; null when no "
                                      "control applies.")
    claimed_score: float | None
    contribution: float
    controls_scored: int
    controls_missing: int

    @property
    def band(self) -> ScoreBand | None:
        """How the domain's score is coloured in every format; None when not scored."""
        return None if self.trust_score is None else ScoreBand.of(self.trust_score)


class KnockoutResult(_Frozen):
    """A critical control and whether the vendor passed it."""

    control: str
    title: str
    passed: bool
    reason: str
    detail: str


class Flag(_Frozen):
    """Something a buyer should look at, with a stable code documented in the README."""

    code: str = Field(description="A built-in FlagCode, or the code of a rubric rule.")
    severity: Severity
    message: str
    controls: list[str]
    effect: FlagEffect = Field(description="What the flag did to the score.")
    rule: str | None = Field(default=None, description="The rubric rule that raised it.")
    hint: str = Field(default="", description="How to resolve it.")


class Gap(_Frozen):
    """Points a control leaves on the table and how to win them back."""

    control: str
    title: str
    domain: str
    recoverable: float
    by_answer: float
    by_evidence: float
    remediation: str
    effort: str


class ScopeInfo(_Frozen):
    """The engagement as the vendor declared it: it decides which controls count."""

    processes_client_personal_data: bool
    hosts_client_systems: bool
    handles_card_data: bool
    client_regions: list[str]


class BundledFile(_Frozen):
    """A file an evidence item names, as the loader found it beside the assessment."""

    file: str = Field(description="The path as written, relative to the assessment.")
    sha256: str | None = Field(description="The SHA-256 of its bytes; null when it could "
                               "not be read.")
    problem: str | None = Field(default=None, description="Why it could not be read.")


class Provenance(_Frozen):
    """Everything needed to reproduce the report exactly."""

    tool: str
    tool_version: str
    rubric: str = Field(description="id@version")
    rubric_sha256: str
    rubric_custom: bool = Field(default=False, description="The rubric came from a file that "
                                "is not byte-identical to the built-in rubric of its id.")
    input_sha256: str
    profile: str
    as_of: dt.date
    assessed_on: dt.date
    evidence_files: list[BundledFile] = Field(
        default_factory=list, description="Every bundled evidence file and its hash.")
    review: str | None = Field(default=None, description="The review file applied, as named "
                               "on the command line.")
    review_sha256: str | None = Field(default=None, description="The SHA-256 of its bytes.")


class Unbacked(_Frozen):
    """The part of the claimed score that no checkable evidence backs: answers with no
    evidence, or whose every item failed the checks (lacking, out of reach, doubted,
    overused, expired, unreadable)."""

    points: float = Field(description="Claimed points resting on bare claims.")
    share: float = Field(description="Those points as a share of the claimed score, 0-1.")
    controls: int = Field(description="How many answered controls are bare claims.")
    above: float | None = Field(description="The share above which the rubric calls the "
                                "assessment 'needs verification' (none: never).")
    above_points: float = Field(description="...and the points above which it does, so a "
                                "small claim that is mostly bare is not called out.")


class Figures(_Frozen):
    """The headline figures of one scoring: the vendor's word, or the buyer's review."""

    trust_score: float
    grade: str
    confidence: Confidence
    needs_verification: bool
    verified_share: float


class ReviewedEvidence(_Frozen):
    """One evidence item the review names, with its verdict."""

    kind: str
    title: str
    reference: str | None
    verdict: str
    by: str | None
    on: dt.date | None
    method: str | None
    note: str | None
    controls: list[str] = Field(description="The controls the assessment cites it for.")


class AcceptedRisk(_Frozen):
    """A gap the buyer accepted: listed apart, never in the score."""

    control: str
    title: str
    justification: str
    approver: str
    expires: dt.date
    lapsed: bool = Field(description="The acceptance expired before the as-of date.")
    contribution: float = Field(description="What the control contributes to the score.")
    max_points: float


class ReviewSummary(_Frozen):
    """What a buyer's review changed: the vendor-declared and the reviewed figures side by
    side, who checked what and when, and the risks accepted."""

    reviewer: str | None
    reviewers: list[str] = Field(description="Everyone named as having checked an item.")
    first_checked: dt.date | None
    last_checked: dt.date | None
    declared: Figures = Field(description="The figures on the vendor's word alone (no "
                              "review).")
    reviewed: Figures = Field(description="The figures with the review applied (the "
                              "report's own).")
    verified: int
    rejected: int
    not_checked: int = Field(description="Items the review lists but did not check.")
    unlisted: int = Field(description="Evidence items of the assessment the review does not "
                          "name: treated as not checked.")
    declared_factor: float = Field(description="The credit an unchecked independent item "
                                   "keeps in the reviewed figures.")
    items: list[ReviewedEvidence]
    accepted_risks: list[AcceptedRisk]


class Report(_Frozen):
    """The full, explained result of scoring one self-assessment."""

    schema_version: int = SCHEMA_VERSION
    vendor: VendorInfo
    trust_score: float
    claimed_score: float
    gap: float = Field(description="claimed_score - trust_score: the unproven part.")
    grade: str
    grade_label: str
    score_grade: str = Field(description="The grade the score alone would earn.")
    capped_by_knockouts: bool
    confidence: Confidence
    needs_verification: bool = Field(description="Over-claiming patterns or rules fired: "
                                     "confidence was lowered a level.")
    verified_share: float = Field(description="Share of the weight backed by system or "
                                  "independent evidence, 0-1.")
    unbacked: Unbacked = Field(description="How much of the claimed score rests on claims "
                               "with no checkable evidence.")
    scope: ScopeInfo | None = Field(default=None, description="The engagement scope the "
                                    "vendor declared.")
    warnings: list[str] = Field(default_factory=list, description="What a buyer must know "
                                "before reading the score, shown in every headline: a custom "
                                "rubric, a vendor outside the rubric's audience, a stale "
                                "assessment.")
    domains: list[DomainResult]
    controls: list[ControlResult]
    knockouts: list[KnockoutResult]
    flags: list[Flag]
    missing: list[str]
    gaps: list[Gap] = Field(description="Controls ordered by points recoverable, largest "
                            "first.")
    strengths: list[str] = Field(description="Controls earning full points on verified "
                                 "evidence, largest contribution first.")
    review: ReviewSummary | None = Field(default=None, description="What a buyer's review "
                                         "checked and changed; null when none was applied.")
    provenance: Provenance

    # Views every format shows, defined once here so no renderer derives them. Properties,
    # not fields: they repeat what the JSON already holds, and the JSON stays as documented.

    @property
    def set_aside(self) -> list[ControlResult]:
        """Controls that do not count: answered not applicable, or out of scope."""
        return [c for c in self.controls if c.status in (ControlStatus.NOT_APPLICABLE,
                                                         ControlStatus.OUT_OF_SCOPE)]

    @property
    def failed_knockouts(self) -> list[KnockoutResult]:
        """The critical controls the vendor failed, in rubric order."""
        return [k for k in self.knockouts if not k.passed]

    @property
    def strength_controls(self) -> list[ControlResult]:
        """The controls of ``strengths``, in the same order."""
        by_id = {c.id: c for c in self.controls}
        return [by_id[cid] for cid in self.strengths]
