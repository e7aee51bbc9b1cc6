"""A buyer's review of one self-assessment: what was checked, by whom, when, and which
risks the buyer accepts.

Written by the buyer, kept apart from the vendor's file, and bound to the exact bytes it
reviewed (``assessment_sha256``): a verdict on one version of an assessment says nothing
about the next. Untrusted input like every other file: unknown keys are refused.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from trustscore.models.assessment import IsoDate, Sha256, ShortText, Text

REVIEW_SUFFIX = ".review.yaml"
"""A review beside its assessment: ``vendor.yaml`` is reviewed in ``vendor.review.yaml``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Verdict(enum.StrEnum):
    """What the reviewer found when checking one evidence item."""

    VERIFIED = "verified"
    """Checked with its issuer, registry or file: genuine, and it says what it is cited for."""
    REJECTED = "rejected"
    """Checked, and not what it claims to be: it counts for nothing."""
    NOT_CHECKED = "not_checked"
    """Listed but not (yet) checked: it keeps the credit the vendor's word gives it."""


class ReviewedItem(_Strict):
    """One evidence item of the assessment and the reviewer's verdict on it.

    ``kind`` with ``reference`` (or ``title`` when the item has no number) names the item
    as the assessment does; the other fields ``review init`` writes (``cited_for``,
    ``at_stake``, ``check``) are the checklist, kept for the reviewer and not read back.
    """

    kind: Annotated[str, Field(min_length=1, max_length=64)]
    title: ShortText
    reference: ShortText | None = None
    verdict: Verdict = Verdict.NOT_CHECKED
    by: ShortText | None = None
    """Who checked it."""
    on: IsoDate | None = None
    """When it was checked."""
    method: Text | None = None
    """How: "called the issuer", "looked up the registry entry", "sha256sum of the file"."""
    note: Text | None = None
    cited_for: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list,
                                                                 max_length=500)
    at_stake: float | None = Field(default=None, ge=0, le=100)
    check: list[Text] = Field(default_factory=list, max_length=50)

    @model_validator(mode="after")
    def _who_and_when(self) -> ReviewedItem:
        if self.verdict is not Verdict.NOT_CHECKED and (self.by is None or self.on is None):
            raise ValueError(f"a '{self.verdict.value}' verdict says who checked the item "
                             "and when: add 'by' and 'on'")
        return self


class RiskAcceptance(_Strict):
    """A gap the buyer knowingly accepts: listed in the report, never folded into the score."""

    control: Annotated[str, Field(min_length=1, max_length=64)]
    justification: Text
    approver: ShortText
    expires: IsoDate


class ReviewHeader(_Strict):
    """Which assessment this review is of."""

    assessment: ShortText | None = None
    """The file reviewed, as ``review init`` was given it (for the reader only)."""
    assessment_sha256: Sha256
    """The SHA-256 of the exact bytes reviewed: another version of the file is refused."""
    rubric: ShortText | None = None
    reviewer: ShortText | None = None
    """Who is responsible for the review as a whole."""


class Review(_Strict):
    """The review file."""

    review: ReviewHeader
    items: list[ReviewedItem] = Field(default_factory=list, max_length=2000)
    risk_acceptances: list[RiskAcceptance] = Field(default_factory=list, max_length=500)


def review_key(kind: str, reference: str | None, title: str) -> tuple[str, str]:
    """The name of one evidence item however often it is cited: its kind and its number
    (or its title when it has none); the same key the engine counts reuse by."""
    return kind, (reference or title).strip().lower()
