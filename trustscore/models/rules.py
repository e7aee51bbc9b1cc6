"""Consistency rules, declared in the rubric as typed conditions (never ``eval``).

A rule says: when these answers, evidence and scope facts hold together, raise a flag and
apply an effect: lower the credibility of the controls involved, cap their points, or
mark the assessment as needing verification. Each condition is a mapping with exactly one
distinguishing key, so a rubric reads like the sentence it encodes::

    when:
      all:
        - {answer: DEL-02, is: eq, value: on_demand}
        - {points: DEL-01, is: lt, value: 3}
    effect: {type: cap, controls: [DEL-02], max_points: 2}
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from trustscore.models.flags import Severity

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
FlagCodeText = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=64)]
Scalar = bool | int | float | str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False,
                              populate_by_name=True)


class Op(enum.StrEnum):
    """Comparison operators of conditions."""

    EQ = "eq"
    NE = "ne"
    LT = "lt"
    LE = "le"
    GT = "gt"
    GE = "ge"
    IN = "in"
    NOT_IN = "not_in"
    ANSWERED = "answered"
    UNANSWERED = "unanswered"


ORDERING_OPS = frozenset({Op.LT, Op.LE, Op.GT, Op.GE})
MEMBERSHIP_OPS = frozenset({Op.IN, Op.NOT_IN})
PRESENCE_OPS = frozenset({Op.ANSWERED, Op.UNANSWERED})


class AllOf(_Strict):
    """True when every condition holds."""

    all: list[Condition] = Field(min_length=1)


class AnyOf(_Strict):
    """True when at least one condition holds."""

    any: list[Condition] = Field(min_length=1)


class NotOf(_Strict):
    """True when the condition does not hold."""

    not_: Condition = Field(alias="not")


class AnswerIs(_Strict):
    """Compare a control's answer with a value, or with another control's answer.

    An unanswered or not-applicable control makes every comparison false (use
    ``answered``/``unanswered`` to test for that).
    """

    answer: Identifier
    is_: Op = Field(alias="is")
    value: Scalar | list[Scalar] | None = None
    control: Identifier | None = None
    """Compare with this control's answer instead of a fixed value."""


class PointsAre(_Strict):
    """Compare the points (0-4) a control's answer earns, before any rule applies."""

    points: Identifier
    is_: Op = Field(alias="is")
    value: Annotated[float, Field(ge=0, le=4)]


EvidenceField = Literal["reference", "issuer", "issued", "expires", "url", "scope"]


class EvidenceHas(_Strict):
    """True when the control has at least one evidence item matching every filter given.

    Written as "has an item that ...", so adding evidence can only make it true; wrap it
    in ``not`` for "has no item that ...".
    """

    evidence: Identifier
    kind_in: list[Identifier] | None = None
    with_fields: list[EvidenceField] | None = None
    text_contains: Annotated[str, Field(min_length=1)] | None = None
    """Case-insensitive, in the item's title, reference or scope, or the answer's notes."""
    issued_within_days: Annotated[int, Field(ge=0, le=36_600)] | None = None
    """Issued no more than this many days before the as-of date."""
    valid_only: bool = True
    """Only items valid on the as-of date count (not expired, not future-dated)."""


class ScopeIs(_Strict):
    """Compare an engagement-scope fact."""

    scope: Literal["processes_client_personal_data", "hosts_client_systems",
                   "handles_card_data", "client_regions"]
    is_: Op = Field(alias="is")
    value: Scalar | list[Scalar]


class HeadcountIs(_Strict):
    """Compare the vendor's headcount."""

    headcount: Op
    value: Annotated[int, Field(ge=0)]


class AsOfIs(_Strict):
    """Compare the as-of date (for rules that start or stop applying on a date)."""

    as_of: Op
    value: dt.date


_TAGS = ("all", "any", "not", "answer", "points", "evidence", "scope", "headcount", "as_of")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for tag in _TAGS:
            if tag in value:
                return tag
        return None
    for tag, model in _MODELS.items():
        if isinstance(value, model):
            return tag
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")] | Annotated[AnyOf, Tag("any")] | Annotated[NotOf, Tag("not")]
    | Annotated[AnswerIs, Tag("answer")] | Annotated[PointsAre, Tag("points")]
    | Annotated[EvidenceHas, Tag("evidence")] | Annotated[ScopeIs, Tag("scope")]
    | Annotated[HeadcountIs, Tag("headcount")] | Annotated[AsOfIs, Tag("as_of")],
    Discriminator(_condition_tag, custom_error_type="condition",
                  custom_error_message="a condition needs one of the keys: "
                  + ", ".join(_TAGS)),
]

_MODELS: dict[str, type[BaseModel]] = {
    "all": AllOf, "any": AnyOf, "not": NotOf, "answer": AnswerIs, "points": PointsAre,
    "evidence": EvidenceHas, "scope": ScopeIs, "headcount": HeadcountIs, "as_of": AsOfIs,
}


def leaves(condition: Condition) -> list[Condition]:
    """The simple conditions inside ``condition`` (all, any and not unwrapped)."""
    if isinstance(condition, AllOf):
        return [leaf for c in condition.all for leaf in leaves(c)]
    if isinstance(condition, AnyOf):
        return [leaf for c in condition.any for leaf in leaves(c)]
    if isinstance(condition, NotOf):
        return leaves(condition.not_)
    return [condition]


def named_controls(condition: Condition) -> set[str]:
    """Every control a condition mentions."""
    named: set[str] = set()
    for leaf in leaves(condition):
        if isinstance(leaf, AnswerIs):
            named.add(leaf.answer)
            if leaf.control:
                named.add(leaf.control)
        elif isinstance(leaf, PointsAre):
            named.add(leaf.points)
        elif isinstance(leaf, EvidenceHas):
            named.add(leaf.evidence)
    return named


class EffectType(enum.StrEnum):
    """What a rule does to the score when it fires."""

    FLAG = "flag"
    """Only a flag; the score is unchanged."""
    DOWNGRADE = "downgrade"
    """The controls' evidence counts at most at ``tier``."""
    CAP = "cap"
    """The controls earn at most ``max_points`` (0-4)."""
    VERIFY = "verify"
    """The assessment needs verification: confidence drops a level; points unchanged."""


class Effect(_Strict):
    """A rule's effect and the controls it applies to."""

    type: EffectType
    controls: list[Identifier] = Field(default_factory=list)
    tier: Identifier | None = None
    max_points: Annotated[float, Field(ge=0, le=4)] | None = None


class Rule(_Strict):
    """A consistency rule: a condition over answers, evidence and scope, and its effect."""

    id: Identifier
    code: FlagCodeText
    severity: Severity
    description: Annotated[str, Field(min_length=1)]
    """What the rule checks, for the README and ``rubric show``."""
    message: Annotated[str, Field(min_length=1)]
    """What the flag says when the rule fires."""
    hint: Annotated[str, Field(min_length=1)]
    """How a vendor resolves it."""
    when: Condition
    effect: Effect


for _model in (AllOf, AnyOf, NotOf):
    _model.model_rebuild()
