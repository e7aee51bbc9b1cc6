"""Evaluate the rubric's consistency rules against the facts of one assessment. Pure.

Conditions see answers as given (yes/no as booleans) and points *before* any rule applies,
so rules do not chase each other: the order of rules never changes the result. Each
condition evaluates itself (:mod:`trustscore.models.conditions`).
"""

from __future__ import annotations

from collections.abc import Sequence

from trustscore.models.conditions import Facts
from trustscore.models.rules import Rule


def fired(rules: Sequence[Rule], facts: Facts) -> list[Rule]:
    """The rules whose condition holds, in rubric order."""
    return [rule for rule in rules if rule.when.holds(facts)]
