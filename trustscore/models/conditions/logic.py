"""``all``, ``any`` and ``not``: conditions made of conditions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from trustscore.models.conditions.base import ConditionBase, Facts, LintContext, Path

if TYPE_CHECKING:
    from trustscore.models.conditions import Condition


class _Combined(ConditionBase):
    def lint(self, path: Path, context: LintContext) -> None:
        for below, child in self.children():
            child.lint((*path, *below), context)


class AllOf(_Combined):
    """True when every condition holds."""

    all: list[Condition] = Field(min_length=1)

    def holds(self, facts: Facts) -> bool:
        return all(c.holds(facts) for c in self.all)

    def children(self) -> Iterator[tuple[Path, ConditionBase]]:
        return ((("all", j), c) for j, c in enumerate(self.all))


class AnyOf(_Combined):
    """True when at least one condition holds."""

    any: list[Condition] = Field(min_length=1)

    def holds(self, facts: Facts) -> bool:
        return any(c.holds(facts) for c in self.any)

    def children(self) -> Iterator[tuple[Path, ConditionBase]]:
        return ((("any", j), c) for j, c in enumerate(self.any))


class NotOf(_Combined):
    """True when the condition does not hold."""

    not_: Condition = Field(alias="not")

    def holds(self, facts: Facts) -> bool:
        return not self.not_.holds(facts)

    def children(self) -> Iterator[tuple[Path, ConditionBase]]:
        return iter([(("not",), self.not_)])
