"""``scope``: compare an engagement-scope fact (personal data, hosting, card data, regions)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from trustscore.errors import PathProblem
from trustscore.models.conditions.base import (
    ConditionBase,
    Facts,
    LintContext,
    Op,
    Path,
    Scalar,
    compare,
)


class ScopeIs(ConditionBase):
    """Compare an engagement-scope fact."""

    scope: Literal["processes_client_personal_data", "hosts_client_systems",
                   "handles_card_data", "client_regions"]
    is_: Op = Field(alias="is")
    value: Scalar | list[Scalar]

    def holds(self, facts: Facts) -> bool:
        return compare(self.is_, getattr(facts.scope, self.scope), self.value)

    def lint(self, path: Path, context: LintContext) -> None:
        if self.scope == "client_regions":
            if self.is_ not in (Op.IN, Op.NOT_IN) or not isinstance(self.value, str):
                context.problems.append(PathProblem(path, "client_regions is tested with "
                                                    "'is: in' or 'is: not_in' and one region"))
        elif self.is_ not in (Op.EQ, Op.NE) or not isinstance(self.value, bool):
            context.problems.append(PathProblem(path, f"{self.scope} is compared with eq or "
                                                "ne and true or false"))
