"""``trustscore diff OLD NEW``: what changed for one vendor."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import OutputOpt, ProfileOpt, ReviewsOpt, RubricOpt, format_option
from trustscore.render.registry import Kind


def diff(
    old: Path = typer.Argument(..., metavar="OLD", show_default=False,
                               help="The earlier self-assessment."),
    new: Path = typer.Argument(..., metavar="NEW", show_default=False,
                               help="The later self-assessment."),
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="YYYY-MM-DD", show_default=False,
        help="Judge the new file's evidence on this date. Default: today. The old file is "
        "judged on its own assessment date."),
    fmt: str = format_option(Kind.DIFFERENCE),
    output: OutputOpt = None,
    fail_on_regression: bool = typer.Option(
        False, "--fail-on-regression",
        help="Exit 1 if the trust score or the grade went down, or a knockout newly failed."),
    review: ReviewsOpt = None,
) -> int:
    """What changed for one vendor between two self-assessments."""
    from trustscore.cli.messages import say
    from trustscore.cli.options import parse_as_of, render_options, rubric_inputs
    from trustscore.cli.output import is_stdout, write_output
    from trustscore.errors import ExitCode
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.comparing import diff_files

    reviews = review or []
    result = diff_files(old, new, rubric, profile, parse_as_of(as_of), reviews)
    write_output(render(result, Format(fmt), render_options(is_stdout(output))), output,
                 [old, new, *rubric_inputs(rubric), *reviews])
    say("warning", result.warnings)
    if fail_on_regression and result.regression:
        say("regression", ["the trust score or the grade went down, or a knockout newly "
                           "failed"])
        return ExitCode.GATE_FAILED
    return ExitCode.OK
