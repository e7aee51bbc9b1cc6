"""The result of ``trustscore validate``: per file, valid or not, with every problem."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from trustscore.errors import Problem


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProblemRecord(_Frozen):
    """One problem, as tools and editors consume it (1-based line and column; 0 = none)."""

    file: str
    line: int
    column: int
    message: str
    hint: str

    @classmethod
    def of(cls, problem: Problem) -> ProblemRecord:
        """The record of an error-layer problem."""
        return cls(file=problem.file, line=problem.line, column=problem.column,
                   message=problem.message, hint=problem.hint)

    def problem(self) -> Problem:
        """Back to the error layer's problem (to report it on standard error)."""
        return Problem(self.file, self.line, self.column, self.message, self.hint)


class FileCheck(_Frozen):
    """One file's validation."""

    file: str
    valid: bool
    rubric: str | None
    answers: int
    problems: list[ProblemRecord]
    kind: str = "assessment"
    """``assessment``, or ``review`` for a buyer's review file (``answers`` then counts its
    items)."""
    bound: bool | None = None
    """For a review: whether it was checked against its assessment (found beside it by
    name) or only on its own."""


class ValidationReport(_Frozen):
    """All files of one ``validate`` run."""

    valid: bool
    files: list[FileCheck]
