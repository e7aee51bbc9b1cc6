"""Evaluate the rubric's consistency rules against the facts of one assessment. Pure.

Conditions see answers as given (yes/no as booleans) and points *before* any rule applies,
so rules do not chase each other: the order of rules never changes the result.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trustscore.models.assessment import AnswerValue, Evidence, Scope
from trustscore.models.report import EvidenceStatus
from trustscore.models.rules import (
    AllOf,
    AnswerIs,
    AnyOf,
    AsOfIs,
    Condition,
    EvidenceHas,
    HeadcountIs,
    NotOf,
    Op,
    PointsAre,
    Rule,
    ScopeIs,
)


@dataclass(frozen=True)
class Facts:
    """What the rules may look at: answered, in-scope controls only."""

    answers: Mapping[str, AnswerValue]
    levels: Mapping[str, float]
    evidence: Mapping[str, Sequence[tuple[Evidence, EvidenceStatus]]]
    scope: Scope
    headcount: int
    as_of: dt.date


_COMPARE: dict[Op, Callable[[Any, Any], bool]] = {
    Op.EQ: operator.eq, Op.NE: operator.ne, Op.LT: operator.lt, Op.LE: operator.le,
    Op.GT: operator.gt, Op.GE: operator.ge,
    Op.IN: lambda left, right: left in right, Op.NOT_IN: lambda left, right: left not in right,
}


def compare(op: Op, left: Any, right: Any) -> bool:
    """``left op right``; a comparison between values of unlike types is simply false."""
    if op in (Op.ANSWERED, Op.UNANSWERED):
        raise ValueError(f"{op} is not a comparison")
    try:
        return bool(_COMPARE[op](left, right))
    except TypeError:
        return False


def holds(condition: Condition, facts: Facts) -> bool:
    """Whether ``condition`` is true of ``facts``."""
    if isinstance(condition, AllOf):
        return all(holds(c, facts) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(c, facts) for c in condition.any)
    if isinstance(condition, NotOf):
        return not holds(condition.not_, facts)
    if isinstance(condition, AnswerIs):
        present = condition.answer in facts.answers
        if condition.is_ is Op.ANSWERED:
            return present
        if condition.is_ is Op.UNANSWERED:
            return not present
        if not present:
            return False
        if condition.control is not None:
            if condition.control not in facts.answers:
                return False
            right: Any = facts.answers[condition.control]
        else:
            right = condition.value
        return compare(condition.is_, facts.answers[condition.answer], right)
    if isinstance(condition, PointsAre):
        level = facts.levels.get(condition.points)
        return level is not None and compare(condition.is_, level, condition.value)
    if isinstance(condition, EvidenceHas):
        return any(_matches(item, status, condition, facts.as_of)
                   for item, status in facts.evidence.get(condition.evidence, ()))
    if isinstance(condition, ScopeIs):
        return compare(condition.is_, getattr(facts.scope, condition.scope), condition.value)
    if isinstance(condition, HeadcountIs):
        return compare(condition.headcount, facts.headcount, condition.value)
    if isinstance(condition, AsOfIs):
        return compare(condition.as_of, facts.as_of, condition.value)
    raise TypeError(f"unknown condition {type(condition).__name__}")


def _matches(item: Evidence, status: EvidenceStatus, condition: EvidenceHas,
             as_of: dt.date) -> bool:
    if condition.valid_only and status is not EvidenceStatus.VALID:
        return False
    if condition.kind_in is not None and item.kind not in condition.kind_in:
        return False
    if condition.with_fields is not None and not all(
            getattr(item, name) for name in condition.with_fields):
        return False
    if condition.text_contains is not None:
        needle = condition.text_contains.lower()
        haystack = " ".join(t for t in (item.title, item.reference, item.scope) if t).lower()
        if needle not in haystack:
            return False
    limit = condition.issued_within_days
    return limit is None or (item.issued is not None and (as_of - item.issued).days <= limit)


def fired(rules: Sequence[Rule], facts: Facts) -> list[Rule]:
    """The rules whose condition holds, in rubric order."""
    return [rule for rule in rules if holds(rule.when, facts)]
