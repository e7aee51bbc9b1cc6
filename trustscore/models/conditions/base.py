"""What every rule condition is: a strict model with one distinguishing key (its tag, the
name of its first field), that says whether it holds of the facts and what is wrong with
it in a rubric. Pure: no I/O, no engine.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from trustscore.errors import PathProblem
from trustscore.models.assessment import AnswerValue, Evidence, Scope
from trustscore.models.report import EvidenceStatus
from trustscore.suggest import did_you_mean

if TYPE_CHECKING:
    from trustscore.models.rubric import Control

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Scalar = bool | int | float | str
Path = tuple[str | int, ...]


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


@dataclass(frozen=True)
class Facts:
    """What the rules may look at: answered, in-scope controls only."""

    answers: Mapping[str, AnswerValue]
    levels: Mapping[str, float]
    evidence: Mapping[str, Sequence[tuple[Evidence, EvidenceStatus]]]
    scope: Scope
    headcount: int
    as_of: dt.date


@dataclass
class LintContext:
    """What a condition is checked against: the rubric's controls and evidence kinds."""

    controls: Mapping[str, Control]
    evidence_kinds: Collection[str]
    problems: list[PathProblem]

    def known(self, cid: str, path: Path) -> Control | None:
        """The control ``cid``, or None with an "unknown control id" problem at ``path``."""
        control = self.controls.get(cid)
        if control is None:
            self.problems.append(PathProblem(path, f"unknown control id '{cid}'",
                                             did_you_mean(cid, self.controls)))
        return control


class ConditionBase(BaseModel):
    """A condition: one mapping whose first key names it (``answer``, ``all``, ...)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False,
                              populate_by_name=True)

    @classmethod
    def tag(cls) -> str:
        """The key that tells this condition from the others: its first field's name."""
        name, field = next(iter(cls.model_fields.items()))
        return field.alias or name

    def holds(self, facts: Facts) -> bool:
        """Whether the condition is true of ``facts``."""
        raise NotImplementedError

    def lint(self, path: Path, context: LintContext) -> None:
        """Add to ``context.problems`` what is wrong with this condition in its rubric."""
        raise NotImplementedError

    def children(self) -> Iterator[tuple[Path, ConditionBase]]:
        """The conditions inside this one, each with its path below this one."""
        return iter(())

    def named(self) -> set[str]:
        """The controls this condition itself names (not its children's)."""
        return set()


def ordering_only(op: Op, path: Path, context: LintContext) -> None:
    """A headcount or a date compares with an ordering, not membership or presence."""
    if op in MEMBERSHIP_OPS | PRESENCE_OPS:
        context.problems.append(PathProblem(path, "compare with eq, ne, lt, le, gt or ge"))
