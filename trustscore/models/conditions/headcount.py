"""``headcount``: compare the vendor's headcount (rules for small firms or large ones)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from trustscore.models.conditions.base import (
    ConditionBase,
    Facts,
    LintContext,
    Op,
    Path,
    compare,
    ordering_only,
)


class HeadcountIs(ConditionBase):
    """Compare the vendor's headcount."""

    headcount: Op
    value: Annotated[int, Field(ge=0)]

    def holds(self, facts: Facts) -> bool:
        return compare(self.headcount, facts.headcount, self.value)

    def lint(self, path: Path, context: LintContext) -> None:
        ordering_only(self.headcount, path, context)
