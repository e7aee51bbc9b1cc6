"""Rule conditions, one module each, and the registry the rubric model is built from.

Each condition is a mapping with exactly one distinguishing key, its tag (the name of its
first field), so a rubric reads like the sentence it encodes. The tag is written once, in
the condition's model; its evaluation (``holds``) and its rubric check (``lint``) sit
beside it. To add a condition: write its module and add its class to ``CONDITIONS``; a
test fails until every tag is documented and every condition is evaluated and linted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Discriminator, Tag

from trustscore.models.conditions.answer import AnswerIs
from trustscore.models.conditions.as_of import AsOfIs
from trustscore.models.conditions.base import (
    MEMBERSHIP_OPS,
    ORDERING_OPS,
    PRESENCE_OPS,
    ConditionBase,
    Facts,
    LintContext,
    Op,
    compare,
)
from trustscore.models.conditions.evidence import EvidenceHas
from trustscore.models.conditions.headcount import HeadcountIs
from trustscore.models.conditions.logic import AllOf, AnyOf, NotOf
from trustscore.models.conditions.points import PointsAre
from trustscore.models.conditions.scope import ScopeIs

CONDITIONS: tuple[type[ConditionBase], ...] = (
    AllOf, AnyOf, NotOf, AnswerIs, PointsAre, EvidenceHas, ScopeIs, HeadcountIs, AsOfIs)
"""Every condition, in the order a mapping's keys are tried (the first tag found wins)."""
BY_TAG: dict[str, type[ConditionBase]] = {model.tag(): model for model in CONDITIONS}
TAGS = tuple(BY_TAG)


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return next((tag for tag in TAGS if tag in value), None)
    return value.tag() if isinstance(value, ConditionBase) else None


if TYPE_CHECKING:
    Condition = ConditionBase
else:
    Condition = Annotated[
        Union[tuple(Annotated[model, Tag(model.tag())] for model in CONDITIONS)],  # noqa: UP007
        Discriminator(_condition_tag, custom_error_type="condition",
                      custom_error_message="a condition needs one of the keys: "
                      + ", ".join(TAGS)),
    ]

for _model in (AllOf, AnyOf, NotOf):
    _model.model_rebuild(_types_namespace={"Condition": Condition})


def walk(condition: ConditionBase) -> Iterator[ConditionBase]:
    """``condition`` and every condition inside it."""
    yield condition
    for _, child in condition.children():
        yield from walk(child)


def named_controls(condition: ConditionBase) -> set[str]:
    """Every control a condition mentions."""
    return {cid for c in walk(condition) for cid in c.named()}


__all__ = ["CONDITIONS", "MEMBERSHIP_OPS", "ORDERING_OPS", "PRESENCE_OPS", "TAGS", "AllOf",
           "AnswerIs", "AnyOf", "AsOfIs", "Condition", "ConditionBase", "EvidenceHas", "Facts",
           "HeadcountIs", "LintContext", "NotOf", "Op", "PointsAre", "ScopeIs", "compare",
           "named_controls", "walk"]
