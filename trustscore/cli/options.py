"""The options commands share, declared once, and how their values are read.

Light by design (typer and enums only): every command module imports it, and
``trustscore --help`` must not import pydantic, yaml or rich.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from trustscore.errors import UsageError
from trustscore.render.options import Format, RenderOptions
from trustscore.render.registry import Kind, formats

RubricOpt = Annotated[str | None, typer.Option(
    "--rubric", "-r", metavar="ID|PATH", show_default=False,
    help="Built-in rubric id or path to a rubric file. Default: the rubric the assessment "
    "names, else it-services.")]
ProfileOpt = Annotated[str | None, typer.Option(
    "--profile", "-p", metavar="NAME", show_default=False,
    help="Weight profile of the rubric (a kind of buyer). Default: the domains' own weights.")]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", show_default=False,
    help="Judge evidence validity on this date. Default: today.")]
OutputOpt = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE", show_default=False,
    help="Write the output to FILE instead of stdout ('-': stdout). A regular file is "
    "replaced only when the run succeeds and keeps its permissions; a device or FIFO is "
    "written to.")]
FailUnderOpt = Annotated[float | None, typer.Option(
    "--fail-under", min=0, max=100, metavar="SCORE", show_default=False,
    help="Exit 1 if a trust score is below SCORE.")]
MinGradeOpt = Annotated[str | None, typer.Option(
    "--min-grade", metavar="GRADE", show_default=False,
    help="Exit 1 if a grade is below GRADE.")]
ReviewOpt = Annotated[Path | None, typer.Option(
    "--review", metavar="REVIEW.yaml", show_default=False,
    help="A buyer's review of this assessment (see 'trustscore review init'): verified "
    "evidence counts in full, rejected evidence not at all; the report shows the vendor's "
    "and the reviewed figures side by side. Refused if written for other bytes.")]
ReviewsOpt = Annotated[list[Path] | None, typer.Option(
    "--review", metavar="REVIEW.yaml", show_default=False,
    help="A buyer's review (repeatable): each applies to the assessment whose SHA-256 it "
    "names; a review naming none of the files given is refused.")]
StdinFilenameOpt = Annotated[str | None, typer.Option(
    "--stdin-filename", metavar="NAME", show_default=False,
    help="The file name to show in messages for an assessment read from standard input "
    "('-'). Default: <stdin>.")]


def choices(values: Iterable[Any]) -> str:
    """``[text|json|...]``: an option's choices as its metavar."""
    return "[" + "|".join(str(getattr(v, "value", v)) for v in values) + "]"


def format_option(kind: Kind, *, without: Iterable[Format] = (), help_text: str = "Output format."
                  ) -> Any:
    """``--format/-f`` offering exactly the formats the render registry has for ``kind``.

    A format the command does not write is a usage error listing the ones it does, in the
    words click uses for any other choice.
    """
    allowed = formats(kind, without=without)

    def check(value: str) -> Format:
        if value not in allowed:
            listed = ", ".join(repr(str(f)) for f in allowed)
            raise typer.BadParameter(f"{value!r} is not one of {listed}.")
        return Format(value)

    return typer.Option(allowed[0].value, "--format", "-f", metavar=choices(allowed),
                        callback=check, help=help_text)


def parse_as_of(value: str | None, option: str = "--as-of") -> dt.date:
    """``--as-of`` (or another date option) as a date; today when not given."""
    if value is None:
        return dt.date.today()
    from trustscore.models.assessment import ISO_DATE

    try:
        if not ISO_DATE.match(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be a date written as YYYY-MM-DD, got '{value}'") \
            from None


def render_options(to_terminal: bool, *, all_rows: bool = False,
                   profiles: bool = False) -> RenderOptions:
    """Colour and width for stdout: ``--color always|never`` if given, else colour only on
    a terminal (FORCE_COLOR forces it, NO_COLOR wins over both); never into a file.
    ``all_rows`` and ``profiles`` are the reader's content choices."""
    if not to_terminal:
        return RenderOptions(width=80, color=False, all_rows=all_rows, profiles=profiles)
    from trustscore.cli.session import SESSION, ColorChoice

    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if os.environ.get("FORCE_COLOR") and not os.environ.get("NO_COLOR"):
        color = True
    if SESSION.color is not ColorChoice.AUTO:  # the command line beats the environment
        color = SESSION.color is ColorChoice.ALWAYS
    width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    return RenderOptions(width=max(60, min(width, 120)), color=color, all_rows=all_rows,
                         profiles=profiles)


def rubric_inputs(rubric: str | None) -> list[str]:
    """A rubric given as a file is an input too: ``--output`` must not overwrite it."""
    return [rubric] if rubric is not None and Path(rubric).is_file() else []
