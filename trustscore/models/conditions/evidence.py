"""``evidence``: whether a control has an evidence item of a given kind, age or content."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from trustscore.errors import PathProblem
from trustscore.models.assessment import Evidence
from trustscore.models.conditions.base import ConditionBase, Facts, Identifier, LintContext, Path
from trustscore.models.report import EvidenceStatus
from trustscore.suggest import did_you_mean

EvidenceField = Literal["reference", "issuer", "issued", "expires", "url", "scope"]


class EvidenceHas(ConditionBase):
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
    """Issued no more than this many days before the as-of date (and not after it)."""
    valid_only: bool = True
    """Only items that count for their control (valid on the as-of date, identified,
    within reach, not overused or discredited); false also matches the rest, for rules
    about what a vendor cited rather than what it proved."""

    def holds(self, facts: Facts) -> bool:
        return any(self._matches(item, status, facts.as_of)
                   for item, status in facts.evidence.get(self.evidence, ()))

    def _matches(self, item: Evidence, status: EvidenceStatus, as_of: dt.date) -> bool:
        if self.valid_only and not status.counts:
            return False
        if self.kind_in is not None and item.kind not in self.kind_in:
            return False
        if self.with_fields is not None and not all(
                getattr(item, name) for name in self.with_fields):
            return False
        if self.text_contains is not None:
            needle = self.text_contains.lower()
            haystack = " ".join(t for t in (item.title, item.reference, item.scope) if t)
            if needle not in haystack.lower():
                return False
        limit = self.issued_within_days
        # a date after the as-of date is not "recent": it is a date nobody can hold yet
        return limit is None or (item.issued is not None
                                 and 0 <= (as_of - item.issued).days <= limit)

    def named(self) -> set[str]:
        return {self.evidence}

    def lint(self, path: Path, context: LintContext) -> None:
        context.known(self.evidence, (*path, "evidence"))
        for j, kind in enumerate(self.kind_in or []):
            if kind not in context.evidence_kinds:
                context.problems.append(PathProblem((*path, "kind_in", j),
                                                    f"unknown evidence kind '{kind}'",
                                                    did_you_mean(kind, context.evidence_kinds)))
