"""``trustscore badge FILE``: a small SVG badge of the grade and score, for a website."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import AsOfOpt, OutputOpt, ProfileOpt, RubricOpt


def badge(
    file: Path = typer.Argument(..., metavar="FILE", show_default=False,
                                help="The self-assessment to score."),
    output: OutputOpt = None,
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
) -> int:
    """A small SVG badge with the grade, trust score and as-of date, for a website."""
    from trustscore.cli.options import parse_as_of, rubric_inputs
    from trustscore.cli.output import write_output
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.scoring import score_file

    scored = score_file(file, rubric, profile, parse_as_of(as_of))
    write_output(render(scored.report, Format.SVG), output, [file, *rubric_inputs(rubric)])
    return 0
