"""``points``: compare the points a control's answer earns."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from trustscore.errors import PathProblem
from trustscore.models.conditions.base import (
    ORDERING_OPS,
    ConditionBase,
    Facts,
    Identifier,
    LintContext,
    Op,
    Path,
    compare,
)


class PointsAre(ConditionBase):
    """Compare the points (0-4) a control's answer earns, before any rule applies."""

    points: Identifier
    is_: Op = Field(alias="is")
    value: Annotated[float, Field(ge=0, le=4)]

    def holds(self, facts: Facts) -> bool:
        level = facts.levels.get(self.points)
        return level is not None and compare(self.is_, level, self.value)

    def named(self) -> set[str]:
        return {self.points}

    def lint(self, path: Path, context: LintContext) -> None:
        context.known(self.points, (*path, "points"))
        if self.is_ not in ORDERING_OPS | {Op.EQ, Op.NE}:
            context.problems.append(PathProblem((*path, "is"), "points compare with eq, ne, "
                                                "lt, le, gt or ge"))
