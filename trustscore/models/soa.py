"""An ISO/IEC 27001:2022 Statement of Applicability, as the firm's answers support it.

Why from the answers: a firm's own SoA says what it chose; this one says what its
trustscore answers and evidence show, control by control, so a buyer can set the two side
by side. Every one of Annex A's 93 controls has a row, reached by the rubric or not.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class Applicability(enum.StrEnum):
    """Whether the firm's answers make an Annex A control apply."""

    APPLICABLE = "applicable"
    NOT_APPLICABLE = "not applicable"
    NOT_ASSESSED = "not assessed"
    """No control of the rubric maps to it: the answers say nothing either way."""


class Implementation(enum.StrEnum):
    """How far the controls behind it are in place, as far as a buyer can rely on it."""

    IMPLEMENTED = "implemented"
    """Every applicable control behind it is satisfied (see ``ControlResult.satisfied``)."""
    PARTIAL = "partial"
    NOT_IMPLEMENTED = "not implemented"
    NOT_ANSWERED = "not answered"
    NONE = ""
    """Not applicable or not assessed."""


@dataclass(frozen=True)
class SoaControl:
    """A trustscore control behind an Annex A control, and what it earned."""

    id: str
    title: str
    answer: str | None
    contribution: float
    max_points: float
    satisfied: bool


@dataclass(frozen=True)
class SoaRow:
    """One Annex A control."""

    control: str
    title: str
    theme: str
    applicability: Applicability
    implementation: Implementation
    controls: list[SoaControl]
    evidence: list[str]
    justification: str
    """Why it does not apply (the answers' justifications), or why it was not assessed."""


@dataclass(frozen=True)
class StatementOfApplicability:
    """Every Annex A control, in order, for one scored assessment."""

    vendor: str
    rubric: str
    input_sha256: str
    as_of: dt.date
    rows: list[SoaRow]

    @property
    def counts(self) -> dict[str, int]:
        """How many rows are implemented, partial, ..., not applicable, not assessed."""
        found: dict[str, int] = {}
        for row in self.rows:
            key = row.implementation.value or row.applicability.value
            found[key] = found.get(key, 0) + 1
        return dict(sorted(found.items()))
