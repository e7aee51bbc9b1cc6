"""``as_of``: compare the as-of date (for rules that start or stop applying on a date)."""

from __future__ import annotations

import datetime as dt

from trustscore.models.conditions.base import (
    ConditionBase,
    Facts,
    LintContext,
    Op,
    Path,
    compare,
    ordering_only,
)


class AsOfIs(ConditionBase):
    """Compare the as-of date (for rules that start or stop applying on a date)."""

    as_of: Op
    value: dt.date

    def holds(self, facts: Facts) -> bool:
        return compare(self.as_of, facts.as_of, self.value)

    def lint(self, path: Path, context: LintContext) -> None:
        ordering_only(self.as_of, path, context)
