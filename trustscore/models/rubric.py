"""The rubric: what trust is made of, as data.

A rubric is validated in two steps: pydantic checks the shape of every field here, then
:mod:`trustscore.models.rubric_checks` checks what spans fields (unique ids, ordered
bands, references that resolve) and reports each problem at its own line.
"""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from trustscore.models.answer_spec import MAX_POINTS as MAX_POINTS
from trustscore.models.answer_spec import AnswerSpec as AnswerSpec
from trustscore.models.answer_spec import AnswerType as AnswerType
from trustscore.models.answer_spec import Band as Band
from trustscore.models.answer_spec import Better as Better
from trustscore.models.answer_spec import ChoiceOption as ChoiceOption
from trustscore.models.answer_spec import NonEmpty
from trustscore.models.answer_spec import Strict as _Strict
from trustscore.models.rules import Rule

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
"""Ids appear in file names, JSON keys and command lines: keep them plain."""


class Effort(enum.StrEnum):
    """Rough cost of a remediation, used to order a firm's to-do list."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Remediation(_Strict):
    """What to do when the control falls short, and roughly what it costs."""

    hint: NonEmpty
    effort: Effort


class Knockout(_Strict):
    """A critical control: falling below ``fails_below`` points caps the grade."""

    fails_below: Annotated[float, Field(gt=0, le=4)] = MAX_POINTS
    reason: NonEmpty


class AppliesWhen(_Strict):
    """Engagement conditions, all of which must hold for the control to count."""

    processes_client_personal_data: bool | None = None
    hosts_client_systems: bool | None = None
    handles_card_data: bool | None = None
    client_regions_any: list[NonEmpty] | None = None


CCM_ID = r"^(A&A|AIS|BCR|CCC|CEK|DCS|DSP|GRC|HRS|IAM|IPY|IVS|LOG|SEF|STA|TVM|UEM)-[0-9]{2}$"
"""The shape of a CSA Cloud Controls Matrix v4 control id (the 17 domains' prefixes)."""


class CaiqAnswers(_Strict):
    """How a CAIQ answer sheet feeds this control: the questions of the CCM controls in
    ``mappings.ccm_v4``, combined into one Yes or No, stand for these answers.

    A Yes says a control exists, not how mature it is, so ``if_yes`` is never the top
    answer (except for a yes/no control, whose Yes is the answer); every imported answer is
    a bare claim until evidence backs it. (Not ``yes:``/``no:`` keys: YAML 1.1 tools read
    those as booleans.)
    """

    combine: Literal["all", "any"] = "all"
    """``all``: Yes only when every question fed is Yes; ``any``: Yes when one is."""
    if_yes: bool | int | float | str
    if_no: bool | int | float | str


class Control(_Strict):
    """One question a careful buyer would ask, with how its answer is scored."""

    id: Identifier
    title: NonEmpty
    question: NonEmpty
    weight: Annotated[float, Field(gt=0, le=1000)]
    answer: AnswerSpec
    evidence_expected: list[NonEmpty] = Field(min_length=1)
    mappings: dict[Identifier, list[NonEmpty]] = Field(default_factory=dict)
    caiq: CaiqAnswers | None = None
    """What a CAIQ Yes or No stands for here (``import caiq``); None: no question covers it."""
    remediation: Remediation
    knockout: Knockout | None = None
    applies_when: AppliesWhen | None = None
    allow_not_applicable: bool = False


class Domain(_Strict):
    """A group of controls with a weight in the overall score."""

    id: Identifier
    name: NonEmpty
    weight: Annotated[float, Field(gt=0, le=1000)]
    description: NonEmpty
    controls: list[Control] = Field(min_length=1)


class GradeBand(_Strict):
    """A grade, its plain-language meaning, and the lowest trust score that earns it."""

    grade: Annotated[str, Field(pattern=r"^[A-Z][+-]?$")]
    min_score: Annotated[float, Field(ge=0, le=100)]
    label: NonEmpty


class EvidenceTier(_Strict):
    """How far a kind of evidence can be trusted, as a factor on the answer's points."""

    id: Identifier
    label: NonEmpty
    factor: Annotated[float, Field(gt=0, le=1)]
    verified: bool = False
    """System-generated or independent evidence: counts towards confidence."""
    max_level: Annotated[float, Field(ge=0, le=MAX_POINTS)] | None = None
    """The most points (of 4) an answer backed only by this tier can earn: without
    evidence, "fully in place" cannot be told from a hope, so it counts as "partly"."""


EvidenceRequirement = Literal["issuer", "reference", "issued", "expires", "period", "link",
                              "url", "file"]
"""What an item of a kind must show to count at its tier. ``period``: the start and end of
the period a report covers; ``link``: a url anyone can open; ``url``: a url off the
vendor's own domains (an independent locator); ``file``: a bundled file whose SHA-256
matches."""


class EvidenceKind(_Strict):
    """One kind of evidence: what it is worth, what it must show, what it can speak for.

    Credibility follows what a buyer can check, never the label alone: an item lacking a
    required field, or cited for a control outside its reach, counts as a bare claim.
    """

    tier: Identifier
    requires: list[EvidenceRequirement] = Field(default_factory=list)
    attests: list[Identifier] | None = None
    """Domain or control ids this kind can attest (a certificate speaks for security, not
    for on-time delivery); cited elsewhere an item counts as a claim. Unset: any control."""
    reuse_limit: Annotated[int, Field(ge=1, le=10_000)] | None = None
    """One item cited for more controls than this counts as a claim on all of them
    (default: the policy's)."""
    max_validity_days: Annotated[int, Field(ge=1, le=36_600)] | None = None
    """Longest plausible time from issue to expiry (a certificate's usual term)."""
    min_period_days: Annotated[int, Field(ge=0, le=36_600)] | None = None
    """Shortest plausible period a report covers (a Type II report: months, not weeks)."""
    max_period_days: Annotated[int, Field(ge=1, le=36_600)] | None = None


def _tier_shorthand(value: Any) -> Any:
    """``policy: internal_document`` is short for ``policy: {tier: internal_document}``:
    a kind that requires nothing, attests anything and has the policy's reuse limit."""
    return {"tier": value} if isinstance(value, str) else value


class ReviewPolicy(_Strict):
    """How a buyer's review changes credit: verified items count in full, rejected ones not
    at all, and independent items the review left unchecked keep a reduced credit."""

    declared_tiers: list[Identifier] = Field(default_factory=list)
    """Tiers whose items, when a review applies and leaves them unchecked, count at
    ``declared_factor``: the vendor says a third party vouches, nobody has asked it."""
    declared_factor: Annotated[float, Field(gt=0, le=1)] = 0.85


class EvidencePolicy(_Strict):
    """Evidence tiers, the kinds of evidence and the tier of no evidence."""

    tiers: list[EvidenceTier] = Field(min_length=1)
    kinds: dict[Identifier, Annotated[EvidenceKind, BeforeValidator(_tier_shorthand)]] = Field(
        min_length=1)
    unsupported_tier: Identifier
    """The tier of a claim with no valid evidence (usually "self_declared")."""
    reuse_limit: Annotated[int, Field(ge=1, le=10_000)] = 3
    """One evidence item cited within its reach for more controls than this counts as a
    claim on all of them, unless its kind sets its own limit."""
    expiry_warning_days: Annotated[int, Field(ge=0, le=3660)] = 90
    """Valid evidence expiring within this many days of the as-of date is flagged."""
    implausible_issuers: list[NonEmpty] = Field(default_factory=list)
    """Names of a standard or its owner rather than of a body that issues certificates
    ("ISO", "AICPA"): an issuer that starts with one ("ISO Certification Board") is
    doubted; one that only mentions it ("BSI, ISO/IEC 27001 certification body") is not."""
    review: ReviewPolicy = Field(default_factory=ReviewPolicy)

    def tier_of(self, kind: str) -> EvidenceTier:
        """The tier an item of ``kind`` counts at when it passes every check."""
        return next(t for t in self.tiers if t.id == self.kinds[kind].tier)

    def reuse_limit_of(self, kind: str) -> int:
        """How many controls one item of ``kind`` may back before it proves none of them."""
        own = self.kinds[kind].reuse_limit
        return self.reuse_limit if own is None else own


class OverclaimPolicy(_Strict):
    """Over-claiming signals: much of the claim unbacked, perfect or round figures.

    They raise "needs verification" and lower confidence a level, without changing points:
    a buyer should check, not conclude.
    """

    unbacked_share_above: Annotated[float, Field(ge=0, le=1)] | None = 0.5
    """Needs verification when more than this share of the claimed score rests on claims
    with no checkable evidence..."""
    unbacked_points_above: Annotated[float, Field(ge=0, le=100)] = 30
    """...and those claims are worth more than this many of the 100 points (a weak firm
    answering candidly without evidence claims little and is not suspect)."""
    perfect_values: dict[Identifier, float] = Field(default_factory=dict)
    """Answers that real measurements rarely reach (0 % change failure, 100 % on time)."""
    perfect_min: Annotated[int, Field(ge=1)] = 2
    """How many perfect values it takes to flag."""
    measured_controls: list[Identifier] = Field(default_factory=list)
    """Number answers that should come from a measurement, not a promise."""
    round_multiple: Annotated[float, Field(gt=0)] = 5
    round_share: Annotated[float, Field(gt=0, le=1)] = 0.8
    round_min_answers: Annotated[int, Field(ge=1)] = 6


class ConfidencePolicy(_Strict):
    """Shares of weight backed by verified evidence needed for high and medium confidence."""

    high: Annotated[float, Field(gt=0, le=1)]
    medium: Annotated[float, Field(ge=0, le=1)]


class KnockoutPolicy(_Strict):
    """The best grade a vendor can get with one, or with two or more, failed knockouts."""

    one_failed_caps_at: str
    two_or_more_cap_at: str


class Profile(_Strict):
    """Domain weights for one kind of buyer; domains not listed keep their own weight."""

    id: Identifier
    name: NonEmpty
    description: NonEmpty
    weights: dict[Identifier, Annotated[float, Field(ge=0, le=1000)]] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _not_default(cls, value: str) -> str:
        if value == "default":
            raise ValueError("'default' is reserved for the domains' own weights")
        return value


class ScopeHint(_Strict):
    """Services that imply a scope: a vendor selling payroll support that declares it
    processes no client personal data is warned about when that switches a knockout off."""

    scope: Literal["processes_client_personal_data", "hosts_client_systems",
                   "handles_card_data"]
    services_any: list[NonEmpty] = Field(min_length=1)
    """Words or phrases, matched case-insensitively as whole words in the services."""


class Audience(_Strict):
    """Whom a rubric is written for; an assessment outside it gets a headline warning
    (a 45-person firm answering the freelancer rubric)."""

    description: NonEmpty
    headcount_min: Annotated[int, Field(ge=1)] | None = None
    headcount_max: Annotated[int, Field(ge=1)] | None = None


class Rubric(_Strict):
    """A complete, versioned scoring rubric."""

    format_version: Literal[1]
    id: Identifier
    version: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+){0,2}$")]
    title: NonEmpty
    description: NonEmpty
    grades: list[GradeBand] = Field(min_length=2)
    knockouts: KnockoutPolicy
    evidence: EvidencePolicy
    confidence: ConfidencePolicy
    profiles: list[Profile] = Field(default_factory=list)
    overclaiming: OverclaimPolicy | None = None
    max_not_applicable_share: Annotated[float, Field(ge=0, le=1)] | None = None
    """How much of a domain's in-scope weight "not applicable" answers may remove; the N/A
    answers beyond it (in rubric order) count as unanswered."""
    audience: Audience | None = None
    scope_hints: list[ScopeHint] = Field(default_factory=list)
    max_assessment_age_days: Annotated[int, Field(ge=1, le=36_600)] | None = None
    """An assessment dated longer than this before the as-of date is stale: a warning in
    the headline and a confidence one level lower."""
    rules: list[Rule] = Field(default_factory=list)
    domains: list[Domain] = Field(min_length=1)

    def controls(self) -> list[Control]:
        """Every control in rubric order."""
        return [c for d in self.domains for c in d.controls]

    def grade_order(self) -> list[str]:
        """Grades from best to worst."""
        return [g.grade for g in self.grades]
