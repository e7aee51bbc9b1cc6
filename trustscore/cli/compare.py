"""``trustscore compare FILE...``: vendors side by side."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import (
    AsOfOpt,
    OutputOpt,
    ProfileOpt,
    ReviewsOpt,
    RubricOpt,
    format_option,
)
from trustscore.render.registry import Kind


def compare(
    files: list[Path] = typer.Argument(..., metavar="FILE...", show_default=False,
                                       help="Two or more self-assessments to compare."),
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    fmt: str = format_option(Kind.COMPARISON),
    output: OutputOpt = None,
    review: ReviewsOpt = None,
) -> int:
    """Vendors side by side: headline, domains (best marked), and where they differ most."""
    from trustscore.cli.options import parse_as_of, render_options, rubric_inputs
    from trustscore.cli.output import is_stdout, write_output
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.comparing import compare_files

    reviews = review or []
    result = compare_files(files, rubric, profile, parse_as_of(as_of), reviews)
    write_output(render(result, Format(fmt), render_options(is_stdout(output))), output,
                 [*files, *rubric_inputs(rubric), *reviews])
    return 0
