"""Output of ``trustscore validate``: a line per valid file, positioned problems otherwise."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from trustscore.models.validation import ValidationReport
from trustscore.render.escaping import json_terminal_safe, safe_text
from trustscore.render.options import RenderOptions


class ProblemLike(Protocol):
    """Anything with a problem's fields (the error record or its JSON form)."""

    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def message(self) -> str: ...
    @property
    def hint(self) -> str: ...


MAX_SHOWN = 200
"""Problems printed per run; a hostile file can have tens of thousands."""


def problem_lines(problems: Iterable[ProblemLike], limit: int = MAX_SHOWN) -> list[str]:
    """``file:line:col: error: message`` with a ``hint:`` line, all input text escaped."""
    lines = []
    shown = 0
    hidden = 0
    for p in problems:
        if shown >= limit:
            hidden += 1
            continue
        shown += 1
        where = p.file if p.line <= 0 else f"{p.file}:{p.line}:{p.column}"
        lines.append(f"{safe_text(where)}: error: {safe_text(p.message)}")
        if p.hint:
            lines.append(f"  hint: {safe_text(p.hint)}")
    if hidden:
        lines.append(f"... and {hidden} more problem{'s' if hidden != 1 else ''} not shown "
                     "(trustscore validate --format json lists them all)")
    return lines


def problems_text(problems: Sequence[ProblemLike]) -> str:
    """Problems as ``file:line:col: error: ...`` lines and a count, for standard error."""
    lines = problem_lines(problems)
    files = len({p.file for p in problems})
    count = len(problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found"
                 + (f" in {files} files" if files > 1 else ""))
    return "\n".join(lines) + "\n"


def validation_text(report: ValidationReport, options: RenderOptions) -> str:
    """``file: ok (...)`` or ``file:line:col: error: ...`` lines, then a summary."""
    lines = []
    for check in report.files:
        if check.valid and check.kind == "review":
            lines.append(f"{safe_text(check.file)}: ok (review, {check.answers} items"
                         + (f", {safe_text(check.rubric)}" if check.rubric else "")
                         + (", checked against its assessment)" if check.bound else
                            "; not checked against an assessment: name it NAME.review.yaml "
                            "beside NAME.yaml)"))
        elif check.valid:
            lines.append(f"{safe_text(check.file)}: ok ({check.rubric}, "
                         f"{check.answers} answers)")
        else:
            lines += problem_lines(check.problems)
    bad = sum(1 for c in report.files if not c.valid)
    total = len(report.files)
    count = sum(len(c.problems) for c in report.files)
    lines.append(f"{total - bad} of {total} file{'s' if total != 1 else ''} valid"
                 + (f"; {count} problem{'s' if count != 1 else ''}" if bad else ""))
    return "\n".join(lines) + "\n"


def validation_json(report: ValidationReport, options: RenderOptions) -> str:
    """The validation report as JSON, for CI and editors."""
    return json_terminal_safe(report.model_dump_json(indent=2)) + "\n"
